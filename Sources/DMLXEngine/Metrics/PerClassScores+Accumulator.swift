import DMLXCore

extension PerClassScores {
    /// The per-class sums, query by query, from lists that may come a block at a time
    /// (`NearestNeighbors.forEachQueryBlock`, `NeighborIndex.forEachQueryBlock`): the same
    /// result however the queries are split. Each query's precision@1, hits among its R
    /// nearest and AP@R are `RetrievalScores`' own, so a class's mean is exactly the mean
    /// of the terms the overall scores average.
    public struct Accumulator: Sendable {
        let labels: [Int]
        /// How deep each query's list must be: `RetrievalScores.neighborCount(for: labels)`.
        public let needed: Int
        /// The distinct labels, ascending, and each sample's position among them.
        private let classLabels: [Int]
        private let classOf: [Int]
        private let sizes: [Int]
        private var precisionHits: [Int]
        private var rPrecisionSums: [Double]
        private var averagePrecisionSums: [Double]
        /// For each class, how many of its queries' first R neighbours each other class
        /// (by position) supplied: sparse, as most pairs of classes never meet.
        private var confused: [[Int: Int]]
        private var queries: [QueryScore]?

        /// `keepingQueries` keeps every answerable query's `QueryScore` (O(N)) for
        /// `PerClassScores.worstQueries`.
        public init(labels: [Int], keepingQueries: Bool = false) {
            self.labels = labels
            needed = RetrievalScores.neighborCount(for: labels)
            classLabels = Array(Set(labels)).sorted()
            let position = Dictionary(uniqueKeysWithValues: classLabels.enumerated().map { ($1, $0) })
            classOf = labels.map { position[$0]! }
            sizes = classOf.reduce(into: Array(repeating: 0, count: classLabels.count)) { $0[$1] += 1 }
            precisionHits = Array(repeating: 0, count: classLabels.count)
            rPrecisionSums = Array(repeating: 0, count: classLabels.count)
            averagePrecisionSums = Array(repeating: 0, count: classLabels.count)
            confused = Array(repeating: [:], count: classLabels.count)
            queries = keepingQueries ? [] : nil
        }

        /// Adds the queries `first..<first + lists.count`, whose lists `lists` holds.
        public mutating func add(_ lists: NeighborLists, from first: Int) {
            precondition(lists.k >= needed, "R-precision and MAP@R need \(needed) neighbours, got \(lists.k)")
            for local in 0..<lists.count {
                let query = first + local
                let owner = classOf[query]
                let relevant = sizes[owner] - 1
                guard relevant > 0 else { continue }
                let matches = RetrievalScores.matches(of: local, lists, label: labels[query], labels)
                if matches.first == true { precisionHits[owner] += 1 }
                let (hits, precisionSum) = RetrievalScores.hitsAndPrecisionSum(matches.prefix(relevant))
                rPrecisionSums[owner] += Double(hits) / Double(relevant)
                averagePrecisionSums[owner] += precisionSum / Double(relevant)
                let neighbors = lists.neighbors(of: local)
                for neighbor in neighbors.prefix(relevant) where neighbor >= 0 && classOf[Int(neighbor)] != owner {
                    confused[owner][classOf[Int(neighbor)], default: 0] += 1
                }
                queries?.append(QueryScore(
                    query: query, averagePrecision: precisionSum / Double(relevant),
                    firstWrongNeighbor: neighbors.first { $0 >= 0 && classOf[Int($0)] != owner }.map(Int.init)))
            }
        }

        public var scores: PerClassScores {
            let classes = classLabels.indices.map { position in
                let count = sizes[position]
                let mean = { (total: Double) in count > 1 ? total / Double(count) : .nan }
                return ClassScores(label: classLabels[position], count: count,
                                   precisionAt1: mean(Double(precisionHits[position])),
                                   rPrecision: mean(rPrecisionSums[position]), mapAtR: mean(averagePrecisionSums[position]),
                                   confusions: confusions(of: position))
            }
            let worst = Dictionary(grouping: queries ?? []) { labels[$0.query] }.mapValues { scores in
                scores.sorted { ($0.averagePrecision, $0.query) < ($1.averagePrecision, $1.query) }
            }
            return PerClassScores(classes: classes, worstQueries: worst)
        }

        /// The classes that class `position`'s queries retrieved, the most first.
        private func confusions(of position: Int) -> [ClassConfusion] {
            let slots = Double(sizes[position] * (sizes[position] - 1))
            return confused[position]
                .map { ClassConfusion(label: classLabels[$0.key], count: $0.value, share: Double($0.value) / slots) }
                .sorted { ($1.count, $0.label) < ($0.count, $1.label) }
        }
    }
}
