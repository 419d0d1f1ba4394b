import DMLXApp
import DMLXCore
import DMLXEngine
import DMLXTerm
import DMLXTestSupport
import Foundation
import Testing

/// The Classes screen: its scores are asked of the class queue once per shown epoch, and
/// its keys walk from a class to its worst queries to the dashboard.
@Suite struct ClassTableTests {
    func classJobs(_ effects: [AppEffect]) -> [ClassTableJob] {
        effects.compactMap {
            if case .computeClassTable(let job) = $0 { return job }
            return nil
        }
    }

    func classesScreen(epoch: Int) -> AppState {
        var state = AppFixtures.state()
        state.pinnedEpoch = epoch
        state.screen = .classes
        AppFixtures.scoreClasses(&state)
        return state
    }

    @Test func theShownEpochIsScoredOnceAndOnlyOnTheClassesScreen() throws {
        var state = AppFixtures.state()
        #expect(classJobs(state.update(.progress([]))).isEmpty, "the dashboard needs no class scores")
        state.screen = .classes
        let job = try #require(classJobs(state.update(.progress([]))).first)
        #expect(job.key == ClassTableKey(run: "triplet", epoch: 5) && job.index.isExact && job.labels == AppFixtures.labels)
        #expect(classJobs(state.update(.progress([]))).isEmpty, "asked for once")
        #expect(state.shownClassScores == nil)
        _ = state.update(.key(.character("[")))
        #expect(classJobs(state.update(.progress([]))).isEmpty, "the key's own update asked for epoch 4")
        #expect(state.classTable.requested == ClassTableKey(run: "triplet", epoch: 4))
    }

    /// The scores shown are `PerClassScores` of the shown epoch's embeddings, and arrive
    /// from the queue without the UI waiting.
    @Test func theQueueScoresTheShownEmbeddings() throws {
        var state = AppFixtures.state()
        state.pinnedEpoch = 0
        state.screen = .classes
        let job = try #require(classJobs(state.update(.progress([]))).first)
        let queue = ClassTableRun()
        queue.submit(job)
        var finished: [ClassTableFrame] = []
        let deadline = Date().addingTimeInterval(30)
        while finished.isEmpty && Date() < deadline {
            finished = queue.take().finished
            Thread.sleep(forTimeInterval: 0.005)
        }
        _ = state.update(.classTable(latest: nil, finished: finished))
        let embeddings = AppFixtures.embeddings(epoch: 0, run: 0)
        let direct = PerClassScores(neighbors: NearestNeighbors.search(queries: embeddings, references: embeddings,
                                                                       k: RetrievalScores.neighborCount(for: AppFixtures.labels),
                                                                       excludeSelf: true),
                                    labels: AppFixtures.labels, keepingQueries: true)
        #expect(state.shownClassScores == direct)
        #expect(direct.classes.contains { $0.mapAtR < 1 }, "epoch 0's classes overlap: not a trivial table")
    }

    @Test func arrowsPickAClassThenAQueryAndEnterShowsItOnTheDashboard() throws {
        var state = classesScreen(epoch: 0)
        let worstFirst = try #require(state.shownClassScores?.worstFirst)
        _ = state.update(.key(.down))
        #expect(state.classTable.selectedClass == worstFirst[1].label && state.classTable.queryRow == nil)
        _ = state.update(.key(.up))
        _ = state.update(.key(.up))
        #expect(state.classTable.selectedClass == worstFirst[0].label, "the first row stays the first")
        let queries = try #require(state.shownClassScores?.worstQueries[worstFirst[0].label])
        let selectionBefore = state.selection
        _ = state.update(.key(.down))
        #expect(state.selection == selectionBefore, "moving among the classes leaves the selected point")
        _ = state.update(.key(.up))
        _ = state.update(.key(.enter))
        #expect(state.classTable.queryRow == 0 && state.selection == queries[0].query, "the worst query is selected")
        _ = state.update(.key(.down))
        #expect(state.classTable.queryRow == 1 && state.selection == queries[1].query)
        _ = state.update(.key(.escape))
        #expect(state.classTable.queryRow == nil && state.screen == .classes)
        _ = state.update(.key(.enter))
        _ = state.update(.key(.down))
        _ = state.update(.key(.enter))
        #expect(state.screen == .dashboard && state.selection == queries[1].query)
    }

    @Test func theQueriesOfAClassAreListedInASnapshot() {
        for (width, height) in AppSnapshotTests.sizes {
            var state = AppFixtures.state(width: width, height: height)
            state.pinnedEpoch = 0
            state.screen = .classes
            AppFixtures.scoreClasses(&state)
            _ = state.update(.key(.down))
            _ = state.update(.key(.enter))
            _ = state.update(.key(.down))
            assertSnapshot(AppView.render(state), named: "classes-queries-\(width)x\(height)")
        }
    }

    /// Given embeddings (`dmlx view`) of 600 points in 2 classes: a class's 300 queries
    /// scroll with the highlight, which stays on screen, and only the rows shown are drawn.
    @Test func aLongListOfQueriesScrollsWithTheHighlight() throws {
        var generator = SeededGenerator(seed: 5)
        let labels = (0..<600).map { $0 % 2 }
        let embeddings = Matrix<Float>(rows: 600, cols: 3, storage: (0..<1800).map { index in
            Float(generator.nextGaussian()) + Float(labels[index / 3])
        })
        let snapshot = EpochSnapshot(run: "given", epoch: 0, loss: nil, batchLosses: [], trainSeconds: 0, cumulativeTrainSeconds: 0,
                                     metrics: .unknown, statistics: [:], learningRate: 0, embeddings: embeddings)
        let data = AppData(name: "given", split: "given", testLabels: labels, classNames: [:], rawTestFeatures: embeddings,
                           imageShape: nil, rawMetrics: .unknown, showsBaselines: false)
        var state = AppState(data: data, runs: [RunView(name: "given", snapshots: [snapshot], status: .finished, plannedEpochs: 0,
                                                        kind: .given)],
                             size: AppState.Size(width: 80, height: 24))
        state.screen = .classes
        AppFixtures.scoreClasses(&state)
        let worst = try #require(state.shownClassScores?.worstFirst.first)
        let queries = try #require(state.shownClassScores?.worstQueries[worst.label])
        #expect(queries.count == 300)
        _ = state.update(.key(.enter))
        for _ in 0..<150 { _ = state.update(.key(.down)) }
        #expect(state.selection == queries[150].query)
        let right = AppView.render(state).lines.map { String($0.dropFirst(46)) }
        let row = { (query: QueryScore) in "#\(query.query)  \(String(format: "%.3f", query.averagePrecision))" }
        #expect(right.contains { $0.contains(row(queries[150])) }, "\(right.joined(separator: "\n"))")
        #expect(!right.contains { $0.contains(row(queries[0])) }, "scrolled past the first")
    }

    @Test func beforeItsScoresArriveTheScreenSaysSo() {
        var state = AppFixtures.state()
        state.screen = .classes
        _ = state.update(.classTable(latest: ClassTableFrame(key: ClassTableKey(run: "triplet", epoch: 5), share: 0.4, scores: nil),
                                     finished: []))
        let lines = AppView.render(state).lines
        #expect(lines.contains { $0.contains("scoring the classes of 40 points… 40%") }, "\(lines.joined(separator: "\n"))")
        let selection = state.selection
        _ = state.update(.key(.down))
        #expect(state.selection == selection, "no class to move to, and the scatter's selection stays")
    }
}
