import DMLXCore

/// A learned tensor and the gradient accumulated for it by backward passes.
///
/// Layers and proxy-based losses own their parameters; optimizers update them in place.
/// Backward passes add into `gradient` (`+=`), and the trainer zeroes it before each
/// batch, so a parameter used twice receives both contributions.
/// Parameters are only touched on their training run's serial queue.
public final class Parameter: @unchecked Sendable {
    /// Which learning rate applies: proxies have their own (`--proxy-lr`).
    public enum Group: String, Codable, Sendable {
        case model
        case proxies
    }

    public let name: String
    public let group: Group
    public var value: Matrix<Float>
    public var gradient: Matrix<Float>

    public init(name: String, group: Group = .model, value: Matrix<Float>) {
        self.name = name
        self.group = group
        self.value = value
        self.gradient = Matrix(rows: value.rows, cols: value.cols)
    }

    public func zeroGradient() {
        gradient.storage.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
}
