import DMLXEngine
import Testing

/// Every number of a configuration is range-checked before anything is sized from it: the
/// values a hostile checkpoint or command line uses (2⁶², −1, NaN) are errors naming the
/// option, where they used to trap in `Linear`, the sampler or `Int(Double)`.
@Suite struct TrainingConfigurationValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var option: String
        var change: @Sendable (inout TrainingConfiguration) -> Void
        var testDescription: String { option }
    }

    static let huge = 1 << 62
    static let cases = [
        Case(option: "--dim") { $0.model.dimension = 1_000_000_000 },
        Case(option: "--dim") { $0.model.dimension = huge },
        Case(option: "--hidden") { $0.model.hidden = [128, huge] },
        Case(option: "--batch-size") { $0.batchSize = huge },
        Case(option: "--m-per-class") { $0.mPerClass = huge },
        Case(option: "--m-per-class") { $0.mPerClass = -1 },
        Case(option: "--epochs") { $0.epochs = -1 },
        Case(option: "--threads") { $0.threads = huge },
        Case(option: "--mining-refresh") { $0.miningRefresh = 0 },
        Case(option: "--lr") { $0.optimizer.learningRate = .nan },
        Case(option: "--lr") { $0.optimizer.learningRate = 1e308 },
        Case(option: "--proxy-lr") { $0.optimizer.proxyLearningRate = -1 },
        Case(option: "--momentum") { $0.optimizer.momentum = .infinity },
        Case(option: "Adam's beta2") { $0.optimizer.beta2 = 1 },
        Case(option: "--margin") { $0.loss.margin = .nan },
        Case(option: "--softmax-scale") { $0.loss.softmaxScale = 0 },
        Case(option: "--proxies-per-class") { $0.loss.proxiesPerClass = 1e18 },
        Case(option: "--bins") { $0.loss.bins = huge },
        Case(option: "--constraints") { $0.method = MahalanobisConfiguration(name: "itml", constraints: huge) },
        Case(option: "--kernel-gamma") { $0.method = MahalanobisConfiguration(name: "kernel-lda", kernelGamma: .nan) },
        Case(option: "--validation") { $0.validation = 0 },
        Case(option: "--validation") { $0.validation = 1 },
        Case(option: "--validation") { $0.validation = .nan },
        Case(option: "--patience") { $0.patience = 3 },
        Case(option: "--patience") {
            $0.validation = 0.2
            $0.patience = 0
        },
    ]

    @Test(arguments: cases)
    func outOfRangeNumbersAreErrorsNamingTheOption(_ testCase: Case) {
        var configuration = TrainingConfiguration(loss: LossConfiguration(name: "proxy-nca"))
        testCase.change(&configuration)
        #expect {
            try configuration.validate()
        } throws: { error in
            (error as? TrainingError)?.description.hasPrefix(testCase.option) == true
        }
    }

    @Test func theDefaultsAndTheLimitsThemselvesAreValid() throws {
        var configuration = TrainingConfiguration(loss: LossConfiguration(name: "proxy-nca"))
        try configuration.validate(inputDimension: 784, classes: 10)
        configuration.model.dimension = TrainingConfiguration.Limits.width.upperBound
        configuration.batchSize = TrainingConfiguration.Limits.batchSize.upperBound
        try configuration.validate(inputDimension: 784, classes: 10)
    }

    /// 784 → 16,384 → 16,384 → 32 has 784·16,385 + 16,384·16,385 + 16,384·33 ≈ 2.8·10⁸
    /// weights, above the 2²⁷ limit, though each width is allowed.
    @Test func theModelsParameterCountIsBoundedBeforeItIsBuilt() {
        var configuration = TrainingConfiguration(loss: LossConfiguration(name: "proxy-nca"))
        configuration.model.hidden = [16_384, 16_384]
        #expect(throws: TrainingError.self) { try configuration.validate(inputDimension: 784, classes: 10) }
        configuration.model.hidden = [16_384]
        #expect(throws: Never.self) { try configuration.validate(inputDimension: 784, classes: 10) }
    }
}
