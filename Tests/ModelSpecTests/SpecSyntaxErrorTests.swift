import Testing

@testable import ModelSpec

@Suite("SpecSyntaxError: one line, 1-based column, offending token")
struct SpecSyntaxErrorTests {
  @Test(
    "model spec errors",
    arguments: [
      ("", 1, "", "empty model spec (expected a module call like 'Linear(10, 5)')"),
      ("   ", 4, "", "empty model spec (expected a module call like 'Linear(10, 5)')"),
      ("Linear(10, 5))", 14, ")", "unmatched ')'"),
      ("Linear(10, )5", 13, "5", "unexpected '5' (expected ',' or end of input)"),
      ("Linear(10, 5", 7, "(", "'(' was never closed"),
      ("Linear(10 5)", 11, "5", "unexpected '5' (expected ',' or ')'; perhaps a comma is missing)"),
      ("Linear(10, 5) ReLU()", 15, "ReLU", "unexpected 'ReLU' (expected ',' or end of input)"),
      ("Linear(10, ,5)", 12, ",", "unexpected ',' (expected a value)"),
      ("Linear(10, 5 @ 2)", 14, "@", "unexpected character '@'"),
      ("Linear(10, 5; 2)", 13, ";", "unexpected character ';'"),
      ("Linear(10, ü)", 12, "ü", "unexpected character 'ü' (U+00FC LATIN SMALL LETTER U WITH DIAERESIS)"),
      ("Línear(10, 5)", 2, "í", "unexpected character 'í' (U+00ED LATIN SMALL LETTER I WITH ACUTE)"),
      ("Linear\u{FF08}10, 5\u{FF09}", 7, "\u{FF08}", "unexpected character '\u{FF08}' (U+FF08 FULLWIDTH LEFT PARENTHESIS; did you mean '('?)"),
      ("Linear\u{200B}(10, 5)", 7, "\u{200B}", "unexpected invisible character U+200B ZERO WIDTH SPACE"),
      ("Linear(10,\u{00A0}5)", 11, "\u{00A0}", "unexpected invisible character U+00A0 NO-BREAK SPACE; did you mean ' '?"),
      ("Linear(10, 5, bias=\u{2018}x\u{2019})", 20, "\u{2018}", "unexpected character '\u{2018}' (U+2018 LEFT SINGLE QUOTATION MARK; did you mean \"'\"?)"),
      ("Conv2d(1, 2, padding='same)", 22, "'same)", "unterminated string literal"),
      ("Conv2d(1, 2, (3, 3]", 19, "]", "closing ']' does not match opening '('"),
      ("Conv2d(1, 2, [3, 3)", 19, ")", "closing ')' does not match opening '['"),
      ("Linear(bias=False, 10)", 20, "10", "positional argument follows keyword argument"),
      ("Linear(1, 2, bias=True, bias=False)", 25, "bias", "keyword argument repeated: 'bias'"),
      ("Linear(5(3))", 8, "(", "cannot call 5: only names can be called"),
      ("Linear('a'(3))", 8, "(", "cannot call 'a': only names can be called"),
      ("Linear(1, 2)(3)", 1, "(", "cannot call Linear(1, 2): only names can be called"),
      ("Linear", 1, "Linear", "expected a module call like 'Linear(10, 5)', got 'Linear' (did you mean 'Linear()'?)"),
      ("nn.ReLU, Tanh()", 1, "nn.ReLU",
        "expected a module call like 'Linear(10, 5)', got 'nn.ReLU' (did you mean 'nn.ReLU()'?)"),
      ("42", 1, "42", "expected a module call like 'Linear(10, 5)', got 42"),
      ("Linear(99999999999999999999, 1)", 8, "99999999999999999999",
        "integer literal 99999999999999999999 is too large (does not fit in a 64-bit Int)"),
      ("Linear(1__0, 1)", 8, "1__0", "invalid number literal '1__0'"),
      ("Linear(10_, 1)", 8, "10_", "invalid number literal '10_'"),
      ("Linear(5abc, 1)", 8, "5abc", "invalid number literal '5abc'"),
      ("Linear(0x, 1)", 8, "0x", "invalid number literal '0x'"),
      ("Linear(1e, 1)", 8, "1e", "invalid number literal '1e'"),
      ("Linear(007, 1)", 8, "007", "leading zeros in decimal integer literals are not permitted: '007'"),
      ("Linear(1, relu)", 11, "relu", "name 'relu' is not defined (strings need quotes: 'relu')"),
      ("Sequential(ReLU)", 12, "ReLU", "name 'ReLU' is not defined (did you mean 'ReLU()'?)"),
      ("Linear(1, 2 == 2)", 13, "==", "unexpected '==' (expected ',' or ')')"),
      ("Linear(1, math.sqrt)", 11, "math.sqrt", "math.sqrt must be called, as in 'math.sqrt(2)'"),
      ("Linear(1=2)", 8, "1", "a keyword must be a plain name like 'bias', not an expression"),
      ("foo.Linear(1, 2)", 1, "foo.Linear",
        "unknown name 'foo.Linear' (expected 'Name(…)', 'nn.Name(…)' or 'torch.nn.Name(…)')"),
      ("Linear(math.floor(2.5), 1)", 8, "math.floor",
        "unsupported math function 'math.floor' (supported: math.sqrt, math.log, math.exp)"),
      ("nn.(1)", 4, "(", "unexpected '(' (expected a name after '.')"),
      ("Linear(1, 2),, ReLU()", 14, ",", "unexpected ',' (expected a value)"),
      (")", 1, ")", "unexpected ')' (expected a value)"),
      ("Linear(10, 5/0)", 13, "/", "ZeroDivisionError: division by zero"),
    ] as [(String, Int, String, String)])
  func modelError(_ spec: String, _ column: Int, _ token: String, _ message: String) {
    let expected = SpecSyntaxError(
      subject: .modelSpec, input: spec, position: column - 1, token: token, message: message)
    let error = #expect(throws: SpecSyntaxError.self) { try SpecParser.parseModel(spec) }
    #expect(error == expected)
    #expect(error?.description == "invalid model spec at column \(column): \(message)")
  }

