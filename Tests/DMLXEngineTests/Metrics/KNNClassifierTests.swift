import Testing
import DMLXCore
import DMLXEngine

@Suite struct KNNClassifierTests {
    @Test func majorityVoteBreaksTiesByNearestFirst() {
        let three = KNNClassifier()
        #expect(three.k == 3)
        #expect(three.vote([1, 2, 2]) == 2)
        #expect(three.vote([1, 2, 3]) == 1)
        #expect(three.vote([2, 1, 1, 2, 2]) == 1)  // only the first three vote
        #expect(KNNClassifier(k: 4).vote([2, 1, 1, 2]) == 2)
        #expect(three.vote([Int]()) == nil)
    }

    @Test func leaveOneOutAccuracyByHand() {
        // x = 0, 1, 2, 10, 11, 12.5 with labels 0, 0, 1, 1, 1, 0. Three nearest others:
        //   x=0: 1, 2, 10 → 0,1,1 → 1 (wrong)     x=10:   11, 12.5, 2 → 1,0,1 → 1 (right)
        //   x=1: 0, 2, 10 → 0,1,1 → 1 (wrong)     x=11:   10, 12.5, 2 → 1,0,1 → 1 (right)
        //   x=2: 1, 0, 10 → 0,0,1 → 0 (wrong)     x=12.5: 11, 10, 2  → 1,1,1 → 1 (wrong)
        // 3-NN: 2/6. 1-NN: the nearest labels are 0,0,0,1,1,1 → right for x=0,1,10,11: 4/6.
        let points = Matrix<Float>([[0], [1], [2], [10], [11], [12.5]])
        let labels = [0, 0, 1, 1, 1, 0]
        let neighbors = NearestNeighbors.search(queries: points, references: points, k: 3, excludeSelf: true)
        #expect(abs(KNNClassifier().leaveOneOutAccuracy(neighbors: neighbors, labels: labels) - 2.0 / 6) < 1e-12)
        #expect(abs(KNNClassifier(k: 1).leaveOneOutAccuracy(neighbors: neighbors, labels: labels) - 4.0 / 6) < 1e-12)
    }

    @Test func trainTestAccuracyByHand() {
        // Train x = 0, 1, 10, 11 (labels 0, 0, 1, 1). Test:
        //   0.4  → 0, 1, 10 → 0,0,1 → 0 (label 0, right)
        //   10.6 → 11, 10, 1 → 1,1,0 → 1 (label 1, right)
        //   5.4  → 1 (4.4), 10 (4.6), 0 (5.4) → 0,1,0 → 0 (label 1, wrong)
        let accuracy = KNNClassifier().accuracy(
            train: Matrix([[0], [1], [10], [11]]), trainLabels: [0, 0, 1, 1],
            test: Matrix([[0.4], [10.6], [5.4]]), testLabels: [0, 1, 1])
        #expect(abs(accuracy - 2.0 / 3) < 1e-12)
    }
}
