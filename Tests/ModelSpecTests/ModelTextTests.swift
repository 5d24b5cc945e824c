import Initializers
import Layers
import ModelSpec
import RandomModule
import TensorModule
import Testing

/// Reading `print(model)` text: structure, repeats, free parameters, and one-line errors with the line.
@Suite struct ModelTextTests {
  func build(_ text: String) throws -> Module { try ModelBuilder(generator: TorchGenerator(seed: 0)).build(modelText: text) }

  func error(_ text: String) -> String {
    do {
      _ = try build(text)
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func customClassesKeepNamesAndRepeatsExpand() throws {
    let text = """
      Net(
        (stem): Linear(in_features=4, out_features=8, bias=True)
        (blocks): ModuleList(
          (0-2): 3 x Block(
            (fc): Linear(in_features=8, out_features=8, bias=False)
            (act): ReLU()
          )
          (3): Identity()
        )
        (head): Sequential(
          (0): Dropout(p=0.1, inplace=False)
          (1): Linear(in_features=8, out_features=2, bias=True)
        )
      )
      """
    let model = try build(text)
    #expect(model.description == text)
    #expect(model.stateDict().map(\.key) == [
      "stem.weight", "stem.bias", "blocks.0.fc.weight", "blocks.1.fc.weight", "blocks.2.fc.weight", "head.1.weight", "head.1.bias",
    ])
    #expect(model.submodule("blocks.1")?.typeName == "Block")
  }

  @Test func repeatedBlocksDrawInRegistrationOrder() throws {
    let generator = TorchGenerator(seed: 3)
    let model = try ModelBuilder(generator: generator).build(modelText: "L(\n  (0-1): 2 x Linear(2, 2)\n)")
    let reference = TorchGenerator(seed: 3)
    let first = try Linear(2, 2, generator: reference), second = try Linear(2, 2, generator: reference)
    #expect(model.submodule("0")?.description == first.description)
    #expect(model.stateDict().map(\.tensor) == first.stateDict().map(\.tensor) + second.stateDict().map(\.tensor))
  }

  @Test func freeParameterDrawsAtItsLineAndComesFirstInTheStateDict() throws {
    let generator = TorchGenerator(seed: 1)
    let model = try ModelBuilder(generator: generator).build(
      modelText: "ViT(\n  (proj): Linear(3, 3)\n  (cls_token): Parameter((1, 1, 3), normal_(std=0.02))\n)")
    #expect(model.stateDict().map(\.key) == ["cls_token", "proj.weight", "proj.bias"])
    #expect(model.description == "ViT(\n  (proj): Linear(in_features=3, out_features=3, bias=True)\n)")
    let reference = TorchGenerator(seed: 1)
    _ = try Linear(3, 3, generator: reference)
    var token = try Tensor(zeros: [1, 1, 3])
    try Initializer.normal(std: 0.02).apply(to: &token, generator: reference)
    #expect(model.stateDict()[0].tensor == token)
  }

