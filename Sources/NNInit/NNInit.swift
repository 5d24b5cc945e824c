// The umbrella module: `import NNInit` gives the whole library — the core (`NNInitCore`), the training
// code and the init lab.
@_exported import Lab
@_exported import NNInitCore
@_exported import Training
