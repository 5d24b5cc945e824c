import Layers
import RandomModule
import TensorModule
import Testing
import Training

/// The tape's diagnostics (module outputs, intermediate gradients), its life cycle and its errors.
@Suite struct TapeTests {
  func mlp(_ generator: TorchGenerator) throws -> Sequential {
    Sequential(try Linear(4, 6, generator: generator), ReLU(), try Linear(6, 6, generator: generator), Tanh(), try Linear(6, 3, generator: generator))
  }

  @Test func moduleOutputsAreRecordedInCallOrderWithPaths() throws {
    let model = try mlp(TorchGenerator(seed: 0))
    let tape = Tape()
    let y = try model(tape.input(try randomTensor([5, 4], dtype: .float32, seed: 1)))
    #expect(tape.moduleOutputs.map(\.module.typeName) == ["Linear", "ReLU", "Linear", "Tanh", "Linear", "Sequential"])
    #expect(tape.moduleOutputs(in: model).map(\.path) == ["0", "1", "2", "3", "4", ""])
    #expect(tape.moduleOutputs.last!.output.value == y.value)
    #expect(tape.moduleOutputs.filter { $0.module is Linear }.map(\.output.shape) == [[5, 6], [5, 6], [5, 3]])
  }

  @Test func intermediateGradientsAreKeptAfterBackward() throws {
    let model = try mlp(TorchGenerator(seed: 0))
    let tape = Tape()
    let y = try model(tape.input(try randomTensor([5, 4], dtype: .float32, seed: 1)))
    let g = try randomTensor([5, 3], dtype: .float32, seed: 2)
    let gradients = try y.backward(gradient: g)
    let outputs = tape.moduleOutputs
    #expect(y.gradient == g)
    // ∂L/∂(first Linear output) = ∂L/∂(ReLU output) ⊙ [Linear output > 0]
    let (linear, relu) = (outputs[0].output, outputs[1].output)
    let expected = zip(try #require(relu.gradient).doubles, linear.value.doubles).map { $1 > 0 ? $0 : 0 }
    #expect(try #require(linear.gradient).doubles == expected)
    // ∂L/∂W of the first Linear = (∂L/∂output)ᵀ·input
    let first = model.layers[0]
    #expect(gradients[first, "weight"]!.shape == [6, 4])
    #expect(gradients.count == 6)
    #expect(gradients.named(in: model).map(\.key) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
  }

  @Test func inputGradientsOnlyWhenRequested() throws {
    let fc = try Linear(3, 2, generator: TorchGenerator(seed: 0))
    let tape = Tape()
    let a = try tape.input(try randomTensor([2, 3], dtype: .float32, seed: 1))
    let b = try tape.input(try randomTensor([2, 3], dtype: .float32, seed: 2), requiresGradient: true)
    try (fc(a) + fc(b)).sum().backward()
    #expect(a.gradient == nil)
    #expect(b.gradient?.shape == [2, 3])
  }

  @Test func backwardRunsOncePerTape() throws {
    let tape = Tape()
    let x = try tape.input(try Tensor(shape: [2], scalars: [1, 2] as [Float]), requiresGradient: true)
    let loss = x.tanh().sum()
    try loss.backward()
    #expect(throws: TrainingError.backwardAlreadyRun) { try loss.backward() }
  }

  @Test func backwardWithoutSeedNeedsAScalar() throws {
    let tape = Tape()
    let x = try tape.input(try Tensor(shape: [2], scalars: [1, 2] as [Float]), requiresGradient: true)
    #expect(throws: TrainingError.gradientNeedsScalarOutput(shape: [2])) { try x.relu().backward() }
  }

  @Test func noGradTapeRecordsNothingToDifferentiate() throws {
    let model = try mlp(TorchGenerator(seed: 0))
    let tape = Tape(training: false, recordsGradients: false)
    let loss = try CrossEntropyLoss()(try model(tape.input(try randomTensor([2, 4], dtype: .float32, seed: 1))), [0, 2])
    #expect(loss.isFinite)
    #expect(try loss.backward().count == 0)
  }

  @Test func gradientsAccumulateWithPlusEquals() throws {
    let model = try mlp(TorchGenerator(seed: 0))
    let x = try randomTensor([3, 4], dtype: .float32, seed: 1)
    func gradients() throws -> Gradients {
      let tape = Tape()
      return try CrossEntropyLoss()(try model(tape.input(x)), [0, 1, 2]).backward()
    }
    let once = try gradients()
    var total = once
    total += try gradients()
    for (p, twice) in zip(model.parameters(), model.parameters().map { total[$0]! }) {
      #expect(twice.doubles == once[p]!.doubles.map { Double(Float($0) + Float($0)) })
    }
    total.zero()
    #expect(total.count == 0)
  }

  @Test func nonFiniteLossAndGradientsAreDetected() throws {
    let fc = try Linear(2, 2, generator: TorchGenerator(seed: 0))
    let tape = Tape()
    let x = try tape.input(try Tensor(shape: [1, 2], scalars: [Float.infinity, 1]))
    let loss = try MSELoss()(fc(x), try Tensor(zeros: [1, 2]))
    #expect(!loss.isFinite)
    let gradients = try loss.backward()
    #expect(!gradients.isFinite)
    #expect(Set(gradients.nonFiniteParameters.map(\.name)) == ["weight", "bias"])
  }

  @Test func parametersAreUntouchedByForwardAndBackward() throws {
    let fc = try Linear(3, 3, generator: TorchGenerator(seed: 0))
    let before = fc.weight
    let tape = Tape()
    try fc(tape.input(try randomTensor([2, 3], dtype: .float32, seed: 1))).sum().backward()
    #expect(fc.weight == before)
  }

  @Test func errorsNameTheOffendingValues() throws {
    let tape = Tape()
    let fc = try Linear(4, 3, generator: TorchGenerator(seed: 0))
    let x = try tape.input(try Tensor(zeros: [2, 5]))
    #expect(throws: TrainingError.self) { try fc(x) }
    do {
      _ = try fc(x)
    } catch {
      #expect("\(error)".contains("mat1 and mat2 shapes cannot be multiplied (2x5 and 4x3)"))
    }
    #expect(throws: TrainingError.unsupportedDType(operation: "input", dtype: .int64)) { try tape.input(try Tensor(zeros: [2], dtype: .int64)) }
    #expect(throws: TrainingError.differentTapes(operation: "add")) { try x + Tape().input(try Tensor(zeros: [2, 5])) }
    #expect(throws: TrainingError.dimensionOutOfRange(dim: 2, rank: 2)) { try x.softmax(dim: 2) }
    #expect(throws: TrainingError.targetOutOfBounds(target: 5, classes: 5)) { try CrossEntropyLoss()(x, [0, 5]) }
    #expect(throws: TrainingError.notDifferentiable(module: "LSTM")) { try Sequential(try LSTM(5, 2)).callAsLayer(x) }
    let f64 = try tape.input(try Tensor(zeros: [2, 4], dtype: .float64))
    #expect(throws: TrainingError.dtypeMismatch(operation: "linear", expected: .float32, got: .float64)) { try fc(f64) }
  }

  @Test func aSmallNetworkLearns() throws {
    // Two Gaussian blobs; an MLP with Adam separates them.
    let generator = TorchGenerator(seed: 1)
    var x = try Tensor(zeros: [64, 2])
    try x.normal_(generator: generator)
    let labels = (0..<64).map { $0 % 2 }
    for i in 0..<64 { x[linear: 2 * i] += labels[i] == 0 ? -2 : 2 }
    let model = Sequential(try Linear(2, 8, generator: generator), ReLU(), try Linear(8, 2, generator: generator))
    let optimizer = try Adam(model.parameters(), lr: 0.05)
    var losses: [Double] = []
    for _ in 0..<50 {
      let tape = Tape()
      let loss = try CrossEntropyLoss()(try model(tape.input(x)), labels)
      losses.append(loss.item)
      try optimizer.step(try loss.backward())
    }
    #expect(losses.last! < 0.25 * losses.first!)
  }
}
