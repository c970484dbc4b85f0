import Foundation

extension VerlRow {
    /// Appends this row's values and levels to the 14 column builders of `VerlRow.parquetSchema`.
    ///
    /// Levels (all fields optional, so each present ancestor adds one definition level):
    /// `data_source`/`ability` def 1; `reward_model.*`/`extra_info.*` def 2;
    /// `prompt.list.element.{content,role}` def 4, rep 1 for the 2nd and later message,
    /// an empty prompt is one entry at def 1.
    func shred(into c: inout [ParquetColumnBuilder]) {
        c[0].appendString(dataSource, rep: 0)
        if prompt.isEmpty {
            c[1].appendNull(def: 1, rep: 0)
            c[2].appendNull(def: 1, rep: 0)
        } else {
            var rep: UInt8 = 0
            for message in prompt {
                c[1].appendString(message.content, rep: rep)
                c[2].appendString(message.role, rep: rep)
                rep = 1
            }
        }
        c[3].appendString(ability, rep: 0)
        c[4].appendString(rewardModel.groundTruth, rep: 0)
        c[5].appendString(rewardModel.style, rep: 0)
        c[6].appendOptionalString(extraInfo.answerType)
        c[7].appendInt64(extraInfo.index, rep: 0)
        c[8].appendOptionalString(extraInfo.question)
        c[9].appendString(extraInfo.source, rep: 0)
        c[10].appendString(extraInfo.sourceKey, rep: 0)
        c[11].appendString(extraInfo.split, rep: 0)
        c[12].appendOptionalString(extraInfo.url)
        c[13].appendOptionalInt64(extraInfo.year)
        for i in c.indices { c[i].endRow() }
    }
}
