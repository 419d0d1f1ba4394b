import DMLXCore
import DMLXEngine
import Foundation
import Testing

/// Kernel PCA against scikit-learn 1.9 (Scripts/reference/kernel_pca_fixtures.py,
/// committed as Fixtures/kernels/kernel_pca.json).
@Suite struct KernelPCATests {
    struct Case: Decodable {
        let name: String
        let train: [[Float]]
        let test: [[Float]]
        let components: Int
        let gamma: Double?
        let projectedTrain: [[Double]]
        let projectedTest: [[Double]]

        enum CodingKeys: String, CodingKey {
            case name, train, test, components, gamma
            case projectedTrain = "projected_train", projectedTest = "projected_test"
        }
    }

    static let cases: [Case] = {
        struct File: Decodable { let cases: [Case] }
        let url = Bundle.module.url(forResource: "kernel_pca", withExtension: "json", subdirectory: "Fixtures/kernels")!
        return try! JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }()

    /// All pairwise distances among the rows (component signs are arbitrary, distances are not).
    private static func distances(_ rows: [[Double]]) -> [Double] {
        rows.indices.flatMap { i in
            rows.indices.map { j in zip(rows[i], rows[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        }
    }

    @Test(arguments: cases.map(\.name))
    func projectionsMatchScikitLearn(name: String) throws {
        let fixture = try #require(Self.cases.first { $0.name == name })
        let map = try KernelPCA(gamma: fixture.gamma, components: fixture.components).fit(Matrix(fixture.train))
        #expect(map.outputDimension == fixture.components && map.inputDimension == fixture.train[0].count)
        let projected = map.apply(Matrix(fixture.train + fixture.test))
        let ours = (0..<projected.rows).map { r in projected.row(r).map(Double.init) }
        let reference = fixture.projectedTrain + fixture.projectedTest
        let expected = Self.distances(reference)
        #expect(zip(Self.distances(ours), expected).allSatisfy { abs($0 - $1) < 1e-4 })
        #expect(expected.max()! > 0.5)
        // Distances cannot see a shift of all points (a wrong centring constant): compare
        // the coordinates too, each component up to its sign.
        for component in 0..<fixture.components {
            let sign: Double = zip(ours, reference).reduce(0) { $0 + $1.0[component] * $1.1[component] } < 0 ? -1 : 1
            #expect(zip(ours, reference).allSatisfy { abs($0[component] - sign * $1[component]) < 1e-4 }, "component \(component)")
        }
    }

    @Test func defaultsToThirtyTwoComponentsAtMostOnePerSample() throws {
        let (features, _) = MahalanobisFixtures.noisyClasses()
        #expect(try KernelPCA().fit(features).outputDimension == 32)
        #expect(try KernelPCA().fit(features.rows(Array(0..<10))).outputDimension == 10)
        #expect(try KernelPCA().fit(features).gamma == 0.25)
    }

    @Test func tensorsRebuildTheSameMap() throws {
        let (features, _) = MahalanobisFixtures.noisyClasses(perClass: 6)
        let map = try KernelPCA(components: 5).fit(features)
        #expect(map.tensors.map(\.name) == ["anchors", "coefficients", "columnMeans", "grandMean", "gamma"])
        #expect(try KernelPCAMap(tensors: map.tensors.reversed()) == map)
        #expect(throws: MahalanobisError.kernelTensors("no tensor \"gamma\"")) {
            try KernelPCAMap(tensors: map.tensors.filter { $0.name != "gamma" })
        }
        let truncated = map.tensors.map { $0.name == "columnMeans" ? ($0.name, Matrix<Float>(rows: 1, cols: 3)) : $0 }
        #expect(throws: MahalanobisError.self) { try KernelPCAMap(tensors: truncated) }
    }

    @Test func kernelizedLDASeparatesConcentricRingsThatLinearLDACannot() throws {
        func rings(seed: UInt64) -> (Matrix<Float>, [Int]) {
            var generator = SeededGenerator(seed: seed)
            var rows: [[Float]] = [], labels: [Int] = []
            for index in 0..<80 {
                let radius = index % 2 == 0 ? 1.0 : 3.0, angle = generator.nextUnit() * 2 * Double.pi
                rows.append([Float(radius * cos(angle) + generator.nextGaussian() * 0.1),
                             Float(radius * sin(angle) + generator.nextGaussian() * 0.1)])
                labels.append(index % 2)
            }
            return (Matrix(rows), labels)
        }
        let (train, trainLabels) = rings(seed: 1), (test, testLabels) = rings(seed: 2)
        let learner = KernelizedLearner(base: LDA())
        let kernel = try learner.fit(features: train, labels: trainLabels)
        let linear = try LDA().fit(features: train, labels: trainLabels)
        #expect(learner.name == "kernel-lda" && kernel.inputDimension == 2 && kernel.outputDimension == 1)
        let kernelAccuracy = MahalanobisFixtures.knnAccuracy(kernel, on: test, testLabels, gallery: train, trainLabels)
        let linearAccuracy = MahalanobisFixtures.knnAccuracy(linear, on: test, testLabels, gallery: train, trainLabels)
        #expect(kernelAccuracy >= 0.95 && linearAccuracy < kernelAccuracy - 0.05)
    }
}
