import DMLXCore

/// Every loss and miner dmlx knows, with its formula, defaults and paper, and the
/// factories the command line and the training session use.
public enum LossRegistry {
    /// The losses, in the order the command line lists them. Adding a loss: one file
    /// with a `RegisteredLoss` type, plus one line here.
    public static var losses: [any RegisteredLoss.Type] {
        [ContrastiveLoss.self, TripletMarginLoss.self, ProxyNCALoss.self, MultiSimilarityLoss.self,
         ProxyAnchorLoss.self, NormalizedSoftmaxLoss.self, NPairsLoss.self, NTXentLoss.self, LiftedStructureLoss.self,
         ContrastiveSquaredLoss.self, TripletSquaredLoss.self, PairwiseHingeLoss.self, SoftPairwiseLoss.self,
         HistogramLoss.self, SmoothAPLoss.self, ProxyRankingLoss.self]
    }

    /// The miners. "none" (no miner: the loss uses every valid tuple) is not listed here
    /// but accepted by `makeMiner`.
    public static var miners: [MinerDescriptor] {
        [
            tripletMarginMiner(.all, formula: "triplets with d(a,n) − d(a,p) ≤ margin"),
            MinerDescriptor(description: LossDescriptor(
                name: "hard", formula: "per anchor: farthest positive, closest negative",
                defaults: "L2 distance on normalised embeddings",
                paper: "Hermans, Beyer & Leibe, In Defense of the Triplet Loss for Person Re-Identification, 2017"))
            { _ in BatchHardMiner() },
            tripletMarginMiner(.semihard, formula: "triplets with 0 < d(a,n) − d(a,p) ≤ margin"),
            tripletMarginMiner(.hard, formula: "triplets with d(a,n) − d(a,p) ≤ 0"),
            tripletMarginMiner(.easy, formula: "triplets with d(a,n) − d(a,p) > margin"),
            MinerDescriptor(description: LossDescriptor(
                name: "random", formula: "per positive pair: one uniformly drawn negative",
                defaults: "seeded by the run", paper: "—"))
            { _ in RandomTripletMiner() },
            MinerDescriptor(description: LossDescriptor(
                name: "distance-weighted",
                formula: "per positive pair: a negative drawn with weight 1/q(d), q the distance density on the sphere",
                defaults: "cutoff 0.5, nonzero loss cutoff 1.4, seeded by the run",
                paper: "Wu, Manmatha, Smola & Krähenbühl, Sampling Matters in Deep Embedding Learning, ICCV 2017"))
            { _ in DistanceWeightedMiner() },
            MinerDescriptor(description: LossDescriptor(
                name: "multi-similarity",
                formula: "pairs with S_ap − ε < max S_an, or S_an + ε > min S_ap",
                defaults: "epsilon 0.1, cosine similarity",
                paper: "Wang, Han, Huang, Dong & Scott, Multi-Similarity Loss with General Pair Weighting, CVPR 2019"))
            { _ in MultiSimilarityMiner() },
            MinerDescriptor(description: LossDescriptor(
                name: "offline-hard",
                formula: "triplets (a, p, n), n among a's k nearest other-class samples of the whole training set",
                defaults: "k = 6, recomputed every --mining-refresh epochs (1), L2 on normalised embeddings",
                paper: "Schroff, Kalenichenko & Philbin, FaceNet, CVPR 2015, §3.2 (offline triplet generation)"))
            { _ in OfflineHardNegativeMiner() },
        ]
    }

    /// The descriptor of the loss called `name`, if there is one.
    public static func descriptor(ofLoss name: String) -> LossDescriptor? {
        losses.first { $0.descriptor.name == name }?.descriptor
    }

    public static var lossNames: [String] { losses.map { $0.descriptor.name } }
    public static var minerNames: [String] { ["none"] + miners.map(\.description.name) }

    /// The loss named by `configuration`, its unset options at that loss's defaults.
    public static func makeLoss(_ configuration: LossConfiguration, classes: [Int], embeddingDimension: Int,
                                generator: inout SeededGenerator) throws -> any MetricLoss {
        guard let type = losses.first(where: { $0.descriptor.name == configuration.name }) else {
            throw LossRegistryError.unknownLoss(configuration.name, valid: lossNames)
        }
        return try type.init(configuration: configuration, classes: classes,
                             embeddingDimension: embeddingDimension, generator: &generator)
    }

    /// The miner named `name`, or nil for "none". `margin` is passed to the margin-based
    /// miners (nil: their default, 0.2).
    public static func makeMiner(name: String, margin: Double?) throws -> (any Miner)? {
        if name == "none" { return nil }
        guard let descriptor = miners.first(where: { $0.description.name == name }) else {
            throw LossRegistryError.unknownMiner(name, valid: minerNames)
        }
        return descriptor.make(margin)
    }

    private static func tripletMarginMiner(_ type: TripletMarginMiner.TripletType, formula: String) -> MinerDescriptor {
        MinerDescriptor(description: LossDescriptor(
            name: TripletMarginMiner(type: type).name, formula: formula,
            defaults: "margin 0.2 (--margin), L2 distance on normalised embeddings",
            paper: "Schroff, Kalenichenko & Philbin, FaceNet, CVPR 2015 (PML's TripletMarginMiner)"))
        { margin in TripletMarginMiner(margin: margin ?? 0.2, type: type) }
    }
}
