import Layers
import RandomModule
import TensorModule
import Testing
import Training

/// Central finite differences in float64 for every layer, activation, loss and operation: the analytic
/// gradient of `L = sum(f(x) ⊙ G)` (G fixed, random) with respect to the input and to every parameter
/// equals `(L(θ + h) − L(θ − h)) / 2h`, h = 1e-6, to 1e-6 relative (∞-norm).
@Suite struct FiniteDifferenceTests {
  /// Checks `f` at `input`; `module`'s parameters are checked too. Each evaluation uses a fresh
  /// `TorchGenerator(seed: 7)` for dropout, so every evaluation draws the same mask.
  func check(
    _ name: String, _ input: Tensor, module: Module? = nil, tolerance: Double = 1e-6,
    _ f: @escaping (Variable) throws -> Variable
  ) throws {
    func evaluate(_ x: Tensor, requiresGradient: Bool) throws -> (Tape, Variable, Variable) {
      let tape = Tape(generator: TorchGenerator(seed: 7))
      let v = try tape.input(x, requiresGradient: requiresGradient)
      return (tape, v, try f(v))
    }
    let (_, x, y) = try evaluate(input, requiresGradient: true)
    let g = try randomTensor(y.shape, seed: 99)
    let gradients = try y.backward(gradient: g)
    func loss(_ x: Tensor) throws -> Double {
      let out = try evaluate(x, requiresGradient: false).2.value.doubles
      return zip(out, g.doubles).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let h = 1e-6
    /// (L(θᵢ + h) − L(θᵢ − h)) / 2h for each i, where `lossAt(i, δ)` is L with element i shifted by δ.
    func centralDifferences(_ count: Int, _ lossAt: (Int, Double) throws -> Double) throws -> Tensor {
      try Tensor(shape: [count], scalars: (0..<count).map { i in (try lossAt(i, h) - lossAt(i, -h)) / (2 * h) })
    }

    let numericInput = try centralDifferences(input.count) { i, delta in
      var shifted = input
      shifted[linear: i] += delta
      return try loss(shifted)
    }
    let analyticInput = try #require(x.gradient, "\(name): no input gradient")
    let inputError = relativeError(try analyticInput.reshaped([input.count]), numericInput)
    #expect(inputError <= tolerance, "\(name) ∂/∂input: relative error \(inputError)")

    for (key, parameter) in module?.namedParameterHandles() ?? [] {
      let original = parameter.value
      let numeric = try centralDifferences(original.count) { i, delta in
        parameter.update { $0[linear: i] = original[linear: i] + delta }
        defer { parameter.update { $0 = original } }
        return try loss(input)
      }
      let analytic = try #require(gradients[parameter], "\(name): no gradient for \(key)")
      let error = relativeError(try analytic.reshaped([original.count]), numeric)
      #expect(error <= tolerance, "\(name) ∂/∂\(key): relative error \(error)")
    }
  }

  func x(_ shape: [Int], seed: Int = 1, std: Double = 1) throws -> Tensor { try randomTensor(shape, std: std, seed: seed) }

  @Test func linear() throws {
    let generator = TorchGenerator(seed: 3)
    let fc = try Linear(4, 3, dtype: .float64, generator: generator)
    try check("Linear", x([2, 4]), module: fc) { try fc($0) }
    try check("Linear on (2, 2, 4)", x([2, 2, 4]), module: fc) { try fc($0) }
    let noBias = try Linear(3, 2, bias: false, dtype: .float64, generator: generator)
    try check("Linear(bias=False)", x([3]), module: noBias) { try noBias($0) }
  }

  @Test func convolutions() throws {
    let generator = TorchGenerator(seed: 4)
    let strided = try Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1, dtype: .float64, generator: generator)
    try check("Conv2d(stride 2, padding 1)", x([2, 2, 5, 5]), module: strided) { try strided($0) }
    let same = try Conv2d(4, 4, kernelSize: [3, 2], padding: .same, dilation: [2, 1], groups: 2, dtype: .float64, generator: generator)
    try check("Conv2d('same', dilation, groups)", x([1, 4, 5, 4]), module: same) { try same($0) }
    for mode in [PaddingMode.reflect, .replicate, .circular] {
      let padded = try Conv2d(2, 2, kernelSize: 3, padding: [1, 2], bias: false, paddingMode: mode, dtype: .float64, generator: generator)
      try check("Conv2d(padding_mode=\(mode))", x([2, 4, 4]), module: padded) { try padded($0) }
    }
    let valid = try Conv2d(1, 2, kernelSize: 2, padding: .valid, dtype: .float64, generator: generator)
    try check("Conv2d('valid')", x([1, 1, 3, 3]), module: valid) { try valid($0) }
    let conv1d = try Conv1d(3, 2, kernelSize: 3, stride: 2, padding: 1, dtype: .float64, generator: generator)
    try check("Conv1d", x([2, 3, 6]), module: conv1d) { try conv1d($0) }
  }

