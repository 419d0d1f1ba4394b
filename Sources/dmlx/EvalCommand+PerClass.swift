import DMLXEngine
import Foundation

extension EvalCommand {
    /// How many confusions a row of the text table names.
    static let textConfusionCount = 3

    /// `--per-class` as text: one row per class, the worst MAP@R first, with its three most
    /// retrieved other classes and their shares of its R-deep lists.
    static func perClassTable(_ scores: PerClassScores, names: [Int: String], approximate: Bool) -> String {
        let name = { (label: Int) in names[label].map { "\(label) \($0)" } ?? String(label) }
        let width = max(5, scores.classes.map { name($0.label).count }.max() ?? 0)
        let number = { (value: Double) in value.isNaN ? "    -" : String(format: "%.3f", value) }
        let header = "per class, worst MAP@R first" + (approximate ? " (approximate)" : "")
            + "; confused with: the classes among each query's R nearest, as shares of them"
        let columns = "class".padding(toLength: width, withPad: " ", startingAt: 0)
            + "      n    P@1  R-prec  MAP@R  confused with"
        let rows = scores.worstFirst.map { row in
            let confusions = row.confusions.prefix(textConfusionCount)
                .map { "\(name($0.label)) \(String(format: "%.1f%%", 100 * $0.share))" }.joined(separator: ", ")
            return name(row.label).padding(toLength: width, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(1, 7 - String(row.count).count)) + String(row.count)
                + "  " + number(row.precisionAt1) + "   " + number(row.rPrecision) + "  " + number(row.mapAtR)
                + "  " + (row.isLone ? "(alone: no other sample to retrieve)" : confusions)
        }
        return ([header, columns] + rows).joined(separator: "\n")
    }
}
