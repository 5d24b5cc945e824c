import Initializers
import Lab
import Testing

@Suite struct ParsingTests {
  @Test func activations() throws {
    #expect(try LabActivation(parsing: "ReLU") == .relu)
    #expect(try LabActivation(parsing: "leaky-relu") == .leakyReLU)
    #expect(try LabActivation(parsing: "Tanh") == .tanh)
    #expect(throws: LabError.unknownActivation("relu6")) { try LabActivation(parsing: "relu6") }
    #expect(LabError.unknownActivation("relu6").description == "unknown activation 'relu6'; expected one of relu, leaky_relu, tanh, sigmoid")
  }

  @Test func inits() throws {
    let xavier = try LabInit(parsing: "xavier_uniform_")
    #expect(xavier.name == "xavier_uniform_()")
    #expect(xavier.weight == .xavierUniform(gain: 1) && xavier.bias == .zeros)
    #expect(xavier.shortName == "xavier_uniform_")
    let kaiming = try LabInit(parsing: " kaiming_uniform_(nonlinearity='relu') ")
    #expect(kaiming.weight == .kaimingUniform(a: 0, mode: .fanIn, nonlinearity: .relu))
    #expect(kaiming.shortName == "kaiming_uniform_(relu)")
    #expect(try LabInit(parsing: "default") == .pytorchDefault)
    let defaultWithBias = try LabInit(parsing: "default", bias: "zeros_()")
    #expect(defaultWithBias.weight == nil && defaultWithBias.bias == .zeros)
    let withDefaultBias = try LabInit(parsing: "uniform_(-0.1, 0.1)", bias: "default")
    #expect(withDefaultBias.bias == nil && withDefaultBias.shortName == "uniform_(±0.1), default bias")
    #expect(try LabInit(parsing: "constant_(0.5)").shortName == "constant_(0.5)")
    #expect(LabInit.tutorialDefaults.map(\.shortName) == ["uniform_(±0.1)", "xavier_uniform_", "kaiming_uniform_(relu)", "constant_(0.5)", "default"])
  }

  @Test func initErrorsNameTheText() {
    do {
      _ = try LabInit(parsing: "kaiming_uniform_(mode='fan_avg')")
      Issue.record("expected an error")
    } catch {
      #expect("\(error)".contains("kaiming_uniform_(mode='fan_avg')") && "\(error)".contains("fan_avg"))
    }
  }

  @Test func numberFormatting() {
    #expect(LabText.number(0.5) == "0.5")
    #expect(LabText.number(1.41421) == "1.41")
    #expect(LabText.number(0.00138) == "1.38e-3")
    #expect(LabText.number(2.3e34) == "2.30e+34")
    #expect(LabText.number(.infinity) == "∞")
    #expect(LabText.duration(125) == "2m05s")
  }
}
