/// Splits a SPEC or CALL into tokens: names, Python number and string literals, punctuation.
///
/// Never throws: text it cannot read becomes a final `.invalid` token, so the parser reports the
/// leftmost problem, whether lexical or grammatical. The result always ends in `.end` or `.invalid`.
struct SpecTokenizer {
  private let characters: [Character]
  private var index = 0

  /// Tokenizes `text`; positions are 0-based `Character` offsets.
  static func tokenize(_ text: String) -> [SpecToken] {
    var tokenizer = SpecTokenizer(characters: Array(text))
    var tokens: [SpecToken] = []
    while true {
      let token = tokenizer.next()
      tokens.append(token)
      switch token.kind {
      case .end, .invalid: return tokens
      default: continue
      }
    }
  }

  private init(characters: [Character]) { self.characters = characters }

  private func peek(_ offset: Int = 0) -> Character? {
    index + offset < characters.count ? characters[index + offset] : nil
  }

  private func text(from start: Int) -> String { String(characters[start..<index]) }

  private mutating func next() -> SpecToken {
    while let c = peek(), c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\r\n" {
      index += 1
    }
    let start = index
    guard let c = peek() else { return SpecToken(kind: .end, text: "", position: start) }
    if c.isASCII && (c.isLetter || c == "_") {
      while let d = peek(), d.isASCII && (d.isLetter || d.isNumber || d == "_") { index += 1 }
      return SpecToken(kind: .name(text(from: start)), text: text(from: start), position: start)
    }
    if c.isASCII && c.isNumber || c == "." && peek(1)?.isASCII == true && peek(1)?.isNumber == true {
      return number()
    }
    if c == "'" || c == "\"" { return string(quote: c) }
    for symbol in [SpecSymbol.doubleStar, .doubleSlash, .doubleEquals] where peek() == symbol.rawValue.first
      && peek(1) == symbol.rawValue.last
    {
      index += 2
      return SpecToken(kind: .symbol(symbol), text: symbol.rawValue, position: start)
    }
    if let symbol = SpecSymbol(rawValue: String(c)) {
      index += 1
      return SpecToken(kind: .symbol(symbol), text: symbol.rawValue, position: start)
    }
    index += 1
    return SpecToken(kind: .invalid(message: SpecTokenizer.unexpectedCharacter(c)), text: String(c), position: start)
  }

  /// `unexpected character 'í' (U+00ED LATIN SMALL LETTER I WITH ACUTE)`; an invisible character by its
  /// code point only (`unexpected invisible character U+200B ZERO WIDTH SPACE`); a look-alike of an ASCII
  /// symbol with the symbol meant (`… U+FF08 FULLWIDTH LEFT PARENTHESIS; did you mean '('?`).
  static func unexpectedCharacter(_ c: Character) -> String {
    guard !c.isASCII || c.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
      return "unexpected character \(SpecValue.pythonRepr(String(c)))"
    }
    let scalars = c.unicodeScalars
    let codes = scalars.map { scalar in
      let hex = String(scalar.value, radix: 16, uppercase: true)
      return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
    let names = scalars.map { $0.properties.name ?? $0.properties.nameAlias ?? "unnamed" }
    let described = zip(codes, names).map { "\($0) \($1)" }.joined(separator: ", ")
    let invisible = scalars.allSatisfy { scalar in
      switch scalar.properties.generalCategory {
      case .format, .control, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark: true
      default: false
      }
    }
    let meant = scalars.count == 1 ? scalars.first.flatMap(asciiLookAlike).map { "; did you mean \(SpecValue.pythonRepr(String($0)))?" } ?? "" : ""
    return invisible
      ? "unexpected invisible character \(described)\(meant)"
      : "unexpected character '\(c)' (\(described)\(meant))"
  }

  /// The ASCII character a full-width form, typographic quote, dash or space stands in for.
  private static func asciiLookAlike(_ scalar: Unicode.Scalar) -> Character? {
    switch scalar.value {
    case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0).map(Character.init)
    case 0x2018, 0x2019, 0x201A, 0x2032: "'"
    case 0x201C, 0x201D, 0x201E, 0x2033: "\""
    case 0x2010...0x2015, 0x2212: "-"
    case 0x00D7: "*"
    case 0x00A0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: " "
    default: nil
    }
  }

  /// Reads `123`, `1_000`, `0x1F`, `0o17`, `0b101`, `0.1`, `.5`, `5.`, `1e-5`, `1.5E+3`.
  private mutating func number() -> SpecToken {
    let start = index
    var isFloat = false
    var radix = 10
    if peek() == "0", let p = peek(1), "xXoObB".contains(p) {
      radix = "xX".contains(p) ? 16 : "oO".contains(p) ? 8 : 2
      index += 2
      while let d = peek(), d.isHexDigit || d == "_" { index += 1 }
    } else {
      while let d = peek(), d.isASCII && d.isNumber || d == "_" { index += 1 }
      if peek() == "." {
        isFloat = true
        index += 1
        while let d = peek(), d.isASCII && d.isNumber || d == "_" { index += 1 }
      }
      if let e = peek(), e == "e" || e == "E" {
        let signed = peek(1) == "+" || peek(1) == "-"
        if let d = peek(signed ? 2 : 1), d.isASCII && d.isNumber {
          isFloat = true
          index += signed ? 2 : 1
          while let d = peek(), d.isASCII && d.isNumber || d == "_" { index += 1 }
        }
      }
    }
    while let d = peek(), d.isASCII && (d.isLetter || d.isNumber || d == "_") { index += 1 }
    let literal = text(from: start)
    func invalid(_ message: String) -> SpecToken {
      SpecToken(kind: .invalid(message: message), text: literal, position: start)
    }
    let body = radix == 10 ? Substring(literal) : literal.dropFirst(2)
    guard SpecTokenizer.hasValidDigits(body, radix: radix, isFloat: isFloat) else {
      return invalid("invalid number literal '\(literal)'")
    }
    let digits = body.filter { $0 != "_" }
    if isFloat {
      guard let value = Double(digits) else { return invalid("invalid number literal '\(literal)'") }
      return SpecToken(kind: .float(value), text: literal, position: start)
    }
    if radix == 10 && digits.count > 1 && digits.first == "0" && digits.contains(where: { $0 != "0" }) {
      return invalid("leading zeros in decimal integer literals are not permitted: '\(literal)'")
    }
    guard let value = Int(digits, radix: radix) else {
      return invalid("integer literal \(literal) is too large (does not fit in a 64-bit Int)")
    }
    return SpecToken(kind: .int(value), text: literal, position: start)
  }

  /// Checks Python's digit rules: digits of the radix, single `_` only between digits.
  private static func hasValidDigits(_ body: Substring, radix: Int, isFloat: Bool) -> Bool {
    func groupIsValid<S: StringProtocol>(_ group: S, allowEmpty: Bool) -> Bool {
      if group.isEmpty { return allowEmpty }
      return group.first != "_" && group.last != "_" && !group.contains("__")
        && group.allSatisfy { $0 == "_" || $0.hexDigitValue.map { $0 < radix } == true }
    }
    // Python allows one `_` right after a radix prefix: `0x_1F`.
    let digits = radix != 10 && body.first == "_" ? body.dropFirst() : body
    guard isFloat else { return groupIsValid(digits, allowEmpty: false) }
    let parts = body.split(
      separator: "e", maxSplits: 1, omittingEmptySubsequences: false
    ).flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
    let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
    guard mantissa.count <= 2 else { return false }
    let integer = mantissa[0]
    let fraction = mantissa.count == 2 ? mantissa[1] : ""
    guard !(integer.isEmpty && fraction.isEmpty),
      groupIsValid(integer, allowEmpty: true), groupIsValid(fraction, allowEmpty: true)
    else { return false }
    guard parts.count == 2 else { return true }
    var exponent = parts[1]
    if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
    return groupIsValid(exponent, allowEmpty: false)
  }

  /// Reads a string in `quote`, decoding `\\ \' \" \n \t \r \0 \xhh`; other escapes stay verbatim.
  private mutating func string(quote: Character) -> SpecToken {
    let start = index
    index += 1
    var value = ""
    while let c = peek() {
      index += 1
      if c == quote {
        return SpecToken(kind: .string(value), text: text(from: start), position: start)
      }
      guard c == "\\", let escaped = peek() else {
        value.append(c)
        continue
      }
      index += 1
      switch escaped {
      case "n": value += "\n"
      case "t": value += "\t"
      case "r": value += "\r"
      case "0": value += "\0"
      case "\\", "'", "\"": value.append(escaped)
      case "x":
        if let h = peek()?.hexDigitValue, let l = peek(1)?.hexDigitValue,
          let scalar = Unicode.Scalar(h * 16 + l)
        {
          index += 2
          value.unicodeScalars.append(scalar)
        } else {
          value += "\\x"
        }
      default: value += "\\" + String(escaped)
      }
    }
    return SpecToken(
      kind: .invalid(message: "unterminated string literal"), text: text(from: start),
      position: start)
  }
}
