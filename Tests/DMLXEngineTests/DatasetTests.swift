import Testing
import DMLXCore
import DMLXEngine

@Suite struct DatasetTests {
    @Test func subsetKeepsRowsLabelsAndImageShape() {
        let data = Dataset(name: "t", features: Matrix([[1, 2], [3, 4], [5, 6]]), labels: [7, 8, 7],
                           imageShape: .init(height: 1, width: 2))
        let part = data.subset([2, 0])
        #expect(part.features == Matrix([[5, 6], [1, 2]]))
        #expect(part.labels == [7, 7])
        #expect(part.classes == [7])
        #expect(part.imageShape == data.imageShape)
    }
}
