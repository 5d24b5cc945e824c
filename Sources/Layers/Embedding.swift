import Initializers
import RandomModule
import TensorModule

/// A lookup table of embeddings (`torch.nn.Embedding`).
///
/// Default init: `W ~ N(0, 1)` (`normal_`), then row `padding_idx` set to 0 (its draws are still
/// consumed). Weight shape `(num_embeddings, embedding_dim)`.
public final class Embedding: Module, HasWeight {
  /// The constructor's `num_embeddings`, `embedding_dim`, as PyTorch stores them.
  public let numEmbeddings: Int, embeddingDim: Int
  /// The padding row, normalized to be non-negative as PyTorch stores it.
  public let paddingIndex: Int?
  /// The constructor's `max_norm`, as PyTorch stores it.
  public let maxNorm: PythonNumber?
  /// The constructor's `norm_type`, as PyTorch stores it.
  public let normType: PythonNumber
  /// The constructor's `scale_grad_by_freq`, `sparse`, as PyTorch stores them.
  public let scaleGradByFreq: Bool, sparse: Bool


  /// `nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
  /// scale_grad_by_freq=False, sparse=False)`.
  ///
  /// - Throws: ``LayerError`` if `padding_idx` is outside `[-num_embeddings, num_embeddings)`.
  public init(
    _ numEmbeddings: Int, _ embeddingDim: Int, paddingIndex: Int? = nil, maxNorm: PythonNumber? = nil,
    normType: PythonNumber = 2.0, scaleGradByFreq: Bool = false, sparse: Bool = false, dtype: DType = .float32,
    generator: (any RandomGenerator)? = nil
  ) throws {
    if let p = paddingIndex, !(-numEmbeddings..<numEmbeddings).contains(p) {
      throw LayerError("Embedding", "Padding_idx must be within num_embeddings (got padding_idx=\(p), num_embeddings=\(numEmbeddings))")
    }
    self.numEmbeddings = numEmbeddings
    self.embeddingDim = embeddingDim
    self.paddingIndex = paddingIndex.map { $0 < 0 ? $0 + numEmbeddings : $0 }
    self.maxNorm = maxNorm
    self.normType = normType
    self.scaleGradByFreq = scaleGradByFreq
    self.sparse = sparse
    super.init()
    try declareParameter("weight", [numEmbeddings, embeddingDim], dtype, layer: "Embedding")
    try resetParameters(InitContext(generator: generator))
  }

  public override func resetParameters(_ context: InitContext) throws {
    try context.initialize("weight", of: self, with: .normal())
    if let p = paddingIndex { try context.fill("weight", of: self, index: p, value: 0) }
  }

  public override var extraDescription: String {
    var s = "\(numEmbeddings), \(embeddingDim)"
    if let paddingIndex { s += ", padding_idx=\(paddingIndex)" }
    if let maxNorm { s += ", max_norm=\(maxNorm)" }
    if normType.value != 2 { s += ", norm_type=\(normType)" }
    if scaleGradByFreq { s += ", scale_grad_by_freq=True" }
    if sparse { s += ", sparse=True" }
    return s
  }
}
