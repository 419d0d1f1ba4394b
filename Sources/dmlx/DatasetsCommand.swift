import ArgumentParser
import DMLXEngine

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the built-in data sets, losses, miners and classic methods.")

    @Flag(help: "Print the losses, classic methods and miners as the Markdown tables of the README.")
    var markdown = false

    func run() throws {
        if markdown { return print(Self.markdownTables) }
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

    /// Every method (deep losses, then classic learners) and every miner, one row each:
    /// the README's catalogue, generated here so that it cannot drift from the registries.
    static var markdownTables: String {
        let methods = LossRegistry.losses.map { ($0.descriptor, "--loss \($0.descriptor.name)") }
            + MahalanobisRegistry.methods.map { ($0.descriptor, "--method \($0.descriptor.name)") }
        let miners = LossRegistry.miners.map { miner in
            let loss = miner.description.name == "multi-similarity" ? "multi-similarity" : "triplet"
            return (miner.description, "--loss \(loss) --miner \(miner.description.name)")
        }
        return table(["method", "family", "formula", "defaults", "reference", "command"], methods.map { descriptor, options in
            [descriptor.name, descriptor.family?.rawValue ?? "", descriptor.formula, descriptor.defaults, descriptor.paper, command(options)]
        }) + "\n\n" + table(["miner", "selects", "defaults", "reference", "command"], miners.map { descriptor, options in
            [descriptor.name, descriptor.formula, descriptor.defaults, descriptor.paper, command(options)]
        })
    }

    private static func command(_ options: String) -> String { "`dmlx train \(options)`" }

    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(header), line(header.map { _ in "---" })] + rows.map(line)).joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}
