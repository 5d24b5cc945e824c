import ArgumentParser
import Foundation
import NNInit

extension InitPlan.Order: ExpressibleByArgument {}

/// The options that re-initialize a model after construction: an init plan from `--plan`, `--init`
/// rules and the `--weight-init`/`--bias-init` sugar, in that order of precedence (first match wins).
struct InitPlanOptions: ParsableArguments {
  @Option(help: "Init plan JSON ({\"order\": \"apply\"|\"modules\", \"rules\": [{\"module\", \"parameter\", \"path\", \"init\"}]}), or a framework's layer defaults: keras, flax, mlx.")
  var plan: String?

  @Option(
    name: .customLong("init"),
    help: ArgumentHelp(
      "RULE=CALL (repeatable), e.g. \"Conv2d.weight=kaiming_normal_(mode='fan_out', nonlinearity='relu')\", '*.bias=zeros_()', 'Linear.weight=default'.",
      valueName: "rule"))
  var rules: [String] = []

  @Option(help: "Module order of the plan: apply (model.apply, children first) or modules (model.modules(), parents first).")
  var initOrder: InitPlan.Order?

  @Option(help: "A torch.nn.init call applied to every module's `weight`, in model.apply order (the rule weight=CALL).")
  var weightInit: String?

  @Option(help: "A torch.nn.init call applied to every module's `bias`, after its weight (the rule bias=CALL).")
  var biasInit: String?

  /// The warnings for `resolution` (see ``InitPlanResolution/warnings(for:quiet:)``), except for a
  /// built-in plan's rules, which are generic: a Keras plan has Embedding rules whether or not the model
  /// has an Embedding.
  func warnings(_ resolution: InitPlanResolution, _ plan: InitPlan, origins: [String]) -> [String] {
    let builtIn = Set(origins.indices.filter { i in InitPlan.frameworkDefaults.keys.contains { origins[i].hasPrefix("--plan \($0) ") } })
    return resolution.warnings(for: plan, quiet: builtIn)
  }

  /// The plan, and for each rule the option it came from (for messages).
  /// Whether no rule option was given.
  var isEmpty: Bool { plan == nil && rules.isEmpty && initOrder == nil && weightInit == nil && biasInit == nil }

  func makePlan() throws -> (plan: InitPlan, origins: [String]) {
    var plan = InitPlan()
    var origins: [String] = []
    if let name = self.plan, let builtIn = InitPlan.frameworkDefaults[name] {
      plan = builtIn
      origins = plan.rules.indices.map { "--plan \(name) rule \($0 + 1)" }
    } else if let path = self.plan {
      let data = try readRegularFile(path, option: "--plan")
      plan = try reporting("--plan") { try InitPlan(json: data) }
      origins = plan.rules.indices.map { "--plan rule \($0 + 1)" }
    }
    for text in rules {
      plan.rules.append(try reporting("--init") { try InitRule(parsing: text) })
      origins.append("--init '\(text)'")
    }
    for (option, name, text) in [("--weight-init", "weight", weightInit), ("--bias-init", "bias", biasInit)] {
      guard let text else { continue }
      let scheme = try reporting(option) { try InitCallBuilder.initializer(from: text) }
      plan.rules.append(InitRule(parameter: name, action: .initialize(scheme)))
      origins.append(option)
    }
    if let initOrder { plan.order = initOrder }
    return (plan, origins)
  }
}

/// Prints `message` on standard error as `warning: message`.
func warn(_ message: String) {
  FileHandle.standardError.write(Data(("warning: " + message + "\n").utf8))
}
