/// A classic learner the registry can list and build: its catalogue entry and a factory
/// from the user's options and the run's seed (for learners that draw constraints).
public struct RegisteredMethod: Sendable {
    public let descriptor: LossDescriptor
    public let make: @Sendable (MahalanobisConfiguration, UInt64) -> any MahalanobisLearner

    public init(_ descriptor: LossDescriptor,
                make: @escaping @Sendable (MahalanobisConfiguration, UInt64) -> any MahalanobisLearner) {
        self.descriptor = descriptor
        self.make = make
    }
}
