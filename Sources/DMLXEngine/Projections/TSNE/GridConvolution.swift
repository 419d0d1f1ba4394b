import CFFTW
import DMLXCore
import Synchronization

/// FFTW's planner is not thread-safe (executing a plan is): every plan is made and
/// destroyed under this lock.
private let fftwPlanner = Mutex(())

/// Discrete convolutions of `m × m` grids (`m = side`) with one kernel that is even in
/// both offsets, by FFT (FFTW, double precision). The kernel `k(Δrow, Δcolumn)`, given for
/// offsets `0..<m`, is embedded in a `2m × 2m` circulant (the Toeplitz-in-circulant trick
/// of Linderman et al. 2019), so each output node `o` receives exactly
/// `Σ_t k(|o_row − t_row|, |o_column − t_column|) · input[t]` with no wrap-around.
///
/// The transforms skip what is known to be zero or unwanted: only the `m` non-zero
/// input rows are transformed along the rows before all columns are, and only the `m`
/// wanted output rows are transformed back (a quarter less work than two full 2-D
/// transforms). The embedded kernel is even, so its spectrum is real and is the 2-D
/// DCT-I of one `(m+1) × (m+1)` quadrant, a sixteenth of the points of a full transform.
///
/// Plans are made with `FFTW_ESTIMATE`: deterministic (no timing decides the
/// algorithm) and cheap enough to remake whenever the grid grows. Each of `lanes`
/// lanes owns its buffers and plans, so that several grids are transformed at once on
/// different threads.
///
/// Memory: about `12 m²` doubles a lane, 8.6 MB for the 300-node side of a map about 100
/// across; nothing depends on the number of points.
///
/// Not thread-safe: its buffers are scratch space for one convolution at a time. It is
/// `@unchecked Sendable` only so that a Sendable `TSNERepulsion` can keep it between
/// iterations, and that owner checks at every use that it holds the only reference
/// (`isKnownUniquelyReferenced`, making a new instance otherwise), so no two threads
/// ever share one.
final class GridConvolution: @unchecked Sendable {
    let side: Int
    /// The circulant's side, `2m`.
    private let extent: Int
    /// The half spectrum's width of a real row transform, `m + 1`.
    private let halfWidth: Int
    private let lanes: [Lane]
    /// One quadrant of the embedded kernel and its DCT-I.
    private let kernelQuadrant: UnsafeMutablePointer<Double>
    private let kernelTransform: UnsafeMutablePointer<Double>
    private let kernelPlan: fftw_plan
    /// The kernel's spectrum on the `2m × (m+1)` half spectrum, divided by `(2m)²`
    /// (FFTW's inverse is unnormalised).
    private let kernelSpectrum: UnsafeMutablePointer<Double>

    /// One lane's buffers and its four plans: rows forward, columns forward, columns
    /// back, rows back.
    private struct Lane {
        /// `m × 2m`: the grid's rows, zero-padded to the circulant's width.
        let rows: UnsafeMutablePointer<Double>
        /// `2m × (m+1)`: the row transforms; rows `m..<2m` stay 0.
        let rowSpectra: UnsafeMutablePointer<fftw_complex>
        /// `2m × (m+1)`: the full spectrum, then the column-inverted one.
        let spectrum: UnsafeMutablePointer<fftw_complex>
        /// `m × 2m`: rows `m..<2m` of the circular convolution.
        let result: UnsafeMutablePointer<Double>
        let plans: [fftw_plan]
    }

