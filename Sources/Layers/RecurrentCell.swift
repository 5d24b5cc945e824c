import Initializers
import RandomModule
import TensorModule

/// One recurrent step with `num_chunks` gates (`torch.nn.RNNCellBase`; base of ``RNNCell``,
/// ``LSTMCell``, ``GRUCell``).
///
/// Parameters: `weight_ih (chunks·hidden, input)`, `weight_hh (chunks·hidden, hidden)`, and when
/// `bias`, `bias_ih`, `bias_hh (chunks·hidden)`. Default init (`reset_parameters`): every parameter,
/// in that order, `U(−k, k)` with `k = 1/√hidden_size`.
public class RNNCellBase: Module {
  /// The constructor's `input_size`, `hidden_size`.
  public let inputSize: Int, hiddenSize: Int
  /// Whether the cell has biases.
  public let bias: Bool

  /// `nn.RNNCellBase(input_size, hidden_size, bias, num_chunks)`.
  public init(
    _ inputSize: Int, _ hiddenSize: Int, bias: Bool, numChunks: Int, dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.bias = bias
    super.init()
    try declareParameter("weight_ih", [numChunks * hiddenSize, inputSize], dtype, layer: typeName)
    try declareParameter("weight_hh", [numChunks * hiddenSize, hiddenSize], dtype, layer: typeName)
    if bias {
      try declareParameter("bias_ih", [numChunks * hiddenSize], dtype, layer: typeName)
      try declareParameter("bias_hh", [numChunks * hiddenSize], dtype, layer: typeName)
    }
    try resetParameters(InitContext(generator: generator))
  }

  public override func resetParameters(_ context: InitContext) throws {
    let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
    for slot in parameterSlots { try context.initialize(slot.name, of: self, with: .uniform(a: -bound, b: bound)) }
  }

  public override var extraDescription: String { "\(inputSize), \(hiddenSize)" + (bias ? "" : ", bias=False") }
}

/// An Elman RNN step, `h' = tanh(W_ih x + b_ih + W_hh h + b_hh)` (`torch.nn.RNNCell`); default init as ``RNNCellBase``.
public final class RNNCell: RNNCellBase {
  /// `tanh` or `relu`.
  public let nonlinearity: RNNNonlinearity

  /// `nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`.
  public init(
    _ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: RNNNonlinearity = .tanh, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    self.nonlinearity = nonlinearity
    try super.init(inputSize, hiddenSize, bias: bias, numChunks: 1, dtype: dtype, generator: generator)
  }

  public override var extraDescription: String {
    super.extraDescription + (nonlinearity == .tanh ? "" : ", nonlinearity=\(nonlinearity.rawValue)")
  }
}

/// An LSTM step, four gates (`torch.nn.LSTMCell`); default init as ``RNNCellBase``.
public final class LSTMCell: RNNCellBase {
  /// `nn.LSTMCell(input_size, hidden_size, bias=True)`.
  public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, generator: (any RandomGenerator)? = nil) throws {
    try super.init(inputSize, hiddenSize, bias: bias, numChunks: 4, dtype: dtype, generator: generator)
  }
}

/// A GRU step, three gates (`torch.nn.GRUCell`); default init as ``RNNCellBase``.
public final class GRUCell: RNNCellBase {
  /// `nn.GRUCell(input_size, hidden_size, bias=True)`.
  public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, dtype: DType = .float32, generator: (any RandomGenerator)? = nil) throws {
    try super.init(inputSize, hiddenSize, bias: bias, numChunks: 3, dtype: dtype, generator: generator)
  }
}

/// `torch.nn.RNNBase(mode, …)` built directly: an `LSTM`, `GRU`, `RNN_TANH` or `RNN_RELU` stack
/// printed as `RNNBase(…)`; parameters and default init as ``RecurrentBase``.
public final class RNNBase: RecurrentBase {
  /// The gate count of each mode.
  public static let gates = ["LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1]

  /// `nn.RNNBase(mode, input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
  /// bidirectional=False, proj_size=0)`.
  ///
  /// - Throws: ``LayerError`` for an unknown mode, with PyTorch's message.
  public init(
    mode: String, _ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
    dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    guard let gates = Self.gates[mode] else { throw LayerError("RNNBase", "Unrecognized RNN mode: \(mode)") }
    guard projSize == 0 || mode == "LSTM" else { throw LayerError("RNNBase", "proj_size argument is only supported for LSTM, not RNN or GRU") }
    try super.init(
      gates: gates, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst,
      dropout: dropout, bidirectional: bidirectional, projSize: projSize, dtype: dtype, generator: generator)
  }
}
