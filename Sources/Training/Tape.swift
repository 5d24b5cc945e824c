import Layers
import RandomModule
import TensorModule

/// A record of one forward pass, for reverse-mode differentiation (PyTorch's autograd graph).
///
/// Every operation on a ``Variable`` appends a node: its value and a *pullback* that maps the gradient
/// of its output to the gradients of its inputs. Nodes are appended in execution order, which is already
/// a topological order, so ``Variable/backward(gradient:)`` simply walks the tape backwards once. Build a
/// new tape for each forward pass:
///
///     let tape = Tape()                               // training mode, dropout from TorchGenerator.default
///     let logits = try model(tape.input(x))           // Linear, ReLU, … each append nodes
///     let loss = try CrossEntropyLoss()(logits, labels)
///     let gradients = try loss.backward()             // every parameter's gradient
///     try optimizer.step(gradients)
///
/// The tape also keeps what diagnostics need: the output of every module call (``moduleOutputs``), and
/// after `backward` the gradient of every intermediate value (``Variable/gradient``).
///
/// After `backward` the tape drops its references to the parameters' values, so an optimizer updates
/// them in place without copying.
public final class Tape {
  /// Whether modules behave as in training (`model.train()`) or evaluation (`model.eval()`). Only
  /// `Dropout` looks at it.
  public var isTraining: Bool
  /// Whether operations record pullbacks. `false` is `torch.no_grad()`: cheaper, but `backward` then
  /// finds nothing to differentiate.
  public let recordsGradients: Bool
  /// The generator `Dropout` draws its masks from.
  public let generator: any RandomGenerator

  typealias Pullback = (Tensor) throws -> [Tensor?]

  var values: [Tensor] = []
  var gradients: [Tensor?] = []
  var pullbacks: [Pullback?] = []
  var parents: [[Int]] = []
  var needsGradient: [Bool] = []
  var parameterNodes: [Parameter: Int] = [:]
  var calls: [(module: Module, node: Int)] = []
  var backwardHasRun = false

  /// A tape for one forward pass.
  ///
  /// - Parameters:
  ///   - training: `true` (default) as after `model.train()`; `false` as after `model.eval()`.
  ///   - recordsGradients: `false` to skip recording pullbacks (as `torch.no_grad()`).
  ///   - generator: the generator for dropout masks (default: `TorchGenerator.default`).
  public init(training: Bool = true, recordsGradients: Bool = true, generator: (any RandomGenerator)? = nil) {
    _ = _largeAllocationHint
    isTraining = training
    self.recordsGradients = recordsGradients
    self.generator = generator ?? TorchGenerator.default
  }

  /// A leaf variable holding `value`: the input of a model, a target, or any constant.
  ///
  /// - Parameters:
  ///   - value: the tensor the variable holds.
  ///   - requiresGradient: whether ``Variable/gradient`` should be computed for it
  ///     (`tensor.requires_grad_()`), e.g. for a gradient with respect to the input.
  /// - Throws: ``TrainingError/unsupportedDType(operation:dtype:)`` for an `int64` tensor.
  public func input(_ value: Tensor, requiresGradient: Bool = false) throws -> Variable {
    guard value.dtype.isFloatingPoint else { throw TrainingError.unsupportedDType(operation: "input", dtype: value.dtype) }
    return append(value, parents: [], needsGradient: requiresGradient && recordsGradients, pullback: nil)
  }

  /// The leaf variable for a module's parameter, e.g. `tape.parameter(linear, "weight")`. Using the same
  /// parameter twice in one pass gives the same leaf, so its gradient sums both uses.
  public func parameter(_ module: Module, _ name: String) -> Variable {
    let key = Parameter(module, name)
    if let id = parameterNodes[key] { return Variable(tape: self, id: id) }
    let v = append(module[parameter: name], parents: [], needsGradient: recordsGradients, pullback: nil)
    parameterNodes[key] = v.id
    return v
  }

  /// The output of every module call of the forward pass, in call order (a `Sequential` after its
  /// children). This is PyTorch's forward hook: e.g. the outputs of every `Linear` of an MLP are
  /// `tape.moduleOutputs.filter { $0.module is Linear }`; after `backward`, each output's
  /// ``Variable/gradient`` is ∂L/∂(that output).
  public var moduleOutputs: [(module: Module, output: Variable)] {
    calls.map { ($0.module, Variable(tape: self, id: $0.node)) }
  }

