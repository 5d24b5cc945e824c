/// A JSON document parsed strictly — the parser of safetensors headers, for other JSON files NNInit
/// reads (a Hugging Face `config.json`): RFC 8259 only, duplicate keys rejected (Python keeps the last,
/// `JSONDecoder` the first, so either would be a silent guess), `true` never read as `1`, numbers kept
/// as their literal text so integers are exact.
public indirect enum StrictJSON: Sendable, Equatable {
  /// An object (keys unique).
  case object([String: StrictJSON])
  /// An array.
  case array([StrictJSON])
  /// A string.
  case string(String)
  /// The number's literal text, e.g. `4096`, `1e-05`.
  case number(String)
  /// `true` or `false`.
  case bool(Bool)
  /// `null`.
  case null

  /// Parses `bytes` (UTF-8, one value with optional surrounding whitespace).
  ///
  /// - Throws: ``StrictJSONError`` with a one-line reason and the byte offset.
  public init(parsing bytes: [UInt8]) throws(StrictJSONError) {
    guard String(validating: bytes, as: UTF8.self) != nil else { throw StrictJSONError(message: "not UTF-8 text", offset: 0) }
    do {
      self.init(try _parseJSON(bytes))
    } catch {
      throw StrictJSONError(message: error.message, offset: error.offset)
    }
  }

  private init(_ value: _JSONValue) {
    switch value {
    case .object(let members):
      self = .object(Dictionary(members.map { ($0.key, StrictJSON($0.value)) }, uniquingKeysWith: { first, _ in first }))
    case .array(let items): self = .array(items.map(StrictJSON.init))
    case .string(let text): self = .string(text)
    case .number(let text): self = .number(text)
    case .bool(let flag): self = .bool(flag)
    case .null: self = .null
    }
  }
}

/// Why a JSON text was rejected: a one-line message and the byte offset where.
public struct StrictJSONError: Error, Equatable, CustomStringConvertible {
  /// What is wrong, e.g. `duplicate key "vocab_size"`.
  public var message: String
  /// The byte offset where the parser stopped.
  public var offset: Int
  /// `message at byte offset`.
  public var description: String { "\(message) at byte \(offset)" }
}
