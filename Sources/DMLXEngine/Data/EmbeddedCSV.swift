/// The reference CSVs of ../shared/data compiled into the binary, so the built-in data sets
/// work from any directory with no files. The contents live in the generated
/// `Embedded/EmbeddedCSV+<Name>.swift` files; regenerate them with Scripts/embed-datasets.sh.
enum EmbeddedCSV {}
