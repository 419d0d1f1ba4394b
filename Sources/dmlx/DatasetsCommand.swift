import ArgumentParser
import DMLXEngine

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the built-in data sets, losses, miners and classic methods.")

    func run() throws {
        print("data sets (--data NAME, or a path to CSV/TSV, .npy or IDX files)")
        for entry in try DatasetCatalog.entries() {
            print("  " + entry.name.padding(toLength: 15, withPad: " ", startingAt: 0)
                  + String(entry.samples).leftPadded(7) + " × " + String(entry.features).padding(toLength: 5, withPad: " ", startingAt: 0)
                  + String(entry.classes).leftPadded(4) + " classes  " + entry.description)
        }
        print("\nlosses (--loss NAME)")
        for loss in LossRegistry.losses { describe(loss.descriptor) }
        print("\nminers (--miner NAME; none uses every valid tuple)")
        for miner in LossRegistry.miners { describe(miner.description) }
        print("\nclassic Mahalanobis methods (--method NAME, or a name in compare's --losses; the learned L is the embedding)")
        for method in MahalanobisRegistry.methods { describe(method.descriptor) }
    }

    private func describe(_ descriptor: LossDescriptor) {
        let indent = String(repeating: " ", count: 22)
        print("  " + descriptor.name.padding(toLength: 20, withPad: " ", startingAt: 0) + descriptor.formula)
        print(indent + "defaults: " + descriptor.defaults)
        print(indent + descriptor.paper)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
