/// The real data sets compiled into dmlx (UCI, CC BY 4.0; see ../shared/data/README.md),
/// parsed by `CSVLoader` on first use and then kept:
/// - `digits`: 1797 8×8 images of handwritten digits, pixel values 0...16 (kept as in the
///   source; standardise before training), 10 classes (Alpaydin & Kaynak 1998);
/// - `iris`: 150 flowers, 4 measurements in cm, 3 species (Fisher 1936);
/// - `wine`: 178 wines, 13 chemical measurements, 3 cultivars (Forina et al.).
public enum BuiltinDatasets {
    public static func digits() throws -> Dataset { try parsedDigits.get() }
    public static func iris() throws -> Dataset { try parsedIris.get() }
    public static func wine() throws -> Dataset { try parsedWine.get() }

    private static let parsedDigits = parse(EmbeddedCSV.digits, name: "digits",
                                            imageShape: Dataset.ImageShape(height: 8, width: 8))
    private static let parsedIris = parse(EmbeddedCSV.iris, name: "iris",
                                          classNames: [0: "setosa", 1: "versicolor", 2: "virginica"])
    private static let parsedWine = parse(EmbeddedCSV.wine, name: "wine",
                                          classNames: [0: "cultivar 1", 1: "cultivar 2", 2: "cultivar 3"])

    private static func parse(_ text: String, name: String, imageShape: Dataset.ImageShape? = nil,
                              classNames: [Int: String] = [:]) -> Result<Dataset, any Error> {
        Result {
            let table = try CSVLoader.table(text: text, file: "\(name).csv (built in)",
                                            options: CSVOptions(delimiter: .comma, hasHeader: false))
            return Dataset(name: name, features: table.features, labels: table.labels ?? [],
                           imageShape: imageShape, classNames: classNames)
        }
    }
}
