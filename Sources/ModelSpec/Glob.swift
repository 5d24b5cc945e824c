/// A shell-style pattern, as Python's `fnmatch.fnmatchcase` reads it: `*` matches any run of
/// characters (dots included), `?` one character, `[abc]`/`[a-z]` one of a set, `[!abc]` one outside it;
/// everything else matches itself. Case-sensitive.
struct Glob: Sendable, Equatable {
  let pattern: String
  private let characters: [Character]

  init(_ pattern: String) {
    self.pattern = pattern
    self.characters = Array(pattern)
  }

  /// Whether `text` matches the whole pattern.
  func matches(_ text: String) -> Bool {
    let text = Array(text)
    var p = 0, t = 0
    var star: (p: Int, t: Int)?
    while t < text.count {
      if p < characters.count, characters[p] == "*" {
        star = (p, t)
        p += 1
      } else if p < characters.count, let next = matchOne(at: p, text[t]) {
        p = next
        t += 1
      } else if let s = star {
        p = s.p + 1
        t = s.t + 1
        star = (s.p, s.t + 1)
      } else {
        return false
      }
    }
    while p < characters.count, characters[p] == "*" { p += 1 }
    return p == characters.count
  }

  /// If the pattern element at `p` (not `*`) matches `c`, the index after that element.
  private func matchOne(at p: Int, _ c: Character) -> Int? {
    switch characters[p] {
    case "?": return p + 1
    case "[":
      guard let (matched, next) = matchSet(at: p, c) else { return characters[p] == c ? p + 1 : nil }
      return matched ? next : nil
    default: return characters[p] == c ? p + 1 : nil
    }
  }

  /// `[…]` at `p`: whether `c` is in the set, and the index after `]`; `nil` when the `[` is never
  /// closed (then it is a literal, as in fnmatch).
  private func matchSet(at p: Int, _ c: Character) -> (Bool, Int)? {
    var i = p + 1
    let negated = i < characters.count && characters[i] == "!"
    if negated { i += 1 }
    var first = true, found = false
    while i < characters.count, first || characters[i] != "]" {
      first = false
      if i + 2 < characters.count, characters[i + 1] == "-", characters[i + 2] != "]" {
        if characters[i] <= c && c <= characters[i + 2] { found = true }
        i += 3
      } else {
        if characters[i] == c { found = true }
        i += 1
      }
    }
    guard i < characters.count else { return nil }
    return (found != negated, i + 1)
  }
}
