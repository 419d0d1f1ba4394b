/// The pairwise hinge loss on raw dot products, the triplet baseline of Sohn (2016,
/// section 3, the "(2+1)-tuplet" with a hinge):
///
///     L = AvgNonZero_{(a,p,n)} [aᵀn − aᵀp + m]₊
///
/// with m = 1 by default (`--margin`): unlike a distance, a dot product has no natural
/// scale, and the unit hinge of a margin classifier is the usual choice. The embeddings
/// are not normalised (`DotProductSimilarity(normalizeEmbeddings: false)`), so the
/// loss can also be lowered by lengthening them. Triplets as `TripletMarginLoss`.
public final class PairwiseHingeLoss: TripletMarginVariant {
    public static let descriptor = LossDescriptor(
        name: "pairwise-hinge",
        formula: "avg⁺[aᵀn − aᵀp + m]₊ over triplets",
        defaults: "margin 1 (--margin sets it), raw dot product (embeddings not normalised)",
        paper: "Sohn, Improved Deep Metric Learning with Multi-class N-pair Loss Objective, NeurIPS 2016",
        family: .triplets)
    public static var distance: any Distance { DotProductSimilarity(normalizeEmbeddings: false) }
    public static var defaultMargin: Double { 1 }
    public static var smoothLoss: Bool { false }

    public let triplet: TripletMarginLoss

    public init(triplet: TripletMarginLoss) { self.triplet = triplet }
}
