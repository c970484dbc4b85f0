/// A node of a Parquet schema tree: a primitive column or a group of fields.
///
/// Build nested types with the helpers, e.g. the 3-level list pyarrow writes:
/// ```swift
/// let prompt = ParquetField.list("prompt", element: .group("element", [.string("content"), .string("role")]))
/// ```
public struct ParquetField: Sendable, Equatable {
    /// What a node holds.
    public enum Kind: Sendable, Equatable {
        /// A leaf column with its physical type and optional logical annotation.
        case primitive(ParquetPhysicalType, ParquetLogicalType?)
        /// A group of child fields, optionally annotated (LIST).
        case group([ParquetField], ParquetLogicalType?)
    }

    /// The field name as it appears in the file.
    public var name: String
    /// Required, optional or repeated.
    public var repetition: ParquetRepetition
    /// Leaf or group.
    public var kind: Kind

    /// Creates a field.
    public init(name: String, repetition: ParquetRepetition, kind: Kind) {
        self.name = name
        self.repetition = repetition
        self.kind = kind
    }

    /// An optional UTF-8 string column (BYTE_ARRAY annotated STRING / UTF8), as pandas writes `str`.
    public static func string(_ name: String, _ repetition: ParquetRepetition = .optional) -> ParquetField {
        ParquetField(name: name, repetition: repetition, kind: .primitive(.byteArray, .string))
    }

    /// An optional INT64 column.
    public static func int64(_ name: String, _ repetition: ParquetRepetition = .optional) -> ParquetField {
        ParquetField(name: name, repetition: repetition, kind: .primitive(.int64, nil))
    }

    /// A FLOAT column (32-bit IEEE 754).
    public static func float(_ name: String, _ repetition: ParquetRepetition = .optional) -> ParquetField {
        ParquetField(name: name, repetition: repetition, kind: .primitive(.float, nil))
    }

    /// An optional struct (group) of fields.
    public static func group(_ name: String, _ fields: [ParquetField], _ repetition: ParquetRepetition = .optional) -> ParquetField {
        ParquetField(name: name, repetition: repetition, kind: .group(fields, nil))
    }

    /// An optional list in the 3-level layout: `optional group name (LIST) { repeated group list { <element> } }`.
    public static func list(_ name: String, element: ParquetField) -> ParquetField {
        let repeatedGroup = ParquetField(name: "list", repetition: .repeated, kind: .group([element], nil))
        return ParquetField(name: name, repetition: .optional, kind: .group([repeatedGroup], .list))
    }
}

/// One leaf column of a schema, with the level bounds its pages need.
public struct ParquetLeafColumn: Sendable, Equatable {
    /// Dotted path from the root, e.g. `["prompt", "list", "element", "content"]`.
    public var path: [String]
    /// Physical type of the values.
    public var type: ParquetPhysicalType
    /// Maximum definition level (number of optional or repeated ancestors, self included).
    public var maxDefinitionLevel: Int
    /// Maximum repetition level (number of repeated ancestors, self included).
    public var maxRepetitionLevel: Int
}

/// A whole file schema: the root's children, flattened for the footer and for the column writers.
///
/// - Complexity: O(n) in the number of nodes to flatten.
public struct ParquetSchema: Sendable, Equatable {
    /// Top-level fields in file order.
    public let fields: [ParquetField]
    /// Leaf columns, depth-first, in the order column chunks are written.
    public let leaves: [ParquetLeafColumn]
    /// Footer schema list (root first).
    let elements: [SchemaElement]

    /// Flattens `fields` under a required root named `schema` (pyarrow's root name).
    public init(fields: [ParquetField]) {
        self.fields = fields
        var elements = [
            SchemaElement(
                name: "schema", type: nil, repetition: .required,
                numChildren: Int32(fields.count), convertedType: nil, logicalType: nil)
        ]
        var leaves: [ParquetLeafColumn] = []
        for field in fields {
            Self.flatten(field, path: [], def: 0, rep: 0, elements: &elements, leaves: &leaves)
        }
        self.elements = elements
        self.leaves = leaves
    }

    private static func flatten(
        _ field: ParquetField, path: [String], def: Int, rep: Int,
        elements: inout [SchemaElement], leaves: inout [ParquetLeafColumn]
    ) {
        let def = def + (field.repetition == .required ? 0 : 1)
        let rep = rep + (field.repetition == .repeated ? 1 : 0)
        let path = path + [field.name]
        switch field.kind {
        case let .primitive(type, logical):
            elements.append(
                SchemaElement(
                    name: field.name, type: type, repetition: field.repetition,
                    numChildren: nil, convertedType: logical == .string ? .utf8 : nil,
                    logicalType: logical))
            leaves.append(ParquetLeafColumn(path: path, type: type, maxDefinitionLevel: def, maxRepetitionLevel: rep))
        case let .group(children, logical):
            elements.append(
                SchemaElement(
                    name: field.name, type: nil, repetition: field.repetition,
                    numChildren: Int32(children.count),
                    convertedType: logical == .list ? .list : nil, logicalType: logical))
            for child in children {
                flatten(child, path: path, def: def, rep: rep, elements: &elements, leaves: &leaves)
            }
        }
    }
}
