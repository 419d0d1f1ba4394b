import DMLXCore

extension Parameter {
    /// Proxies for `count` classes in `dimension` dimensions, each entry drawn from
    /// N(0, standardDeviation²) by the run's seeded generator, in the proxies'
    /// learning-rate group.
    static func proxies(count: Int, dimension: Int, standardDeviation: Double = 1,
                        generator: inout SeededGenerator) -> Parameter {
        var values = Matrix<Float>(rows: count, cols: dimension)
        for i in values.storage.indices { values.storage[i] = Float(standardDeviation * generator.nextGaussian()) }
        return Parameter(name: "proxies", group: .proxies, value: values)
    }
}
