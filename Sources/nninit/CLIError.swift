import NNInit

/// A command-line failure: one line naming the option and the offending value.
struct CLIError: Error, CustomStringConvertible {
  var message: String
  /// Whether the library error behind it was ``TensorError/insufficientMemory``.
  private(set) var isInsufficientMemory = false
  init(_ message: String) { self.message = message }

  /// `error` prefixed with the option it came from, e.g. `--model: unknown module 'Linaer' at column 1; …`;
  /// an error located in the model (``ModuleConstructionError``) reads `--model, column 28, LSTM #2: …`.
  init(option: String, _ error: any Error) {
    let text = String(describing: error).split(separator: "\n").joined(separator: " ")
    let option = option.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")  // one line
    message = error is ModuleConstructionError ? "\(option), \(text)" : "\(option): \(text)"
    var underlying: any Error = error
    if let located = error as? ModuleConstructionError { underlying = located.underlying }
    if case .insufficientMemory? = underlying as? TensorError { isInsufficientMemory = true }
  }

  var description: String { message }
}

/// Runs `body`, reporting any error as coming from `option`.
func reporting<T>(_ option: String, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as CLIError {
    throw error
  } catch {
    throw CLIError(option: option, error)
  }
}

/// Runs `body`, reporting any error as coming from `option`; with `streamingHint`, a tensor too large
/// for the memory adds how to write it anyway (`— use --generator philox to stream it`).
func reporting<T>(_ option: String, streamingHint: Bool, _ body: () throws -> T) throws -> T {
  do {
    return try reporting(option, body)
  } catch let error as CLIError where streamingHint && error.isInsufficientMemory {
    throw CLIError(error.message + " — use --generator philox to stream it")
  }
}
