import CFFTW
import DMLXCore
import Synchronization

/// FFTW's planner is not thread-safe (executing a plan is): every plan is made and
/// destroyed under this lock.
private let fftwPlanner = Mutex(())

/// Discrete convolutions of `side × side` grids with one symmetric kernel, by FFT
/// (FFTW, double precision). The kernel `k(Δrow, Δcolumn)`, given for offsets
/// `0..<side`, is embedded in a `2·side` circulant (the Toeplitz-in-circulant trick of
/// Linderman et al. 2019), so each output node `o` receives exactly
/// `Σ_t k(|o_row − t_row|, |o_column − t_column|) · input[t]` with no wrap-around.
///
/// Plans are made with `FFTW_ESTIMATE`: deterministic (no timing decides the
/// algorithm) and cheap enough to remake whenever the grid grows. Each of `lanes`
/// lanes owns its buffers and plans, so that several grids are transformed at once on
/// different threads.
///
/// Memory: per lane two `(2·side)²` real buffers and one half spectrum, plus the
/// kernel's: 9 MB a lane for the 300-node side of a map about 100 across; nothing
/// depends on the number of points.
///
/// Not thread-safe: its buffers are scratch space for one convolution at a time. It is
/// `@unchecked Sendable` only so that a Sendable `TSNERepulsion` can keep it between
/// iterations, and that owner checks at every use that it holds the only reference
/// (`isKnownUniquelyReferenced`, making a new instance otherwise), so no two threads
/// ever share one.
final class GridConvolution: @unchecked Sendable {
    let side: Int
    let lanes: Int
    /// The doubled side of the circulant.
    private let extent: Int
    /// Complex entries of a real transform's half spectrum: `extent · (extent/2 + 1)`.
    private let spectrumCount: Int
    private let inputs: [UnsafeMutablePointer<Double>]
    private let outputs: [UnsafeMutablePointer<Double>]
    private let spectra: [UnsafeMutablePointer<fftw_complex>]
    private var forward: [fftw_plan] = []
    private var inverse: [fftw_plan] = []
    /// The embedded kernel. Its row and column 0 are never written and stay 0; every other
    /// entry is rewritten by each `convolve`.
    private let kernelInput: UnsafeMutablePointer<Double>
    private var kernelForward: fftw_plan?
    /// The kernel's spectrum, real because the embedded kernel is even, divided by
    /// `extent²` (FFTW's inverse is unnormalised).
    private let kernelSpectrum: UnsafeMutablePointer<Double>

    init(side: Int, lanes: Int) {
        precondition(side > 0 && lanes > 0, "a convolution needs a grid and a lane")
        self.side = side
        self.lanes = lanes
        extent = 2 * side
        spectrumCount = extent * (extent / 2 + 1)
        let realCount = extent * extent
        func reals() -> UnsafeMutablePointer<Double> {
            let buffer = fftw_alloc_real(realCount)!
            buffer.initialize(repeating: 0, count: realCount)
            return buffer
        }
        inputs = (0..<lanes).map { _ in reals() }
        outputs = (0..<lanes).map { _ in reals() }
        spectra = (0..<lanes).map { [spectrumCount] _ in fftw_alloc_complex(spectrumCount)! }
        kernelSpectrum = fftw_alloc_real(spectrumCount)!
        kernelInput = reals()
        fftwPlanner.withLock { _ in
            let size = Int32(extent)
            kernelForward = fftw_plan_dft_r2c_2d(size, size, kernelInput, spectra[0], UInt32(FFTW_ESTIMATE))!
            forward = zip(inputs, spectra).map { fftw_plan_dft_r2c_2d(size, size, $0, $1, UInt32(FFTW_ESTIMATE))! }
            inverse = zip(spectra, outputs).map { fftw_plan_dft_c2r_2d(size, size, $0, $1, UInt32(FFTW_ESTIMATE))! }
        }
    }

    deinit {
        fftwPlanner.withLock { _ in
            for plan in forward + inverse + [kernelForward!] { fftw_destroy_plan(plan) }
        }
        for buffer in inputs + outputs + [kernelInput] { fftw_free(buffer) }
        for spectrum in spectra { fftw_free(spectrum) }
        fftw_free(kernelSpectrum)
    }

    /// Convolves each of `grids` (each `side × side`, row-major) with `kernel(Δrow,
    /// Δcolumn)` into the matching `results`, the grids spread over the lanes.
    func convolve(_ grids: [UnsafePointer<Double>], into results: [UnsafeMutablePointer<Double>],
                  kernel: (Int, Int) -> Double) {
        precondition(grids.count == results.count, "one result per grid")
        transformKernel(kernel)
        let workers = min(lanes, grids.count)
        Parallel.run(workers: workers) { lane in
            for index in stride(from: lane, to: grids.count, by: workers) {
                // Only the top-left quadrant of the input is ever written; the rest stays 0.
                for row in 0..<side {
                    (inputs[lane] + row * extent).update(from: grids[index] + row * side, count: side)
                }
                fftw_execute_dft_r2c(forward[lane], inputs[lane], spectra[lane])
                let spectrum = UnsafeMutableRawPointer(spectra[lane]).assumingMemoryBound(to: Double.self)
                for entry in 0..<spectrumCount {
                    spectrum[2 * entry] *= kernelSpectrum[entry]
                    spectrum[2 * entry + 1] *= kernelSpectrum[entry]
                }
                fftw_execute_dft_c2r(inverse[lane], spectra[lane], outputs[lane])
                for row in 0..<side {
                    (results[index] + row * side).update(from: outputs[lane] + (side + row) * extent + side, count: side)
                }
            }
        }
    }

    /// Writes the circulant embedding of `kernel` (entry `side ± i, side ± j` holds
    /// `kernel(i, j)`), transforms it, and keeps the real parts, normalised.
    private func transformKernel(_ kernel: (Int, Int) -> Double) {
        let input = kernelInput
        for i in 0..<side {
            for j in 0..<side {
                let value = kernel(i, j)
                for row in [side + i, side - i] {
                    for column in [side + j, side - j] { input[row * extent + column] = value }
                }
            }
        }
        fftw_execute_dft_r2c(kernelForward, input, spectra[0])
        let spectrum = UnsafeMutableRawPointer(spectra[0]).assumingMemoryBound(to: Double.self)
        let scale = 1 / Double(extent * extent)
        for entry in 0..<spectrumCount { kernelSpectrum[entry] = spectrum[2 * entry] * scale }
    }
}
