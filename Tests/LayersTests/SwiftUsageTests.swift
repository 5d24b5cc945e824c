import Initializers
import Layers
import RandomModule
import TensorModule
import Testing

/// What a PyTorch user writes in Swift compiles and means what it means in PyTorch: a model class
/// with a no-argument throwing initializer (no `override`), convolution sizes from `Int` variables.
@Suite struct SwiftUsageTests {
  /// The seed tutorial's model as a user writes it: `init() throws`, layers built with `try`.
  final class SimpleNN: Module {
    let fc1: Linear
    let fc2: Linear
    init() throws {
      fc1 = try Linear(10, 5, generator: TorchGenerator(seed: 42))
      fc2 = try Linear(5, 1, generator: TorchGenerator(seed: 43))
      super.init()
    }
  }

  /// A parameter-free subclass keeps the inherited no-argument initializer.
  final class Wrapper: Module {}

  @Test func aModelDeclaresAThrowingNoArgumentInitializer() throws {
    let model = try SimpleNN()
    #expect(model.stateDict().map(\.key) == ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"])
    #expect(Wrapper().description == "Wrapper()")
  }

  @Test func convolutionSizesComeFromIntVariables() throws {
    let (kernel, stride, padding, dilation) = (3, 2, 1, 1)
    let fromVariables = try Conv2d(
      3, 16, kernelSize: kernel, stride: stride, padding: padding, dilation: dilation, generator: TorchGenerator(seed: 0))
    let fromLiterals = try Conv2d(3, 16, kernelSize: 3, stride: 2, padding: 1, dilation: 1, generator: TorchGenerator(seed: 0))
    #expect(fromVariables.description == fromLiterals.description)
    #expect(fromVariables.description == "Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))")
    #expect(fromVariables.weight == fromLiterals.weight)
  }

  @Test func convolutionSizesTakeArraysAndPaddingKeywords() throws {
    let sizes = [3, 5]
    let same = try Conv2d(3, 16, kernelSize: sizes, padding: .same, generator: TorchGenerator(seed: 0))
    #expect(same.description == "Conv2d(3, 16, kernel_size=(3, 5), stride=(1, 1), padding=same)")
    let valid = try Conv1d(3, 16, kernelSize: ConvSize([4]), padding: ConvPadding.valid, generator: TorchGenerator(seed: 0))
    #expect(valid.description == "Conv1d(3, 16, kernel_size=(4,), stride=(1,), padding=valid)")
    let outputPadding = 1
    let transposed = try ConvTranspose2d(
      16, 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: outputPadding, generator: TorchGenerator(seed: 0))
    #expect(transposed.description == "ConvTranspose2d(16, 3, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1))")
  }
}
