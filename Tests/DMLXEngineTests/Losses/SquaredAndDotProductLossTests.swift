import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// The losses PML does not have, against values worked out by hand on three points:
/// x₀ = (2, 0), x₁ = (1, 1), x₂ = (0, 3) with labels 0, 0, 1. Normalised, they are
/// (1, 0), (1, 1)/√2, (0, 1): D₀₁ = D₁₂ = √(2 − √2), D₀₂ = √2. The triplets are
/// (0, 1, 2) and (1, 0, 2); the raw dot products x₀ᵀx₁ = 2, x₀ᵀx₂ = 0, x₁ᵀx₂ = 3.
@Suite struct SquaredAndDotProductLossTests {
    let embeddings = Matrix<Double>([[2, 0], [1, 1], [0, 3]])
    let labels = [0, 0, 1]

    func value(_ loss: any MetricLoss) -> Double {
        loss.evaluate(embeddings: embeddings, labels: labels, tuples: nil, parameterValues: []).value
    }

    @Test func contrastiveSquared() {
        // Pairs (0,1), (1,0): ½D₀₁² = (2 − √2)/2 each. With τ = 1.5: (0,2), (2,0): ½(1.5 − √2)²;
        // (1,2), (2,1): ½(1.5 − √(2 − √2))². Mean over the 6 ordered pairs.
        let near = (2 - 2.0.squareRoot()).squareRoot()
        let expected = (2 * (2 - 2.0.squareRoot()) / 2 + 2 * pow(1.5 - 2.0.squareRoot(), 2) / 2
            + 2 * pow(1.5 - near, 2) / 2) / 6
        #expect(abs(value(ContrastiveSquaredLoss(negativeMargin: 1.5)) - expected) < 1e-12)
        // With τ = 0.5 < D₁₂ ≈ 0.765 < D₀₂ no negative pair violates the margin: only the pulls remain.
        #expect(abs(value(ContrastiveSquaredLoss(negativeMargin: 0.5)) - 2 * (2 - 2.0.squareRoot()) / 2 / 6) < 1e-12)
    }

    @Test func tripletSquared() {
        // (0,1,2): D₀₁² − D₀₂² + 0.2 = (2 − √2) − 2 + 0.2 < 0; (1,0,2): (2 − √2) − (2 − √2) + 0.2 = 0.2.
        #expect(abs(value(TripletSquaredLoss()) - 0.2) < 1e-12)
        // Margin 2: both active, (2 − √2) − 2 + 2 and (2 − √2) − (2 − √2) + 2, averaged.
        let expected = ((2 - 2.0.squareRoot()) + 2) / 2
        #expect(abs(value(TripletSquaredLoss(margin: 2)) - expected) < 1e-12)
    }

    @Test func pairwiseHinge() {
        // (0,1,2): [0 − 2 + 1]₊ = 0; (1,0,2): [3 − 2 + 1]₊ = 2; average over the active one.
        #expect(abs(value(PairwiseHingeLoss()) - 2) < 1e-12)
    }

    @Test func softPairwise() {
        // log(1 + e^{0 − 2}) and log(1 + e^{3 − 2}), averaged.
        #expect(abs(value(SoftPairwiseLoss()) - (log(1 + exp(-2.0)) + log(1 + exp(1.0))) / 2) < 1e-12)
    }

    @Test func defaultsAreFaceNetAndSohn() {
        #expect(TripletSquaredLoss().margin == 0.2)
        #expect(PairwiseHingeLoss().margin == 1)
        #expect(SoftPairwiseLoss().margin == 0)
        #expect(ContrastiveSquaredLoss().negativeMargin == 1)
    }
}
