import Testing

@testable import ModelSpec

/// Signatures shaped like PyTorch's constructors (without `self`).
enum Signatures {
  static let linear = SpecSignature(
    "Linear",
    [
      .required("in_features"), .required("out_features"), .optional("bias", .bool(true)),
      .keywordOnly("device", .none), .keywordOnly("dtype", .none),
    ])
  static let sequential = SpecSignature("Sequential", [.variadic("args")])
  static let relu = SpecSignature("ReLU", [.optional("inplace", .bool(false))])
  static let identity = SpecSignature("Identity", [])
  static let dropout = SpecSignature("Dropout", [.optional("p", .float(0.5))])
  static let gru = SpecSignature("GRU", [.required("input_size"), .required("hidden_size"), .required("num_layers")])
  static let keywords = SpecSignature("K", [.required("a"), .requiredKeywordOnly("d"), .requiredKeywordOnly("e")])
}

@Suite("SpecSignature binds like Python")
struct SpecSignatureTests {
  @Test func bindsPositionalKeywordAndDefaults() throws {
    let bound = try Signatures.linear.bind(SpecParser.parseModel("Linear(10, out_features=5)"))
    #expect(bound.values == [
      "in_features": .int(10), "out_features": .int(5), "bias": .bool(true), "device": .none, "dtype": .none,
    ])
    #expect(bound.positions == ["in_features": 7, "out_features": 11])
    #expect(bound.isSupplied("out_features"))
    #expect(!bound.isSupplied("bias"))
  }

  @Test func variadicCollectsPositionals() throws {
    let bound = try Signatures.sequential.bind(SpecParser.parseModel("Linear(1, 2), ReLU(), Tanh()"))
    #expect(try bound.variadic("args").map(\.description) == ["Linear(1, 2)", "ReLU()", "Tanh()"])
    let empty = try Signatures.sequential.bind(SpecCall(name: "Sequential"))
    #expect(try empty.variadic("args").isEmpty)
  }

  @Test(
    "binding errors use Python's TypeError wording",
    arguments: [
      (Signatures.linear, "Linear()", "Linear() missing 2 required positional arguments: 'in_features' and 'out_features' at column 1"),
      (Signatures.linear, "Linear(10)", "Linear() missing 1 required positional argument: 'out_features' at column 1"),
      (Signatures.gru, "  GRU()", "GRU() missing 3 required positional arguments: 'input_size', 'hidden_size', and 'num_layers' at column 3"),
      (Signatures.keywords, "K(1)", "K() missing 2 required keyword-only arguments: 'd' and 'e' at column 1"),
      (Signatures.keywords, "K(1, d=2)", "K() missing 1 required keyword-only argument: 'e' at column 1"),
      (Signatures.keywords, "K(d=2, e=3)", "K() missing 1 required positional argument: 'a' at column 1"),
      (Signatures.linear, "Linear(1, 2, True, None)", "Linear() takes from 2 to 3 positional arguments but 4 were given at column 20"),
      (Signatures.linear, "Linear(1, 2, True, 4, 5, device=None)",
        "Linear() takes from 2 to 3 positional arguments but 5 positional arguments (and 1 keyword-only argument) were given at column 20"),
      (Signatures.identity, "Identity(1)", "Identity() takes 0 positional arguments but 1 was given at column 10"),
      (Signatures.gru, "GRU(1, 2, 3, 4)", "GRU() takes 3 positional arguments but 4 were given at column 14"),
      (SpecSignature("F", [.required("a")]), "F(1, 2)", "F() takes 1 positional argument but 2 were given at column 6"),
      (Signatures.relu, "ReLU(True, False)", "ReLU() takes from 0 to 1 positional arguments but 2 were given at column 12"),
      (Signatures.linear, "Linear(1, 2, foo=3)", "Linear() got an unexpected keyword argument 'foo' at column 14"),
      (Signatures.linear, "Linear(1, 2, 3, foo=3)", "Linear() got an unexpected keyword argument 'foo' at column 17"),
      (Signatures.linear, "Linear(10, 5, in_features=3)", "Linear() got multiple values for argument 'in_features' at column 15"),
      (Signatures.sequential, "Sequential(args=1)", "Sequential() got an unexpected keyword argument 'args' at column 12"),
    ] as [(SpecSignature, String, String)])
  func bindingError(_ signature: SpecSignature, _ source: String, _ message: String) throws {
    let call = try SpecParser.parseModel(source)
    let error = #expect(throws: SpecArgumentError.self) { try signature.bind(call) }
    #expect(error?.description == message)
  }

  @Test func errorsCarryTheirReason() throws {
    let call = try SpecParser.parseModel("Linear(1, 2, bias=True, bias2=1)")
    let error = #expect(throws: SpecArgumentError.self) { try Signatures.linear.bind(call) }
    #expect(error == SpecArgumentError(function: "Linear", reason: .unexpectedKeyword("bias2"), position: 24))
  }

  @Test(
    "description renders like inspect.signature",
    arguments: [
      (Signatures.linear, "Linear(in_features, out_features, bias=True, *, device=None, dtype=None)"),
      (Signatures.sequential, "Sequential(*args)"), (Signatures.identity, "Identity()"),
      (SpecSignature("F", [.variadic("xs"), .keywordOnly("k", .string("a"))]), "F(*xs, k='a')"),
      (Signatures.keywords, "K(a, *, d, e)"),
    ] as [(SpecSignature, String)])
  func description(_ signature: SpecSignature, _ expected: String) {
    #expect(signature.description == expected)
  }

  @Test func unknownFunctionMessage() {
    let known = ["Linear", "ReLU", "Tanh"]
    #expect(
      SpecArgumentError(function: "relu", reason: .unknownFunction(known: known), position: 4).description
        == "unknown name 'relu' (did you mean 'ReLU'?) at column 5")
    #expect(
      SpecArgumentError(function: "Foo", reason: .unknownFunction(known: known)).description
        == "unknown name 'Foo' (known: Linear, ReLU, Tanh)")
  }
}
