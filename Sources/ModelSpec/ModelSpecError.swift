/// A SPEC or CALL naming something NNInit does not know.
public struct ModelSpecError: Error, Equatable, CustomStringConvertible {
  /// The unknown name.
  public var name: String
  /// 0-based offset of the name in the input.
  public var position: Int
  /// What kind of name was expected (`module`, `torch.nn.init function`).
  public var kind: String
  /// The names that would have been accepted.
  public var known: [String]

  public var description: String {
    "unknown \(kind) '\(name)' at column \(position + 1); expected one of: \(known.joined(separator: ", "))"
  }
}
