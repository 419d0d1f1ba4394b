extension NeighborIndex {
    /// Recall@10 the automatic search parameters aim for (the bar for the
    /// neighbour panel), measured on `tuningSample` points drawn with seed 0.
    public static let targetRecall = 0.95
    static let tuningSample = 1000
    /// Points handed to faiss per `add`, between which progress is reported.
    static let addChunk = 50_000

    /// The exact index over `points`: nothing to build, so it cannot fail.
    public static func exact(_ points: Matrix<Float>, threads: Int = 1) -> NeighborIndex {
        NeighborIndex(kind: .exact, isAutomatic: false, points: points, threads: threads, summary: "exact", faiss: nil,
                      tuningRecall: nil)
    }

    /// Builds the index `choice` resolves to over `points` (kept, not copied unless
    /// mutated), reporting the share done to `progress`; nil when `progress` answered
    /// false (checked between chunks: IVF's k-means training runs to its end).
    ///
    /// - Exact: nothing to build.
    /// - IVF (`IVF{nlist},Flat`): k-means (`niter` iterations, default 10) on a seeded sample
    ///   of `train` points (default min(n, 40·nlist): faiss warns below 39·nlist, and
    ///   k-means's cost grows with it), nlist default 4·√n (faiss's advice:
    ///   4·√n to 16·√n) but at most n/39 (faiss wants 39 training points per cell); then
    ///   the points in chunks. Progress: training 40%, adding 50%, tuning 10%.
    /// - HNSW (`HNSW{M},Flat`, M default 32, efConstruction default 40): points in chunks
    ///   (90%), then tuning.
    /// Unless given, nprobe (efSearch) is the smallest power of two from 1 (16) whose
    /// recall@10 on the tuning sample reaches `targetRecall`, or the largest tried (nlist,
    /// 1024). An automatic choice (`choice.kind` nil) probes at most nlist/32 cells, beyond
    /// which IVF's scans are no cheaper than exact search, and falls back to exact search
    /// (an exact index) when that does not reach the target: on data without cluster
    /// structure IVF only makes the answer slower and worse.
    public static func build(_ points: Matrix<Float>, choice: NeighborIndexChoice = .automatic, threads: Int = 1,
                             progress: ((Double) -> Bool)? = nil) throws(NeighborIndexError) -> NeighborIndex? {
        let kind = choice.resolvedKind(points: points.rows, dimension: points.cols)
        let parameters = choice.parameters
        let make = { (kind: NeighborIndexKind, summary: String, faiss: FaissIndex?, tuningRecall: NeighborRecall?) in
            NeighborIndex(kind: kind, isAutomatic: choice.kind == nil, points: points, threads: threads, summary: summary, faiss: faiss,
                          tuningRecall: tuningRecall)
        }
        // A single point has no neighbours to approximate.
        guard kind != .exact, points.rows > 1 else {
            return progress?(1) == false ? nil : make(.exact, "exact", nil, nil)
        }
        let report = { (share: Double) in progress?(share) ?? true }
        let description: String
        let tuned: (name: String, candidates: [Int])
        let faiss: FaissIndex
        var settings: [(String, Int)] = []
        if kind == .ivf {
            let nlist = parameters["nlist"] ?? max(1, min(Int(4 * Double(points.rows).squareRoot()), points.rows / 39))
            description = "IVF\(nlist),Flat"
            faiss = try FaissIndex(description: description, dimension: points.cols)
            try faiss.set("niter", to: parameters["niter"] ?? 10)
            let sample = recallSample(points: points.rows, sample: min(points.rows, parameters["train"] ?? 40 * nlist), seed: 1)
            guard report(0) else { return nil }
            try faiss.train(sample.count == points.rows ? points : points.rows(sample), threads: threads)
            guard try add(points, to: faiss, threads: threads, shares: 0.4..<0.9, report) else { return nil }
            // Chosen automatically, IVF must beat exact search, and Debian's faiss scans
            // slowly: a leave-one-out search of 20,000 × 128 points through one cell holding
            // them all took 103 s, exact search 4.3 s (24 times less). So at most nlist/32.
            let probeLimit = choice.kind == nil ? max(1, nlist / 32) : nlist
            tuned = ("nprobe", Array(sequence(first: 1) { $0 * 2 }.prefix { $0 < probeLimit }) + [probeLimit])
        } else {
            let m = parameters["M"] ?? 32
            description = "HNSW\(m),Flat"
            faiss = try FaissIndex(description: description, dimension: points.cols)
            let efConstruction = parameters["efConstruction"] ?? 40
            try faiss.set("efConstruction", to: efConstruction)
            settings.append(("efConstruction", efConstruction))
            guard try add(points, to: faiss, threads: threads, shares: 0..<0.9, report) else { return nil }
            tuned = ("efSearch", Array(sequence(first: 16) { $0 * 2 }.prefix { $0 <= 1024 }))
        }
        var value = parameters[tuned.name] ?? 0
        var tuningRecall: NeighborRecall?
        if value == 0 {
            let reaching = try tune(faiss, kind, tuned.name, candidates: tuned.candidates, points: points, threads: threads)
            if reaching == nil && choice.kind == nil { return progress?(1) == false ? nil : make(.exact, "exact", nil, nil) }
            value = reaching?.value ?? tuned.candidates.last!
            tuningRecall = reaching?.recall
        }
        try faiss.set(tuned.name, to: value)
        faiss.seal()
        settings.append((tuned.name, value))
        guard report(1) else { return nil }
        return make(kind, ([description] + settings.map { "\($0.0) \($0.1)" }).joined(separator: " "), faiss, tuningRecall)
    }

    /// Adds every point in chunks of `addChunk`, reporting progress over `shares`; false
    /// when the report asked to stop.
    private static func add(_ points: Matrix<Float>, to faiss: FaissIndex, threads: Int, shares: Range<Double>,
                            _ report: (Double) -> Bool) throws(NeighborIndexError) -> Bool {
        for start in stride(from: 0, to: points.rows, by: addChunk) {
            let rows = start..<min(points.rows, start + addChunk)
            try faiss.add(points, rows: rows, threads: threads)
            let done = Double(rows.upperBound) / Double(points.rows)
            guard report(shares.lowerBound + done * (shares.upperBound - shares.lowerBound)) else { return false }
        }
        return true
    }

    /// The first of `candidates` (increasing) whose recall@10 on the tuning sample
    /// reaches `targetRecall`, with that recall, else nil.
    private static func tune(_ faiss: FaissIndex, _ kind: NeighborIndexKind, _ name: String, candidates: [Int], points: Matrix<Float>,
                             threads: Int) throws(NeighborIndexError) -> (value: Int, recall: NeighborRecall)? {
        let probe = NeighborIndex(kind: kind, isAutomatic: false, points: points, threads: threads, summary: name, faiss: faiss,
                                  tuningRecall: nil)
        let queries = recallSample(points: points.rows, sample: tuningSample, seed: 0)
        let k = min(10, points.rows - 1)
        let exact = probe.exactNeighbors(of: queries, k: k)
        for candidate in candidates {
            try faiss.set(name, to: candidate)
            let recall = NeighborRecall(found: try probe.neighbors(of: queries, k: k), exact: exact, k: k)
            if recall.value >= targetRecall { return (candidate, recall) }
        }
        return nil
    }
}
