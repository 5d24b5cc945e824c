import Testing

@testable import ModelSpec

@Suite("SpecParser: model specs and init calls")
struct SpecParserTests {
  @Test func singleCall() throws {
    let call = try SpecParser.parseModel("LSTM(8, 16, num_layers=2)")
    #expect(call.name == "LSTM")
    #expect(call.position == 0)
    #expect(call.arguments == [
      SpecArgument(.int(8)), SpecArgument(.int(16)), SpecArgument(label: "num_layers", .int(2)),
    ])
    #expect(call.arguments.map(\.position) == [5, 8, 12])
  }

  @Test("a comma-separated list means Sequential of the calls")
  func sequentialList() throws {
    let spec = "Linear(784, 256), ReLU(), Linear(256, 10)"
    let call = try SpecParser.parseModel(spec)
    #expect(call.name == "Sequential")
    #expect(call.arguments.map(\.description) == ["Linear(784, 256)", "ReLU()", "Linear(256, 10)"])
    #expect(call.arguments.map(\.position) == [0, 18, 26])
    #expect(call == (try SpecParser.parseModel("Sequential(\(spec))")))
  }

  @Test("a trailing comma makes a one-element Sequential, like Python's 1-tuple")
  func trailingComma() throws {
    #expect(try SpecParser.parseModel("ReLU(),").description == "Sequential(ReLU())")
  }

  @Test("nested Sequential and calls as arguments")
  func nesting() throws {
    let call = try SpecParser.parseModel(
      "nn.Sequential(nn.Linear(4, 8), torch.nn.Sequential(Tanh(), Dropout(0.5)), Linear(8, 2))")
    #expect(call.description == "Sequential(Linear(4, 8), Sequential(Tanh(), Dropout(0.5)), Linear(8, 2))")
    guard case .call(let inner) = call.arguments[1].value else {
      Issue.record("not a call")
      return
    }
    #expect(inner.position == 31)
    #expect(inner.arguments.map(\.position) == [51, 59])
  }

  @Test(
    "prefixes are stripped from model names",
    arguments: ["Linear(1, 2)", "(Linear(1, 2))", "nn.Linear(1, 2)", "torch.nn.Linear(1, 2)", " torch . nn . Linear (1, 2) "])
  func modelPrefixes(_ spec: String) throws {
    #expect(try SpecParser.parseModel(spec).name == "Linear")
  }

  @Test(
    "init calls, with or without parentheses and prefixes",
    arguments: [
      ("kaiming_uniform_(a=0, mode='fan_in', nonlinearity='relu')",
       "kaiming_uniform_(a=0, mode='fan_in', nonlinearity='relu')"),
      ("xavier_normal_(gain=5/3)", "xavier_normal_(gain=1.6666666666666667)"),
      ("uniform_(-0.1, 0.1)", "uniform_(-0.1, 0.1)"),
      ("trunc_normal_(std=0.02)", "trunc_normal_(std=0.02)"),
      ("zeros_()", "zeros_()"), ("zeros_", "zeros_()"), ("init.zeros_", "zeros_()"),
      ("nn.init.ones_()", "ones_()"), ("torch.nn.init.constant_(val=0.5)", "constant_(val=0.5)"),
      ("normal_(0, 1/math.sqrt(3))", "normal_(0, 0.5773502691896258)"),
      ("xavier_uniform_(gain=math.sqrt(2))", "xavier_uniform_(gain=1.4142135623730951)"),
      ("uniform_(a=-1e-3, b=1e-3,)", "uniform_(a=-0.001, b=0.001)"),
    ])
  func initCall(_ source: String, _ expected: String) throws {
    #expect(try SpecParser.parseInitCall(source).description == expected)
  }

  @Test func initCallPositions() throws {
    let call = try SpecParser.parseInitCall("  nn.init.uniform_(-0.1, b=0.1)")
    #expect(call.position == 2)
    #expect(call.arguments.map(\.position) == [19, 25])
  }

  @Test("expression values are located at their first character")
  func expressionPositions() throws {
    let call = try SpecParser.parseModel("Dropout(-0.5 + 1, (2, 3), [4] )")
    #expect(call.arguments.map(\.position) == [8, 18, 26])
  }

  @Test("nesting up to the depth limit parses; beyond it is an error, not a stack overflow")
  func depthLimit() throws {
    let depth = SpecParser.maximumDepth - 2
    let ok = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
    #expect(try parseValue(ok) == .int(1))
    let deep = String(repeating: "-", count: 100_000) + "1"
    let error = #expect(throws: SpecSyntaxError.self) { try parseValue(deep) }
    #expect(error?.message.hasPrefix("too deeply nested") == true)
    let calls = String(repeating: "Sequential(", count: 5_000)
    #expect(throws: SpecSyntaxError.self) { try SpecParser.parseModel(calls) }
  }

  /// Mutates valid inputs (deletions, insertions, swaps) with a fixed-seed LCG: every result must
  /// parse or throw a `SpecSyntaxError` located inside the input — never trap.
  @Test("mutated inputs never crash and errors stay inside the input")
  func fuzz() {
    let seeds = [
      "Sequential(Linear(784, 256, bias=False), ReLU(), Conv2d(3, 8, (3, 3), padding='same'))",
      "kaiming_uniform_(a=math.sqrt(5), mode=\"fan_out\", nonlinearity='leaky_relu')",
      "uniform_(-2**63, 9223372036854775807 * 1 // -1 % 7 ** -0.5)",
    ]
    let alphabet = Array("()[],=.+-*/%'\"\\ \n\t_0123456789eExXabLT\u{1F600}é")
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for seed in seeds {
      for _ in 0..<400 {
        var characters = Array(seed)
        for _ in 0...next(4) {
          let index = next(characters.count + 1)
          switch next(3) {
          case 0 where index < characters.count: characters.remove(at: index)
          case 1: characters.insert(alphabet[next(alphabet.count)], at: index)
          default:
            if index < characters.count { characters[index] = alphabet[next(alphabet.count)] }
          }
        }
        let input = String(characters)
        for isModel in [true, false] {
          do {
            _ = try isModel ? SpecParser.parseModel(input) : SpecParser.parseInitCall(input)
          } catch {
            #expect((0...input.count).contains(error.position), "\(input): \(error)")
            #expect(!error.description.contains("\n"))
          }
        }
      }
    }
  }
}
