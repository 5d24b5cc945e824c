/// A value and the 0-based offset where its source text begins.
struct SpecLocatedValue {
  var value: SpecValue
  var position: Int
}

/// The grammar rules below the top level: model items, arguments, expressions, primaries.
extension SpecParserState {
  /// `item := call`, with a dedicated error for a bare name such as `Linear`.
  mutating func parseModelItem() throws(SpecSyntaxError) -> SpecCall {
    let start = current
    if case .name(let first) = start.kind, !["True", "False", "None"].contains(first) {
      let saved = index
      let name = try parseDottedName()
      if !current.is(.leftParen) && SpecArithmetic.constant(name) == nil {
        throw syntaxError(
          at: start.position, token: name,
          "expected a module call like 'Linear(10, 5)', got '\(name)' (did you mean '\(name)()'?)")
      }
      index = saved
    }
    let item = try parseExpression()
    guard case .call(let call) = item.value else {
      throw syntaxError(
        at: item.position, token: start.text,
        "expected a module call like 'Linear(10, 5)', got \(item.value)")
    }
    return call
  }

  /// `arguments ')'`, after `open` has been consumed.
  mutating func parseArguments(open: SpecToken) throws(SpecSyntaxError) -> [SpecArgument] {
    var arguments: [SpecArgument] = []
    var keywords: Set<String> = []
    while !current.is(.rightParen) {
      let start = current
      if case .end = start.kind { throw closingError(.rightParen, open: open) }
      if case .name(let label) = start.kind, peek(1).is(.equals),
        !["True", "False", "None"].contains(label)
      {
        advance()
        advance()
        guard keywords.insert(label).inserted else {
          throw syntaxError(at: start, "keyword argument repeated: '\(label)'")
        }
        arguments.append(SpecArgument(label: label, try parseExpression().value, position: start.position))
      } else {
        if !keywords.isEmpty && start.startsValue {
          throw syntaxError(at: start, "positional argument follows keyword argument")
        }
        let value = try parseExpression()
        if current.is(.equals) {
          throw syntaxError(
            at: start, "a keyword must be a plain name like 'bias', not an expression")
        }
        arguments.append(SpecArgument(value.value, position: value.position))
      }
      if current.is(.comma) {
        advance()
      } else if !current.is(.rightParen) {
        throw closingError(.rightParen, open: open)
      }
    }
    advance()
    return arguments
  }

  /// `dotted := NAME ('.' NAME)*`, joined with dots.
  mutating func parseDottedName() throws(SpecSyntaxError) -> String {
    guard case .name(let first) = current.kind else { throw unexpected(current, expected: "a name") }
    advance()
    var name = first
    while current.is(.dot) {
      advance()
      guard case .name(let part) = current.kind else {
        throw unexpected(current, expected: "a name after '.'")
      }
      advance()
      name += "." + part
    }
    return name
  }

  /// `expr := term (('+' | '-') term)*`
  mutating func parseExpression() throws(SpecSyntaxError) -> SpecLocatedValue {
    var lhs = try parseTerm()
    while case .symbol(let op) = current.kind, op == .plus || op == .minus {
      let opToken = advance()
      let rhs = try parseTerm()
      lhs.value = try fold(at: opToken) { () throws(SpecArithmetic.Failure) in
        try SpecArithmetic.binary(op, lhs.value, rhs.value)
      }
    }
    return lhs
  }

  /// `term := unary (('*' | '/' | '//' | '%') unary)*`
  private mutating func parseTerm() throws(SpecSyntaxError) -> SpecLocatedValue {
    var lhs = try parseUnary()
    while case .symbol(let op) = current.kind, [.star, .slash, .doubleSlash, .percent].contains(op) {
      let opToken = advance()
      let rhs = try parseUnary()
      lhs.value = try fold(at: opToken) { () throws(SpecArithmetic.Failure) in
        try SpecArithmetic.binary(op, lhs.value, rhs.value)
      }
    }
    return lhs
  }

  /// `unary := ('+' | '-') unary | power`; every nesting passes here, so the depth is checked here.
  private mutating func parseUnary() throws(SpecSyntaxError) -> SpecLocatedValue {
    guard depth < SpecParser.maximumDepth else {
      throw syntaxError(at: current, "too deeply nested (more than \(SpecParser.maximumDepth) levels)")
    }
    depth += 1
    defer { depth -= 1 }
    guard case .symbol(let op) = current.kind, op == .plus || op == .minus else { return try parsePower() }
    let opToken = advance()
    let operand = try parseUnary()
    let value = try fold(at: opToken) { () throws(SpecArithmetic.Failure) in
      try SpecArithmetic.unary(op, operand.value)
    }
    return SpecLocatedValue(value: value, position: opToken.position)
  }

  /// `power := primary ['**' unary]`; a primary followed by `(` is not callable.
  private mutating func parsePower() throws(SpecSyntaxError) -> SpecLocatedValue {
    var base = try parsePrimary()
    if current.is(.leftParen) {
      throw syntaxError(
        at: base.position, token: current.text, "cannot call \(base.value): only names can be called")
    }
    if current.is(.doubleStar) {
      let opToken = advance()
      let exponent = try parseUnary()
      base.value = try fold(at: opToken) { () throws(SpecArithmetic.Failure) in
        try SpecArithmetic.binary(.doubleStar, base.value, exponent.value)
      }
    }
    return base
  }

