import DMLXApp
import DMLXCore
import DMLXEngine
import DMLXTerm
import Testing

/// How the UI asks for maps and draws them: each shown map is asked for once, a new
/// epoch's map continues from the nearest epoch's, the picture shows the map as far as
/// it has formed, and the caption says how far it can be trusted.
@Suite struct MapFlowTests {
    func jobs(_ effects: [AppEffect]) -> [MapJob] {
        effects.compactMap {
            if case .computeMap(let job) = $0 { return job }
            return nil
        }
    }

    /// A finished map of `key`: the embeddings' first two coordinates scaled by `scale`.
    func finished(_ key: MapKey, method: MapMethod, state: AppState, scale: Float = 1) -> MapFrame {
        let embeddings = state.runs.first { $0.name == key.run }!.snapshot(atEpoch: key.epoch)!.embeddings!
        var layout = Matrix<Float>(rows: embeddings.rows, cols: 2)
        for r in 0..<embeddings.rows { (layout[r, 0], layout[r, 1]) = (scale * embeddings[r, 0], scale * embeddings[r, 1]) }
        var frame = MapFrame(key: key, method: method, stage: .finished, layout: layout)
        frame.trust = MapTrust(k: 10, trustworthiness: 0.9621, neighborsKept: 0.41, scoredPoints: 40, pointCount: 40)
        return frame
    }

    @Test func theShownLinearMapIsScoredOnceAndEachNonlinearOneMadeOnce() throws {
        var state = AppFixtures.state(epochs: 5)
        let first = jobs(state.update(.frameRendered(milliseconds: 1)))
        #expect(first.count == 1 && first[0].method == .pca && first[0].key == MapKey(run: "triplet", epoch: 5, projection: "aligned"))
        #expect(first[0].layout == state.scatterCoordinates?.points)
        #expect(jobs(state.update(.key(.right))).isEmpty)  // asked for already
        _ = state.update(.key(.character("p")))  // fixed
        _ = state.update(.key(.character("p")))  // per-epoch
        let tsne = jobs(state.update(.key(.character("p"))))
        #expect(tsne.count == 1 && tsne[0].method == .tsne && tsne[0].layout == nil)
        #expect(tsne[0].embeddings == state.focusedSnapshot?.embeddings)
    }

    @Test func aNewEpochsMapContinuesFromTheNearestFinishedOne() throws {
        var state = AppFixtures.state(epochs: 5)
        state.projectionMode = .tsne
        _ = state.update(.frameRendered(milliseconds: 1))
        let done = finished(MapKey(run: "triplet", epoch: 5, projection: "tsne"), method: .tsne, state: state)
        _ = state.update(.maps(latest: done, finished: [done]))
        #expect(state.scatterCoordinates?.points == done.layout)
        let scrubbed = jobs(state.update(.key(.character("["))))
        #expect(scrubbed.count == 1 && scrubbed[0].key.epoch == 4 && scrubbed[0].layout == done.layout)
        // Until epoch 4's map has a layout, the scatter shows epoch 5's, and says so.
        #expect(state.scatterCoordinates?.points == done.layout)
        #expect(MapCaption(state: state).text == "map of epoch 5, making epoch 4's")
    }

    @Test func theMapBeingMadeIsDrawnAsItFormsWithItsProgress() throws {
        var state = AppFixtures.state(epochs: 2)
        state.projectionMode = .umap
        let job = try #require(jobs(state.update(.frameRendered(milliseconds: 1))).first)
        var searching = MapFrame(key: job.key, method: .umap, stage: .neighbors(0.35))
        _ = state.update(.maps(latest: searching, finished: []))
        // No layout yet: the aligned PCA stands in.
        #expect(state.scatterCoordinates?.points == state.focusedSnapshot?.projection?.aligned.project(job.embeddings))
        #expect(MapCaption(state: state).text == "PCA until UMAP is ready · k-NN search 35%")
        searching.stage = .optimizing
        searching.layout = finished(job.key, method: .umap, state: state, scale: 3).layout
        (searching.iteration, searching.totalIterations) = (120, 500)
        _ = state.update(.maps(latest: searching, finished: []))
        #expect(state.scatterCoordinates?.points == searching.layout && state.scatterCoordinates?.proxies == nil)
        #expect(MapCaption(state: state).text == "UMAP epoch 120/500 (39%)")
        let done = finished(job.key, method: .umap, state: state)
        _ = state.update(.maps(latest: done, finished: [done]))
        #expect(MapCaption(state: state).text == "trust 0.962 · 10-NN kept 41%")
    }

    @Test func aFailedMapSaysWhyAndIsNotAskedForAgain() throws {
        var state = AppFixtures.state(epochs: 1)
        state.projectionMode = .tsne
        let job = try #require(jobs(state.update(.frameRendered(milliseconds: 1))).first)
        let failed = MapFrame(key: job.key, method: .tsne, stage: .failed("the map diverged"))
        #expect(jobs(state.update(.maps(latest: failed, finished: []))).isEmpty)
        #expect(MapCaption(state: state).text == "t-SNE failed: the map diverged")
    }

    @Test func aGivenMapIsOfferedOnlyWhenThereIsOne() {
        var state = AppFixtures.state(epochs: 1)
        state.projectionMode = .given
        #expect(state.shownProjectionMode == .aligned)
        var layout = Matrix<Float>(rows: AppFixtures.pointCount, cols: 2)
        for r in 0..<layout.rows { layout[r, 0] = Float(r) }
        state.data.givenMap = layout
        #expect(state.shownProjectionMode == .given && state.scatterCoordinates?.points == layout)
        let scored = jobs(state.update(.frameRendered(milliseconds: 1)))
        #expect(scored.count == 1 && scored[0].method == .pca && scored[0].layout == layout)
    }

    /// The neighbour panel marks the neighbours the map draws beyond the point's 3k
    /// nearest there.
    @Test func neighboursFarOnTheMapAreMarked() {
        var layout = Matrix<Float>(rows: 40, cols: 2)
        for r in 0..<40 { layout[r, 0] = Float(r) }
        // Point 0's neighbours 1 and 2 are near it on this line, 30 is far (k = 2: reach 6).
        #expect(FarOnMap.neighbors([1, 30], of: 0, on: layout) == [30])
        #expect(FarOnMap.neighbors([1, 6], of: 0, on: layout) == [])
        #expect(FarOnMap.neighbors([1, 7], of: 0, on: layout) == [7])
    }
}
