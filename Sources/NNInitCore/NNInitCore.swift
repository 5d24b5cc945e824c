// The core umbrella module: `import NNInitCore` gives tensors, generators, every torch.nn.init function,
// the layers, safetensors/.npy, SPEC parsing and Hugging Face configs — without the training code and the init lab.
@_exported import HFModels
@_exported import Initializers
@_exported import Interop
@_exported import Layers
@_exported import ModelSpec
@_exported import RandomModule
@_exported import TensorModule
