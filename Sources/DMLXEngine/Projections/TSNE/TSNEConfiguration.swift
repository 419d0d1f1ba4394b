/// How a t-SNE map is made. Every default is openTSNE 1.0.4's (`openTSNE.TSNE()`), so a
/// dmlx map can be compared with the one its users know:
///
/// - perplexity 30 over the exact `⌊3 · perplexity⌋` = 90 nearest neighbours (van der
///   Maaten 2014: affinities beyond three perplexities are negligible);
/// - early exaggeration 12 for 250 iterations, then 500 iterations without, momentum 0.8
///   throughout, gains as Jacobs (1988) with a floor of 0.01, steps longer than 5 cut to
///   5 (openTSNE's `max_step_norm`);
/// - learning rate `n / exaggeration` (Belkina et al. 2019; openTSNE's "auto"): `n/12`
///   while exaggerating, `n` after;
/// - repulsion by Barnes–Hut with θ = 0.5 below 10,000 points, and from there by
///   FFT-accelerated interpolation (Linderman et al. 2019): 3 interpolation nodes per
///   interval, at least 50 intervals per axis, intervals at most 1 wide.
///
/// The gradient is openTSNE's, a quarter of the KL divergence's (its learning rates
/// assume that scale).
public struct TSNEConfiguration: Sendable, Equatable {
    public var perplexity = 30.0
    public var earlyExaggeration = 12.0
    public var earlyExaggerationIterations = 250
    /// Iterations after the early exaggeration.
    public var iterations = 500
    public var momentum = 0.8
    public var minimumGain = 0.01
    public var maximumStepNorm = 5.0
    /// nil: `n / exaggeration`.
    public var learningRate: Double?
    public var theta = 0.5
    /// Maps of fewer points use Barnes–Hut, larger ones interpolation (openTSNE's "auto").
    public var barnesHutLimit = 10_000
    public var interpolation = TSNEInterpolation()
    /// Seed of the jitter added to the PCA initialisation.
    public var seed: UInt64 = 0

    public init() {}

    /// The nearest neighbours the affinities are computed over: `⌊3 · perplexity⌋`.
    public var neighborCount: Int { Int(3 * perplexity) }

    /// How the repulsion of a map of `n` points is approximated.
    public func repulsion(points n: Int) -> TSNERepulsionMethod {
        n < barnesHutLimit ? .barnesHut(theta: theta) : .interpolation(interpolation)
    }

    /// Both phases together.
    public var totalIterations: Int { earlyExaggerationIterations + iterations }
}
