import Initializers
import Layers

/// What an ``InitPlan`` does to one model: the steps to run, the rule that decided each parameter, and
/// the rules that decided nothing.
public struct InitPlanResolution: Sendable {
  /// The schemes to run, in the plan's order (the draw order with `TorchGenerator`).
  public var steps: [ParameterInitStep]
  /// For each parameter a rule decided (a scheme or keep default): the rule's index in the plan.
  public var ruleIndex: [String: Int]
  /// Rules whose patterns match no parameter at all.
  public var unmatchedRules: [Int]
  /// Rules that match parameters, every one of which an earlier rule had already decided.
  public var shadowedRules: [Int]

  /// One line per rule that decided nothing, e.g. `init rule 2 'Conv3d.weight' matched no parameter`.
  /// Rules in `quiet` (a built-in plan's generic rules) are not reported.
  public func warnings(for plan: InitPlan, quiet: Set<Int> = []) -> [String] {
    let unmatchedRules = unmatchedRules.filter { !quiet.contains($0) }, shadowedRules = shadowedRules.filter { !quiet.contains($0) }
    return unmatchedRules.map { "init rule \($0 + 1) '\(plan.rules[$0].pattern)' matched no parameter" }
      + shadowedRules.map {
        "init rule \($0 + 1) '\(plan.rules[$0].pattern)' is never used: every parameter it matches is decided by an earlier rule"
      }
  }
}

extension InitPlan {
  /// Resolves the plan on `model`: visits modules in ``order`` and, within each, its own parameters in
  /// registration order; each parameter takes the first rule that matches it. Reads declarations only.
  public func resolve(for model: Module) -> InitPlanResolution {
    let modules = order == .apply ? model.namedModulesInApplyOrder() : model.namedModules()
    var steps: [ParameterInitStep] = []
    var decided: [String: Int] = [:]
    var matchedAny = Array(repeating: false, count: rules.count)
    for (path, module) in modules {
      let typeNames = module.typeNames
      for name in module.parameterNames {
        let key = path.isEmpty ? name : path + "." + name
        let matching = rules.indices.filter { rules[$0].matches(key: key, name: name, typeNames: typeNames) }
        for i in matching { matchedAny[i] = true }
        guard let first = matching.first else { continue }
        decided[key] = first
        if case .initialize(let scheme) = rules[first].action { steps.append(ParameterInitStep(key: key, scheme: scheme)) }
      }
    }
    let used = Set(decided.values)
    return InitPlanResolution(
      steps: steps, ruleIndex: decided, unmatchedRules: rules.indices.filter { !matchedAny[$0] },
      shadowedRules: rules.indices.filter { matchedAny[$0] && !used.contains($0) })
  }
}
