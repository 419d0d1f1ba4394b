import DMLXCore
import Foundation

/// Synthetic data sets made from a seed (the same seed gives the same points), sized for
/// a few seconds of training; each is built so that a learned metric beats raw Euclidean:
/// - `blobs`: 10 Gaussian clusters in 16-D, 150 points each. Centres ~ N(0, I); the noise
///   standard deviation grows linearly from 0.4 on the first axis to 2.4 on the last, so the
///   noisy axes swamp raw distances (1-NN accuracy about 0.6) while a whitening linear
///   metric reaches about 0.83 (measured with scikit-learn's LDA + 1-NN).
/// - `rings`: 3 concentric 2-D rings of radius 1, 2, 3 (radial noise 0.15), 500 points each,
///   lifted to 8-D by six axes of pure noise N(0, 0.5²): the classes live in a plane that a
///   metric must find; not linearly separable.
/// - `spirals`: 3 interleaved 2-D spirals of 1.25 turns, radius growing from 0 to 3, 500
///   points each with Gaussian noise 0.1: neighbourhoods are local, so k-NN works while any
///   linear map keeps the arms tangled.
public enum SyntheticDatasets {
    public static let blobsShape = (samples: 1500, features: 16, classes: 10)
    public static let ringsShape = (samples: 1500, features: 8, classes: 3)
    public static let spiralsShape = (samples: 1500, features: 2, classes: 3)

    public static func blobs(seed: UInt64) -> Dataset {
        var generator = SeededGenerator(seed: seed).derived(1)
        let (samples, dimension, classes) = blobsShape
        let centres = (0..<classes).map { _ in (0..<dimension).map { _ in generator.nextGaussian() } }
        let noiseScale = (0..<dimension).map { 0.4 + 2.0 * Double($0) / Double(dimension - 1) }
        return make("blobs", samples: samples, classes: classes, dimension: dimension) { label, row in
            for axis in 0..<dimension { row[axis] = centres[label][axis] + noiseScale[axis] * generator.nextGaussian() }
        }
    }

    public static func rings(seed: UInt64) -> Dataset {
        var generator = SeededGenerator(seed: seed).derived(2)
        let (samples, dimension, classes) = ringsShape
        return make("rings", samples: samples, classes: classes, dimension: dimension) { label, row in
            let angle = 2 * Double.pi * generator.nextUnit()
            let radius = Double(label + 1) + 0.15 * generator.nextGaussian()
            row[0] = radius * cos(angle)
            row[1] = radius * sin(angle)
            for axis in 2..<dimension { row[axis] = 0.5 * generator.nextGaussian() }
        }
    }

    public static func spirals(seed: UInt64) -> Dataset {
        var generator = SeededGenerator(seed: seed).derived(3)
        let (samples, dimension, classes) = spiralsShape
        return make("spirals", samples: samples, classes: classes, dimension: dimension) { label, row in
            let position = generator.nextUnit()
            let angle = 2 * Double.pi * (Double(label) / Double(classes) + 1.25 * position)
            row[0] = 3 * position * cos(angle) + 0.1 * generator.nextGaussian()
            row[1] = 3 * position * sin(angle) + 0.1 * generator.nextGaussian()
        }
    }

    /// `samples / classes` points per class, class by class; `fill` writes one point of
    /// class `label` into a zeroed row.
    private static func make(_ name: String, samples: Int, classes: Int, dimension: Int,
                             fill: (_ label: Int, _ row: inout [Double]) -> Void) -> Dataset {
        var storage: [Float] = []
        storage.reserveCapacity(samples * dimension)
        var labels: [Int] = []
        var row = [Double](repeating: 0, count: dimension)
        for index in 0..<samples {
            let label = index * classes / samples
            fill(label, &row)
            storage.append(contentsOf: row.map { Float($0) })
            labels.append(label)
        }
        return Dataset(name: name, features: Matrix(rows: samples, cols: dimension, storage: storage), labels: labels)
    }
}
