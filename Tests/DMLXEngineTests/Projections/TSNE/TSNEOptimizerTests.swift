import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport

@Suite struct TSNEOptimizerTests {
    static let fixture = TSNEFixture.named("iris-perplexity10")
    static let affinities = fixture.openTSNEAffinities
    static let start = Matrix<Float>(Matrix(fixture.layout))

    /// The first step by hand: gains 1 → 1.2 (a zero update never agrees with the
    /// gradient), update `−(n/12) · 1.2 · g` with P exaggerated 12 times, steps cut to
    /// length 5, then the layout re-centred.
    @Test func theFirstStepIsOpenTSNEsUpdate() {
        var optimizer = TSNEOptimizer(affinities: Self.affinities, initial: Self.start)
        optimizer.step(1)
        var gradient = TSNEGradient(affinities: Self.affinities, repulsion: TSNEConfiguration().repulsion(points: Self.start.rows))
        let g = gradient.evaluate(Matrix<Double>(Self.start), exaggeration: 12)
        let n = Self.start.rows
        var expected = Matrix<Double>(Self.start)
        for i in 0..<n {
            var step = (-Double(n) / 12 * 1.2 * g[i, 0], -Double(n) / 12 * 1.2 * g[i, 1])
            let norm = (step.0 * step.0 + step.1 * step.1).squareRoot()
            if norm > 5 { step = (step.0 * 5 / norm, step.1 * 5 / norm) }
            expected[i, 0] += step.0
            expected[i, 1] += step.1
        }
        for c in 0..<2 {
            let mean = (0..<n).reduce(0.0) { $0 + expected[$1, c] } / Double(n)
            for i in 0..<n { expected[i, c] -= mean }
        }
        #expect(GradientCheck.relativeError(Matrix<Double>(optimizer.layout), expected) < 1e-6)
        #expect(optimizer.iteration == 1 && optimizer.totalIterations == 750)
    }

    @Test func aMapIsTheSameHoweverItsIterationsAreSplit() {
        var whole = TSNEOptimizer(affinities: Self.affinities, initial: Self.start)
        whole.step(300)
        var pieces = TSNEOptimizer(affinities: Self.affinities, initial: Self.start, threads: 2)
        for count in [1, 7, 242, 50] { pieces.step(count) }
        #expect(whole.layout == pieces.layout && pieces.iteration == 300)
        var copy = pieces
        copy.step(10)
        pieces.step(10)
        #expect(copy.layout == pieces.layout, "a copy is a snapshot that continues alike")
    }

    /// From openTSNE's start the optimisation lowers KL(P‖Q) far below the start's and
    /// ends with the 3 iris species apart: each point's nearest neighbour on the map is of
    /// its own species for nearly all points.
    @Test func theOptimisationLowersTheDivergenceAndSeparatesTheSpecies() throws {
        let iris = try BuiltinDatasets.iris()
        let points = iris.features
        let neighbors = NearestNeighbors.search(queries: points, references: points, k: 30, excludeSelf: true)
        let p = TSNEAffinities.joint(neighbors: neighbors, perplexity: 10)
        let initial = try TSNEInitialization.pca(points, seed: 0)
        var optimizer = TSNEOptimizer(affinities: p, initial: initial)
        optimizer.finish()
        let before = NaiveTSNE.divergence(layout: Matrix<Double>(initial), affinities: p)
        let after = NaiveTSNE.divergence(layout: Matrix<Double>(optimizer.layout), affinities: p)
        #expect(after < before / 4, "KL \(before) → \(after)")
        let onMap = NearestNeighbors.search(queries: optimizer.layout, references: optimizer.layout, k: 1, excludeSelf: true)
        let agreeing = (0..<points.rows).filter { iris.labels[$0] == iris.labels[Int(onMap.neighbors(of: $0).first!)] }.count
        #expect(agreeing >= 140, "\(agreeing) of 150 nearest neighbours share the species")
    }
}
