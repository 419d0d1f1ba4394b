import Foundation

/// log Σ e^{x_k}, computed stably, with its gradient (the softmax of x), shared by the
/// softmax-style losses.
enum LogSumExp {
    /// log(c + Σ_k e^{x_k}) with c = 1 when `addingOne` (a fixed zero logit, PML's
    /// `add_one`) and c = 0 otherwise, and ∂/∂x_k. With no x it is 0 (PML's masked
    /// `logsumexp` gives 0 for an empty row), with an empty gradient.
    static func evaluate(_ x: [Double], addingOne: Bool) -> (value: Double, softmax: [Double]) {
        guard let largestLogit = x.max() else { return (0, []) }
        let largest = addingOne ? max(largestLogit, 0) : largestLogit
        let exponentials = x.map { exp($0 - largest) }
        let total = (addingOne ? exp(-largest) : 0) + exponentials.reduce(0, +)
        return (largest + log(total), exponentials.map { $0 / total })
    }
}
