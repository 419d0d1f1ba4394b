import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct StandardizerTests {
    @Test func fitsPopulationMeanAndStandardDeviation() {
        // Column 0: 1, 3, 5 → mean 3, population std sqrt(8/3). Column 1: constant 7.
        let standardizer = Standardizer(fitting: Matrix([[1, 7], [3, 7], [5, 7]]))
        #expect(standardizer.mean == [3, 7])
        #expect(abs(standardizer.scale[0] - Float((8.0 / 3.0).squareRoot())) < 1e-6)
        #expect(standardizer.scale[1] == 1)
        let applied = standardizer.apply(Matrix([[3, 7], [5, 9]]))
        #expect(applied[0, 0] == 0 && applied[0, 1] == 0 && applied[1, 1] == 2)
        #expect(abs(applied[1, 0] - Float(2 / (8.0 / 3.0).squareRoot())) < 1e-6)
    }

    @Test func standardisedTrainingFeaturesHaveZeroMeanUnitVariance() throws {
        let wine = try BuiltinDatasets.wine()
        let result = Standardizer(fitting: wine.features).apply(wine)
        #expect(result.labels == wine.labels)
        for column in 0..<result.dimension {
            let values = (0..<result.count).map { Double(result.features[$0, column]) }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
            #expect(abs(mean) < 1e-5 && abs(variance - 1) < 1e-4)
        }
    }

    @Test func matchesNumpyOnIris() throws {
        // np.loadtxt("iris.csv")[:, :3].mean(0) / .std(0)
        let standardizer = Standardizer(fitting: try BuiltinDatasets.iris().features)
        let mean: [Double] = [5.843333333333335, 3.057333333333334, 3.7580000000000027]
        let std: [Double] = [0.8253012917851409, 0.43441096773549437, 1.7594040657753032]
        for column in 0..<3 {
            #expect(abs(Double(standardizer.mean[column]) - mean[column]) < 1e-5)
            #expect(abs(Double(standardizer.scale[column]) - std[column]) < 1e-5)
        }
    }

    @Test func codableRoundTrip() throws {
        let standardizer = Standardizer(mean: [1, -2.5], scale: [0.5, 3])
        let decoded = try JSONDecoder().decode(Standardizer.self, from: JSONEncoder().encode(standardizer))
        #expect(decoded == standardizer)
    }
}