  @Test func layerNorm() throws {
    let norm = try LayerNorm([4], dtype: .float64)
    norm[parameter: "weight"] = try randomTensor([4], seed: 5)
    norm[parameter: "bias"] = try randomTensor([4], seed: 6)
    try check("LayerNorm([4])", x([3, 4]), module: norm) { try norm($0) }
    let plain = try LayerNorm([2, 3], elementwiseAffine: false, dtype: .float64)
    try check("LayerNorm([2, 3], no affine)", x([2, 2, 3]), module: plain) { try plain($0) }
    let noBias = try LayerNorm([5], eps: 0.1, bias: false, dtype: .float64)
    try check("LayerNorm(bias=False, eps=0.1)", x([2, 5]), module: noBias) { try noBias($0) }
  }

  nonisolated(unsafe) static let activations: [(String, @Sendable () throws -> Module)] = [
    ("ReLU", { ReLU() }), ("LeakyReLU(0.2)", { LeakyReLU(negativeSlope: 0.2) }), ("ELU(0.7)", { ELU(alpha: 0.7) }),
    ("SELU", { SELU() }), ("GELU", { try GELU() }), ("GELU(tanh)", { try GELU(approximate: "tanh") }), ("SiLU", { SiLU() }),
    ("Tanh", { Tanh() }), ("Sigmoid", { Sigmoid() }), ("Softplus(2, 1.5)", { Softplus(beta: 2, threshold: 1.5) }),
    ("Softmax(1)", { Softmax(dim: 1) }), ("Softmax(0)", { Softmax(dim: 0) }), ("Softmax(None)", { Softmax() }),
    ("LogSoftmax(-1)", { LogSoftmax(dim: -1) }), ("LogSoftmax(0)", { LogSoftmax(dim: 0) }), ("Identity", { Identity() }),
    ("Flatten", { Flatten() }), ("Flatten(0, 1)", { Flatten(startDim: 0, endDim: 1) }),
    ("Dropout(0.4)", { try Dropout(p: 0.4) }),
  ]

  @Test(arguments: activations.indices)
  func activation(index: Int) throws {
    let (name, make) = Self.activations[index]
    let layer = try make()
    try check(name, x([3, 4, 2], std: 2)) { try layer.callAsLayer($0) }
  }

  @Test func losses() throws {
    let target = try randomTensor([3, 4], seed: 8)
    for reduction in Reduction.allCases {
      try check("MSELoss(\(reduction))", x([3, 4])) { try MSELoss(reduction: reduction)($0, target) }
      try check("CrossEntropyLoss(\(reduction))", x([4, 5], std: 3)) {
        try CrossEntropyLoss(reduction: reduction)($0, [0, 4, -100, 2])
      }
      let labels = try Tensor(shape: [2, 3], scalars: [0, 2, 1, 1, -1, 0] as [Int64])
      try check("CrossEntropyLoss((N, C, d), \(reduction))", x([2, 3, 3])) {
        try CrossEntropyLoss(reduction: reduction, ignoreIndex: -1)($0, labels)
      }
    }
    try check("CrossEntropyLoss(unbatched)", x([5])) { try CrossEntropyLoss()($0, [3]) }
  }

  @Test func operations() throws {
    try check("a + b, a − b, a ⊙ b", x([2, 3])) { a in
      let b = 0.5 * a.tanh()
      return try (a + b) * (a - b.sigmoid())
    }
    try check("sum, mean", x([2, 3])) { a in try a.sum().reshaped([1]) + (3.0 * a.mean()).reshaped([1]) }
    let w = try randomTensor([3, 2], seed: 9)
    try check("matmul", x([4, 3])) { a in try a.matmul(a.tape.input(w)) }
    try check("matmul (both sides)", x([3, 3])) { a in try a.matmul(a.relu()) }
    try check("reshape", x([2, 6])) { a in try a.reshaped([3, 4]).softmax(dim: 1) }
  }

  @Test func modelsBuiltFromLayers() throws {
    let generator = TorchGenerator(seed: 10)
    let mlp = Sequential(
      try Linear(4, 5, dtype: .float64, generator: generator), Tanh(), try Linear(5, 5, dtype: .float64, generator: generator),
      try LayerNorm([5], dtype: .float64), SiLU(), try Linear(5, 3, dtype: .float64, generator: generator))
    try check("Sequential MLP + CrossEntropyLoss", x([3, 4]), module: mlp) { try CrossEntropyLoss()(mlp($0), [2, 0, 1]) }
    let residual = try Residual(dtype: .float64)
    try check("user-defined residual module", x([2, 4]), module: residual) { try residual($0) }
    let shared = try Linear(3, 3, dtype: .float64, generator: generator)
    let twice = Sequential(shared, ReLU(), shared)
    try check("a Linear used twice (shared weights)", x([2, 3]), module: twice) { try twice($0) }
  }
}
