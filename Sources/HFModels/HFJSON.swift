import Interop

/// A JSON value as a Hugging Face `config.json` holds it: integers (literals without fraction or
/// exponent that fit an `Int`) apart from other numbers, `true` never read as `1`, object members
/// without order (transformers writes them sorted).
public enum HFJSON: Sendable, Equatable {
  /// `true` or `false`.
  case bool(Bool)
  /// An integer literal, e.g. `4096`.
  case int(Int)
  /// Any other number, e.g. `0.02`, `1e-05`, `500000.0`.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([HFJSON])
  /// An object.
  case object([String: HFJSON])
  /// `null`.
  case null

  /// The value of a strictly parsed document.
  public init(_ value: StrictJSON) {
    switch value {
    case .object(let members): self = .object(members.mapValues(HFJSON.init))
    case .array(let items): self = .array(items.map(HFJSON.init))
    case .string(let text): self = .string(text)
    case .number(let text): self = Int(text).map(HFJSON.int) ?? .double(Double(text) ?? .nan)
    case .bool(let flag): self = .bool(flag)
    case .null: self = .null
    }
  }

  /// The kind of value, for error messages (`an integer`, `a string`, …).
  public var kind: String {
    switch self {
    case .bool: "a boolean"
    case .int: "an integer"
    case .double: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    case .null: "null"
    }
  }
}
