import Foundation
import Initializers
import Layers
import ModelSpec
import RandomModule
import TensorModule
import TestSupport
import Testing

/// The bad inputs of `Tests/Fixtures/torch/vectorized/errors.json`: where PyTorch raises, NNInit throws
/// an error whose message contains PyTorch's; where PyTorch warns, NNInit warns the same text.
@Suite(.serialized) struct TorchErrorParityTests {
  /// How each fixture case is expressed in NNInit.
  enum Action: Sendable {
    case fill(String, [Int])
    case model(String)
    case gain(String, SpecValue?)
  }

  static let actions: [String: Action] = [
    "e000": .fill("uniform_(a=1.0, b=0.0)", [3, 3]), "e002": .fill("normal_(mean=0.0, std=-1.0)", [3, 3]),
    "e004": .fill("kaiming_uniform_()", [5]), "e005": .fill("kaiming_normal_()", [5]), "e006": .fill("xavier_uniform_()", [5]),
    "e007": .fill("xavier_normal_()", [5]), "e008": .fill("eye_()", [3, 3, 3]), "e009": .fill("eye_()", [3]),
    "e010": .fill("dirac_()", [3, 3]), "e011": .fill("dirac_(groups=2)", [3, 2, 3]), "e012": .fill("orthogonal_()", [5]),
    "e013": .fill("sparse_(sparsity=0.1)", [3, 3, 3]), "e017": .gain("relu6", nil), "e018": .gain("leaky_relu", .bool(true)),
    "e019": .gain("leaky_relu", .string("x")), "e020": .gain("leaky_relu", .float(0.2)), "e021": .gain("conv_transpose2d", nil),
    "e022": .fill("kaiming_uniform_(mode='fan_avg')", [3, 3]), "e023": .fill("kaiming_normal_(mode='FAN_OUT')", [3, 3]),
    "e025": .fill("kaiming_uniform_()", [0, 3]), "e026": .fill("kaiming_normal_()", [3, 0]),
    "e027": .fill("xavier_uniform_()", [0, 0]), "e028": .fill("xavier_uniform_()", [0, 3]), "e029": .fill("orthogonal_()", [0, 3]),
    "e030": .fill("uniform()", [3]), "e031": .model("Linear(-1, 3)"), "e032": .model("Conv2d(3, 16, 3, groups=2)"),
    "e033": .model("Conv2d(4, 15, 3, groups=2)"), "e034": .model("Conv2d(3, 16, 3, stride=2, padding='same')"),
    "e035": .model("GroupNorm(3, 8)"), "e036": .model("Embedding(10, 3, padding_idx=10)"),
    "e037": .model("Embedding(10, 3, padding_idx=-11)"), "e038": .model("LSTM(4, 8, proj_size=8)"),
    "e039": .model("RNN(4, 8, nonlinearity='gelu')"), "e040": .model("RNN(4, 8, dropout=0.5)"),
    "e041": .model("MultiheadAttention(10, 3)"), "e042": .model("Dropout(1.5)"), "e043": .model("Dropout(-0.1)"),
  ]

  /// Cases NNInit deliberately treats differently, or that have no NNInit counterpart.
  static let documentedDifferences: [String: String] = [
    "e001": "Tensor.uniform_ is e000's path", "e003": "trunc_normal_(std=-1): PyTorch returns values; NNInit rejects a negative std",
    "e014": "sparse_ sparsity outside [0, 1]: PyTorch misbehaves silently; NNInit rejects it",
    "e015": "sparse_ sparsity outside [0, 1]", "e016": "sparse_ sparsity outside [0, 1]",
    "e024": "covered by InitializerTests (warning text)", "e044": "Swift seeds are typed integers",
    "e045": "Swift seeds are typed integers", "e046": "Swift seeds are typed integers", "e047": "Swift seeds are typed integers",
    "e048": "Swift seeds are typed integers",
  ]

  final class Log: @unchecked Sendable {
    var warnings: [String] = []
  }

  func run(_ action: Action) throws {
    switch action {
    case .fill(let call, let shape):
      var tensor = try Tensor(zeros: shape)
      try InitCallBuilder.initializer(from: call).apply(to: &tensor, generator: TorchGenerator(seed: 0))
    case .model(let spec):
      _ = try ModelBuilder(generator: TorchGenerator(seed: 0)).build(spec)
    case .gain(let name, let param):
      var call = "kaiming_uniform_(nonlinearity='\(name)')"
      if let param { call = "kaiming_uniform_(a=\(param), nonlinearity='\(name)')" }
      var tensor = try Tensor(zeros: [2, 2])
      try InitCallBuilder.initializer(from: call).apply(to: &tensor, generator: TorchGenerator(seed: 0))
    }
  }

  @Test func sameErrorsAndWarningsAsPyTorch() throws {
    let json = try #require(try Fixtures.json("torch/vectorized/errors.json") as? [String: Any])
    let cases = try #require(json["cases"] as? [[String: Any]])
    let log = Log()
    InitWarnings.handler = { log.warnings.append($0) }
    defer { InitWarnings.handler = { _ in } }
    var covered = 0
    for c in cases {
      let id = try #require(c["id"] as? String)
      if Self.documentedDifferences[id] != nil { continue }
      let action = try #require(Self.actions[id], "no NNInit counterpart listed for \(id)")
      covered += 1
      log.warnings = []
      let raised = c["raised"] as? Bool ?? (c["exception_type"] is String)
      if raised, let message = c["message"] as? String {
        do {
          try run(action)
          Issue.record("\(id): PyTorch raises '\(message)', NNInit did not")
        } catch {
          #expect("\(error)".contains(message), "\(id): '\(error)' does not contain PyTorch's '\(message)'")
        }
      } else {
        #expect(throws: Never.self, "\(id)") { try run(action) }
      }
      let expectedWarnings = (c["warnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
      for warning in expectedWarnings {
        #expect(log.warnings.contains { $0.contains(warning) || warning.contains($0) }, "\(id): missing warning '\(warning)', got \(log.warnings)")
      }
    }
    #expect(covered == cases.count - Self.documentedDifferences.count)
  }
}
