// The umbrella module: `import NNInit` gives the whole library.
@_exported import Initializers
@_exported import HFModels
@_exported import Interop
@_exported import Layers
@_exported import ModelSpec
@_exported import RandomModule
@_exported import TensorModule
@_exported import Lab
@_exported import Training
