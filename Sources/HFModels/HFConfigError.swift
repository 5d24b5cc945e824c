/// Why a Hugging Face `config.json` cannot describe a model NNInit can build; each message is one line
/// and names the offending field.
public enum HFConfigError: Error, Equatable, CustomStringConvertible {
  /// The file cannot be read.
  case unreadable(path: String, reason: String)
  /// The file is not JSON, or its top level is not an object.
  case notJSON(path: String, reason: String)
  /// A field the architecture needs is absent (or `null`).
  case missingField(String)
  /// A field holds the wrong kind of value.
  case wrongType(field: String, expected: String, got: String)
  /// A size that must be at least 1 (or at least 0) is not.
  case outOfRange(field: String, value: Int, minimum: Int)
  /// A size above what NNInit declares (``HFConfig/maximumSize``, or a layer/expert count whose
  /// tensors would not fit in memory as declarations).
  case tooLarge(field: String, value: Int, maximum: Int)
  /// The whole checkpoint's size in bytes does not fit in an `Int`.
  case modelTooLarge
  /// `divisor` does not divide `dividend` (e.g. the heads do not divide the hidden size).
  case notDivisible(dividendField: String, dividend: Int, divisorField: String, divisor: Int)
  /// A token id (`pad_token_id`) outside the vocabulary.
  case tokenOutOfVocabulary(field: String, value: Int, vocabularySize: Int)
  /// `model_type` names an architecture NNInit does not build.
  case unknownModelType(String, supported: [String])

  /// One line naming the field, e.g. `'hidden_size' is missing`.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    case .notJSON(let path, let reason): "\(path) is not a JSON object: \(reason)"
    case .missingField(let field): "'\(field)' is missing"
    case .wrongType(let field, let expected, let got): "'\(field)' must be \(expected), got \(got)"
    case .outOfRange(let field, let value, let minimum): "'\(field)' must be at least \(minimum), got \(value)"
    case .tooLarge(let field, let value, let maximum): "'\(field)' must be at most \(maximum), got \(value)"
    case .modelTooLarge: "the model's size in bytes overflows a 64-bit integer"
    case .notDivisible(let dividendField, let dividend, let divisorField, let divisor):
      "'\(divisorField)' (\(divisor)) must divide '\(dividendField)' (\(dividend))"
    case .tokenOutOfVocabulary(let field, let value, let vocabularySize):
      "'\(field)' (\(value)) must be in 0..<vocab_size (\(vocabularySize))"
    case .unknownModelType(let type, let supported):
      "'model_type' \"\(type)\" is not supported; supported: \(supported.joined(separator: ", "))"
    }
  }
}
