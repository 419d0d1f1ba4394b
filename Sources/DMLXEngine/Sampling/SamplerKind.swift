/// How the batches of an epoch are drawn (`--sampler`).
public enum SamplerKind: String, Codable, Sendable, CaseIterable {
    /// n classes × m samples per class (`BatchSampler`), the default: every anchor has
    /// positives, which pair and triplet losses need.
    case mPerClass = "m-per-class"
    /// k-center greedy coverage of a random candidate pool in the current embedding
    /// (`GreedyCoverageSampler`, Roth et al. 2020).
    case greedy
}
