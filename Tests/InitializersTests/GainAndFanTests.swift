import Initializers
import TensorModule
import Testing

/// `calculate_gain` and the fan helpers, against the values `torch.nn.init` returns (PyTorch 2.15).
@Suite struct GainAndFanTests {
  @Test(arguments: [
    (Nonlinearity.linear, nil, 1.0), (.conv1d, nil, 1), (.conv2d, nil, 1), (.conv3d, nil, 1), (.convTranspose1d, nil, 1),
    (.convTranspose2d, nil, 1), (.convTranspose3d, nil, 1), (.sigmoid, nil, 1), (.tanh, nil, 5.0 / 3),
    (.relu, nil, 1.4142135623730951), (.leakyReLU, nil, 1.4141428569978354), (.leakyReLU, 0.2, 1.3867504905630728),
    (.leakyReLU, 2.23606797749979, 0.5773502691896257), (.leakyReLU, 1, 1), (.selu, nil, 0.75),
  ] as [(Nonlinearity, Double?, Double)])
  func gains(nonlinearity: Nonlinearity, param: Double?, expected: Double) {
    #expect(calculateGain(nonlinearity, param: param) == expected)
  }

  @Test func nonlinearityNamesAreTorchs() throws {
    #expect(try Nonlinearity(pytorchName: "leaky_relu") == .leakyReLU)
    #expect(try Nonlinearity(pytorchName: "conv_transpose2d") == .convTranspose2d)
    #expect(throws: InitError.unsupportedNonlinearity("relu6")) { try Nonlinearity(pytorchName: "relu6") }
    #expect("\(InitError.unsupportedNonlinearity("relu6"))" == "Unsupported nonlinearity relu6")
  }

  @Test func fansIncludeTheReceptiveField() throws {
    #expect(try calculateFanInAndFanOut(shape: [5, 10]) == (10, 5))
    #expect(try calculateFanInAndFanOut(shape: [16, 3, 3, 5]) == (45, 240))
    #expect(try calculateCorrectFan(shape: [16, 3, 3, 5], mode: .fanOut) == 240)
    #expect(throws: InitError.fanNeedsTwoDimensions(shape: [7])) { try calculateFanInAndFanOut(shape: [7]) }
  }

  @Test func modeIsCaseInsensitiveAndChecked() throws {
    #expect(try FanMode(pytorchName: "FAN_OUT") == .fanOut)
    #expect(throws: InitError.unsupportedMode("fan_avg")) { try FanMode(pytorchName: "fan_avg") }
  }

  /// `kaiming_uniform_(a=√5)` on Linear(10, 5): `a**2` is 5.000000000000001 in Python, so the bound is
  /// `√3·√(2/6.000000000000001)/√10`, one ulp away from `1/√10`.
  @Test func kaimingBoundFollowsPythonsOperationOrder() throws {
    let std = try kaimingStd(shape: [5, 10], a: 5.0.squareRoot())
    #expect(3.0.squareRoot() * std == 0.3162277660168379)  // Python's value
    #expect(3.0.squareRoot() * std != 1 / 10.0.squareRoot())
  }
}
