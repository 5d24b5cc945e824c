import Layers
import RandomModule
import TensorModule
import Testing
import Training

/// Dropout's modes and statistics.
@Suite struct DropoutTests {
  let ones = try! Tensor(shape: [100, 100], scalars: [Float](repeating: 1, count: 10_000))

  @Test func evaluationModeIsTheIdentity() throws {
    let tape = Tape(training: false)
    let x = try tape.input(ones)
    #expect(try Dropout(p: 0.5)(x).value == ones)
  }

  @Test(arguments: [0.1, 0.5, 0.9])
  func trainingZeroesAFractionPAndScalesTheRest(p: Double) throws {
    let tape = Tape(generator: TorchGenerator(seed: 3))
    let x = try tape.input(ones, requiresGradient: true)
    let y = try Dropout(p: .float(p))(x)
    let values = y.value.doubles
    let zeros = Double(values.filter { $0 == 0 }.count) / Double(values.count)
    // Binomial(10000, p): 5 standard deviations.
    #expect(abs(zeros - p) <= 5 * (p * (1 - p) / Double(values.count)).squareRoot())
    #expect(values.allSatisfy { $0 == 0 || $0 == Double(Float(1) / Float(1 - p)) })
    try y.backward(gradient: ones)
    #expect(x.gradient!.doubles == values, "the gradient uses the forward's mask")
  }

  @Test func extremeProbabilities() throws {
    let tape = Tape(generator: TorchGenerator(seed: 0))
    let x = try tape.input(ones)
    #expect(try Dropout(p: 1)(x).value.doubles.allSatisfy { $0 == 0 })
    #expect(try Dropout(p: 0)(x).value == ones)
    #expect(throws: TrainingError.self) { try x.dropout(p: 1.5) }
  }

  @Test func theSameSeedGivesTheSameMask() throws {
    func mask(_ seed: Int) throws -> Tensor { try Dropout(p: 0.3)(Tape(generator: TorchGenerator(seed: seed)).input(ones)).value }
    #expect(try mask(5) == mask(5))
    #expect(try mask(5) != mask(6))
  }
}

/// Optimizer mechanics beyond the PyTorch trajectories: state, skipping, validation.
@Suite struct OptimizerTests {
  func gradients(of model: Module, _ x: Tensor) throws -> Gradients {
    let tape = Tape()
    return try MSELoss()(try model.callAsLayer(tape.input(x)), try Tensor(zeros: [2, 2])).backward()
  }

  @Test func sgdFirstMomentumBufferIsTheGradient() throws {
    let fc = try Linear(3, 2, generator: TorchGenerator(seed: 0))
    let g = try gradients(of: fc, try randomTensor([2, 3], dtype: .float32, seed: 1))
    let sgd = try SGD(fc.parameters(), lr: 0.1, momentum: 0.9)
    let before = fc.weight
    try sgd.step(g)
    #expect(sgd.momentumBuffers[0] == g[fc, "weight"])
    let expected = zip(before.doubles, g[fc, "weight"]!.doubles).map { Double(Float($0) - Float(0.1) * Float($1)) }
    for (a, b) in zip(fc.weight.doubles, expected) { #expect(abs(a - b) <= 1e-7 * max(1, abs(b))) }
  }

  @Test func parametersWithoutGradientAreSkipped() throws {
    let used = try Linear(3, 2, generator: TorchGenerator(seed: 0)), unused = try Linear(3, 2, generator: TorchGenerator(seed: 1))
    let g = try gradients(of: used, try randomTensor([2, 3], dtype: .float32, seed: 1))
    let adam = try Adam(used.parameters() + unused.parameters())
    let before = unused.weight
    try adam.step(g)
    #expect(unused.weight == before)
    #expect(adam.steps == [1, 1, 0, 0])
  }

  @Test func invalidHyperParametersAreRejectedWithPyTorchsMessages() throws {
    let p = try Linear(2, 2, generator: TorchGenerator(seed: 0)).parameters()
    #expect(throws: TrainingError.invalidArgument(name: "learning rate", value: "-0.1", reason: "")) { try SGD(p, lr: -0.1) }
    #expect(throws: TrainingError.self) { try SGD(p, lr: 0.1, nesterov: true) }
    #expect(throws: TrainingError.self) { try SGD(p, lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true) }
    #expect(throws: TrainingError.invalidArgument(name: "beta parameter at index 1", value: "1.0", reason: "")) {
      try Adam(p, betas: (0.9, 1.0))
    }
    #expect(throws: TrainingError.invalidArgument(name: "epsilon value", value: "-1.0", reason: "")) { try Adam(p, eps: -1) }
    #expect("\(TrainingError.invalidArgument(name: "learning rate", value: "-0.1", reason: ""))" == "Invalid learning rate: -0.1")
  }

  @Test func resultsDoNotDependOnTheThreadCount() throws {
    func run(threads: Int) throws -> [Tensor] {
      let previous = Parallel.threadCount
      Parallel.threadCount = threads
      defer { Parallel.threadCount = previous }
      let fc = try Linear(300, 300, generator: TorchGenerator(seed: 0))
      let sgd = try SGD(fc.parameters(), lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)
      let adam = try Adam(fc.parameters(), lr: 0.01, amsgrad: true)
      let x = try randomTensor([300, 300], dtype: .float32, seed: 1)
      var outputs: [Tensor] = []
      for optimizer in [sgd, adam] as [any Optimizer] {
        let tape = Tape()
        let y = try fc(tape.input(x)).gelu()
        outputs.append(y.value)
        try optimizer.step(try y.backward(gradient: x))
      }
      return outputs + [fc.weight, fc.bias!]
    }
    #expect(try run(threads: 1) == run(threads: 2))
  }

  @Test func learningRateCanBeChangedBetweenSteps() throws {
    let fc = try Linear(3, 2, generator: TorchGenerator(seed: 0))
    let g = try gradients(of: fc, try randomTensor([2, 3], dtype: .float32, seed: 1))
    let sgd = try SGD(fc.parameters(), lr: 0.1)
    sgd.learningRate = 0
    let before = fc.weight
    try sgd.step(g)
    #expect(fc.weight == before)
  }
}
