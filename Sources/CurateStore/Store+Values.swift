import CurateCore
import GRDB

// The typed values of CurateCore go into the store as their raw text and come back through `Row.decode`, which
// throws (naming the column) on text that is none of the cases, for example a store written by a newer version.
extension PipelineStep: DatabaseValueConvertible {}
extension StepStatus: DatabaseValueConvertible {}
extension PairKind: DatabaseValueConvertible {}
extension DropReason: DatabaseValueConvertible {}
extension ExtractionStatus: DatabaseValueConvertible {}
extension ExtractionOrigin: DatabaseValueConvertible {}
