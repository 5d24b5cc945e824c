/// Reads the command line's SPEC (`--model`) and CALL (`--weight-init`, `fill`) syntaxes.
///
/// A hand-written tokenizer and recursive-descent parser for the Python subset below. Arithmetic is
/// folded while parsing with Python's semantics (see `SpecArithmetic`), so arguments arrive as plain
/// values: `xavier_normal_(gain=5/3)` has `gain=.float(1.6666666666666667)`.
///
///     model      := item (',' item)* [','] END      -- several items mean Sequential(item, …)
///     item       := call                            -- `Linear` alone is an error
///     initCall   := dotted ['(' arguments ')'] END   -- `zeros_` alone is `zeros_()`
///     arguments  := [argument (',' argument)* [',']]
///     argument   := NAME '=' expr | expr            -- no positional after a keyword; no repeats
///     expr       := term (('+' | '-') term)*
///     term       := unary (('*' | '/' | '//' | '%') unary)*
///     unary      := ('+' | '-') unary | power
///     power      := primary ['**' unary]            -- right-associative; -2**2 == -4
///     primary    := INT | FLOAT | STRING | 'True' | 'False' | 'None'
///                 | dotted ['(' arguments ')']      -- a call, math.sqrt/log/exp, sqrt, math.pi/e/tau/inf/nan
///                 | '(' ')' | '(' expr ')' | '(' expr ',' [expr (',' expr)* [',']] ')'
///                 | '[' [expr (',' expr)* [',']] ']' -- a list is read as a tuple
///     dotted     := NAME ('.' NAME)*
///
/// Literals follow Python: `1_000`, `0x1F`, `0o17`, `0b101`, `0.1`, `.5`, `5.`, `1e-5`; strings in
/// `'…'` or `"…"` with `\\ \' \" \n \t \r \0 \xhh`. Ints are 64-bit: larger literals or results are
/// errors, never traps. Model call names may carry `nn.` or `torch.nn.`, init function names
/// `init.`, `nn.init.` or `torch.nn.init.`; the prefix is stripped. Nesting is limited to
/// ``maximumDepth`` levels so that no input can exhaust the stack.
public enum SpecParser {
  /// The deepest nesting of parentheses, brackets, calls and unary operators accepted.
  public static let maximumDepth = 100

  /// Parses a SPEC: one call, `Sequential(…)`, or `A(…), B(…), …` meaning `Sequential(A(…), B(…), …)`.
  ///
  /// - Throws: ``SpecSyntaxError`` (subject `.modelSpec`) with the offending token's position.
  public static func parseModel(_ text: String) throws(SpecSyntaxError) -> SpecCall {
    var parser = SpecParserState(text, subject: .modelSpec)
    if case .end = parser.current.kind {
      throw parser.syntaxError(
        at: parser.current, "empty model spec (expected a module call like 'Linear(10, 5)')")
    }
    var items: [SpecCall] = []
    var sawComma = false
    while true {
      items.append(try parser.parseModelItem())
      if parser.current.is(.comma) {
        parser.advance()
        sawComma = true
        if case .end = parser.current.kind { break }
        continue
      }
      if case .end = parser.current.kind { break }
      throw parser.trailingError(expected: "',' or end of input")
    }
    if items.count == 1 && !sawComma { return items[0] }
    return SpecCall(
      name: "Sequential",
      arguments: items.map { SpecArgument(.call($0), position: $0.position) },
      position: items[0].position)
  }

