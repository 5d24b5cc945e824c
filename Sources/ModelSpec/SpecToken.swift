/// The punctuation and operators of the SPEC/CALL grammar.
enum SpecSymbol: String, Sendable, Equatable, CaseIterable {
  case leftParen = "("
  case rightParen = ")"
  case leftBracket = "["
  case rightBracket = "]"
  case leftBrace = "{"
  case rightBrace = "}"
  case colon = ":"
  case comma = ","
  case equals = "="
  case dot = "."
  case plus = "+"
  case minus = "-"
  case star = "*"
  case doubleStar = "**"
  case slash = "/"
  case doubleSlash = "//"
  case percent = "%"
  /// Recognized only so that `a == b` is reported as one unsupported token.
  case doubleEquals = "=="
}

/// One token of a SPEC or CALL, with its source text and 0-based character offset.
struct SpecToken: Sendable, Equatable {
  /// The token's category and decoded payload.
  enum Kind: Sendable, Equatable {
    /// An identifier (`Linear`, `math`, `True`); dotted names are several tokens.
    case name(String)
    /// An integer literal that fits in `Int`.
    case int(Int)
    /// A float literal.
    case float(Double)
    /// A string literal, escapes decoded.
    case string(String)
    /// Punctuation or an operator.
    case symbol(SpecSymbol)
    /// End of input.
    case end
    /// Text the tokenizer rejected; the parser reports `message` when it reaches this token.
    case invalid(message: String)
  }

  /// The token's category and payload.
  var kind: Kind
  /// The exact source text (empty for `end`).
  var text: String
  /// The 0-based character offset of the token's first character.
  var position: Int

  /// How messages refer to the token: `')'`, `'Linear'`, `string 'relu'`, `end of input` (one line).
  var display: String {
    switch kind {
    case .end: "end of input"
    case .string(let value): "string \(SpecValue.pythonRepr(value))"
    default: "'\(text)'"
    }
  }

  /// Whether the token is the given symbol.
  func `is`(_ symbol: SpecSymbol) -> Bool { kind == .symbol(symbol) }

  /// Whether the token can begin a value (used for the "missing comma?" hint).
  var startsValue: Bool {
    switch kind {
    case .name, .int, .float, .string: true
    case .symbol(let symbol): [.leftParen, .leftBracket, .leftBrace, .plus, .minus].contains(symbol)
    case .end, .invalid: false
    }
  }
}
