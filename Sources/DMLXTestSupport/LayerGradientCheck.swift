import DMLXCore
import DMLXEngine

/// Finite-difference checks of `Layer` backward rules.
///
/// Layers compute in Float, so the probe objective is linear in the output,
/// `L = Σ weightsᵢⱼ · yᵢⱼ` (accumulated in Double), and central differences use a step
/// of about 1e-2 relative to the inputs: large enough to swamp Float rounding, small
/// enough for smooth layers. A wrong rule (a missing transpose, a dropped term) is off
/// by O(1); rounding stays near 1e-3.
public enum LayerGradientCheck {
    /// The largest relative error between analytic and numerical gradients of the layer's
    /// input and of each of its parameters.
    public static func maximumRelativeError(
        of layer: any Layer, input: Matrix<Float>, step: Float = 1e-2, seed: UInt64 = 7
    ) -> Double {
        var generator = SeededGenerator(seed: seed)
        let probe = layer.forward(input)
        let outputWeights = Matrix<Float>(rows: probe.rows, cols: probe.cols,
                                          storage: probe.storage.map { _ in Float(generator.nextGaussian()) })
        func objective(_ x: Matrix<Float>) -> Double {
            zip(layer.forward(x).storage, outputWeights.storage).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        for parameter in layer.parameters { parameter.zeroGradient() }
        _ = layer.forward(input)
        let inputGradient = Matrix<Double>(layer.backward(outputWeights))
        var worst = GradientCheck.relativeError(inputGradient, GradientCheck.numerical(at: input, step: step, objective))
        for parameter in layer.parameters {
            let analytic = Matrix<Double>(parameter.gradient)
            let original = parameter.value
            let numeric = GradientCheck.numerical(at: original, step: step) { value in
                parameter.value = value
                defer { parameter.value = original }
                return objective(input)
            }
            worst = max(worst, GradientCheck.relativeError(analytic, numeric))
        }
        return worst
    }
}
