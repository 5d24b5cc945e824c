import Testing

@testable import ModelSpec

@Suite("SpecBoundArguments typed accessors")
struct SpecBoundArgumentsTests {
  /// Binds `F(x=<source>)` against a one-parameter signature.
  private func bound(_ source: String) throws -> SpecBoundArguments {
    try SpecSignature("F", [.optional("x", .none)]).bind(SpecParser.parseModel("F(x=\(source))"))
  }

  @Test func acceptedValues() throws {
    #expect(try bound("10").int("x") == 10)
    #expect(try bound("0.5").double("x") == 0.5)
    #expect(try bound("2").double("x") == 2)
    #expect(try bound("False").bool("x") == false)
    #expect(try bound("'zeros'").string("x") == "zeros")
    #expect(try bound("None").optionalInt("x") == nil)
    #expect(try bound("3").optionalInt("x") == 3)
    #expect(try bound("None").optionalDouble("x") == nil)
    #expect(try bound("1e-5").optionalDouble("x") == 1e-5)
    #expect(try bound("1").optionalDouble("x") == 1)
    #expect(try bound("None").optionalString("x") == nil)
    #expect(try bound("'a'").optionalString("x") == "a")
    #expect(try bound("3").intTuple("x", count: 2) == [3, 3])
    #expect(try bound("(3, 5)").intTuple("x", count: 2) == [3, 5])
    #expect(try bound("[1, 2, 3]").intTuple("x", count: 3) == [1, 2, 3])
    #expect(try bound("(7,)").intTuple("x", count: 1) == [7])
    #expect(try bound("8").intList("x") == [8])
    #expect(try bound("(4, 8)").intList("x") == [4, 8])
    #expect(try bound("ReLU()").call("x") == SpecCall(name: "ReLU"))
    #expect(try bound("'s'").value("x") == .string("s"))
    #expect(try SpecSignature("F", [.optional("x", .none)]).bind(SpecCall(name: "F")).value("x") == .none)
  }

  /// A keyword argument is located at its keyword: `F(x=…)` is column 3.
  @Test(
    "mismatches name the function, argument, value and expected type",
    arguments: [
      ("'ten'", "int", "F(): argument 'x' must be int, not str ('ten') at column 3"),
      ("True", "int", "F(): argument 'x' must be int, not bool (True) at column 3"),
      ("1.0", "int", "F(): argument 'x' must be int, not float (1.0) at column 3"),
      ("'a'", "double", "F(): argument 'x' must be float, not str ('a') at column 3"),
      ("True", "double", "F(): argument 'x' must be float, not bool (True) at column 3"),
      ("1", "bool", "F(): argument 'x' must be bool, not int (1) at column 3"),
      ("None", "string", "F(): argument 'x' must be str, not NoneType (None) at column 3"),
      ("1.5", "optionalInt", "F(): argument 'x' must be int or None, not float (1.5) at column 3"),
      ("'a'", "optionalDouble", "F(): argument 'x' must be float or None, not str ('a') at column 3"),
      ("1", "optionalString", "F(): argument 'x' must be str or None, not int (1) at column 3"),
      ("(3, 3, 3)", "pair", "F(): argument 'x' must be int or tuple of 2 ints, not tuple ((3, 3, 3)) at column 3"),
      ("(3, 3.0)", "pair", "F(): argument 'x' must be int or tuple of 2 ints, not tuple ((3, 3.0)) at column 3"),
      ("'3'", "pair", "F(): argument 'x' must be int or tuple of 2 ints, not str ('3') at column 3"),
      ("(4, 'a')", "list", "F(): argument 'x' must be int or tuple of ints, not tuple ((4, 'a')) at column 3"),
      ("1.5", "list", "F(): argument 'x' must be int or tuple of ints, not float (1.5) at column 3"),
      ("3", "call", "F(): argument 'x' must be a call like 'Name(…)', not int (3) at column 3"),
      ("Linear(1, 2)", "int", "F(): argument 'x' must be int, not Linear (Linear(1, 2)) at column 3"),
    ])
  func mismatch(_ source: String, _ accessor: String, _ message: String) throws {
    let arguments = try bound(source)
    let error = #expect(throws: SpecArgumentError.self) {
      switch accessor {
      case "int": _ = try arguments.int("x")
      case "double": _ = try arguments.double("x")
      case "bool": _ = try arguments.bool("x")
      case "string": _ = try arguments.string("x")
      case "optionalInt": _ = try arguments.optionalInt("x")
      case "optionalDouble": _ = try arguments.optionalDouble("x")
      case "optionalString": _ = try arguments.optionalString("x")
      case "pair": _ = try arguments.intTuple("x", count: 2)
      case "list": _ = try arguments.intList("x")
      default: _ = try arguments.call("x")
      }
    }
    #expect(error?.description == message)
  }

  @Test("a positional argument is located at its value; a default has no position")
  func positions() throws {
    let linear = try Signatures.linear.bind(SpecParser.parseModel("Linear('ten', 5)"))
    let error = #expect(throws: SpecArgumentError.self) { try linear.int("in_features") }
    #expect(error?.description == "Linear(): argument 'in_features' must be int, not str ('ten') at column 8")
    let defaulted = try SpecSignature("G", [.optional("n", .string("a"))]).bind(SpecCall(name: "G"))
    let noPosition = #expect(throws: SpecArgumentError.self) { try defaulted.int("n") }
    #expect(noPosition?.description == "G(): argument 'n' must be int, not str ('a')")
  }

  @Test func invalidValueForBuilders() throws {
    let arguments = try bound("-3")
    #expect(
      arguments.invalidValue("x", requirement: "positive").description
        == "F(): argument 'x' must be positive, got -3 at column 3")
  }
}
