import Testing
import DMLXCore
import DMLXEngine

@Suite struct DataSplitTests {
    /// 3 classes of sizes 5, 4, 1; feature = sample index so rows can be traced.
    private let small = LoadedData(train: Dataset(
        name: "small", features: Matrix(rows: 10, cols: 1, storage: (0..<10).map(Float.init)),
        labels: [0, 1, 0, 2, 1, 0, 1, 0, 1, 0]))

    private func indices(_ data: Dataset) -> [Int] { data.features.storage.map { Int($0) } }

    @Test func stratifiedHoldsOutFloorHalfOfEachClassDisjointly() throws {
        let split = try DataSplit.make(small, protocol: .stratified, seed: 7)
        #expect(split.test.labels.count { $0 == 0 } == 2)
        #expect(split.test.labels.count { $0 == 1 } == 2)
        #expect(split.test.labels.count { $0 == 2 } == 0)
        let train = indices(split.train), test = indices(split.test)
        #expect(Set(train).isDisjoint(with: test))
        #expect((train + test).sorted() == Array(0..<10))
        #expect(train == train.sorted() && test == test.sorted())
        #expect(zip(train, split.train.labels).allSatisfy { small.train.labels[$0] == $1 })
    }

    @Test func stratifiedIsDeterministicPerSeedAndVariesAcrossSeeds() throws {
        let digits = LoadedData(train: try BuiltinDatasets.digits())
        let first = try DataSplit.make(digits, protocol: .stratified, seed: 1)
        let again = try DataSplit.make(digits, protocol: .stratified, seed: 1)
        let other = try DataSplit.make(digits, protocol: .stratified, seed: 2)
        #expect(first.test.features == again.test.features && first.test.labels == again.test.labels)
        #expect(first.test.features != other.test.features)
        #expect(first.test.count == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180].map { $0 / 2 }.reduce(0, +))
        #expect(first.train.count + first.test.count == 1797)
        #expect(first.train.classes == Array(0..<10) && first.test.classes == Array(0..<10))
    }

    @Test func zeroShotTrainsOnFirstHalfOfClasses() throws {
        let digits = try DataSplit.make(LoadedData(train: try BuiltinDatasets.digits()), protocol: .zeroShot, seed: 1)
        #expect(digits.train.classes == [0, 1, 2, 3, 4] && digits.test.classes == [5, 6, 7, 8, 9])
        #expect(digits.train.count + digits.test.count == 1797)
        let odd = try DataSplit.make(small, protocol: .zeroShot, seed: 1)
        #expect(odd.train.classes == [0, 1] && odd.test.classes == [2])
        #expect(indices(odd.test) == [3])
    }

    @Test func officialTestPartIsUsedAsIs() throws {
        let train = Dataset(name: "p", features: Matrix(rows: 4, cols: 1, storage: [0, 1, 2, 3]), labels: [0, 1, 2, 3])
        let test = Dataset(name: "p", features: Matrix(rows: 4, cols: 1, storage: [10, 11, 12, 13]), labels: [3, 2, 1, 0])
        let data = LoadedData(train: train, test: test)
        let stratified = try DataSplit.make(data, protocol: .stratified, seed: 3)
        #expect(stratified.train.features == train.features && stratified.test.features == test.features)
        let zeroShot = try DataSplit.make(data, protocol: .zeroShot, seed: 3)
        #expect(indices(zeroShot.train) == [0, 1] && indices(zeroShot.test) == [10, 11])
    }

    @Test func singleClassCannotBeSplitZeroShot() {
        let one = LoadedData(train: Dataset(name: "one", features: Matrix(rows: 2, cols: 1), labels: [4, 4]))
        expectDatasetError(file: "one", at: .none, mentioning: ["test part of a zero-shot split"]) {
            _ = try DataSplit.make(one, protocol: .zeroShot, seed: 0)
        }
    }

    @Test func protocolNamesMatchTheCommandLine() {
        #expect(SplitProtocol.allCases.map(\.rawValue) == ["stratified", "zero-shot"])
        #expect(SplitProtocol(rawValue: "zero-shot") == .zeroShot)
    }
}
