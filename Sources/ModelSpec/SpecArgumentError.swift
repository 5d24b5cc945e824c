/// A call whose arguments do not fit its signature, or an argument of the wrong type or value.
///
/// `description` is one line in Python's `TypeError` wording plus the argument's column when known:
/// `Linear() missing 1 required positional argument: 'out_features'`,
/// `Linear(): argument 'in_features' must be int, not str ('ten') at column 8`.
public struct SpecArgumentError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong, with the offending names and values.
  public enum Reason: Sendable, Equatable {
    /// Required arguments not supplied, in signature order.
    case missing([String], keywordOnly: Bool)
    /// More positional arguments than the signature takes.
    case tooManyPositional(minimum: Int, maximum: Int, given: Int, keywordOnlyGiven: Int)
    /// A keyword the signature does not have.
    case unexpectedKeyword(String)
    /// A parameter given both positionally and by keyword.
    case multipleValues(String)
    /// A value of the wrong type; `expected` reads like `int` or `int or tuple of 2 ints`.
    case wrongType(argument: String, value: SpecValue, expected: String)
    /// A value of the right type outside its domain; `requirement` reads like `positive`.
    case invalidValue(argument: String, value: SpecValue, requirement: String)
    /// A call to a name no builder knows; `known` lists the names that are.
    case unknownFunction(known: [String])
  }

  /// The function as named in its signature, e.g. `Linear`.
  public var function: String
  /// What is wrong.
  public var reason: Reason
  /// The 0-based offset of the offending argument (or of the call) in the input, if known.
  public var position: Int?

  /// Creates an error; builders use `.invalidValue` for domain checks of their own.
  public init(function: String, reason: Reason, position: Int? = nil) {
    self.function = function
    self.reason = reason
    self.position = position
  }

  /// The message without the position.
  public var message: String {
    switch reason {
    case .missing(let names, let keywordOnly):
      let kind = keywordOnly ? "keyword-only" : "positional"
      let noun = names.count == 1 ? "argument" : "arguments"
      return "\(function)() missing \(names.count) required \(kind) \(noun): "
        + SpecArgumentError.pythonList(names.map { "'\($0)'" })
    case .tooManyPositional(let minimum, let maximum, let given, let keywordOnlyGiven):
      let takes = minimum == maximum ? "\(maximum)" : "from \(minimum) to \(maximum)"
      let arguments = { (count: Int) in count == 1 ? "argument" : "arguments" }
      let noun = arguments(minimum == maximum ? maximum : 2)
      let givenText =
        keywordOnlyGiven == 0
        ? "\(given) \(given == 1 ? "was" : "were")"
        : "\(given) positional \(arguments(given)) (and \(keywordOnlyGiven) keyword-only "
          + "\(arguments(keywordOnlyGiven))) were"
      return "\(function)() takes \(takes) positional \(noun) but \(givenText) given"
    case .unexpectedKeyword(let name):
      return "\(function)() got an unexpected keyword argument '\(name)'"
    case .multipleValues(let name):
      return "\(function)() got multiple values for argument '\(name)'"
    case .wrongType(let argument, let value, let expected):
      return "\(function)(): argument '\(argument)' must be \(expected), not \(value.typeName) (\(value))"
    case .invalidValue(let argument, let value, let requirement):
      return "\(function)(): argument '\(argument)' must be \(requirement), got \(value)"
    case .unknownFunction(let known):
      if let match = known.first(where: { $0.lowercased() == function.lowercased() }) {
        return "unknown name '\(function)' (did you mean '\(match)'?)"
      }
      return "unknown name '\(function)' (known: \(known.joined(separator: ", ")))"
    }
  }

  /// The message, then ` at column N` (1-based) when the position is known.
  public var description: String {
    guard let position else { return message }
    return "\(message) at column \(position + 1)"
  }

  /// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` — Python's `format_missing` wording.
  static func pythonList(_ items: [String]) -> String {
    switch items.count {
    case 0: ""
    case 1: items[0]
    case 2: "\(items[0]) and \(items[1])"
    default: items.dropLast().joined(separator: ", ") + ", and " + (items.last ?? "")
    }
  }
}
