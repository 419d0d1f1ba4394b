import DMLXCore

/// An iterative 2-D map of `n` points (t-SNE, UMAP) that is advanced a few iterations at
/// a time, so that a map can be drawn while it forms and abandoned between two steps
/// when a newer one is wanted (DESIGN.md §6). Conformers are value types: a copy is a
/// snapshot of the optimisation, and `step` is deterministic for a given seed.
public protocol MapOptimizer: Sendable {
    /// The current `n × 2` layout.
    var layout: Matrix<Float> { get }
    /// Iterations (t-SNE) or epochs (UMAP) done so far.
    var iteration: Int { get }
    /// Iterations the schedule plans in all; `step` does nothing beyond it.
    var totalIterations: Int { get }
    /// Advances up to `count` iterations, stopping at `totalIterations`.
    mutating func step(_ count: Int)
}

extension MapOptimizer {
    public var isFinished: Bool { iteration >= totalIterations }

    /// Runs the rest of the schedule.
    public mutating func finish() { step(totalIterations - iteration) }
}
