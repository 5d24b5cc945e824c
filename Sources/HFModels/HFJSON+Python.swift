import Initializers

extension HFJSON {
  /// The text Python's `json.dumps(value, indent=2, sort_keys=True)` gives — how transformers writes
  /// `config.json` and `model.safetensors.index.json` — so NNInit's files match byte for byte:
  /// `": "` after keys, floats as `repr(float)`, non-ASCII characters as `\uXXXX` (`ensure_ascii`).
  public func pythonJSON(indent level: Int = 0) -> String {
    let inner = String(repeating: "  ", count: level + 1), outer = String(repeating: "  ", count: level)
    switch self {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .int(let n): return String(n)
    case .double(let x): return x.isFinite ? pythonRepr(x) : (x.isNaN ? "NaN" : (x < 0 ? "-Infinity" : "Infinity"))
    case .string(let text): return Self.pythonQuoted(text)
    case .array(let items):
      guard !items.isEmpty else { return "[]" }
      return "[\n" + items.map { inner + $0.pythonJSON(indent: level + 1) }.joined(separator: ",\n") + "\n" + outer + "]"
    case .object(let members):
      guard !members.isEmpty else { return "{}" }
      let lines = members.keys.sorted().map { key in
        inner + Self.pythonQuoted(key) + ": " + (members[key] ?? .null).pythonJSON(indent: level + 1)
      }
      return "{\n" + lines.joined(separator: ",\n") + "\n" + outer + "}"
    }
  }

  /// `text` as `json.dumps` quotes it with `ensure_ascii=True`.
  static func pythonQuoted(_ text: String) -> String {
    var out = "\""
    for unit in text.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default:
        let hex = String(unit, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      }
    }
    return out + "\""
  }
}
