/// How to read a delimited text file. The defaults read the reference CSVs and most
/// exports (pandas `to_csv`, `np.savetxt`, TensorBoard projector TSV) without options.
public struct CSVOptions: Sendable, Equatable {
    public enum Delimiter: Sendable, Equatable {
        case comma
        case tab
        /// One or more spaces or tabs (`np.savetxt`'s default).
        case whitespace

        /// How error messages describe rows: "comma-separated".
        var adjective: String {
            switch self {
            case .comma: "comma-separated"
            case .tab: "tab-separated"
            case .whitespace: "whitespace-separated"
            }
        }
    }

    public enum LabelColumn: Sendable, Equatable {
        /// The class label is the last field (the convention of ../shared/data and of UCI files).
        case last
        /// The class label is field `index` (0-based); the other fields are features.
        case index(Int)
        /// Every field is a feature (embeddings whose labels live in another file).
        case none
    }

    /// nil: `.tab` for `.tsv`/`.tab` files, `.comma` for `.csv`, otherwise sniffed from the
    /// first line (tab, then comma, then whitespace).
    public var delimiter: Delimiter?
    public var labelColumn: LabelColumn
    /// nil: the first line is a header when one of its feature fields is not a number.
    public var hasHeader: Bool?

    public init(delimiter: Delimiter? = nil, labelColumn: LabelColumn = .last, hasHeader: Bool? = nil) {
        self.delimiter = delimiter
        self.labelColumn = labelColumn
        self.hasHeader = hasHeader
    }
}
