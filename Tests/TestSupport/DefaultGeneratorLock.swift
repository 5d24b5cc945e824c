import Synchronization

/// Serializes the tests that use `TorchGenerator.default`, the process-wide generator every test in the
/// process shares (as PyTorch's default generator): the function-parity test (`sparse_` draws its
/// permutations from it) and the commands run in process (`nninit init`/`fill` seed it, as
/// `torch.manual_seed` does).
public let torchDefaultGeneratorLock = Mutex<Void>(())
