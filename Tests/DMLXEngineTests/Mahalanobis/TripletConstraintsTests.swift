import DMLXCore
import DMLXEngine
import Testing

@Suite struct TripletConstraintsTests {
    @Test func tripletsHaveTheRightLabelsAreDistinctAndSeeded() {
        let labels = [0, 0, 0, 1, 1, 2, 2, 2]
        let triplets = TripletConstraints(labels: labels, count: 25, seed: 5).triplets
        #expect(triplets.count == 25)
        #expect(triplets.allSatisfy { labels[$0.anchor] == labels[$0.near] && $0.anchor != $0.near && labels[$0.anchor] != labels[$0.far] })
        #expect(Set(triplets.map { [$0.anchor, $0.near, $0.far] }).count == 25)
        let again = TripletConstraints(labels: labels, count: 25, seed: 5).triplets
        #expect(triplets.map { [$0.anchor, $0.near, $0.far] } == again.map { [$0.anchor, $0.near, $0.far] })
        #expect(TripletConstraints.defaultCount(labels: labels) == 180)
    }

    @Test func aSingletonClassGivesNoAnchors() {
        let labels = [0, 0, 0, 1]
        let triplets = TripletConstraints(labels: labels, count: 6, seed: 1).triplets
        #expect(triplets.count == 6 && triplets.allSatisfy { labels[$0.anchor] == 0 && $0.far == 3 })
    }
}
