/// A SPEC or CALL that cannot be read: bad characters, bad structure, or arithmetic that fails.
///
/// `description` is one line for the command line, with a 1-based column:
/// `invalid model spec at column 14: unexpected ')' (expected a value)`.
public struct SpecSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was being parsed; it names the error in `description`.
  public enum Subject: String, Sendable, Equatable {
    /// A `--model` SPEC, parsed by ``SpecParser/parseModel(_:)``.
    case modelSpec = "model spec"
    /// A `--weight-init`/`--bias-init`/`fill` CALL, parsed by ``SpecParser/parseInitCall(_:)``.
    case initCall = "init call"
  }

  /// Whether a model spec or an init call was being parsed.
  public var subject: Subject
  /// The whole input text.
  public var input: String
  /// The 0-based character offset of the offending token (the input's length at end of input).
  public var position: Int
  /// The offending token's source text; empty at end of input.
  public var token: String
  /// What went wrong, e.g. `unexpected ')' (expected a value)` or `ZeroDivisionError: division by zero`.
  public var message: String

  /// Creates an error; `position` is a 0-based character offset into `input`.
  public init(subject: Subject, input: String, position: Int, token: String, message: String) {
    self.subject = subject
    self.input = input
    self.position = position
    self.token = token
    self.message = message
  }

  /// The 1-based column of ``position``, as shown to humans.
  public var column: Int { position + 1 }

  /// One line: `invalid <subject> at column <column>: <message>`.
  public var description: String {
    "invalid \(subject.rawValue) at column \(column): \(message)"
  }
}
