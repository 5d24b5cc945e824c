import Foundation
import Layers
import ModelSpec
import RandomModule
import TestSupport
import Testing

/// `print(model)` text read back as a SPEC (what `--model-file` relies on): every one-line repr of the
/// coverage fixtures builds a module with the same repr, except the classes whose repr is not a
/// constructor call PyTorch would accept with the same meaning.
@Suite struct ReprRoundTripTests {
  /// Classes whose one-line repr does not rebuild the module, and why.
  static let notConstructorText: [String: String] = [
    "FractionalMaxPool2d": "the repr is `FractionalMaxPool2d()`: kernel_size and output size are not printed",
    "FractionalMaxPool3d": "the repr is `FractionalMaxPool3d()`: kernel_size and output size are not printed",
    "RNNBase": "the repr omits the mode",
    "RNNCellBase": "the repr omits bias and num_chunks",
    "RNNCell": "nonlinearity is printed unquoted (`nonlinearity=relu`)",
    "LinearCrossEntropyLoss": "the repr prints `reduction=mean` unquoted",
    "UpsamplingBilinear2d": "the repr prints mode=, which its constructor does not take",
    "UpsamplingNearest2d": "the repr prints mode=, which its constructor does not take",
  ]

  @Test func oneLineReprsBuildTheSameModule() throws {
    let json = try #require(try Fixtures.json("torch/vectorized/modules.json") as? [String: Any])
    let cases = try #require(json["cases"] as? [[String: Any]])
    var failures: [String] = []
    var checked = 0
    for c in cases {
      guard let repr = c["repr"] as? String, !repr.contains("\n"), let name = c["class"] as? String,
        Self.notConstructorText[name] == nil, c["input_shape"] == nil
      else { continue }
      checked += 1
      do {
        let rebuilt = try ModelBuilder(generator: TorchGenerator(seed: 0)).build(repr)
        if rebuilt.description != repr { failures.append("\(repr) → \(rebuilt.description)") }
      } catch {
        failures.append("\(repr): \(error)")
      }
    }
    #expect(checked > 150)
    let none = failures.isEmpty
    #expect(none, "\(failures.count) failures:\n\(failures.joined(separator: "\n"))")
  }
}