    init(side: Int, lanes laneCount: Int) {
        precondition(side > 0 && laneCount > 0, "a convolution needs a grid and a lane")
        let (m, extent, halfWidth) = (side, 2 * side, side + 1)
        self.side = side
        self.extent = extent
        self.halfWidth = halfWidth
        let (kernelQuadrant, kernelTransform) = (Self.zeros(halfWidth * halfWidth), Self.zeros(halfWidth * halfWidth))
        self.kernelQuadrant = kernelQuadrant
        self.kernelTransform = kernelTransform
        kernelSpectrum = Self.zeros(extent * halfWidth)
        let buffers = (0..<laneCount).map { _ in
            (Self.zeros(m * extent), Self.complexZeros(extent * halfWidth), Self.complexZeros(extent * halfWidth),
             Self.zeros(m * extent))
        }
        var kernelPlan: fftw_plan?
        var lanes: [Lane] = []
        fftwPlanner.withLock { _ in
            let flags = UInt32(FFTW_ESTIMATE)
            var length = Int32(extent)
            kernelPlan = fftw_plan_r2r_2d(Int32(halfWidth), Int32(halfWidth), kernelQuadrant, kernelTransform,
                                          FFTW_REDFT00, FFTW_REDFT00, flags)
            lanes = buffers.map { rows, rowSpectra, spectrum, result in
                let columns = Int32(halfWidth)
                let plans = [
                    fftw_plan_many_dft_r2c(1, &length, Int32(m), rows, nil, 1, Int32(extent), rowSpectra, nil, 1, columns, flags),
                    fftw_plan_many_dft(1, &length, columns, rowSpectra, nil, columns, 1, spectrum, nil, columns, 1,
                                       FFTW_FORWARD, flags),
                    fftw_plan_many_dft(1, &length, columns, spectrum, nil, columns, 1, spectrum, nil, columns, 1,
                                       FFTW_BACKWARD, flags),
                    fftw_plan_many_dft_c2r(1, &length, Int32(m), spectrum + m * halfWidth, nil, 1, columns, result, nil, 1,
                                           Int32(extent), flags),
                ].map { $0! }
                return Lane(rows: rows, rowSpectra: rowSpectra, spectrum: spectrum, result: result, plans: plans)
            }
        }
        self.kernelPlan = kernelPlan!
        self.lanes = lanes
    }

    deinit {
        fftwPlanner.withLock { _ in
            for plan in lanes.flatMap(\.plans) + [kernelPlan] { fftw_destroy_plan(plan) }
        }
        for lane in lanes {
            for buffer in [lane.rows, lane.result] { fftw_free(buffer) }
            for buffer in [lane.rowSpectra, lane.spectrum] { fftw_free(buffer) }
        }
        for buffer in [kernelQuadrant, kernelTransform, kernelSpectrum] { fftw_free(buffer) }
    }

    /// Convolves each of `grids` (each `side × side`, row-major) with `kernel(Δrow,
    /// Δcolumn)` into the matching `results`, the grids spread over the lanes.
    func convolve(_ grids: [UnsafePointer<Double>], into results: [UnsafeMutablePointer<Double>],
                  kernel: (Int, Int) -> Double) {
        precondition(grids.count == results.count, "one result per grid")
        transformKernel(kernel)
        let workers = min(lanes.count, grids.count)
        Parallel.run(workers: workers) { lane in
            for index in stride(from: lane, to: grids.count, by: workers) {
                convolve(grids[index], into: results[index], on: lanes[lane])
            }
        }
    }

    private func convolve(_ grid: UnsafePointer<Double>, into result: UnsafeMutablePointer<Double>, on lane: Lane) {
        let m = side
        for row in 0..<m { (lane.rows + row * extent).update(from: grid + row * m, count: m) }
        fftw_execute(lane.plans[0])
        fftw_execute(lane.plans[1])
        let spectrum = UnsafeMutableRawPointer(lane.spectrum).assumingMemoryBound(to: Double.self)
        for entry in 0..<(extent * halfWidth) {
            spectrum[2 * entry] *= kernelSpectrum[entry]
            spectrum[2 * entry + 1] *= kernelSpectrum[entry]
        }
        fftw_execute(lane.plans[2])
        fftw_execute(lane.plans[3])
        for row in 0..<m { (result + row * m).update(from: lane.result + row * extent + m, count: m) }
    }

    /// The spectrum of the circulant whose entry `(m ± i, m ± j)` is `kernel(i, j)` (row
    /// and column 0 are 0): even in both indices, so its DFT is the DCT-I of the quadrant
    /// of indices `0...m`, mirrored from rows `0...m` onto `m+1..<2m`.
    private func transformKernel(_ kernel: (Int, Int) -> Double) {
        let m = side
        for a in 0...m {
            for b in 0...m { kernelQuadrant[a * halfWidth + b] = a == 0 || b == 0 ? 0 : kernel(m - a, m - b) }
        }
        fftw_execute(kernelPlan)
        let scale = 1 / Double(extent * extent)
        for row in 0..<extent {
            let mirrored = min(row, extent - row)
            for column in 0..<halfWidth {
                kernelSpectrum[row * halfWidth + column] = kernelTransform[mirrored * halfWidth + column] * scale
            }
        }
    }

    private static func zeros(_ count: Int) -> UnsafeMutablePointer<Double> {
        let buffer = fftw_alloc_real(count)!
        buffer.initialize(repeating: 0, count: count)
        return buffer
    }

    private static func complexZeros(_ count: Int) -> UnsafeMutablePointer<fftw_complex> {
        let buffer = fftw_alloc_complex(count)!
        buffer.initialize(repeating: (0, 0), count: count)
        return buffer
    }
}
