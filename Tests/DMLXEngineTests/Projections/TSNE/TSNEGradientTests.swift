import Testing
import DMLXCore
import DMLXEngine
import DMLXTestSupport

@Suite struct TSNEGradientTests {
    /// A small P from real data and a layout spread as a map mid-optimisation is.
    static let fixture = TSNEFixture.named("iris-perplexity10")
    static let layout = Matrix(fixture.layout)
    static let affinities = fixture.openTSNEAffinities
    static let openTSNEGrid = TSNERepulsionMethod.interpolation(TSNEInterpolation())

    @Test func theNaiveGradientIsAQuarterOfTheDivergencesDerivative() {
        let small = Matrix<Double>(rows: 40, cols: 2, storage: Array(Self.layout.storage.prefix(80)).map { $0 / 4 })
        let neighbors = NearestNeighbors.search(queries: Matrix<Float>(small), references: Matrix<Float>(small), k: 12,
                                                excludeSelf: true)
        let p = TSNEAffinities.joint(neighbors: neighbors, perplexity: 4)
        let numerical = GradientCheck.numerical(at: small, step: 1e-5) { NaiveTSNE.divergence(layout: $0, affinities: p) }
        let analytic = NaiveTSNE.gradient(layout: small, affinities: p)
        let quarter = Matrix(rows: 40, cols: 2, storage: numerical.storage.map { $0 / 4 })
        #expect(GradientCheck.relativeError(analytic, quarter) < 1e-6)
    }

    /// The interpolation is openTSNE's, node for node: the gradient equals its
    /// `kl_divergence_fft` up to the rounding of two different FFT orders.
    @Test(arguments: TSNEFixture.all.map(\.name))
    func theGradientEqualsOpenTSNEs(name: String) {
        let fixture = TSNEFixture.named(name)
        var gradient = TSNEGradient(affinities: fixture.openTSNEAffinities, repulsion: Self.openTSNEGrid)
        let ours = gradient.evaluate(Matrix(fixture.layout))
        #expect(GradientCheck.relativeError(ours, Matrix(fixture.gradient)) < 1e-6, "\(name)")
    }

    /// Against the exact O(n²) sums: openTSNE's grid errs by about 1.5% of the gradient's
    /// scale, and a finer grid converges to the exact gradient.
    @Test func theInterpolationConvergesToTheExactGradient() {
        let exact = NaiveTSNE.gradient(layout: Self.layout, affinities: Self.affinities, exaggeration: 12)
        var standard = TSNEGradient(affinities: Self.affinities, repulsion: Self.openTSNEGrid)
        let standardError = GradientCheck.relativeError(standard.evaluate(Self.layout, exaggeration: 12), exact)
        var fine = TSNEInterpolation()
        fine.nodesPerInterval = 5
        fine.intervalWidth = 0.25
        var finer = TSNEGradient(affinities: Self.affinities, repulsion: .interpolation(fine))
        let fineError = GradientCheck.relativeError(finer.evaluate(Self.layout, exaggeration: 12), exact)
        #expect(standardError < 3e-2, "openTSNE's grid: \(standardError)")
        #expect(fineError < standardError / 100, "finer grid: \(fineError) vs \(standardError)")
    }

    /// Barnes–Hut against the exact O(n²) sums: at θ = 0.5 it errs by about as much as
    /// openTSNE's grid, and as θ falls it converges, exact at 0 (every cell opened).
    @Test func barnesHutConvergesToTheExactGradient() {
        let exact = NaiveTSNE.gradient(layout: Self.layout, affinities: Self.affinities, exaggeration: 1)
        func error(_ theta: Double) -> Double {
            var gradient = TSNEGradient(affinities: Self.affinities, repulsion: .barnesHut(theta: theta))
            return GradientCheck.relativeError(gradient.evaluate(Self.layout), exact)
        }
        let (standard, fine, exactly) = (error(0.5), error(0.1), error(0))
        #expect(standard < 3e-2 && fine < standard / 10 && exactly < 1e-12, "θ 0.5: \(standard), 0.1: \(fine), 0: \(exactly)")
    }

    /// Coincident points: a point's own leaf counts only the others, so Z has no
    /// self-interaction, as in the naive sums.
    @Test func barnesHutCountsCoincidentPointsButNotThePointItself() {
        let layout = Matrix<Double>([[0, 0], [0, 0], [0, 0], [3, 1], [-2, 4]])
        let p = SparseGraph(count: 5, offsets: [0, 1, 2, 3, 4, 5], columns: [1, 0, 3, 2, 0], weights: [0.2, 0.2, 0.2, 0.2, 0.2])
        var gradient = TSNEGradient(affinities: p, repulsion: .barnesHut(theta: 0))
        #expect(GradientCheck.relativeError(gradient.evaluate(layout), NaiveTSNE.gradient(layout: layout, affinities: p)) < 1e-12)
    }

    @Test(arguments: [Self.openTSNEGrid, .barnesHut(theta: 0.5)])
    func threadsDoNotChangeTheGradient(repulsion: TSNERepulsionMethod) {
        var one = TSNEGradient(affinities: Self.affinities, repulsion: repulsion, threads: 1)
        var three = TSNEGradient(affinities: Self.affinities, repulsion: repulsion, threads: 3)
        #expect(one.evaluate(Self.layout) == three.evaluate(Self.layout))
    }

    /// openTSNE's rule for the intervals per axis: `max(50, ⌊span⌋)` rounded up to an
    /// FFT-friendly size, at most 1000.
    @Test func intervalsFollowOpenTSNEsRule() {
        let interpolation = TSNEInterpolation()
        let expected: [(Double, Int)] = [(1e-6, 50), (10, 50), (50.9, 50), (51, 52), (99.9, 99), (101, 104), (143.5, 144),
                                         (997, 1000), (5000, 1000)]
        for (span, intervals) in expected { #expect(interpolation.intervals(span: span) == intervals, "span \(span)") }
    }
}
