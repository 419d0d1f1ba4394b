import DMLXCore
import Foundation

/// Loads delimited text files: CSV, TSV, and whitespace-separated `.txt`.
///
/// By default the class label is the last column (the convention of ../shared/data and of
/// UCI files), a header line is skipped when it has non-numeric feature fields, and text
/// labels ("setosa") become 0, 1, 2, ... in order of first appearance with their names kept
/// in `Dataset.classNames`. Errors name the file, line and column (`DatasetError`).
public enum CSVLoader {
    /// The table in the file at `path`.
    public static func table(path: String, options: CSVOptions = CSVOptions()) throws -> CSVTable {
        let bytes = try DataFile.read(path)
        let delimiter = options.delimiter ?? delimiter(forPath: path, firstBytes: bytes.prefix(4096))
        return try bytes.withUnsafeBufferPointer { buffer in
            try parser(file: path, delimiter: delimiter, options: options).parse(buffer)
        }
    }

    /// The table in `text`, which came from `file` (named in errors only).
    public static func table(text: String, file: String, options: CSVOptions = CSVOptions()) throws -> CSVTable {
        var text = text
        return try text.withUTF8 { buffer in
            let delimiter = options.delimiter ?? delimiter(forPath: file, firstBytes: buffer.prefix(4096))
            return try parser(file: file, delimiter: delimiter, options: options).parse(buffer)
        }
    }

    /// A labelled data set from the file at `path`; `options.labelColumn` must not be `.none`.
    public static func dataset(path: String, options: CSVOptions = CSVOptions()) throws -> Dataset {
        precondition(options.labelColumn != .none, "a data set needs a label column")
        let table = try table(path: path, options: options)
        guard table.features.cols > 0 else {
            throw DatasetError(file: path, position: .none, expected: "at least one feature column besides the label",
                               found: "only one column")
        }
        return Dataset(name: URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent,
                       features: table.features, labels: table.labels ?? [], classNames: table.classNames)
    }

    /// One class label per line (integers or text), as in a labels file or a one-column
    /// TensorBoard metadata file; returns the labels and, for text labels, their names.
    public static func labels(path: String) throws -> (labels: [Int], classNames: [Int: String]) {
        let table = try table(path: path, options: CSVOptions(delimiter: .tab, labelColumn: .last, hasHeader: false))
        guard table.features.cols == 0 else {
            throw DatasetError(file: path, position: .line(1, column: nil),
                               expected: "one label per line", found: "\(table.features.cols + 1) tab-separated fields")
        }
        return (table.labels ?? [], table.classNames)
    }

    private static func parser(file: String, delimiter: CSVOptions.Delimiter, options: CSVOptions) -> CSVParser {
        CSVParser(file: file, delimiter: delimiter, labelColumn: options.labelColumn, hasHeader: options.hasHeader)
    }

    /// `.tsv`/`.tab` mean tab and `.csv` comma; anything else is sniffed from the first line.
    static func delimiter<Bytes: Collection<UInt8>>(forPath path: String, firstBytes: Bytes) -> CSVOptions.Delimiter {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "tsv", "tab": return .tab
        case "csv": return .comma
        default:
            let firstLine = firstBytes.prefix { $0 != 0x0A }
            if firstLine.contains(0x09) { return .tab }
            if firstLine.contains(0x2C) { return .comma }
            return .whitespace
        }
    }
}
