extension PerClassScores {
    /// How many confusions a class's JSON lists: the top few tell where it goes wrong;
    /// the full list can hold every other class.
    public static let jsonConfusionCount = 5

    /// `"per_class"` of `dmlx eval --per-class --json`: an object keyed by class label, in
    /// ascending label order, each `{"name": "T-shirt" (when the data names it), "count":
    /// 90, "precision_at_1": 0.98, "r_precision": 0.91, "map_at_r": 0.87, "confusions":
    /// [{"label": 8, "count": 40, "share": 0.005}, ...]}`, at most `jsonConfusionCount`
    /// confusions, the most retrieved first; a lone class's scores are null.
    public func json(names: [Int: String] = [:]) -> JSONValue {
        .object(classes.map { scores in
            let confusions = scores.confusions.prefix(Self.jsonConfusionCount).map { confusion in
                JSONValue.object([("label", .integer(confusion.label)), ("count", .integer(confusion.count)),
                                  ("share", .number(confusion.share))])
            }
            let name = names[scores.label].map { [("name", JSONValue.string($0))] } ?? []
            return (String(scores.label), .object(name + [
                ("count", .integer(scores.count)), ("precision_at_1", .number(scores.precisionAt1)),
                ("r_precision", .number(scores.rPrecision)), ("map_at_r", .number(scores.mapAtR)),
                ("confusions", .array(Array(confusions))),
            ]))
        })
    }
}
