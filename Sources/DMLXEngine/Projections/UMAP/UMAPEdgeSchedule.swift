/// When UMAP's optimisation samples each edge (umap-learn's `make_epochs_per_sample` and
/// the bookkeeping of `optimize_layout_euclidean`): the graph's directed edges in row
/// order, less those lighter than `1/epochs` of the heaviest (they would not be sampled
/// once), each sampled every `w_max / w` epochs and drawing negative samples
/// `negativeSampleRate` times as often.
public struct UMAPEdgeSchedule: Sendable {
    public private(set) var heads: [Int32] = []
    public private(set) var tails: [Int32] = []
    /// Epochs between two samplings of the edge, `w_max / w` (umap-learn's
    /// `epochs_per_sample`).
    public private(set) var everySample: [Double] = []
    private var nextSample: [Double]
    private var everyNegative: [Double]
    private var nextNegative: [Double]

    public init(_ graph: SparseGraph, epochs: Int, negativeSampleRate: Int) {
        let heaviest = graph.weights.max() ?? 0
        let threshold = Double(heaviest) / Double(epochs)
        for i in 0..<graph.count {
            let (columns, weights) = graph.row(i)
            for (j, w) in zip(columns, weights) where Double(w) >= threshold && w > 0 {
                heads.append(Int32(i))
                tails.append(j)
                everySample.append(Double(epochs) / (Double(epochs) * (Double(w) / Double(heaviest))))
            }
        }
        nextSample = everySample
        everyNegative = everySample.map { $0 / Double(negativeSampleRate) }
        nextNegative = everyNegative
    }

    /// The edges and their mutable schedule as raw buffers, for the epoch loop.
    mutating func withEdges(
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>, UnsafeMutableBufferPointer<Double>,
                 UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeBufferPointer<Double>) -> Void
    ) {
        heads.withUnsafeBufferPointer { heads in
            tails.withUnsafeBufferPointer { tails in
                everySample.withUnsafeBufferPointer { everySample in
                    everyNegative.withUnsafeBufferPointer { everyNegative in
                        nextSample.withUnsafeMutableBufferPointer { nextSample in
                            nextNegative.withUnsafeMutableBufferPointer { nextNegative in
                                body(heads, tails, nextSample, everySample, nextNegative, everyNegative)
                            }
                        }
                    }
                }
            }
        }
    }
}
