/// Which Proxy-NCA objective to use.
public enum ProxyNCAForm: String, Codable, Sendable, CaseIterable {
    /// NCA's cross-entropy: the positive proxy is in the softmax denominator, so every
    /// term is positive (pytorch-metric-learning's `ProxyNCALoss`).
    case nca
    /// Movshovitz-Attias et al. 2017, eq. 8: the denominator holds only the other
    /// classes' proxies, so a term can be negative.
    case paper
}
