import DMLXCore

/// The parsed contents of a delimited text file: one feature row per data line, and the
/// class labels when the options named a label column.
public struct CSVTable: Sendable {
    public var features: Matrix<Float>
    /// Integer labels as written, or, for text labels ("setosa"), 0, 1, 2, ... in order of
    /// first appearance; nil when the label column was `.none`.
    public var labels: [Int]?
    /// The text of each label when the file used text labels; empty for integer labels.
    public var classNames: [Int: String]
    /// The header fields, when the file had a header line.
    public var header: [String]?
}
