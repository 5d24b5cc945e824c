import Foundation
import Lab
import Testing

/// The acceptance measurements, and the small configurations against PyTorch.
@Suite struct SignalExperimentTests {
  func signal(_ activation: LabActivation, _ call: String, depth: Int = 20, width: Int = 256) throws -> SignalResult {
    try runSignalExperiment(SignalConfig(depth: depth, width: width, activation: activation, initialization: LabInit(parsing: call)))
  }

  /// ReLU, width 256, depth 20: Kaiming-normal keeps every Linear output's std within 2× of √2, and
  /// about half of the units are inactive.
  @Test func kaimingNormalRelu() throws {
    let r = try signal(.relu, "kaiming_normal_(nonlinearity='relu')")
    #expect(r.layers.count == 20)
    for l in r.layers {
      #expect(l.linearOutputStd > 2.0.squareRoot() / 2 && l.linearOutputStd < 2 * 2.0.squareRoot(), "layer \(l.layer): \(l.linearOutputStd)")
    }
    for l in r.layers.dropLast() { #expect(abs(l.deadFraction - 0.5) < 0.05, "layer \(l.layer): \(l.deadFraction)") }
    #expect(r.layers.last!.deadFraction.isNaN)
  }

  /// ReLU with Xavier-normal: the variance halves per layer after the first; the last layer's std is
  /// within 3× of (½)^(19/2) ≈ 1.4e-3.
  @Test func xavierNormalRelu() throws {
    let r = try signal(.relu, "xavier_normal_()")
    let expected = pow(0.5, 19.0 / 2)
    let last = r.layers.last!.linearOutputStd
    #expect(last > expected / 3 && last < expected * 3, "\(last) vs \(expected)")
    #expect(abs(r.measuredForwardFactor! - 0.5) < 0.1)
  }

  /// tanh and sigmoid with Xavier-normal: the last layer's std within 1.5× of the mean-field prediction.
  @Test(arguments: [LabActivation.tanh, .sigmoid]) func xavierNormalSaturating(_ activation: LabActivation) throws {
    let r = try signal(activation, "xavier_normal_()")
    let predicted = r.theory.linearOutputStd.last!, measured = r.layers.last!.linearOutputStd
    #expect(measured / predicted < 1.5 && predicted / measured < 1.5, "\(measured) vs \(predicted)")
  }

  /// Depth 5, width 32, batch 64, seed 3: every statistic of every layer equals PyTorch's to float
  /// rounding (the weights and inputs are bit-identical; only summation order differs).
  @Test(arguments: TorchReference.shared.signal.indices) func matchesPyTorch(_ index: Int) throws {
    let reference = TorchReference.shared.signal[index]
    let r = try runSignalExperiment(SignalConfig(
      depth: reference.depth, width: reference.width, activation: try LabActivation(parsing: reference.activation),
      initialization: try LabInit(parsing: reference.initCall), batch: reference.batch, seed: reference.seed))
    #expect(r.layers.count == reference.layers.count)
    for (ours, theirs) in zip(r.layers, reference.layers) {
      let scale = theirs.linearOutputStd ?? 1
      func check(_ a: Double, _ b: Double?, _ what: String, floor: Double) {
        guard let b else { #expect(!a.isFinite, "\(what) layer \(ours.layer)"); return }
        #expect(close(a, b, relative: 1e-4, floor: floor), "\(what) layer \(ours.layer): \(a) vs \(b)")
      }
      check(ours.linearOutputStd, theirs.linearOutputStd, "linear std", floor: 0)
      check(ours.linearOutputMean, theirs.linearOutputMean, "linear mean", floor: scale)
      check(ours.outputGradStd, theirs.outputGradStd, "grad std", floor: 0)
      check(ours.weightGradNorm, theirs.weightGradNorm, "weight grad norm", floor: 0)
      if let std = theirs.activationStd {
        check(ours.activationStd, std, "activation std", floor: 0)
        check(ours.deadFraction, theirs.deadFraction, "dead fraction", floor: 0.01)
      }
    }
  }

  @Test func philoxIsDeterministicAndDifferent() throws {
    let init_ = try LabInit(parsing: "kaiming_normal_(nonlinearity='relu')")
    let a = try runSignalExperiment(SignalConfig(depth: 4, width: 32, initialization: init_, batch: 32, generator: .philox))
    let b = try runSignalExperiment(SignalConfig(depth: 4, width: 32, initialization: init_, batch: 32, generator: .philox))
    let t = try runSignalExperiment(SignalConfig(depth: 4, width: 32, initialization: init_, batch: 32, generator: .torch))
    #expect(a.layers.map(\.linearOutputStd) == b.layers.map(\.linearOutputStd))
    #expect(a.layers.map(\.weightGradNorm) == b.layers.map(\.weightGradNorm))
    #expect(a.layers[0].linearOutputStd != t.layers[0].linearOutputStd)
    #expect(abs(a.layers[0].linearOutputStd - 2.0.squareRoot()) < 0.2)
  }

  @Test func rejectsBadConfigurations() throws {
    let i = LabInit.pytorchDefault
    #expect(throws: LabError.invalidConfiguration("depth must be at least 1, got 0")) {
      try runSignalExperiment(SignalConfig(depth: 0, width: 8, initialization: i))
    }
    #expect(throws: LabError.self) { try runSignalExperiment(SignalConfig(depth: 2, width: 0, initialization: i)) }
    #expect(throws: LabError.self) { try runSignalExperiment(SignalConfig(depth: 2, width: 4, initialization: i, batch: 0)) }
  }

  /// A scheme that fails on the weight (eye_ on a 3-D tensor cannot happen; sparse_ with a bad
  /// sparsity can) is reported with the init's name.
  @Test func badInitIsReported() throws {
    #expect(throws: LabError.self) { try LabInit(parsing: "kaiming_uniform_(nonlinearity='relu6')") }
    #expect(throws: LabError.self) { try LabInit(parsing: "unknown_()") }
  }
}