  /// Parses a CALL: a `torch.nn.init` function call without the tensor, e.g. `uniform_(-0.1, 0.1)`.
  ///
  /// - Throws: ``SpecSyntaxError`` (subject `.initCall`) with the offending token's position.
  public static func parseInitCall(_ text: String) throws(SpecSyntaxError) -> SpecCall {
    var parser = SpecParserState(text, subject: .initCall)
    let start = parser.current
    guard case .name = start.kind else {
      if case .end = start.kind {
        throw parser.syntaxError(
          at: start, "empty init call (expected an init function like 'zeros_()' or 'uniform_(-0.1, 0.1)')")
      }
      throw parser.unexpected(start, expected: "an init function name like 'kaiming_uniform_'")
    }
    let dotted = try parser.parseDottedName()
    let name = try parser.strip(
      dotted, prefixes: ["torch.nn.init.", "nn.init.", "init."], at: start,
      expected: "'name_(…)', 'init.name_(…)', 'nn.init.name_(…)' or 'torch.nn.init.name_(…)'")
    var arguments: [SpecArgument] = []
    var expected = "'(' or end of input"
    if parser.current.is(.leftParen) {
      let open = parser.advance()
      arguments = try parser.parseArguments(open: open)
      expected = "end of input"
    }
    guard case .end = parser.current.kind else { throw parser.trailingError(expected: expected) }
    return SpecCall(name: name, arguments: arguments, position: start.position)
  }
}

/// The parser's cursor over the token list, and the helpers shared by the grammar rules.
struct SpecParserState {
  let subject: SpecSyntaxError.Subject
  let input: String
  let tokens: [SpecToken]
  var index = 0
  var depth = 0

  init(_ text: String, subject: SpecSyntaxError.Subject) {
    self.subject = subject
    self.input = text
    self.tokens = SpecTokenizer.tokenize(text)
  }

  /// The next unread token; the final `.end`/`.invalid` token is never passed.
  var current: SpecToken { tokens[index] }

  /// The token `offset` places after `current`, or the final token.
  func peek(_ offset: Int) -> SpecToken { tokens[min(index + offset, tokens.count - 1)] }

  /// Consumes and returns `current`.
  @discardableResult
  mutating func advance() -> SpecToken {
    let token = current
    if index < tokens.count - 1 { index += 1 }
    return token
  }

  func syntaxError(at position: Int, token: String, _ message: String) -> SpecSyntaxError {
    SpecSyntaxError(subject: subject, input: input, position: position, token: token, message: message)
  }

  /// An error at `token`, or the tokenizer's own error if `token` is text it rejected.
  func syntaxError(at token: SpecToken, _ message: String) -> SpecSyntaxError {
    if case .invalid(let lexical) = token.kind {
      return syntaxError(at: token.position, token: token.text, lexical)
    }
    return syntaxError(at: token.position, token: token.text, message)
  }

  /// `unexpected ')' (expected a value)`.
  func unexpected(_ token: SpecToken, expected: String) -> SpecSyntaxError {
    syntaxError(at: token, "unexpected \(token.display) (expected \(expected))")
  }

  /// The error for a token left over after a complete model item or init call.
  func trailingError(expected: String) -> SpecSyntaxError {
    if current.is(.rightParen) || current.is(.rightBracket) {
      return syntaxError(at: current, "unmatched '\(current.text)'")
    }
    return unexpected(current, expected: expected)
  }

  /// The error for a missing `closing` symbol of the group opened at `open`.
  func closingError(_ closing: SpecSymbol, open: SpecToken) -> SpecSyntaxError {
    let token = current
    switch token.kind {
    case .end: return syntaxError(at: open, "'\(open.text)' was never closed")
    case .symbol(.rightParen), .symbol(.rightBracket), .symbol(.rightBrace):
      return syntaxError(at: token, "closing '\(token.text)' does not match opening '\(open.text)'")
    default:
      let hint = token.startsValue ? "; perhaps a comma is missing" : ""
      return unexpected(token, expected: "',' or '\(closing.rawValue)'\(hint)")
    }
  }

  /// Removes the first matching prefix; a name still dotted afterwards is an error.
  func strip(_ name: String, prefixes: [String], at token: SpecToken, expected: String)
    throws(SpecSyntaxError) -> String
  {
    var stripped = Substring(name)
    if let prefix = prefixes.first(where: { name.hasPrefix($0) }) { stripped = name.dropFirst(prefix.count) }
    guard stripped.contains(".") else { return String(stripped) }
    if name.hasPrefix("math.") {
      throw syntaxError(
        at: token.position, token: name,
        "unsupported math function '\(name)' (supported: math.sqrt, math.log, math.exp)")
    }
    throw syntaxError(at: token.position, token: name, "unknown name '\(name)' (expected \(expected))")
  }
}
