import DMLXCore
import Foundation

/// UMAP's layout optimisation, umap-learn 0.5.12's `optimize_layout_euclidean`
/// (McInnes et al. 2018, §3.2): stochastic gradient descent on the fuzzy cross-entropy,
/// one epoch a sweep over the graph's directed edges in row order.
///
/// - Edges lighter than `1/epochs` of the heaviest are dropped; edge `e` is sampled every
///   `w_max / w_e` epochs (`UMAPEdgeSchedule`).
/// - A sampled edge `(i, j)` pulls both ends together along
///   `−2ab·d^{2(b−1)} / (1 + a·d^{2b}) · (y_i − y_j)`, then pushes `y_i` from uniformly
///   drawn points, 5 per sampling of the edge, along
///   `2γb / ((0.001 + d²)(1 + a·d^{2b})) · (y_i − y_k)`; every gradient coordinate is
///   clipped to ±4.
/// - The learning rate falls linearly from its start towards 0 (epoch 0 and 1 both at the
///   start, as umap-learn updates it after each epoch).
///
/// Sequential and seeded (one xoshiro stream for the negative samples), so a map is the
/// same for a seed however its epochs are split into steps. umap-learn draws from another
/// generator, so its maps differ point by point, not in quality.
public struct UMAPOptimizer: MapOptimizer {
    public let configuration: UMAPConfiguration
    public let curve: UMAPCurve
    public private(set) var iteration = 0
    public let totalIterations: Int
    private var positions: [Float]
    private var schedule: UMAPEdgeSchedule
    private let power: PowerTable
    private var generator: SeededGenerator

    public init(graph: SparseGraph, initial: Matrix<Float>, configuration: UMAPConfiguration = UMAPConfiguration()) {
        precondition(initial.rows == graph.count && initial.cols == 2, "the initial layout is \(graph.count) × 2")
        self.configuration = configuration
        curve = UMAPCurve(spread: configuration.spread, minimumDistance: configuration.minimumDistance)
        totalIterations = configuration.epochCount(points: graph.count)
        positions = initial.storage
        schedule = UMAPEdgeSchedule(graph, epochs: totalIterations, negativeSampleRate: configuration.negativeSampleRate)
        power = PowerTable(exponent: Float(curve.b))
        generator = SeededGenerator(seed: configuration.seed)
    }

    public var layout: Matrix<Float> { Matrix(rows: positions.count / 2, cols: 2, storage: positions) }

    public mutating func step(_ count: Int) {
        for _ in 0..<max(0, min(count, totalIterations - iteration)) {
            let decayed = 1 - Double(max(iteration - 1, 0)) / Double(totalIterations)
            let epoch = Epoch(index: iteration, learningRate: Float(configuration.learningRate * decayed),
                              a: Float(curve.a), b: Float(curve.b), repulsion: Float(2 * configuration.repulsionStrength * curve.b))
            power.withPower { power in epoch.run(on: &positions, schedule: &schedule, generator: &generator, power: power) }
            iteration += 1
        }
    }

    /// One sweep over the edges with its constants.
    private struct Epoch {
        let index: Int
        let learningRate: Float
        let a: Float
        let b: Float
        /// `2γb`.
        let repulsion: Float

        func run(on positions: inout [Float], schedule: inout UMAPEdgeSchedule, generator: inout SeededGenerator,
                 power: (Float) -> Float) {
            let n = positions.count / 2
            let now = Double(index)
            positions.withUnsafeMutableBufferPointer { y in
                schedule.withEdges { heads, tails, nextSample, everySample, nextNegative, everyNegative in
                    for edge in 0..<heads.count where nextSample[edge] <= now {
                        let (i, j) = (Int(heads[edge]), Int(tails[edge]))
                        var (dx, dy) = (y[2 * i] - y[2 * j], y[2 * i + 1] - y[2 * j + 1])
                        var squared = dx * dx + dy * dy
                        if squared > 0 {
                            let powered = power(squared)
                            let pull = -2 * a * b * (powered / squared) / (a * powered + 1)
                            let (gx, gy) = (clip(pull * dx) * learningRate, clip(pull * dy) * learningRate)
                            y[2 * i] += gx
                            y[2 * i + 1] += gy
                            y[2 * j] -= gx
                            y[2 * j + 1] -= gy
                        }
                        nextSample[edge] += everySample[edge]
                        let negatives = Int((now - nextNegative[edge]) / everyNegative[edge])
                        for _ in 0..<max(negatives, 0) {
                            let k = Int(((generator.next() >> 32) * UInt64(n)) >> 32)
                            (dx, dy) = (y[2 * i] - y[2 * k], y[2 * i + 1] - y[2 * k + 1])
                            squared = dx * dx + dy * dy
                            guard squared > 0 else { continue }
                            let push = repulsion / ((0.001 + squared) * (a * power(squared) + 1))
                            y[2 * i] += clip(push * dx) * learningRate
                            y[2 * i + 1] += clip(push * dy) * learningRate
                        }
                        nextNegative[edge] += Double(negatives) * everyNegative[edge]
                    }
                }
            }
        }
    }
}

/// umap-learn's `clip`: gradient coordinates are held to ±4.
@inline(__always) private func clip(_ value: Float) -> Float { min(4, max(-4, value)) }
