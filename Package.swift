// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "NNInit",
  products: [
    .library(name: "NNInit", targets: ["NNInit"]),
    .executable(name: "nninit", targets: ["nninit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Hot kernels in C with runtime CPU dispatch (AVX-512 / AVX2 / scalar), identical results on every path.
    // Optimized even in debug builds: the kernels are IEEE-exact (no fast-math), so results do not change.
    .target(name: "_Kernels", path: "Sources/_Kernels", cSettings: [.unsafeFlags(["-O2"])]),
    .target(name: "TensorModule", dependencies: ["_Kernels"]),
    .target(name: "RandomModule", dependencies: ["TensorModule"]),
    .target(name: "Initializers", dependencies: ["RandomModule"]),
    .target(name: "Layers", dependencies: ["Initializers"]),
    // The training loops and the lab run optimized even in debug builds, so `swift run nninit lab` finishes in minutes.
    .target(name: "Training", dependencies: ["Layers"], swiftSettings: [.unsafeFlags(["-O"])]),
    .target(name: "Lab", dependencies: ["Training", "ModelSpec", "Interop"], swiftSettings: [.unsafeFlags(["-O"])]),
    .target(name: "Interop", dependencies: ["TensorModule"]),
    .target(name: "ModelSpec", dependencies: ["Layers"]),
    // Hugging Face config.json → parameter declarations → checkpoint directories.
    .target(name: "HFModels", dependencies: ["Layers", "Interop"]),
    .target(
      name: "NNInit",
      dependencies: ["TensorModule", "RandomModule", "Initializers", "Layers", "Interop", "ModelSpec", "HFModels", "Training", "Lab"]),
    .executableTarget(
      name: "nninit",
      dependencies: ["NNInit", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    // Fixture loading and statistical checks shared by the test targets (never shipped).
    .target(name: "TestSupport", dependencies: ["Interop", "RandomModule"], path: "Tests/TestSupport"),
    // The executable specification of the generators (pure-Swift PyTorch and Philox kernels, PhiloxMath,
    // CephesMath) that the C kernels are tested against (never shipped).
    .target(name: "RandomSpecification", dependencies: ["RandomModule"], path: "Tests/RandomSpecification"),
    .testTarget(name: "TensorModuleTests", dependencies: ["TensorModule"]),
    .testTarget(name: "RandomModuleTests", dependencies: ["RandomModule", "RandomSpecification", "TestSupport"]),
    .testTarget(name: "InitializersTests", dependencies: ["Initializers", "ModelSpec", "TestSupport"]),
    .testTarget(name: "LayersTests", dependencies: ["Layers", "TestSupport"]),
    .testTarget(name: "InteropTests", dependencies: ["Interop", "TestSupport"]),
    .testTarget(name: "ModelSpecTests", dependencies: ["ModelSpec", "TestSupport"]),
    .testTarget(name: "HFModelsTests", dependencies: ["HFModels", "RandomModule", "TestSupport"]),
    .testTarget(name: "TrainingTests", dependencies: ["Training", "TestSupport"]),
    .testTarget(name: "LabTests", dependencies: ["Lab", "TestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["nninit", "NNInit", "TestSupport"]),
  ]
)
