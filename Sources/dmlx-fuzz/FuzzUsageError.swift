/// A mistake in how the fuzzer was called or set up (not a finding).
struct FuzzUsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
