import Testing

@testable import ModelSpec

/// The single argument of `f(<expression>)`, parsed as an init call.
func parseValue(_ expression: String) throws -> SpecValue {
  let call = try SpecParser.parseInitCall("f(\(expression))")
  try #require(call.arguments.count == 1)
  return call.arguments[0].value
}

@Suite("SpecValue literals and Python repr")
struct SpecLiteralTests {
  @Test(
    "literals parse to their values",
    arguments: [
      ("0", SpecValue.int(0)), ("42", .int(42)), ("1_000", .int(1000)), ("0x1F", .int(31)), ("0x_1f", .int(31)),
      ("0o17", .int(15)), ("0b101", .int(5)), ("00", .int(0)),
      ("9223372036854775807", .int(.max)),
      ("0.1", .float(0.1)), ("1e-5", .float(1e-5)), (".5", .float(0.5)), ("5.", .float(5)),
      ("1.5E+3", .float(1500)), ("1_0.2_5", .float(10.25)), ("1.e2", .float(100)),
      ("True", .bool(true)), ("False", .bool(false)), ("None", .none),
      ("'relu'", .string("relu")), ("\"fan_in\"", .string("fan_in")), ("''", .string("")),
      (#"'it\'s'"#, .string("it's")), (#""a\tb\nc\\""#, .string("a\tb\nc\\")),
      (#"'\x41\q'"#, .string(#"A\q"#)), ("\"'\"", .string("'")),
      ("(3, 3)", .tuple([.int(3), .int(3)])), ("(3,)", .tuple([.int(3)])), ("()", .tuple([])),
      ("(3)", .int(3)), ("[3, 3]", .tuple([.int(3), .int(3)])), ("[]", .tuple([])),
      ("[1,]", .tuple([.int(1)])), ("((1, 2), [3])", .tuple([.tuple([.int(1), .int(2)]), .tuple([.int(3)])])),
      ("( 1 ,\n 2 , )", .tuple([.int(1), .int(2)])),
    ])
  func literal(_ source: String, _ expected: SpecValue) throws {
    #expect(try parseValue(source) == expected)
  }

  @Test(
    "description prints like Python's repr",
    arguments: [
      (SpecValue.int(-3), "-3"), (.float(0.1), "0.1"), (.float(1e-5), "1e-05"), (.float(5), "5.0"),
      (.float(1e16), "1e+16"), (.float(9007199254740992), "9007199254740992.0"), (.float(1e22), "1e+22"),
      (.float(0.0001), "0.0001"), (.float(Double(bitPattern: 0x437b_69b4_ba63_0f35)), "1.2345678901234568e+17"),
      (.float(1.0 / 3), "0.3333333333333333"), (.float(100.0 / 3), "33.333333333333336"),
      (.float(.leastNonzeroMagnitude), "5e-324"), (.float(.greatestFiniteMagnitude), "1.7976931348623157e+308"),
      (.float(-0.0), "-0.0"), (.float(-2.5e-7), "-2.5e-07"), (.float(.infinity), "inf"),
      (.float(-.infinity), "-inf"), (.float(.nan), "nan"), (.float(1234.5), "1234.5"),
      (.bool(true), "True"), (.bool(false), "False"), (.none, "None"), (.string("relu"), "'relu'"),
      (.string("it's"), "\"it's\""), (.string("a'b\"c\n"), #"'a\'b"c\n'"#),
      (.tuple([.int(3), .int(3)]), "(3, 3)"), (.tuple([.int(3)]), "(3,)"), (.tuple([]), "()"),
    ])
  func description(_ value: SpecValue, _ expected: String) {
    #expect(value.description == expected)
  }

  @Test func callDescription() throws {
    let call = try SpecParser.parseModel("nn.Linear(10, 5, bias=False)")
    #expect(call.description == "Linear(10, 5, bias=False)")
    let nested = try SpecParser.parseModel(
      "Sequential(Conv2d(3, 8, (3, 3), padding='same'), LayerNorm([8]), Dropout(p=1/4))")
    #expect(
      nested.description == "Sequential(Conv2d(3, 8, (3, 3), padding='same'), LayerNorm((8,)), Dropout(p=0.25))")
  }

  @Test("descriptions round-trip through the parser", arguments: [
    "Linear(784, 256, bias=False, device=None)", "MultiheadAttention(16, 4, dropout=0.1, kdim=None)",
    "Conv3d(1, 2, (3, 3, 3), stride=(1,), padding_mode='reflect')", "X(1e-05, -0.5, True, ())",
  ])
  func roundTrip(_ source: String) throws {
    let call = try SpecParser.parseModel(source)
    #expect(call.description == source)
    #expect(try SpecParser.parseModel(call.description) == call)
  }

  @Test("equality ignores positions")
  func equalityIgnoresPositions() throws {
    #expect(try SpecParser.parseModel("  torch.nn.Linear( 1,2 )") == SpecParser.parseModel("Linear(1, 2)"))
    #expect(try SpecParser.parseModel("Linear(1, 2)") != SpecParser.parseModel("Linear(1, 2.0)"))
  }

  @Test("typeName is Python's type name")
  func typeNames() throws {
    #expect(SpecValue.none.typeName == "NoneType")
    #expect(SpecValue.string("a").typeName == "str")
    #expect(try SpecValue.call(SpecParser.parseModel("ReLU()")).typeName == "ReLU")
  }
}
