import Initializers
import RandomModule
import TensorModule

extension Module {
  /// The plan of this module's state dict after `resetAllParameters(generator:)` and then
  /// `reinitialize(weight: weightInit, bias: biasInit, generator:)` — what `nninit init` does — recorded
  /// through each module's own `resetParameters` (so MultiheadAttention's zeroed biases, Embedding's
  /// padding row and every other module-specific rule are kept), without drawing.
  ///
  /// Works for declared-only modules (``declarationsOnly(_:)``) and allocated ones alike; in the latter,
  /// the values of parameters are not read (they are recomputed), those of buffers are.
  public func materializationPlan(weightInit: Initializer? = nil, biasInit: Initializer? = nil) throws
    -> MaterializationPlan
  {
    try materializationPlan(reinitializing: steps(weight: weightInit, bias: biasInit))
  }

  /// The plan of this module's state dict after `resetAllParameters(generator:)` and then
  /// ``reinitialize(_:generator:)`` with `steps` (an init plan's resolution), recorded without drawing.
  public func materializationPlan(reinitializing reinitialization: [ParameterInitStep]) throws -> MaterializationPlan {
    enum Step {
      case scheme(Initializer)
      case indexFill(MaterializationPlan.IndexFill)
    }
    var steps: [String: [Step]] = [:]
    var context = InitContext(generator: TorchGenerator(seed: 0))
    context.recorder = { key, scheme, _ in steps[key, default: []].append(.scheme(scheme)) }
    context.indexFillRecorder = { key, index, value in
      steps[key, default: []].append(.indexFill(.init(index: index, value: value)))
    }
    try resetPostOrder(context)
    for step in reinitialization { try context.initialize(step.key, of: self, with: step.scheme) }

    var entries: [MaterializationPlan.Entry] = []
    for (path, module) in namedModules() {
      for (slot, isBuffer) in module.parameterSlots.map({ ($0, false) }) + module.bufferSlots.map({ ($0, true) }) {
        let key = path.isEmpty ? slot.name : path + "." + slot.name
        let recorded = isBuffer ? [] : steps[key] ?? []
        let lastScheme = recorded.lastIndex { if case .scheme = $0 { true } else { false } }
        var scheme: Initializer?
        if let lastScheme, case .scheme(let s) = recorded[lastScheme] { scheme = s }
        let after = recorded[(lastScheme.map { $0 + 1 } ?? 0)...].compactMap { step in
          if case .indexFill(let fill) = step { fill } else { nil }
        }
        entries.append(
          MaterializationPlan.Entry(
            key: key, declaration: slot.declaration, isBuffer: isBuffer, scheme: scheme, indexFills: Array(after),
            values: scheme == nil ? slot.tensor : nil))
      }
    }
    return MaterializationPlan(entries: entries)
  }
}
