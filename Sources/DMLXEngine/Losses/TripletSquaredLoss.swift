/// The triplet loss on squared distances, as FaceNet (Schroff, Kalenichenko & Philbin
/// 2015, eq. 1) writes it:
///
///     L = AvgNonZero_{(a,p,n)} [‖a − p‖² − ‖a − n‖² + α]₊
///
/// with the embeddings normalised (`LpDistance(power: 2)`, so squared distances lie in
/// [0, 4]) and α = 0.2, FaceNet's margin (`--margin`). Triplets as `TripletMarginLoss`:
/// every valid triplet of the batch without a miner, `AvgNonZeroReducer`.
public final class TripletSquaredLoss: TripletMarginVariant {
    public static let descriptor = LossDescriptor(
        name: "triplet-squared",
        formula: "avg⁺[‖a−p‖² − ‖a−n‖² + α]₊ over triplets",
        defaults: "margin 0.2 (--margin sets it), squared L2 distance on normalised embeddings",
        paper: "Schroff, Kalenichenko & Philbin, FaceNet, CVPR 2015",
        family: .triplets)
    public static var distance: any Distance { LpDistance(power: 2) }
    public static var defaultMargin: Double { 0.2 }
    public static var smoothLoss: Bool { false }

    public let triplet: TripletMarginLoss

    public init(triplet: TripletMarginLoss) { self.triplet = triplet }
}
