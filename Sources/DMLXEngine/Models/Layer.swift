import DMLXCore

/// One differentiable stage of an embedding model, micrograd style: the backward rule
/// sits next to the forward one.
///
/// `forward` keeps what `backward` needs from the most recent batch; `backward` takes
/// ∂L/∂output for that batch, adds ∂L/∂parameters into the parameters' gradients
/// (`+=`, so the trainer zeroes them per batch) and returns ∂L/∂input.
/// Layers are confined to their training run's queue.
public protocol Layer: AnyObject {
    var parameters: [Parameter] { get }
    func forward(_ input: Matrix<Float>) -> Matrix<Float>
    func backward(_ outputGradient: Matrix<Float>) -> Matrix<Float>
}
