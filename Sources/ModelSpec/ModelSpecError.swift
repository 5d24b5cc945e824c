/// A SPEC or CALL naming something NNInit does not know.
public struct ModelSpecError: Error, Equatable, CustomStringConvertible {
  /// The unknown name.
  public var name: String
  /// 0-based offset of the name in the input.
  public var position: Int
  /// What kind of name was expected (`module`, `torch.nn.init function`).
  public var kind: String
  /// The names that would have been accepted.
  public var known: [String]

  /// The known name closest to ``name`` (at most 2 edits away), if any.
  public var suggestion: String? {
    let scored = known.map { ($0, editDistance($0.lowercased(), name.lowercased())) }
    guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
    return best.0
  }

  /// The one-line message the command line prints, naming the offending value.
  public var description: String {
    let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
    return "unknown \(kind) '\(name)' at column \(position + 1)\(hint); expected one of: \(known.joined(separator: ", "))"
  }
}

/// Levenshtein distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  var previous = Array(0...b.count)
  for i in 1...max(a.count, 1) where !a.isEmpty {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in stride(from: 1, through: b.count, by: 1) {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return a.isEmpty ? b.count : previous[b.count]
}
