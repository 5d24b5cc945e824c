import NNInit

/// A command-line failure: one line naming the option and the offending value.
struct CLIError: Error, CustomStringConvertible {
  var message: String
  init(_ message: String) { self.message = message }

  /// `error` prefixed with the option it came from, e.g. `--model: unknown module 'Linaer' at column 1; …`.
  init(option: String, _ error: any Error) {
    message = "\(option): \(String(describing: error).split(separator: "\n").joined(separator: " "))"
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
