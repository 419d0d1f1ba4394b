import Foundation

/// A run directory: every subdirectory holding a `run.json` is a run (`RecordedRun`).
public enum RunDirectory {
    /// The runs in `directory` by name, and the problems met (a run.json that is not
    /// one), each naming its file. A directory that does not exist holds no runs.
    public static func runs(in directory: URL) -> (runs: [RecordedRun], problems: [String]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        var runs: [RecordedRun] = []
        var problems: [String] = []
        for name in names {
            let run = directory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: run.appendingPathComponent(RunDirectoryFormat.runFile).path) else { continue }
            do {
                runs.append(try RecordedRun(directory: run))
            } catch {
                problems.append(String(describing: error))
            }
        }
        return (runs, problems)
    }
}
