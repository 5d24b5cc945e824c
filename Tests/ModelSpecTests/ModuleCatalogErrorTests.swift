import Layers
import ModelSpec
import RandomModule
import Testing

/// Bad arguments to the classes added for full `torch.nn` coverage: a one-line error naming the
/// problem (PyTorch's message where PyTorch raises in the constructor), never a crash or a module.
@Suite struct ModuleCatalogErrorTests {
  @Test(arguments: [
    ("LazyLinear(4)", "write Linear(<size>, …)"),
    ("LazyConv2d(4, 3)", "write Conv2d(<size>, …)"),
    ("Hardtanh(1, 0)", "greater than min_val"),
    ("FractionalMaxPool2d(2)", "requires specifying either an output size, or a pooling ratio"),
    ("FractionalMaxPool2d(2, output_size=4, output_ratio=0.5)", "only one of output_size and output_ratio"),
    ("FractionalMaxPool3d(2, output_ratio=1.5)", "output_ratio must be between 0 and 1"),
    ("MaxPool2d('a')", "kernel_size"),
    ("AvgPool1d((2, 2))", "kernel_size"),
    ("Upsample(scale_factor='x')", "scale_factor"),
    ("CrossEntropyLoss(weight=3)", "tensor arguments cannot be written"),
    ("Dropout2d(2)", "dropout probability has to be between 0 and 1"),
    ("ModuleList([ReLU(), 3])", "Module"),
    ("ModuleDict({'a': 3})", "Module"),
    ("ModuleDict([ReLU()])", "dict"),
    ("TransformerEncoder(Linear(2, 2), 2)", "TransformerEncoderLayer"),
    ("TransformerEncoderLayer(8, 2, activation='tanh')", "activation should be relu/gelu"),
    ("TransformerEncoderLayer(8, 2, activation=PReLU())", "an activation module with parameters or buffers (PReLU)"),
    ("TransformerEncoderLayer(8, 2, activation=3)", "'relu', 'gelu' or an activation module"),
    ("AdaptiveLogSoftmaxWithLoss(8, 10, [8, 4])", "cutoffs should be a sequence of unique"),
    ("AdaptiveLogSoftmaxWithLoss(8, 10, [])", "cutoffs should be a sequence of length larger than 0"),
    ("RNNBase('LSTMX', 4, 8)", "Unrecognized RNN mode"),
    ("EmbeddingBag(10, 3, mode='median')", "mode has to be one of sum, mean or max"),
    ("MaxPool2d(2, device='cpu')", "unexpected keyword argument 'device'"),
    ("ReLU6(foo=1)", "unexpected keyword argument 'foo'"),
  ])
  func rejects(spec: String, message: String) throws {
    let error = #expect(throws: (any Error).self, "\(spec)") { try ModelBuilder(generator: TorchGenerator(seed: 0)).build(spec) }
    let text = error.map { String(describing: $0) } ?? ""
    #expect(text.contains(message), "\(spec): \(text)")
    #expect(!text.contains("\n"), "\(spec): \(text)")
  }

  @Test(arguments: ["ModuleDict({1: ReLU()})", "ModuleDict({'a' ReLU()})", "ModuleDict({'a': ReLU()", "Sequential({'a': ReLU()}"])
  func malformedDictionaries(spec: String) {
    #expect(throws: SpecSyntaxError.self, "\(spec)") { try ModelBuilder().build(spec) }
  }

  @Test func aLazyModuleInsideAnotherIsAnErrorEvenWithAnInputShape() {
    var builder = ModelBuilder(generator: TorchGenerator(seed: 0))
    builder.inputShape = [2, 3]
    #expect(throws: ModuleConstructionError.self) { try builder.build("LazyLinear(4), ReLU()") }
    #expect((try? builder.build("LazyLinear(4)"))?.description == "Linear(in_features=3, out_features=4, bias=True)")
  }

  @Test func modulesInsideArgumentsAreBuiltInSourceOrder() throws {
    // Python evaluates `ModuleDict({'b': Linear(2, 2), 'a': Linear(2, 2)})`'s values left to right.
    let dict = try ModelBuilder(generator: TorchGenerator(seed: 7)).build("ModuleDict({'b': Linear(2, 2), 'a': Linear(2, 2)})")
    let first = try ModelBuilder(generator: TorchGenerator(seed: 7)).build("Linear(2, 2)")
    #expect(dict.stateDict().first?.key == "b.weight")
    #expect(dict.stateDict().first?.tensor == first.stateDict().first?.tensor)
  }

  @Test func aCallBuiltInCodeWithRepeatedPositionsStillGetsEachModule() throws {
    let linear = SpecValue.call(SpecCall(name: "Linear", arguments: [SpecArgument(.int(2)), SpecArgument(.int(3))]))
    let relu = SpecValue.call(SpecCall(name: "ReLU"))
    let model = try ModelBuilder(generator: TorchGenerator(seed: 0)).build(
      SpecCall(name: "ModuleList", arguments: [SpecArgument(.tuple([linear, relu, linear]))]))
    #expect(model.description.contains("(1): ReLU()"))
    #expect(model.stateDict().map(\.key) == ["0.weight", "0.bias", "2.weight", "2.bias"])
  }
}
