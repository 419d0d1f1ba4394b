import DMLXCore

/// `TSNERepulsion` by Barnes–Hut (van der Maaten 2014, "Accelerating t-SNE using
/// tree-based algorithms"), as openTSNE computes it below 10,000 points: each point
/// walks a `QuadTree` of the layout and takes a cell as one body at its centre of mass
/// when the cell is a leaf or its side is less than `θ` times its distance (θ = 0.5),
/// so the sums cost O(n log n). Unlike openTSNE, a point's own leaf counts its other
/// points only, so `Z` holds no self-interaction. Rows are shared out among the threads,
/// each point summed alone, so the result does not depend on their number.
struct BarnesHutRepulsion: TSNERepulsion {
    let theta: Double
    let threads: Int

    mutating func evaluate(_ layout: Matrix<Double>, into forces: inout Matrix<Double>) -> Double {
        precondition(layout.cols == 2 && forces.rows == layout.rows && forces.cols == 2, "a layout and its forces are n × 2")
        let n = layout.rows
        let tree = QuadTree(layout)
        var normalisers = [Double](repeating: 0, count: n)
        let thetaSquared = theta * theta
        // A depth-first walk holds at most three pending siblings a level, plus four.
        let stackCapacity = 3 * tree.depth + 4
        tree.cells.withUnsafeBufferPointer { cells in
            tree.leafOf.withUnsafeBufferPointer { leafOf in
                layout.storage.withUnsafeBufferPointer { y in
                    forces.storage.withUnsafeMutableBufferPointer { force in
                        normalisers.withUnsafeMutableBufferPointer { normaliser in
                            Parallel.forEachSlice(of: n, workers: threads) { slice in
                                let stack = UnsafeMutablePointer<Int>.allocate(capacity: stackCapacity)
                                defer { stack.deallocate() }
                                for point in slice {
                                    let (x0, x1) = (y[2 * point], y[2 * point + 1])
                                    var (z, fx, fy) = (0.0, 0.0, 0.0)
                                    var pending = 1
                                    stack[0] = 0
                                    while pending > 0 {
                                        pending -= 1
                                        let index = stack[pending]
                                        let cell = cells[index]
                                        let (dx, dy) = (x0 - cell.centreX, x1 - cell.centreY)
                                        let squared = dx * dx + dy * dy
                                        if cell.firstChild >= 0 && cell.side * cell.side >= thetaSquared * squared {
                                            for child in cell.firstChild..<(cell.firstChild + 4) where cells[child].count > 0 {
                                                stack[pending] = child
                                                pending += 1
                                            }
                                            continue
                                        }
                                        let count = Double(cell.count - (leafOf[point] == index ? 1 : 0))
                                        let q = 1 / (1 + squared)
                                        z += count * q
                                        fx += count * q * q * dx
                                        fy += count * q * q * dy
                                    }
                                    force[2 * point] = fx
                                    force[2 * point + 1] = fy
                                    normaliser[point] = z
                                }
                            }
                        }
                    }
                }
            }
        }
        return normalisers.reduce(0, +)
    }
}
