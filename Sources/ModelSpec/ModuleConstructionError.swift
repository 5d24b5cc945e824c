import Layers

/// A module constructor rejected its arguments; says which module of the SPEC it was.
///
/// `description` reads `column 28, LSTM #2: hidden_size must be greater than zero, got 0` — the
/// 1-based column of the call, its name (with `#n`, counting calls of that name left to right, when the
/// SPEC has several) and the constructor's own message (PyTorch's wording).
public struct ModuleConstructionError: Error, CustomStringConvertible {
  /// The module's name as written, e.g. `LSTM`.
  public var module: String
  /// Which call of that name, counting from 1 left to right; `nil` when the name occurs once.
  public var occurrence: Int?
  /// The 0-based offset of the call in the SPEC.
  public var position: Int
  /// The module's path in the built model (`2`, `0.1`; empty for the root).
  public var path: String
  /// The constructor's error.
  public var underlying: any Error

  /// An error for the call of `module` at `position` (its `occurrence`-th, path `path` in the model).
  public init(module: String, occurrence: Int?, position: Int, path: String, underlying: any Error) {
    self.module = module
    self.occurrence = occurrence
    self.position = position
    self.path = path
    self.underlying = underlying
  }

  /// `column 28, LSTM #2: <the constructor's message>` — one line.
  public var description: String {
    var message = "\(underlying)"
    if let layer = underlying as? LayerError { message = layer.message }  // the name comes first already
    let name = occurrence.map { "\(module) #\($0)" } ?? module
    return "column \(position + 1), \(name): \(message)"
  }
}