  @Test(
    "init call errors",
    arguments: [
      ("", 1, "", "empty init call (expected an init function like 'zeros_()' or 'uniform_(-0.1, 0.1)')"),
      ("5", 1, "5", "unexpected '5' (expected an init function name like 'kaiming_uniform_')"),
      ("'zeros_'", 1, "'zeros_'",
        "unexpected string 'zeros_' (expected an init function name like 'kaiming_uniform_')"),
      ("zeros_ 'a\nb'", 8, "'a\nb'", #"unexpected string 'a\nb' (expected '(' or end of input)"#),
      ("zeros_ 5", 8, "5", "unexpected '5' (expected '(' or end of input)"),
      ("zeros_() 5", 10, "5", "unexpected '5' (expected end of input)"),
      ("zeros_())", 9, ")", "unmatched ')'"),
      ("uniform_(-0.1, 0.1", 9, "(", "'(' was never closed"),
      ("xavier_normal_(gain=5/0)", 22, "/", "ZeroDivisionError: division by zero"),
      ("nn.zeros_()", 1, "nn.zeros_",
        "unknown name 'nn.zeros_' (expected 'name_(…)', 'init.name_(…)', 'nn.init.name_(…)' or 'torch.nn.init.name_(…)')"),
      ("kaiming_uniform_(mode='fan_in\")", 23, "'fan_in\")", "unterminated string literal"),
      ("normal_(std=2, 0)", 16, "0", "positional argument follows keyword argument"),
      ("normal_(std=2, std=3)", 16, "std", "keyword argument repeated: 'std'"),
    ] as [(String, Int, String, String)])
  func initError(_ source: String, _ column: Int, _ token: String, _ message: String) {
    let expected = SpecSyntaxError(
      subject: .initCall, input: source, position: column - 1, token: token, message: message)
    let error = #expect(throws: SpecSyntaxError.self) { try SpecParser.parseInitCall(source) }
    #expect(error == expected)
    #expect(error?.description == "invalid init call at column \(column): \(message)")
  }

  @Test("the example from the issue")
  func issueExample() {
    let error = #expect(throws: SpecSyntaxError.self) { try SpecParser.parseModel("Linear(10, 5, )ReLU()") }
    #expect(error?.description == "invalid model spec at column 16: unexpected 'ReLU' (expected ',' or end of input)")
    let value = #expect(throws: SpecSyntaxError.self) { try SpecParser.parseModel("Linear(10, 5, bias=)") }
    #expect(value?.description == "invalid model spec at column 20: unexpected ')' (expected a value)")
  }

  @Test("the leftmost problem is reported, lexical or grammatical")
  func leftmostError() {
    let error = #expect(throws: SpecSyntaxError.self) { try SpecParser.parseModel("Linear(1 2) @") }
    #expect(error?.column == 10)
  }
}
