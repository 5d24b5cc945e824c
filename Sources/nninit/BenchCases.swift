import Foundation
import NNInit

/// A fill or initializer timed on one preallocated tensor, through the public API only (so a
/// component still being optimized is measured as it is).
struct BenchCase {
  var name: String
  var shape: [Int]
  var dtype: DType = .float32
  var detail: String?
  /// Fills the tensor; called once to warm up, then once per repetition.
  var body: (inout Tensor) throws -> Void

  /// Every case, in the order `nninit bench` runs them.
  static var all: [BenchCase] {
    var cases: [BenchCase] = []
    for n in [4096, 1024] {
      let shape = [n, n]
      let philox = PhiloxGenerator(seed: 0).generator(forParameter: "weight")
      let torch = TorchGenerator(seed: 0)
      cases += [
        BenchCase(name: "fill.constant", shape: shape) { constant(&$0, 0.5) },
        BenchCase(name: "philox.uniform", shape: shape) { try uniform(&$0, a: -1, b: 1, generator: philox) },
        BenchCase(name: "philox.normal", shape: shape) { try normal(&$0, generator: philox) },
        BenchCase(name: "philox.kaiming_uniform", shape: shape) { try kaimingUniform(&$0, generator: philox) },
        BenchCase(name: "philox.trunc_normal", shape: shape) { try truncNormal(&$0, std: 0.02, generator: philox) },
        BenchCase(name: "torch.uniform", shape: shape) { try uniform(&$0, a: -1, b: 1, generator: torch) },
        BenchCase(name: "torch.normal", shape: shape) { try normal(&$0, generator: torch) },
      ]
    }
    // The parity generator's other dtype and PyTorch's DEFAULT-capability kernels (scalar flavor).
    let shape = [4096, 4096]
    let torch = TorchGenerator(seed: 0), scalar = TorchGenerator(seed: 0, flavor: .scalar)
    cases += [
      BenchCase(name: "torch.uniform.f64", shape: shape, dtype: .float64) { try uniform(&$0, a: -1, b: 1, generator: torch) },
      BenchCase(name: "torch.normal.f64", shape: shape, dtype: .float64) { try normal(&$0, generator: torch) },
      BenchCase(name: "torch.uniform.scalar", shape: shape, detail: "flavor: scalar (ATEN_CPU_CAPABILITY=default)") {
        try uniform(&$0, a: -1, b: 1, generator: scalar)
      },
      BenchCase(name: "torch.normal.scalar", shape: shape, detail: "flavor: scalar (ATEN_CPU_CAPABILITY=default)") {
        try normal(&$0, generator: scalar)
      },
      BenchCase(name: "orthogonal.1024", shape: [1024, 1024], detail: "orthogonal(&t) with TorchGenerator(seed: 0)") {
        try orthogonal(&$0, generator: TorchGenerator(seed: 0))
      },
      BenchCase(name: "orthogonal.4096", shape: [4096, 4096], detail: "orthogonal(&t) with TorchGenerator(seed: 0)") {
        try orthogonal(&$0, generator: TorchGenerator(seed: 0))
      },
    ]
    return cases
  }

  /// Warm-up, then the best of `repetitions` timed runs.
  func measure(repetitions: Int, threads: Int) throws -> BenchResult {
    var tensor = try Tensor(zeros: shape, dtype: dtype)
    try body(&tensor)
    var best = Double.infinity
    let clock = ContinuousClock()
    for _ in 0..<repetitions {
      let elapsed = try clock.measure { try body(&tensor) }
      best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    let count = shape.reduce(1, *)
    return BenchResult(
      name: name, shape: shape, threads: threads, melemPerS: Double(count) / best / 1e6, seconds: best, detail: detail)
  }
}
