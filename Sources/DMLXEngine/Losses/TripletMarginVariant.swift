import DMLXCore

/// A triplet loss that is `TripletMarginLoss` with its own distance, hinge or softplus
/// and default margin, registered under its own name. A conforming type states those
/// three choices and its descriptor; building, configuration and evaluation come from
/// here, so each variant stays one small file.
public protocol TripletMarginVariant: RegisteredLoss {
    /// The distance (or similarity) the triplets compare.
    static var distance: any Distance { get }
    static var defaultMargin: Double { get }
    /// Softplus instead of the hinge.
    static var smoothLoss: Bool { get }
    /// The loss that computes the variant.
    var triplet: TripletMarginLoss { get }
    init(triplet: TripletMarginLoss)
}

extension TripletMarginVariant {
    public var name: String { Self.descriptor.name }
    public var parameters: [Parameter] { [] }
    public var margin: Double { triplet.margin }

    /// The variant with margin `margin`, or its default.
    public init(margin: Double? = nil) {
        self.init(triplet: TripletMarginLoss(margin: margin ?? Self.defaultMargin, smoothLoss: Self.smoothLoss,
                                             distance: Self.distance))
    }

    public init(configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                generator: inout SeededGenerator) throws {
        self.init(margin: configuration.margin)
    }

    public var configuration: LossConfiguration { LossConfiguration(name: name, margin: margin) }

    public func evaluate(embeddings: Matrix<Double>, labels: [Int], tuples: MinedTuples?,
                         parameterValues: [Matrix<Double>]) -> LossEvaluation {
        triplet.evaluate(embeddings: embeddings, labels: labels, tuples: tuples, parameterValues: parameterValues)
    }
}
