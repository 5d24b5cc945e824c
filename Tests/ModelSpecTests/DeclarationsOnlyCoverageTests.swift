import Foundation
import Layers
import ModelSpec
import RandomModule
import TestSupport
import Testing

/// The coverage fixtures built as declarations only (what `nninit show` and the Philox path use): the
/// same repr and the same state-dict keys, shapes and dtypes as the eager build, and a materialization
/// plan for every entry.
@Suite struct DeclarationsOnlyCoverageTests {
  @Test func everyCaseDeclaresWhatTheEagerBuildHolds() throws {
    let json = try #require(try Fixtures.json("torch/vectorized/modules.json") as? [String: Any])
    let cases = try #require(json["cases"] as? [[String: Any]])
    var failures: [String] = []
    for c in cases {
      let spec = try #require(c["spec"] as? String), repr = try #require(c["repr"] as? String)
      var builder = ModelBuilder(generator: TorchGenerator(seed: 0))
      builder.inputShape = c["input_shape"] as? [Int]
      do {
        let declared = try Module.declarationsOnly { try builder.build(spec) }
        let eager = try builder.build(spec)
        let expected = eager.stateDict().map { "\($0.key) \($0.tensor.shape) \($0.tensor.dtype)" }
        let actual = declared.declaredState().map { "\($0.key) \($0.declaration.shape) \($0.declaration.dtype)" }
        if declared.description != repr { failures.append("\(spec): repr") }
        if actual != expected { failures.append("\(spec): \(actual) != \(expected)") }
        if try declared.materializationPlan().entries.count != expected.count { failures.append("\(spec): plan entries") }
      } catch {
        failures.append("\(spec): \(error)")
      }
    }
    let none = failures.isEmpty
    #expect(none, "\(failures.count) failures:\n\(failures.prefix(20).joined(separator: "\n"))")
  }
}
