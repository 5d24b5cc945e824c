import Foundation
import Layers
import ModelSpec
import RandomModule
import TestSupport
import Testing

/// Init plans: rule text, JSON round trip, first-match resolution in `apply` and `modules` order, warnings.
@Suite struct InitPlanTests {
  @Test func ruleTextForms() throws {
    let conv = try InitRule(parsing: "Conv2d.weight=kaiming_normal_(mode=\"fan_out\", nonlinearity=\"relu\")")
    #expect(conv == InitRule(module: "Conv2d", parameter: "weight", action: .initialize(.kaimingNormal(mode: .fanOut, nonlinearity: .relu))))
    #expect(try InitRule(parsing: "*.bias=zeros_()") == InitRule(path: "*.bias", action: .initialize(.zeros)))
    #expect(try InitRule(parsing: "weight_ih_*=orthogonal_()") == InitRule(parameter: "weight_ih_*", action: .initialize(.orthogonal())))
    #expect(try InitRule(parsing: "BatchNorm*=ones_()") == InitRule(module: "BatchNorm*", action: .initialize(.ones)))
    #expect(try InitRule(parsing: "Linear.weight = default") == InitRule(module: "Linear", parameter: "weight", action: .keepDefault))
    #expect(try InitRule(parsing: "layers.*.mlp.down_proj.weight=normal_(std=0.02)").path == "layers.*.mlp.down_proj.weight")
  }

  @Test(arguments: [
    ("Conv2d.weight", "expected RULE=CALL"), ("=zeros_()", "empty RULE"), ("bias=kaiming_normal_(mode='fan_up')", "fan_up"),
    ("bias=unknown_()", "unknown torch.nn.init function 'unknown_'"),
  ])
  func badRuleText(text: String, expected: String) {
    do {
      _ = try InitRule(parsing: text)
      Issue.record("no error for \(text)")
    } catch {
      #expect("\(error)".contains(expected), "\(error)")
    }
  }

  @Test func globsFollowFnmatch() throws {
    let rule = { (path: String) in InitRule(path: path, action: .keepDefault) }
    #expect(rule("*.bias").matches(key: "layer1.0.bn1.bias", name: "bias", typeNames: ["BatchNorm2d"]))
    #expect(!rule("*.bias").matches(key: "bias", name: "bias", typeNames: ["Linear"]))
    #expect(rule("h.?.attn.*").matches(key: "h.1.attn.c_attn.weight", name: "weight", typeNames: ["Linear"]))
    #expect(!rule("h.?.attn.*").matches(key: "h.10.attn.c_attn.weight", name: "weight", typeNames: ["Linear"]))
    #expect(rule("h.[0-1].*").matches(key: "h.1.x", name: "x", typeNames: ["Linear"]))
    #expect(!rule("h.[!0-1].*").matches(key: "h.1.x", name: "x", typeNames: ["Linear"]))
    #expect(InitRule(module: "BatchNorm*", action: .keepDefault).matches(key: "bn.weight", name: "weight", typeNames: ["BatchNorm1d"]))
  }

  /// decode → encode → the same bytes, for the committed plans (written by hand in canonical form).
  @Test(arguments: ["resnet18.plan.json", "mobilenet_v2.plan.json", "gpt_nanogpt.plan.json"])
  func planJSONRoundTripsToTheSameBytes(file: String) throws {
    let bytes = Data(try Fixtures.bytes("modeltext/\(file)"))
    let plan = try InitPlan(json: bytes)
    #expect(!plan.rules.isEmpty)
    let encoded = try plan.jsonData()
    #expect(encoded == bytes, "\(String(decoding: encoded, as: UTF8.self))")
    #expect(try InitPlan(json: try plan.jsonData()) == plan)
  }

  @Test func everyActionRoundTrips() throws {
    let plan = InitPlan(
      rules: [
        InitRule(module: "Linear", parameter: "weight", path: "a.*", action: .initialize(.truncNormal(std: 0.02, a: -0.04, b: 0.04))),
        InitRule(action: .keepDefault), InitRule(parameter: "w", action: .initialize(.sparse(sparsity: 0.1))),
        InitRule(parameter: "x", action: .initialize(.xavierUniform(gain: 5.0 / 3))),
      ], order: .modules)
    #expect(try InitPlan(json: try plan.jsonData()) == plan)
  }

