// swift-tools-version:6.0
import PackageDescription

// The modules form one dependency chain (MISSION.md):
//   _Kernels ← TensorModule ← RandomModule ← Initializers ← Layers ← ModelSpec
//                         ↖ Interop (safetensors, .npy)          ↖ Training ← Lab
//                                              Layers + Interop ← HFModels (Hugging Face configs)
// `NNInitCore` re-exports the parts most users need; `NNInit` re-exports everything.
let package = Package(
  name: "NNInit",
  products: [
    // Everything: the core, the training code and the init lab.
    .library(name: "NNInit", targets: ["NNInit"]),
    // Tensors, generators, every torch.nn.init function, the layers, safetensors/.npy and SPEC parsing;
    // without the training code and the lab's bundled data set.
    .library(name: "NNInitCore", targets: ["NNInitCore"]),
    // Reverse-mode autograd, losses and optimizers for the lab's networks.
    .library(name: "NNInitTraining", targets: ["Training"]),
    // The init lab: signal propagation, gradient flow, training comparisons and reports.
    .library(name: "NNInitLab", targets: ["Lab"]),
    // The `nninit` command line tool.
    .executable(name: "nninit", targets: ["nninit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
  ],
  targets: [
    // Hot kernels in C with runtime CPU dispatch, identical results on every path. Build with
    // `-c release` for speed: debug builds compile them without optimization (same values, slower).
    .target(name: "_Kernels", path: "Sources/_Kernels"),
    // The platform libm (Glibc, Musl or Darwin), imported by the modules that need it and never re-exported.
    .target(name: "_LibM"),
    .target(name: "TensorModule", dependencies: ["_Kernels", "_LibM"]),
    .target(name: "RandomModule", dependencies: ["TensorModule", "_Kernels", "_LibM"]),
    .target(name: "Initializers", dependencies: ["RandomModule", "TensorModule", "_Kernels", "_LibM"]),
    .target(name: "Layers", dependencies: ["Initializers", "RandomModule", "TensorModule"]),
    .target(name: "Interop", dependencies: ["TensorModule", "_LibM"]),
    .target(name: "ModelSpec", dependencies: ["Layers", "Initializers", "RandomModule", "TensorModule"]),
    .target(name: "Training", dependencies: ["Layers", "RandomModule", "TensorModule", "_LibM"]),
    .target(name: "Lab", dependencies: ["Training", "ModelSpec", "Layers", "Initializers", "RandomModule", "TensorModule"]),
    // Hugging Face config.json → parameter declarations → checkpoint directories.
    .target(name: "HFModels", dependencies: ["Layers", "Initializers", "Interop", "RandomModule", "TensorModule"]),
    .target(
      name: "NNInitCore",
      dependencies: ["TensorModule", "RandomModule", "Initializers", "Layers", "Interop", "ModelSpec", "HFModels"]),
    .target(name: "NNInit", dependencies: ["NNInitCore", "Training", "Lab"]),
    .executableTarget(
      name: "nninit",
      dependencies: ["NNInit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    // Fixture loading and statistical checks shared by the test targets (never shipped).
    .target(name: "TestSupport", dependencies: ["Interop", "RandomModule", "TensorModule"], path: "Tests/TestSupport"),
    // The executable specification of the generators (pure-Swift PyTorch and Philox kernels, PhiloxMath,
    // CephesMath) that the C kernels are tested against (never shipped).
    .target(name: "RandomSpecification", dependencies: ["RandomModule", "TensorModule"], path: "Tests/RandomSpecification"),
    .testTarget(name: "TensorModuleTests", dependencies: ["TensorModule", "_Kernels"]),
    .testTarget(
      name: "RandomModuleTests",
      dependencies: ["RandomModule", "RandomSpecification", "TensorModule", "_Kernels", "TestSupport"]),
    .testTarget(
      name: "InitializersTests",
      dependencies: ["Initializers", "ModelSpec", "RandomModule", "TensorModule", "_Kernels", "TestSupport"]),
    .testTarget(name: "LayersTests", dependencies: ["Layers", "Initializers", "RandomModule", "TensorModule", "TestSupport"]),
    .testTarget(name: "InteropTests", dependencies: ["Interop", "TensorModule", "TestSupport"]),
    .testTarget(
      name: "ModelSpecTests",
      dependencies: ["ModelSpec", "Layers", "Initializers", "RandomModule", "TensorModule", "TestSupport"]),
    .testTarget(
      name: "HFModelsTests", dependencies: ["HFModels", "Initializers", "Interop", "RandomModule", "TensorModule", "TestSupport"]),
    .testTarget(
      name: "TrainingTests", dependencies: ["Training", "Layers", "Interop", "RandomModule", "TensorModule", "TestSupport"]),
    .testTarget(name: "LabTests", dependencies: ["Lab", "Initializers", "RandomModule", "TestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["nninit", "NNInit", "RandomModule", "TensorModule", "TestSupport"]),
  ]
)
