/// A parsed JSON value. Objects keep their members in file order, and numbers keep their literal text
/// so that integers are read exactly (never through `Double`).
///
/// A small, strict RFC 8259 parser written for safetensors headers: unlike `JSONSerialization` it
/// reports duplicate keys, never confuses `true` with `1`, and bounds nesting depth.
enum _JSONValue {
  case object([(key: String, value: _JSONValue)])
  case array([_JSONValue])
  case string(String)
  case number(String)
  case bool(Bool)
  case null

  /// The value as an `Int` if it is an integer literal that fits, else `nil`.
  var int: Int? {
    if case .number(let text) = self { Int(text) } else { nil }
  }

  /// The literal JSON text of a scalar, or a short summary of a container, for error messages.
  var summary: String {
    switch self {
    case .object(let members): "an object with \(members.count) members"
    case .array(let values): "[" + values.map(\.summary).joined(separator: ",") + "]"
    case .string(let s): _jsonQuoted(s)
    case .number(let text): text
    case .bool(let b): b ? "true" : "false"
    case .null: "null"
    }
  }
}

/// Why a JSON text was rejected, and the byte offset where.
struct _JSONParseError: Error {
  var message: String
  var offset: Int
}

/// Parses one JSON value from UTF-8 bytes (which the caller has validated), allowing surrounding
/// whitespace only.
func _parseJSON(_ bytes: [UInt8]) throws(_JSONParseError) -> _JSONValue {
  var parser = _JSONParser(bytes: bytes)
  let value = try parser.value(depth: 0)
  parser.skipWhitespace()
  guard parser.index == bytes.count else { throw parser.error("unexpected trailing content") }
  return value
}

/// `s` as a JSON string literal, escaped the way `serde_json` (and so the `safetensors` crate) does:
/// quotes, backslashes and control characters escaped, everything else (non-ASCII included) as is.
func _jsonQuoted(_ s: String) -> String {
  var out = "\""
  for scalar in s.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case "\u{08}": out += "\\b"
    case "\u{0C}": out += "\\f"
    case _ where scalar.value < 0x20:
      let hex = String(scalar.value, radix: 16)
      out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

private struct _JSONParser {
  let bytes: [UInt8]
  var index = 0
  static let maxDepth = 64

  func error(_ message: String) -> _JSONParseError { _JSONParseError(message: message, offset: index) }

  var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipWhitespace() {
    while let c = peek, c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { index += 1 }
  }

  mutating func expect(_ c: UInt8) throws(_JSONParseError) {
    guard peek == c else { throw error("expected '\(Character(Unicode.Scalar(c)))'") }
    index += 1
  }

  mutating func value(depth: Int) throws(_JSONParseError) -> _JSONValue {
    guard depth < Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth)") }
    skipWhitespace()
    switch peek {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case let c? where c == UInt8(ascii: "-") || (0x30...0x39).contains(c): return .number(try number())
    case nil: throw error("unexpected end of input")
    default: throw error("unexpected character")
    }
  }

  mutating func literal(_ word: String) throws(_JSONParseError) {
    for c in word.utf8 { try expect(c) }
  }

  mutating func object(depth: Int) throws(_JSONParseError) -> _JSONValue {
    try expect(UInt8(ascii: "{"))
    var members: [(key: String, value: _JSONValue)] = []
    var seen = Set<String>()
    skipWhitespace()
    if peek == UInt8(ascii: "}") { index += 1; return .object(members) }
    while true {
      skipWhitespace()
      let keyOffset = index
      let key = try string()
      guard seen.insert(key).inserted else {
        throw _JSONParseError(message: "duplicate key \(_jsonQuoted(key))", offset: keyOffset)
      }
      skipWhitespace()
      try expect(UInt8(ascii: ":"))
      members.append((key, try value(depth: depth + 1)))
      skipWhitespace()
      if peek == UInt8(ascii: ",") { index += 1; continue }
      try expect(UInt8(ascii: "}"))
      return .object(members)
    }
  }

  mutating func array(depth: Int) throws(_JSONParseError) -> _JSONValue {
    try expect(UInt8(ascii: "["))
    var values: [_JSONValue] = []
    skipWhitespace()
    if peek == UInt8(ascii: "]") { index += 1; return .array(values) }
    while true {
      values.append(try value(depth: depth + 1))
      skipWhitespace()
      if peek == UInt8(ascii: ",") { index += 1; continue }
      try expect(UInt8(ascii: "]"))
      return .array(values)
    }
  }

  mutating func number() throws(_JSONParseError) -> String {
    let start = index
    if peek == UInt8(ascii: "-") { index += 1 }
    guard let first = peek, (0x30...0x39).contains(first) else { throw error("expected a digit") }
    if first == 0x30 { index += 1 } else { skipDigits() }
    if peek == UInt8(ascii: ".") {
      index += 1
      guard let c = peek, (0x30...0x39).contains(c) else { throw error("expected a digit") }
      skipDigits()
    }
    if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
      index += 1
      if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
      guard let c = peek, (0x30...0x39).contains(c) else { throw error("expected a digit") }
      skipDigits()
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  mutating func skipDigits() {
    while let c = peek, (0x30...0x39).contains(c) { index += 1 }
  }

  mutating func string() throws(_JSONParseError) -> String {
    try expect(UInt8(ascii: "\""))
    var scalars = String.UnicodeScalarView()
    var runStart = index
    func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[runStart..<end], as: UTF8.self).unicodeScalars) }
    while true {
      guard let c = peek else { throw error("unterminated string") }
      if c == UInt8(ascii: "\"") {
        flush(index)
        index += 1
        return String(scalars)
      }
      if c < 0x20 { throw error("control character in string") }
      if c != UInt8(ascii: "\\") { index += 1; continue }
      flush(index)
      index += 1
      guard let e = peek else { throw error("unterminated escape") }
      index += 1
      switch e {
      case UInt8(ascii: "\""): scalars.append("\"")
      case UInt8(ascii: "\\"): scalars.append("\\")
      case UInt8(ascii: "/"): scalars.append("/")
      case UInt8(ascii: "b"): scalars.append("\u{08}")
      case UInt8(ascii: "f"): scalars.append("\u{0C}")
      case UInt8(ascii: "n"): scalars.append("\n")
      case UInt8(ascii: "r"): scalars.append("\r")
      case UInt8(ascii: "t"): scalars.append("\t")
      case UInt8(ascii: "u"): scalars.append(try unicodeEscape())
      default: index -= 1; throw error("invalid escape")
      }
      runStart = index
    }
  }

  /// The scalar after `\u`: four hex digits, or a surrogate pair `\uD8xx\uDCxx`.
  mutating func unicodeEscape() throws(_JSONParseError) -> Unicode.Scalar {
    let high = try hex4()
    if let scalar = Unicode.Scalar(high) { return scalar }
    guard (0xD800...0xDBFF).contains(high), peek == UInt8(ascii: "\\") else { throw error("unpaired surrogate") }
    index += 1
    try expect(UInt8(ascii: "u"))
    let low = try hex4()
    guard (0xDC00...0xDFFF).contains(low),
      let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    else { throw error("unpaired surrogate") }
    return scalar
  }

  mutating func hex4() throws(_JSONParseError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let c = peek, let digit = Int(String(Unicode.Scalar(c)), radix: 16) else {
        throw error("expected four hex digits")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
