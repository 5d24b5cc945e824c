import Foundation
import Initializers
@testable import Lab
import Testing

@Suite struct SignalTheoryTests {
  let kaimingNormal = LabInit(name: "kaiming", weight: .kaimingNormal(a: 0, mode: .fanIn, nonlinearity: .relu), bias: .zeros)
  let xavierNormal = LabInit(name: "xavier", weight: .xavierNormal(gain: 1), bias: .zeros)

  @Test func gaussianExpectations() {
    #expect(abs(_gaussianExpectation(mean: 0, variance: 2) { $0 * $0 } - 2) < 1e-10)
    #expect(abs(_gaussianExpectation(mean: 1, variance: 1) { $0 } - 1) < 1e-10)
    #expect(abs(_gaussianExpectation(mean: 0, variance: 3) { max(0, $0) * max(0, $0) } - 1.5) < 1e-8)
    #expect(abs(_gaussianExpectation(mean: 0, variance: 0) { $0 + 4 } - 4) == 0)
  }

  /// The examples: He/ReLU 1; Xavier/ReLU on square layers ½; U(±0.1) at width 128:
  /// 128·(0.01/3)·½; PyTorch's default ⅙.
  @Test func reluFactors() {
    func factor(_ i: LabInit, width: Int = 128) -> Double? {
      SignalTheory.predict(width: width, depth: 5, activation: .relu, initialization: i, batch: 8).forwardFactor
    }
    #expect(abs(factor(kaimingNormal)! - 1) < 1e-12)
    #expect(abs(factor(xavierNormal)! - 0.5) < 1e-12)
    #expect(abs(factor(LabInit.tutorialDefaults[0])! - 128 * (0.01 / 3) / 2) < 1e-12)
    #expect(abs(factor(.pytorchDefault)! - 1.0 / 6) < 1e-12)
    let t = SignalTheory.predict(width: 128, depth: 5, activation: .relu, initialization: LabInit.tutorialDefaults[0], batch: 8)
    #expect(t.forwardFactorFormula.contains("128·(0.01/3)·½"))
  }

  /// Xavier/ReLU: variance halves per layer after the first, std (½)^((l−1)/2) — 1.4e-3 at layer 20.
  @Test func xavierReluDecay() {
    let t = SignalTheory.predict(width: 256, depth: 20, activation: .relu, initialization: xavierNormal, batch: 256)
    for (i, std) in t.linearOutputStd.enumerated() {
      #expect(abs(std - pow(0.5, Double(i) / 2)) < 1e-9 * max(1, std) + 1e-12)
    }
    #expect(abs(t.linearOutputStd[19] - 1.38e-3) < 1e-5)
    #expect(t.inactiveFraction[0] == 0.5)
    // Gradients: Var(δ) halves per layer going back.
    #expect(abs(t.outputGradStd[0] - pow(0.5, 19.0 / 2)) < 1e-9)
  }

  @Test func kaimingKeepsVariance() {
    let t = SignalTheory.predict(width: 256, depth: 20, activation: .relu, initialization: kaimingNormal, batch: 256)
    for std in t.linearOutputStd { #expect(abs(std - 2.0.squareRoot()) < 1e-9) }
    for g in t.outputGradStd { #expect(abs(g - 1) < 1e-9) }
  }

  @Test func tanhAndSigmoid() {
    let tanh = SignalTheory.predict(width: 256, depth: 20, activation: .tanh, initialization: xavierNormal, batch: 256)
    #expect(tanh.forwardFactor == 1)
    // tanh contracts: q ← E[tanh(z)²] < q, so the std decays slowly (≈ 1/√(2l) for large l).
    #expect(tanh.linearOutputStd[19] < tanh.linearOutputStd[0] && tanh.linearOutputStd[19] > 0.1)
    let sigmoid = SignalTheory.predict(width: 256, depth: 20, activation: .sigmoid, initialization: xavierNormal, batch: 256)
    #expect(sigmoid.forwardFactor == nil)
    #expect(sigmoid.backwardFactor == 1.0 / 16)
    // The fixed point of q = E[σ(z)²] (Xavier, square layers): std ≈ 0.52.
    #expect(abs(sigmoid.linearOutputStd[19] - 0.52) < 0.01)
  }

  /// constant_(0.5), zero bias, width 128: every unit equal; ReLU multiplies by c·fan_in = 64 per layer.
  @Test func constantWeights() {
    let c = LabInit.tutorialDefaults[3]
    let t = SignalTheory.predict(width: 128, depth: 6, activation: .relu, initialization: c, batch: 8)
    #expect(t.model == "identical units")
    #expect(t.forwardFactor.map { $0 == 4096 } == true)
    for l in 2..<6 { #expect(abs(t.linearOutputStd[l] / t.linearOutputStd[l - 1] - 64) < 1e-6) }
    let tanh = SignalTheory.predict(width: 128, depth: 6, activation: .tanh, initialization: c, batch: 8)
    #expect(tanh.inactiveFraction[3] > 0.99)  // saturated at ±64
  }

  @Test func noPredictionForNonZeroMean() {
    let t = SignalTheory.predict(
      width: 16, depth: 3, activation: .relu, initialization: LabInit(name: "u", weight: .uniform(a: 0, b: 1), bias: .zeros), batch: 4)
    #expect(t.model == "none")
    #expect(t.linearOutputStd.allSatisfy { $0.isNaN })
  }
}