  @Test(arguments: [
    ("{\"rules\": [{\"init\": \"nope_()\"}]}", "at .rules[0].init: unknown torch.nn.init function 'nope_'"), ("{\"rules\": [{\"module\": \"Linear\"}]}", "init"),
    ("{\"order\": \"preorder\", \"rules\": []}", "at .order: unknown order 'preorder' (expected 'apply' or 'modules')"), ("[", "JSON"),
    ("{\"rules\": [{\"modul\": \"Linear\", \"init\": \"zeros_()\"}]}", "at .rules[0]: unknown key 'modul' (expected 'module', 'parameter', 'path', 'init')"),
    ("{\"rule\": []}", "unknown key 'rule'"),
  ])
  func badPlanJSONIsOneLine(json: String, mentions: String) {
    do {
      _ = try InitPlan(json: Data(json.utf8))
      Issue.record("no error")
    } catch {
      #expect(error is InitPlanError)
      #expect("\(error)".contains(mentions) && !"\(error)".contains("\n"), "\(error)")
    }
  }

  /// `apply` visits MultiheadAttention's `out_proj` (a child) before its own `in_proj_weight`; `modules`
  /// the other way round. The first matching rule wins; `default` stops later rules.
  @Test func orderAndFirstMatch() throws {
    let model = try Module.declarationsOnly { try ModelBuilder().build("MultiheadAttention(4, 2), Linear(4, 4)") }
    var plan = InitPlan(rules: [
      try InitRule(parsing: "1.weight=default"), try InitRule(parsing: "*weight=xavier_normal_()"),
      try InitRule(parsing: "bias=zeros_()"), try InitRule(parsing: "Conv2d.weight=ones_()"), try InitRule(parsing: "1.*=ones_()"),
    ])
    let apply = plan.resolve(for: model)
    #expect(apply.steps.map(\.key) == ["0.out_proj.weight", "0.out_proj.bias", "0.in_proj_weight", "1.bias"])
    #expect(apply.ruleIndex["1.weight"] == 0 && apply.ruleIndex["1.bias"] == 2)
    #expect(apply.unmatchedRules == [3] && apply.shadowedRules == [4])
    #expect(apply.warnings(for: plan) == [
      "init rule 4 'Conv2d.weight' matched no parameter",
      "init rule 5 '1.*' is never used: every parameter it matches is decided by an earlier rule",
    ])
    plan.order = .modules
    #expect(plan.resolve(for: model).steps.map(\.key) == ["0.in_proj_weight", "0.out_proj.weight", "0.out_proj.bias", "1.bias"])
  }

  /// A module pattern tests `isinstance`: `Linear` matches MultiheadAttention's out_proj
  /// (`NonDynamicallyQuantizableLinear`), `BatchNorm` every BatchNorm*d; `Linear` does not match `Bilinear`.
  @Test func modulePatternsFollowIsinstance() throws {
    let model = try Module.declarationsOnly { try ModelBuilder().build("MultiheadAttention(4, 2), BatchNorm1d(3), Bilinear(2, 2, 2)") }
    let plan = InitPlan(rules: [try InitRule(parsing: "Linear.weight=zeros_()"), try InitRule(parsing: "BatchNorm.bias=ones_()")])
    #expect(plan.resolve(for: model).steps.map(\.key) == ["0.out_proj.weight", "1.bias"])
    #expect(model.submodule("0.out_proj")?.typeNames == ["NonDynamicallyQuantizableLinear", "Linear"])
  }

  /// `--weight-init/--bias-init` as a plan give the steps of the seed tutorial's loop.
  @Test func weightBiasSugarIsTheTutorialLoop() throws {
    let model = try Module.declarationsOnly { try ModelBuilder().build("Linear(3, 4), ReLU(), LSTM(4, 2), LayerNorm(2)") }
    let plan = InitPlan(weight: .xavierUniform(), bias: .zeros)
    #expect(plan.resolve(for: model).steps == model.steps(weight: .xavierUniform(), bias: .zeros))
    #expect(plan.resolve(for: model).steps.map(\.key) == ["0.weight", "0.bias", "3.weight", "3.bias"])
  }
}
