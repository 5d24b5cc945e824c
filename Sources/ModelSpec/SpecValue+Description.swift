/// Python-style rendering of values: `Linear(10, 5, bias=False)`, `'relu'`, `(3,)`, `1e-05`.
extension SpecValue: CustomStringConvertible {
  /// The value as Python's `repr` would print it.
  public var description: String {
    switch self {
    case .int(let value): String(value)
    case .float(let value): SpecValue.pythonRepr(value)
    case .bool(let value): value ? "True" : "False"
    case .none: "None"
    case .string(let value): SpecValue.pythonRepr(value)
    case .tuple(let values) where values.count == 1: "(\(values[0]),)"
    case .tuple(let values): "(" + values.map(\.description).joined(separator: ", ") + ")"
    case .dictionary(let entries):
      "{" + entries.map { SpecValue.pythonRepr($0.key) + ": " + $0.value.description }.joined(separator: ", ") + "}"
    case .call(let call): call.description
    }
  }

  /// Formats a double as Python's `repr(float)`: the shortest round-tripping digits, positional
  /// notation for decimal exponents in [-4, 16), otherwise `d.ddde±XX`; `inf`, `-inf`, `nan`.
  public static func pythonRepr(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    let sign = value.sign == .minus ? "-" : ""
    if value == 0 { return sign + "0.0" }
    // Swift's description also yields the shortest round-tripping digits; only the layout differs.
    var text = Substring(value.magnitude.description)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = text[..<e]
    }
    let integerPart = text.prefix { $0 != "." }
    var digits = Array(text.filter { $0 != "." })
    // `decimalPoint`: the value is 0.d1d2d3… × 10^decimalPoint.
    var decimalPoint = integerPart.count + exponent
    while digits.first == "0" {
      digits.removeFirst()
      decimalPoint -= 1
    }
    while digits.last == "0" { digits.removeLast() }
    let body = String(digits)
    if decimalPoint > 16 || decimalPoint <= -4 {
      let mantissa = digits.count == 1 ? body : "\(digits[0])." + String(digits.dropFirst())
      let power = decimalPoint - 1
      let powerDigits = String(power.magnitude)
      return sign + mantissa + "e" + (power < 0 ? "-" : "+")
        + (powerDigits.count < 2 ? "0" : "") + powerDigits
    }
    if decimalPoint <= 0 {
      return sign + "0." + String(repeating: "0", count: -decimalPoint) + body
    }
    if decimalPoint >= digits.count {
      return sign + body + String(repeating: "0", count: decimalPoint - digits.count) + ".0"
    }
    return sign + String(digits[..<decimalPoint]) + "." + String(digits[decimalPoint...])
  }

  /// Quotes a string as Python's `repr(str)`: single quotes unless the text contains a single
  /// quote and no double quote; backslash, quotes and control characters escaped.
  public static func pythonRepr(_ value: String) -> String {
    let quote: Character = value.contains("'") && !value.contains("\"") ? "\"" : "'"
    var result = String(quote)
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      case _ where Character(scalar) == quote: result += "\\" + String(quote)
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        result += "\\x" + (hex.count < 2 ? "0" : "") + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    result.append(quote)
    return result
  }
}

extension SpecCall: CustomStringConvertible {
  /// The call as Python source: `Linear(10, 5, bias=False)`.
  public var description: String {
    name + "(" + arguments.map(\.description).joined(separator: ", ") + ")"
  }
}

extension SpecArgument: CustomStringConvertible {
  /// `value` or `label=value`.
  public var description: String {
    if let label { return "\(label)=\(value)" }
    return value.description
  }
}