  /// `--parameter KEY=SHAPE:CALL`: added to the user's class after construction, drawn then.
  @Test func parameterOptionAddsAfterConstruction() throws {
    let generator = TorchGenerator(seed: 2)
    let builder = ModelBuilder(generator: generator)
    let model = try builder.build(modelText: "Net(\n  (fc): Linear(3, 3)\n  (blk): Block(\n    (fc): Linear(3, 3)\n  )\n)")
    try builder.addParameter("blk.scale=[3]:normal_(std=0.02)", to: model)
    try builder.addParameter("cls=(1, 3):zeros_()", to: model)
    #expect(model.stateDict().map(\.key) == ["cls", "fc.weight", "fc.bias", "blk.scale", "blk.fc.weight", "blk.fc.bias"])
    let reference = TorchGenerator(seed: 2)
    _ = try Linear(3, 3, generator: reference)
    _ = try Linear(3, 3, generator: reference)
    var scale = try Tensor(zeros: [3])
    try Initializer.normal(std: 0.02).apply(to: &scale, generator: reference)
    #expect(model.stateDict()[3].tensor == scale)
    for (text, message) in [
      ("cls", "expected KEY=SHAPE:CALL"), ("nope.x=(1,):zeros_()", "'nope.x': the model has no module 'nope'"),
      ("fc.x=(1,):zeros_()", "a free Parameter belongs to a user's class, not to Linear"),
      ("cls=(1,):zeros_()", "Net already has a parameter 'cls'"), ("y=(1,):unknown_()", "unknown torch.nn.init function 'unknown_'"),
    ] {
      #expect(throws: (any Error).self) { try builder.addParameter(text, to: model) }
      do { try builder.addParameter(text, to: model) } catch { #expect("\(error)".contains(message), "\(error)") }
    }
  }

  @Test func oneLineTextIsASpec() throws {
    #expect(try build("Linear(in_features=10, out_features=5, bias=True), ReLU()").stateDict().count == 2)
    #expect(try build("Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)").description
      == "Conv2d(3, 64, kernel_size=(7, 7), stride=(2, 2), padding=(3, 3), bias=False)")
  }

  /// MultiheadAttention's repr hides its arguments; its constructor call on one line stands for it and
  /// prints back PyTorch's repr.
  @Test func constructorCallStandsForAModuleWhoseReprHidesItsArguments() throws {
    let printed = "Net(\n  (attn): MultiheadAttention(\n    (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8, bias=True)\n  )\n)"
    let model = try build("Net(\n  (attn): MultiheadAttention(8, 2)\n)")
    #expect(model.description == printed)
    #expect(model.stateDict().map(\.key) == ["attn.in_proj_weight", "attn.in_proj_bias", "attn.out_proj.weight", "attn.out_proj.bias"])
    #expect(error(printed).contains("replace its lines by its constructor call on one line"))
  }

  @Test func poolingLinesKeepTheirRepr() throws {
    let text = "Net(\n  (pool): MaxPool2d(kernel_size=3, stride=2, padding=1, dilation=1, ceil_mode=False)\n)"
    #expect(try build(text).description == text)
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let depth = 5000
    let text = (0..<depth).map { String(repeating: " ", count: 2 * $0) + ($0 == 0 ? "" : "(m): ") + "M(" }.joined(separator: "\n") + "\n"
      + (0..<depth).reversed().map { String(repeating: " ", count: 2 * $0) + ")" }.joined(separator: "\n")
    #expect(error(text) == "model text line 101: modules nested more than 100 deep")
  }

  @Test(arguments: [
    ("Net(\n  (a): Linear(2, 2)\n", "model text line 1: 'Net(' is never closed"),
    ("Net(\n  (a): Frobnicate(scale=2.0)\n)", "model text line 2: module class 'Frobnicate' is not supported"),
    ("Net(\n  (a): Linear(2, -2)\n)", "model text line 2:"),
    ("Net(\n   (a): Linear(2, 2)\n)", "model text line 2: expected a line of 'Net(' from line 1 indented 2 spaces, got 3"),
    ("Net(\n  (0-2): 2 x Linear(2, 2)\n)", "model text line 2: a repeat"),
    ("Net(\n  (attn): MultiheadAttention(\n    (out_proj): Linear(2, 2)\n  )\n)", "model text line 2: 'MultiheadAttention(' prints"),
    ("Net(\n  (p): Parameter((2,), 'ones_()')\n  (q): Parameter((2,), 3)\n)", "model text line 3:"),
    ("Sequential(\n  (p): Parameter((2,), zeros_())\n)", "model text line 2: a free Parameter belongs to a user's class"),
    ("Net(\n)\nExtra(\n)", "model text line 3: unexpected text after"),
    ("", "model text line 1: empty model text"),
  ])
  func badTextNamesTheLine(text: String, expected: String) {
    let message = error(text)
    #expect(message.hasPrefix(expected), "\(message)")
    #expect(!message.contains("\n"))
  }
}
