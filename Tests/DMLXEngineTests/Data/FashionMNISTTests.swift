import Foundation
import Testing
import DMLXCore
import DMLXEngine

@Suite struct FashionMNISTTests {
    /// Labels, label counts and pixel sums checked with numpy on the Debian files.
    @Test(.enabled(if: FashionMNIST.isInstalled))
    func loadsTrainAndOfficialTestParts() throws {
        let data = try FashionMNIST.load()
        let test = try #require(data.test)
        #expect(data.train.count == 60_000 && test.count == 10_000)
        #expect(data.train.dimension == 784 && data.train.imageShape == Dataset.ImageShape(height: 28, width: 28))
        #expect(Array(data.train.labels.prefix(10)) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        #expect(Array(test.labels.prefix(10)) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        #expect(data.train.labels.count { $0 == 3 } == 6000)
        let firstSum = data.train.features.row(0).reduce(0) { $0 + Double($1) } * 255
        #expect(abs(firstSum - 76247) < 0.5)
        #expect(data.train.features[0, 417] == 1)
        #expect(data.train.classNames[9] == "Ankle boot")
    }

    @Test(.enabled(if: FashionMNIST.isInstalled))
    func zeroShotFollowsProxyNCAProtocol() throws {
        let split = try DataSplit.make(FashionMNIST.load(), protocol: .zeroShot, seed: 0)
        #expect(split.train.classes == [0, 1, 2, 3, 4] && split.train.count == 30_000)
        #expect(split.test.classes == [5, 6, 7, 8, 9] && split.test.count == 5_000)
    }

    @Test func missingDirectoryNamesTheDebianPackage() {
        expectDatasetError(file: "/nonexistent/fashion", at: .none, mentioning: ["apt-get install dataset-fashion-mnist"]) {
            _ = try FashionMNIST.load(directory: "/nonexistent/fashion")
        }
    }
}
