import ArgumentParser
import DMLXCore
import DMLXEngine
import Foundation

/// `--index` and `--index-params`: how neighbours are searched (exact, or faiss's HNSW or
/// IVF), shared by the commands that search them. Without `--index` the choice is
/// automatic (`NeighborIndexChoice`): exact while it answers within about a minute, IVF above,
/// and said so on stderr.
struct IndexOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Neighbour search (default: exact up to about \(Self.exactLimitExample), faiss's IVF above; approximate results state their measured recall).",
        valueName: "kind"))
    var index: NeighborIndexKind?

    @Option(name: .customLong("index-params"), help: ArgumentHelp(
        "Parameters of --index, key=value,... — " + NeighborIndexKind.allCases.filter { !$0.parameters.isEmpty }.map { kind in
            "\(kind.rawValue): " + kind.parameters.map { "\($0.key), \($0.meaning)" }.joined(separator: "; ")
        }.joined(separator: ". ") + ".",
        valueName: "key=value,..."))
    var indexParams: String?

    func validate() throws {
        _ = try choice()
    }

    func choice() throws -> NeighborIndexChoice {
        guard let indexParams else { return NeighborIndexChoice(kind: index) }
        guard let index else { throw ValidationError("--index-params needs --index (hnsw or ivf)") }
        do {
            return NeighborIndexChoice(kind: index, parameters: try NeighborIndexParameters(parsing: indexParams, for: index))
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Builds the index over `points` (read from `source`) with a progress line on stderr,
    /// and says on stderr which index an automatic choice made when it is not exact.
    func build(_ points: Matrix<Float>, source: String, threads: Int, quiet: Bool) throws -> NeighborIndex {
        let line = ProgressLine(quiet: quiet)
        defer { line.finish() }
        let kind = try choice().resolvedKind(points: points.rows, dimension: points.cols)
        let built = try NeighborIndex.build(points, choice: try choice(), threads: threads) { share in
            line.show("\(source): building the \(kind.rawValue) index of \(points.rows) points", share: share)
            return true
        }
        guard let index = built else { throw CommandFailure("\(source): the index build was stopped") }
        if index.isAutomatic && !index.isExact {
            line.finish()
            FileHandle.standardError.write(Data((
                "\(source): \(points.rows) points of dimension \(points.cols) are more than exact search answers within a minute; "
                + "approximate search: \(index.summary)\n").utf8))
        }
        return index
    }

    /// "1,000,000 points of dimension 128" style example of the automatic limit.
    private static var exactLimitExample: String {
        let points = Int((NeighborIndexChoice.defaultExactWorkLimit / 130).squareRoot() / 1000) * 1000
        return "\(points) points of dimension 128"
    }
}

extension NeighborIndexKind: ExpressibleByArgument {}