  private mutating func parsePrimary() throws(SpecSyntaxError) -> SpecLocatedValue {
    let token = current
    let literal: SpecValue
    switch token.kind {
    case .int(let value): literal = .int(value)
    case .float(let value): literal = .float(value)
    case .string(let value): literal = .string(value)
    case .name("True"): literal = .bool(true)
    case .name("False"): literal = .bool(false)
    case .name("None"): literal = .none
    case .name: return try parseNamed()
    case .symbol(.leftParen), .symbol(.leftBracket): return try parseGroup()
    case .symbol(.leftBrace): return try parseDictionary()
    default: throw unexpected(token, expected: "a value")
    }
    advance()
    return SpecLocatedValue(value: literal, position: token.position)
  }

  /// A call (module or math function) or a math constant.
  private mutating func parseNamed() throws(SpecSyntaxError) -> SpecLocatedValue {
    let start = current
    let name = try parseDottedName()
    guard current.is(.leftParen) else {
      if let constant = SpecArithmetic.constant(name) {
        return SpecLocatedValue(value: constant, position: start.position)
      }
      if SpecArithmetic.isFunction(name) {
        throw syntaxError(at: start.position, token: name, "\(name) must be called, as in '\(name)(2)'")
      }
      let hint = name.first?.isUppercase == true ? "did you mean '\(name)()'?" : "strings need quotes: '\(name)'"
      throw syntaxError(at: start.position, token: name, "name '\(name)' is not defined (\(hint))")
    }
    let open = advance()
    let arguments = try parseArguments(open: open)
    if SpecArithmetic.isFunction(name) {
      let value = try fold(at: start) { () throws(SpecArithmetic.Failure) in
        try SpecArithmetic.call(name, arguments)
      }
      return SpecLocatedValue(value: value, position: start.position)
    }
    let stripped = try strip(
      name, prefixes: ["torch.nn.", "nn."], at: start,
      expected: "'Name(…)', 'nn.Name(…)' or 'torch.nn.Name(…)'")
    let call = SpecCall(name: stripped, arguments: arguments, position: start.position)
    return SpecLocatedValue(value: .call(call), position: start.position)
  }

  /// `( )`, `(expr)`, a tuple `(a, b)`/`(a,)`, or a list `[a, b]` read as a tuple.
  private mutating func parseGroup() throws(SpecSyntaxError) -> SpecLocatedValue {
    let open = advance()
    let closing: SpecSymbol = open.is(.leftParen) ? .rightParen : .rightBracket
    var items: [SpecValue] = []
    var isTuple = closing == .rightBracket
    while !current.is(closing) {
      if case .end = current.kind { throw closingError(closing, open: open) }
      items.append(try parseExpression().value)
      if current.is(.comma) {
        advance()
        isTuple = true
      } else if !current.is(closing) {
        throw closingError(closing, open: open)
      }
    }
    advance()
    let value: SpecValue = isTuple || items.isEmpty ? .tuple(items) : items[0]
    return SpecLocatedValue(value: value, position: open.position)
  }

  /// A dict display `{'a': Linear(2, 3), 'b': ReLU()}` (string keys, as `ModuleDict` needs).
  private mutating func parseDictionary() throws(SpecSyntaxError) -> SpecLocatedValue {
    let open = advance()
    var entries: [SpecDictionaryEntry] = []
    while !current.is(.rightBrace) {
      if case .end = current.kind { throw closingError(.rightBrace, open: open) }
      let keyToken = current
      guard case .string(let key) = parseKeyToken() else {
        throw unexpected(keyToken, expected: "a string key like 'name'")
      }
      guard current.is(.colon) else { throw unexpected(current, expected: "':' after the key") }
      advance()
      let value = try parseExpression().value
      if let i = entries.firstIndex(where: { $0.key == key }) {
        entries[i].value = value  // Python keeps the first position and the last value
      } else {
        entries.append(SpecDictionaryEntry(key: key, value: value))
      }
      if current.is(.comma) {
        advance()
      } else if !current.is(.rightBrace) {
        throw closingError(.rightBrace, open: open)
      }
    }
    advance()
    return SpecLocatedValue(value: .dictionary(entries), position: open.position)
  }

  private mutating func parseKeyToken() -> SpecToken.Kind {
    let kind = current.kind
    if case .string = kind { advance() }
    return kind
  }

  /// Runs an arithmetic step, turning its failure into a syntax error at `token`.
  private func fold(at token: SpecToken, _ body: () throws(SpecArithmetic.Failure) -> SpecValue)
    throws(SpecSyntaxError) -> SpecValue
  {
    do throws(SpecArithmetic.Failure) {
      return try body()
    } catch {
      throw syntaxError(at: token.position, token: token.text, error.message)
    }
  }
}
