/// The soft pairwise loss on raw dot products, the (2+1)-tuplet loss of Sohn (2016,
/// eq. 3 with N = 2), i.e. logistic regression on which of p, n is closer to a:
///
///     L = mean_{(a,p,n)} log(1 + e^{aᵀn − aᵀp + m})
///
/// with m = 0 by default (the paper's form; `--margin` shifts it). The embeddings are
/// not normalised (`DotProductSimilarity(normalizeEmbeddings: false)`). Computed as
/// `TripletMarginLoss` with its softplus (`smoothLoss`); every term is positive, so its
/// average over non-zero terms is the mean.
public final class SoftPairwiseLoss: TripletMarginVariant {
    public static let descriptor = LossDescriptor(
        name: "soft-pairwise",
        formula: "mean log(1 + e^{aᵀn − aᵀp + m}) over triplets",
        defaults: "margin 0 (--margin sets it), raw dot product (embeddings not normalised)",
        paper: "Sohn, Improved Deep Metric Learning with Multi-class N-pair Loss Objective, NeurIPS 2016",
        family: .triplets)
    public static var distance: any Distance { DotProductSimilarity(normalizeEmbeddings: false) }
    public static var defaultMargin: Double { 0 }
    public static var smoothLoss: Bool { true }

    public let triplet: TripletMarginLoss

    public init(triplet: TripletMarginLoss) { self.triplet = triplet }
}