  /// ``moduleOutputs`` with each module's dotted path in `model` (`"0"`, `"body.fc1"`, `""` for `model`
  /// itself), for modules that belong to `model`.
  public func moduleOutputs(in model: Module) -> [(path: String, module: Module, output: Variable)] {
    var paths: [ObjectIdentifier: String] = [:]
    for (path, module) in model.namedModules() where paths[ObjectIdentifier(module)] == nil {
      paths[ObjectIdentifier(module)] = path
    }
    return calls.compactMap { call in
      paths[ObjectIdentifier(call.module)].map { ($0, call.module, Variable(tape: self, id: call.node)) }
    }
  }

  /// Notes that `module` produced `output` (called by ``Layer/callAsFunction(_:)``).
  public func recordCall(of module: Module, output: Variable) {
    calls.append((module, output.id))
  }

  /// Appends a node computed from `inputs` by an operation whose pullback maps the output's gradient to
  /// one gradient (or `nil`) per input. The pullback is kept only if some input needs a gradient.
  func record(_ value: Tensor, inputs: [Variable], pullback: @escaping Pullback) -> Variable {
    let ids = inputs.map(\.id)
    let needs = recordsGradients && ids.contains { needsGradient[$0] }
    return append(value, parents: needs ? ids : [], needsGradient: needs, pullback: needs ? pullback : nil)
  }

  private func append(_ value: Tensor, parents ids: [Int], needsGradient needs: Bool, pullback: Pullback?) -> Variable {
    values.append(value)
    gradients.append(nil)
    pullbacks.append(pullback)
    parents.append(ids)
    needsGradient.append(needs)
    return Variable(tape: self, id: values.count - 1)
  }

  /// Whether node `id` needs a gradient (an operation skips computing gradients nobody needs).
  func requiresGradient(_ v: Variable) -> Bool { needsGradient[v.id] }

  /// Runs the pullbacks from `root` back to the leaves, accumulating gradients, then frees the graph.
  func backpropagate(from root: Int, seed: Tensor) throws -> Gradients {
    guard !backwardHasRun else { throw TrainingError.backwardAlreadyRun }
    backwardHasRun = true
    defer {
      pullbacks = []
      for id in parameterNodes.values { values[id] = _releasedValue }  // let optimizers update in place
    }
    gradients[root] = seed
    for id in stride(from: root, through: 0, by: -1) {
      guard let pullback = pullbacks[id], let g = gradients[id] else { continue }
      pullbacks[id] = nil
      let inputGradients = try pullback(g)
      for (parent, gradient) in zip(parents[id], inputGradients) {
        guard let gradient, needsGradient[parent] else { continue }
        if gradients[parent] == nil { gradients[parent] = gradient } else { _addInPlace(&gradients[parent]!, gradient) }
      }
    }
    var result = Gradients()
    for (parameter, id) in parameterNodes {
      if let g = gradients[id] { result[parameter] = g }
    }
    return result
  }
}

/// Tells glibc's malloc, once per process, that this program frees large blocks often.
///
/// A training step allocates and frees tens of megabytes of activations and gradients. glibc returns
/// freed memory at the top of the heap to the OS once it exceeds the trim threshold (by default twice
/// the largest block freed so far), so every step would page-fault its buffers back in — measured at
/// 20 % of a depth-20 MLP step. Freeing one 31 MB block (malloc serves it by `mmap`) raises glibc's
/// dynamic mmap and trim thresholds to 31 and 62 MB, as its own heuristics would after such a free (it
/// adjusts them for blocks up to its 32 MB maximum). No effect on correctness; elsewhere than glibc it
/// is one allocation.
private let _largeAllocationHint: Void = {
  let block = UnsafeMutableRawPointer.allocate(byteCount: 31 << 20 - 4096, alignment: 16)
  block.deallocate()
}()

/// What a parameter leaf holds after `backward` (the tape no longer shares the parameter's storage).
private let _releasedValue = try! Tensor(zeros: [0])
