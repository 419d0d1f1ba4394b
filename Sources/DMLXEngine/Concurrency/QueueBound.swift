import Dispatch

/// A non-Sendable value that only one serial queue may touch, checked at run time on
/// every access (as swift-nio's `NIOLoopBound` checks its event loop): the box itself
/// can be passed anywhere, but reading or changing the value off its queue traps
/// instead of racing.
final class QueueBound<Value>: @unchecked Sendable {
    private let queue: DispatchQueue
    private var storage: Value

    init(_ value: Value, queue: DispatchQueue) {
        self.queue = queue
        storage = value
    }

    var value: Value {
        get {
            dispatchPrecondition(condition: .onQueue(queue))
            return storage
        }
        set {
            dispatchPrecondition(condition: .onQueue(queue))
            storage = newValue
        }
    }
}
