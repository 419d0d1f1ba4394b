import DMLXCore

/// `TSNERepulsion` by FFT-accelerated interpolation (Linderman et al. 2019, "Fast
/// interpolation-based t-SNE", as FIt-SNE and openTSNE compute it), in O(n + G log G)
/// for a grid of G nodes instead of O(n²). `F_i` and `Z` both follow from four
/// potentials `φ_t(y_i) = Σ_j q_ij² c_t(y_j)` with charges `c = (1, y_x, y_y, ‖y‖²)`:
/// `F_i = y_i φ₀ − (φ₁, φ₂)` and, since `q = (1 + ‖y_i − y_j‖²) q²`,
/// `Z = Σ_i (1 + ‖y_i‖²) φ₀ − 2 y_i·(φ₁, φ₂) + φ₃ − n` (the `− n` removes `j = i`).
///
/// Each potential is approximated by Lagrange interpolation on a grid of intervals
/// (`TSNEInterpolation`): the charges are spread onto each point's interval's nodes,
/// the kernel sums between all nodes are one convolution (`GridConvolution`), and the
/// potentials are interpolated back. With 3 nodes per interval of width ≤ 1 the
/// error of the gradient is about 1.5% of its largest entry (TSNEGradientTests measures
/// it against the exact sums).
///
/// Deterministic whatever the thread count: points are bucketed by interval row and
/// each grid node is accumulated by one worker, in point order.
struct InterpolatedRepulsion: TSNERepulsion {
    let interpolation: TSNEInterpolation
    let threads: Int
    /// Kept between evaluations and remade when the grid's side changes.
    private var convolution: GridConvolution?

    init(interpolation: TSNEInterpolation, threads: Int) {
        self.interpolation = interpolation
        self.threads = max(1, threads)
    }

    mutating func evaluate(_ layout: Matrix<Double>, into forces: inout Matrix<Double>) -> Double {
        precondition(layout.cols == 2 && forces.rows == layout.rows && forces.cols == 2, "a layout and its forces are n × 2")
        let n = layout.rows
        guard n > 1 else {
            forces = Matrix(rows: forces.rows, cols: 2)
            return 0
        }
        let grid = InterpolationGrid(layout, interpolation: interpolation)
        let side = grid.intervals * interpolation.nodesPerInterval
        // Shared with a copy of this value (a snapshot of the optimisation): make our own.
        if convolution?.side != side || !isKnownUniquelyReferenced(&convolution!) {
            convolution = GridConvolution(side: side, lanes: min(threads, 4))
        }
        let placement = grid.place(layout)
        let terms = 4
        var charges = [Double](repeating: 0, count: terms * side * side)
        var potentials = [Double](repeating: 0, count: terms * side * side)
        spread(layout, placement, onto: &charges, side: side)
        charges.withUnsafeBufferPointer { input in
            potentials.withUnsafeMutableBufferPointer { output in
                let nodes = side * side
                convolution!.convolve((0..<terms).map { input.baseAddress! + $0 * nodes },
                                      into: (0..<terms).map { output.baseAddress! + $0 * nodes }) { i, j in
                    let squared = grid.nodeSpacing * grid.nodeSpacing * Double(i * i + j * j)
                    return 1 / ((1 + squared) * (1 + squared))
                }
            }
        }
        return gather(layout, placement, from: potentials, side: side, into: &forces)
    }

    /// Adds each point's charges, weighted by its interpolation weights, to the nodes of
    /// its interval. Workers own disjoint bands of interval rows, hence of grid rows.
    private func spread(_ layout: Matrix<Double>, _ placement: InterpolationGrid.Placement, onto charges: inout [Double], side: Int) {
        let nodesPerInterval = interpolation.nodesPerInterval
        let nodes = side * side
        let byRow = placement.pointsByIntervalRow()
        let workers = min(threads, placement.intervals)
        layout.storage.withUnsafeBufferPointer { y in
            charges.withUnsafeMutableBufferPointer { grid in
                Parallel.run(workers: workers) { worker in
                    let rows = (worker * placement.intervals / workers)..<((worker + 1) * placement.intervals / workers)
                    for point in byRow.points[byRow.starts[rows.lowerBound]..<byRow.starts[rows.upperBound]] {
                        let (x0, x1) = (y[2 * point], y[2 * point + 1])
                        let charge = (1.0, x0, x1, x0 * x0 + x1 * x1)
                        for a in 0..<nodesPerInterval {
                            let rowBase = (placement.row[point] * nodesPerInterval + a) * side + placement.column[point] * nodesPerInterval
                            let weightA = placement.rowWeight(point, a)
                            for b in 0..<nodesPerInterval {
                                let weight = weightA * placement.columnWeight(point, b)
                                let node = rowBase + b
                                grid[node] += weight * charge.0
                                grid[nodes + node] += weight * charge.1
                                grid[2 * nodes + node] += weight * charge.2
                                grid[3 * nodes + node] += weight * charge.3
                            }
                        }
                    }
                }
            }
        }
    }

    /// Interpolates the potentials back to the points, writes `F_i` and returns `Z`.
    private func gather(_ layout: Matrix<Double>, _ placement: InterpolationGrid.Placement, from potentials: [Double], side: Int,
                        into forces: inout Matrix<Double>) -> Double {
        let n = layout.rows
        let nodesPerInterval = interpolation.nodesPerInterval
        let nodes = side * side
        var perPoint = [Double](repeating: 0, count: n)
        layout.storage.withUnsafeBufferPointer { y in
            potentials.withUnsafeBufferPointer { grid in
                forces.storage.withUnsafeMutableBufferPointer { force in
                    perPoint.withUnsafeMutableBufferPointer { normaliser in
                        Parallel.forEachSlice(of: n, workers: threads) { slice in
                            for point in slice {
                                var phi = (0.0, 0.0, 0.0, 0.0)
                                for a in 0..<nodesPerInterval {
                                    let rowBase = (placement.row[point] * nodesPerInterval + a) * side
                                        + placement.column[point] * nodesPerInterval
                                    let weightA = placement.rowWeight(point, a)
                                    for b in 0..<nodesPerInterval {
                                        let weight = weightA * placement.columnWeight(point, b)
                                        let node = rowBase + b
                                        phi.0 += weight * grid[node]
                                        phi.1 += weight * grid[nodes + node]
                                        phi.2 += weight * grid[2 * nodes + node]
                                        phi.3 += weight * grid[3 * nodes + node]
                                    }
                                }
                                let (x0, x1) = (y[2 * point], y[2 * point + 1])
                                force[2 * point] = x0 * phi.0 - phi.1
                                force[2 * point + 1] = x1 * phi.0 - phi.2
                                normaliser[point] = (1 + x0 * x0 + x1 * x1) * phi.0 - 2 * (x0 * phi.1 + x1 * phi.2) + phi.3
                            }
                        }
                    }
                }
            }
        }
        return perPoint.reduce(0, +) - Double(n)
    }
}
