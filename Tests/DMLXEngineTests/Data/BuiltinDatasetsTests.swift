import Testing
import DMLXCore
import DMLXEngine

@Suite struct BuiltinDatasetsTests {
    /// Class sizes counted with numpy (np.bincount of the label column of each CSV).
    @Test func digitsHasKnownShapeAndClassCounts() throws {
        let digits = try BuiltinDatasets.digits()
        #expect(digits.count == 1797 && digits.dimension == 64)
        #expect(digits.imageShape == Dataset.ImageShape(height: 8, width: 8))
        #expect(counts(digits.labels) == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(Array(digits.features.row(0).prefix(8)) == [0, 0, 5, 13, 9, 1, 0, 0])
        #expect(digits.features.storage.allSatisfy { (0...16).contains($0) })
    }

    @Test func irisAndWineHaveKnownShapesAndFirstRows() throws {
        let iris = try BuiltinDatasets.iris()
        #expect(iris.count == 150 && iris.dimension == 4 && counts(iris.labels) == [50, 50, 50])
        #expect(Array(iris.features.row(0)) == [5.1, 3.5, 1.4, 0.2])
        #expect(iris.classNames[2] == "virginica")
        let wine = try BuiltinDatasets.wine()
        #expect(wine.count == 178 && wine.dimension == 13 && counts(wine.labels) == [59, 71, 48])
        #expect(wine.features[0, 12] == 1065)
    }

    @Test func syntheticSetsHaveDocumentedShapes() {
        for (data, shape) in [(SyntheticDatasets.blobs(seed: 1), SyntheticDatasets.blobsShape),
                              (SyntheticDatasets.rings(seed: 1), SyntheticDatasets.ringsShape),
                              (SyntheticDatasets.spirals(seed: 1), SyntheticDatasets.spiralsShape)] {
            #expect(data.count == shape.samples && data.dimension == shape.features)
            #expect(counts(data.labels) == Array(repeating: shape.samples / shape.classes, count: shape.classes))
            #expect(data.features.isFinite)
        }
    }

    @Test func syntheticSetsAreSeeded() {
        #expect(SyntheticDatasets.blobs(seed: 5).features == SyntheticDatasets.blobs(seed: 5).features)
        #expect(SyntheticDatasets.blobs(seed: 5).features != SyntheticDatasets.blobs(seed: 6).features)
        #expect(SyntheticDatasets.spirals(seed: 5).features == SyntheticDatasets.spirals(seed: 5).features)
        #expect(SyntheticDatasets.rings(seed: 5).features != SyntheticDatasets.rings(seed: 6).features)
    }

    @Test func ringsLieAtTheirRadiusInTheFirstTwoAxes() {
        let rings = SyntheticDatasets.rings(seed: 3)
        for label in 0..<3 {
            let radii = rings.labels.indices.filter { rings.labels[$0] == label }.map { index in
                (rings.features[index, 0] * rings.features[index, 0] + rings.features[index, 1] * rings.features[index, 1]).squareRoot()
            }
            let mean = radii.reduce(0, +) / Float(radii.count)
            #expect(abs(mean - Float(label + 1)) < 0.05, "ring \(label) mean radius \(mean)")
        }
    }

    @Test func blobsNoiseGrowsAlongTheAxes() {
        let blobs = SyntheticDatasets.blobs(seed: 2)
        let members = blobs.labels.indices.filter { blobs.labels[$0] == 0 }
        func spread(_ axis: Int) -> Float {
            let values = members.map { blobs.features[$0, axis] }
            let mean = values.reduce(0, +) / Float(values.count)
            return (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(values.count)).squareRoot()
        }
        #expect(abs(spread(0) - 0.4) < 0.1 && abs(spread(15) - 2.4) < 0.4)
    }

    private func counts(_ labels: [Int]) -> [Int] {
        (0...(labels.max() ?? -1)).map { label in labels.count { $0 == label } }
    }
}
