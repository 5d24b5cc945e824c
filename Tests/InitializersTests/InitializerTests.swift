import Foundation
import Initializers
import RandomModule
import TensorModule
import Testing

@Suite struct InitializerTests {
  static let schemes: [Initializer] = [
    .uniform(a: -0.1, b: 0.1), .normal(mean: 0, std: 0.02), .truncNormal(std: 0.02), .constant(0.5), .ones, .zeros, .eye,
    .dirac(groups: 2), .xavierUniform(gain: 5.0 / 3), .xavierNormal(), .kaimingUniform(nonlinearity: .relu),
    .kaimingNormal(a: 0.2, mode: .fanOut, nonlinearity: .leakyReLU), .orthogonal(gain: 2), .sparse(sparsity: 0.1),
  ]

  @Test(arguments: schemes) func codableRoundTrip(scheme: Initializer) throws {
    let data = try JSONEncoder().encode(scheme)
    #expect(try JSONDecoder().decode(Initializer.self, from: data) == scheme)
  }

  @Test func descriptionIsThePyTorchCall() {
    #expect(Initializer.kaimingUniform(nonlinearity: .relu).description == "kaiming_uniform_(a=0.0, mode='fan_in', nonlinearity='relu')")
    #expect(Initializer.truncNormal(std: 0.02).description == "trunc_normal_(mean=0.0, std=0.02, a=-2.0, b=2.0)")
    #expect(Initializer.sparse(sparsity: 0.1).description == "sparse_(sparsity=0.1, std=0.01)")
    #expect(pythonRepr(1e-5) == "1e-05")
    #expect(pythonRepr(1e16) == "1e+16")
    #expect(pythonRepr(5) == "5.0")
  }

  @Test func statisticsOfDefaultLinearInit() throws {
    let stats = try Initializer.kaimingUniform(a: 5.0.squareRoot()).statistics(shape: [256, 784])
    #expect(stats.fanIn == 784)
    #expect(stats.fanOut == 256)
    #expect(abs((stats.bound ?? 0) - 1 / 28.0) < 1e-15)
    #expect(abs(stats.std - 1 / (28.0 * 3.0.squareRoot())) < 1e-15)
  }

  @Test func zeroElementKaimingWarnsAndDrawsNothing() throws {
    let generator = TorchGenerator(seed: 0)
    var tensor = try Tensor(zeros: [0, 3])
    // The warning text is checked by TorchErrorParityTests (e025/e026), the only suite that swaps the
    // process-wide warning handler.
    try kaimingUniform(&tensor, generator: generator)
    #expect(generator.next32() == TorchGenerator(seed: 0).next32())
  }

  @Test func errorsNameTheOffendingValue() throws {
    var vector = try Tensor(zeros: [5])
    var cube = try Tensor(zeros: [2, 2, 2])
    var matrix = try Tensor(zeros: [4, 6])
    #expect(throws: InitError.fanNeedsTwoDimensions(shape: [5])) { try xavierUniform(&vector) }
    #expect(throws: InitError.unsupportedRank(function: "eye_", expected: "2", shape: [2, 2, 2])) { try eye(&cube) }
    #expect(throws: InitError.unsupportedRank(function: "dirac_", expected: "3, 4, or 5", shape: [4, 6])) { try dirac(&matrix) }
    #expect(throws: InitError.groupsDoNotDivide(size0: 2, groups: 3)) { try dirac(&cube, groups: 3) }
    #expect(throws: InitError.unsupportedRank(function: "orthogonal_", expected: "2 or more", shape: [5])) { try orthogonal(&vector) }
    #expect(throws: InitError.sparsityOutOfRange(1.5)) { try sparse(&matrix, sparsity: 1.5) }
    #expect(throws: RandomError.negativeStd(-1)) { try normal(&matrix, std: -1) }
    #expect(throws: RandomError.invertedRange(from: 1, to: 0)) { try uniform(&matrix, a: 1, b: 0) }
    var empty = try Tensor(zeros: [0, 0])
    #expect(throws: InitError.zeroFanSum(shape: [0, 0])) { try xavierUniform(&empty) }
  }

  @Test func orthogonalRowsAreOrthonormal() throws {
    for shape in [[6, 4], [4, 6], [5, 5], [3, 2, 4]] {
      var w = try Tensor(zeros: shape, dtype: .float64)
      try orthogonal(&w, generator: TorchGenerator(seed: 3))
      let rows = shape[0], cols = w.count / rows
      let values = w.doubles
      let small = min(rows, cols)
      // The smaller Gram matrix (W Wᵀ or Wᵀ W) is the identity.
      for i in 0..<small {
        for j in 0..<small {
          var dot = 0.0
          if rows <= cols {
            for k in 0..<cols { dot += values[i * cols + k] * values[j * cols + k] }
          } else {
            for k in 0..<rows { dot += values[k * cols + i] * values[k * cols + j] }
          }
          #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12, "\(shape) (\(i), \(j))")
        }
      }
    }
  }
}

/// Collects warnings from ``InitWarnings`` in a test.
final class WarningLog: @unchecked Sendable {
  private(set) var messages: [String] = []
  func append(_ message: String) { messages.append(message) }
}
