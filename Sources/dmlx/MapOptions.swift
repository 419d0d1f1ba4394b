import ArgumentParser
import DMLXEngine

/// The options of the non-linear maps, shared by `project`, `view` and `export`; their
/// defaults are the methods' own (openTSNE's and umap-learn's), read from the engine's
/// configurations so the help can never disagree with them.
struct MapOptions: ParsableArguments {
    @Option(help: "t-SNE's perplexity (default \(formatted(TSNEConfiguration().perplexity)), openTSNE's); affinities use 3 × perplexity neighbours.")
    var perplexity: Double?

    @Option(help: "UMAP's neighbours, counting the point itself as umap-learn does (default \(UMAPConfiguration().neighborCount)).")
    var neighbors: Int?

    @Option(help: "UMAP's minimum distance between points on the map (default \(formatted(UMAPConfiguration().minimumDistance))).")
    var minDist: Double?

    @Option(name: .customLong("map-seed"), help: "Seed of UMAP's negative sampling and initial noise and of t-SNE's initial jitter.")
    var mapSeed: UInt64 = 0

    @Option(name: .customLong("map-threads"),
            help: "Threads of the neighbour search and of t-SNE's gradient (default: every core for project and export; all but one for view, whose interface keeps a core to answer keys at once).")
    var mapThreads: Int?

    func validate() throws {
        // Above 1,000 the 3 × perplexity neighbours outnumber any --neighbors a map accepts.
        if let perplexity, !(perplexity > 0 && perplexity <= 1000) {
            throw ValidationError("--perplexity must be a positive number up to 1000 (got \(perplexity))")
        }
        if let neighbors, !(2...1000).contains(neighbors) { throw ValidationError("--neighbors must be in 2...1000 (got \(neighbors))") }
        if let minDist, !(minDist >= 0 && minDist.isFinite) { throw ValidationError("--min-dist must be 0 or more (got \(minDist))") }
        if let mapThreads { try validateThreadCount(mapThreads, option: "--map-threads") }
    }

    /// The maps' settings; `interactive` leaves a core to the interface.
    func settings(interactive: Bool) -> MapSettings {
        var settings = MapSettings()
        if let perplexity { settings.tsne.perplexity = perplexity }
        if let neighbors { settings.umap.neighborCount = neighbors }
        if let minDist { settings.umap.minimumDistance = minDist }
        settings.umap.seed = mapSeed
        settings.tsne.seed = mapSeed
        settings.threads = mapThreads ?? BackgroundThreads.count(interactive: interactive)
        return settings
    }
}

/// "30" or "0.1": a default as a person writes it.
private func formatted(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
