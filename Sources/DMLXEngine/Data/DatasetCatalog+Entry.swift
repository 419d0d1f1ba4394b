extension DatasetCatalog {
    /// One line of `dmlx datasets`.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var samples: Int
        public var features: Int
        public var classes: Int
        public var description: String
    }
}
