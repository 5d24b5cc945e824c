import Initializers
import RandomModule
import TensorModule

/// The shared part of `RNN`, `LSTM` and `GRU` (`torch.nn.modules.rnn.RNNBase`).
///
/// Parameters, per layer k and direction (suffix `_reverse` for the second), in this order:
/// `weight_ih_l{k}` `(gates·H, in_k)`, `weight_hh_l{k}` `(gates·H, H_out)`, `bias_ih_l{k}`,
/// `bias_hh_l{k}` `(gates·H)` if `bias`, `weight_hr_l{k}` `(P, H)` if `proj_size > 0`; gates = 4 (LSTM),
/// 3 (GRU), 1 (RNN); `H_out = proj_size or H`; `in_0 = input_size`, later `in_k = H_out·directions`.
/// Default init: every parameter, in that order, from U(−k, k) with k = 1/√hidden_size.
public class RecurrentBase: Module {
  /// The constructor's `input_size`, `hidden_size`, `num_layers`, `proj_size`, as PyTorch stores them.
  public let inputSize: Int, hiddenSize: Int, numLayers: Int, projSize: Int
  /// The constructor's `bias`, `batch_first`, `bidirectional`, as PyTorch stores them.
  public let bias: Bool, batchFirst: Bool, bidirectional: Bool
  /// Dropout between layers, stored as a float like PyTorch's `float(dropout)`.
  public let dropout: Double

  init(
    gates: Int, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool, dropout: Double,
    bidirectional: Bool, projSize: Int, dtype: DType, generator: (any RandomGenerator)?
  ) throws {
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.numLayers = numLayers
    self.projSize = projSize
    self.bias = bias
    self.batchFirst = batchFirst
    self.bidirectional = bidirectional
    self.dropout = dropout
    super.init()
    guard (0...1).contains(dropout) else {
      throw LayerError(
        typeName,
        "dropout should be a number in range [0, 1] representing the probability of an element being zeroed, got dropout=\(pythonRepr(dropout))"
      )
    }
    if dropout > 0 && numLayers == 1 {
      InitWarnings.warn(
        "dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers "
          + "greater than 1, but got dropout=\(pythonRepr(dropout)) and num_layers=\(numLayers)")
    }
    guard hiddenSize > 0 else { throw LayerError(typeName, "hidden_size must be greater than zero, got \(hiddenSize)") }
    guard numLayers > 0 else { throw LayerError(typeName, "num_layers must be greater than zero, got \(numLayers)") }
    guard projSize >= 0 else {
      throw LayerError(typeName, "proj_size should be a positive integer or zero to disable projections, got \(projSize)")
    }
    guard projSize < hiddenSize else {
      throw LayerError(typeName, "proj_size has to be smaller than hidden_size (proj_size=\(projSize), hidden_size=\(hiddenSize))")
    }
    let directions = bidirectional ? 2 : 1
    let realHidden = projSize > 0 ? projSize : hiddenSize
    for layer in 0..<numLayers {
      for direction in 0..<directions {
        let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
        let layerInput = layer == 0 ? inputSize : realHidden * directions
        let gateSize = gates * hiddenSize
        try declareParameter("weight_ih" + suffix, [gateSize, layerInput], dtype, layer: typeName)
        try declareParameter("weight_hh" + suffix, [gateSize, realHidden], dtype, layer: typeName)
        if bias {
          try declareParameter("bias_ih" + suffix, [gateSize], dtype, layer: typeName)
          try declareParameter("bias_hh" + suffix, [gateSize], dtype, layer: typeName)
        }
        if projSize > 0 {
          try declareParameter("weight_hr" + suffix, [projSize, hiddenSize], dtype, layer: typeName)
        }
      }
    }
    try resetParameters(InitContext(generator: generator))
  }

  public override func resetParameters(_ context: InitContext) throws {
    let bound = 1 / Double(hiddenSize).squareRoot()
    for slot in parameterSlots { try context.initialize(slot.name, of: self, with: .uniform(a: -bound, b: bound)) }
  }

  public override var extraDescription: String {
    var s = "\(inputSize), \(hiddenSize)"
    if projSize != 0 { s += ", proj_size=\(projSize)" }
    if numLayers != 1 { s += ", num_layers=\(numLayers)" }
    if !bias { s += ", bias=False" }
    if batchFirst { s += ", batch_first=True" }
    if dropout != 0 { s += ", dropout=\(pythonRepr(dropout))" }
    if bidirectional { s += ", bidirectional=True" }
    return s
  }
}

/// The nonlinearity of an Elman ``RNN``.
public enum RNNNonlinearity: String, Sendable, CaseIterable {
  /// `nonlinearity='tanh'` (PyTorch's default) or `'relu'`.
  case tanh, relu
}

/// An Elman RNN with tanh or ReLU (`torch.nn.RNN`); default init as ``RecurrentBase``.
public final class RNN: RecurrentBase {
  /// The constructor's `nonlinearity`, as PyTorch stores it.
  public let nonlinearity: RNNNonlinearity

  /// `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False,
  /// dropout=0.0, bidirectional=False)`.
  public init(
    _ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: RNNNonlinearity = .tanh, bias: Bool = true,
    batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    self.nonlinearity = nonlinearity
    try super.init(
      gates: 1, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst,
      dropout: dropout, bidirectional: bidirectional, projSize: 0, dtype: dtype, generator: generator)
  }
}

/// A long short-term memory RNN, optionally with projections (`torch.nn.LSTM`); default init as
/// ``RecurrentBase``.
public final class LSTM: RecurrentBase {
  /// `nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
  /// bidirectional=False, proj_size=0)`.
  public init(
    _ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
    dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      gates: 4, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst,
      dropout: dropout, bidirectional: bidirectional, projSize: projSize, dtype: dtype, generator: generator)
  }
}

/// A gated recurrent unit RNN (`torch.nn.GRU`); default init as ``RecurrentBase``.
public final class GRU: RecurrentBase {
  /// `nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
  /// bidirectional=False)`.
  public init(
    _ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
    dropout: Double = 0, bidirectional: Bool = false, dtype: DType = .float32, generator: (any RandomGenerator)? = nil
  ) throws {
    try super.init(
      gates: 3, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst,
      dropout: dropout, bidirectional: bidirectional, projSize: 0, dtype: dtype, generator: generator)
  }
}
