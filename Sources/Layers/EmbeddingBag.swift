import Initializers
import RandomModule
import TensorModule

/// Sums, means or maxima of bags of embeddings (`torch.nn.EmbeddingBag`).
///
/// Default init, as ``Embedding``: `W ~ N(0, 1)` (`normal_`), then row `padding_idx` set to 0.
/// Weight shape `(num_embeddings, embedding_dim)`.
public final class EmbeddingBag: Module {
  /// The constructor's `num_embeddings`, `embedding_dim`.
  public let numEmbeddings: Int, embeddingDim: Int
  /// The padding row, normalized to be non-negative as PyTorch stores it.
  public let paddingIndex: Int?
  /// The constructor's `max_norm`, `norm_type`.
  public let maxNorm: PythonNumber?, normType: PythonNumber
  /// The constructor's `scale_grad_by_freq`.
  public let scaleGradByFreq: Bool
  /// `sum`, `mean` or `max`.
  public let mode: String

  /// `nn.EmbeddingBag(num_embeddings, embedding_dim, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
  /// mode='mean', sparse=False, _weight=None, include_last_offset=False, padding_idx=None)`.
  ///
  /// - Throws: ``LayerError`` for a `padding_idx` outside `[-num_embeddings, num_embeddings)` or an unknown mode.
  public init(
    _ numEmbeddings: Int, _ embeddingDim: Int, maxNorm: PythonNumber? = nil, normType: PythonNumber = 2.0,
    scaleGradByFreq: Bool = false, mode: String = "mean", paddingIndex: Int? = nil, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    if let p = paddingIndex, !(-numEmbeddings..<numEmbeddings).contains(p) {
      throw LayerError("EmbeddingBag", "padding_idx must be within num_embeddings")
    }
    guard ["sum", "mean", "max"].contains(mode) else {
      throw LayerError("EmbeddingBag", "mode has to be one of sum, mean or max, got '\(mode)'")
    }
    self.numEmbeddings = numEmbeddings
    self.embeddingDim = embeddingDim
    self.paddingIndex = paddingIndex.map { $0 < 0 ? $0 + numEmbeddings : $0 }
    self.maxNorm = maxNorm
    self.normType = normType
    self.scaleGradByFreq = scaleGradByFreq
    self.mode = mode
    super.init()
    try declareParameter("weight", [numEmbeddings, embeddingDim], dtype, layer: "EmbeddingBag")
    try resetParameters(InitContext(generator: generator))
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .normal())
    if let p = paddingIndex { try context.fill("weight", of: self, index: p, value: 0) }
  }

  public override var extraDescription: String {
    var s = "\(numEmbeddings), \(embeddingDim)"
    if let maxNorm { s += ", max_norm=\(maxNorm)" }
    if normType.value != 2 { s += ", norm_type=\(normType)" }
    if scaleGradByFreq { s += ", scale_grad_by_freq=True" }
    s += ", mode='\(mode)'"
    if let paddingIndex { s += ", padding_idx=\(paddingIndex)" }
    return s
  }
}
