import _LibM
import RandomModule
import Synchronization

/// Where initializers report PyTorch's `UserWarning`s (e.g. "Initializing zero-element tensors is a no-op").
///
/// By default a warning is written to standard error as `UserWarning: <message>`, as Python shows it.
/// Install a handler to collect or silence them.
public enum InitWarnings {
  private static let handlerStorage = Mutex<@Sendable (String) -> Void>({ message in
    let line = "UserWarning: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
  })

  /// The function every warning message is passed to.
  public static var handler: @Sendable (String) -> Void {
    get { handlerStorage.withLock { $0 } }
    set { handlerStorage.withLock { $0 = newValue } }
  }

  /// Reports `message` to the handler.
  public static func warn(_ message: String) { handler(message) }
}

