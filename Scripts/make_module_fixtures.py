#!/usr/bin/env python3
"""Generate the torch.nn module-coverage fixtures for the NNInit Swift tests.

What it generates (under Tests/Fixtures/torch/<cap>/, <cap> = "vectorized" (native capability) and
"scalar" (ATEN_CPU_CAPABILITY=default), one child process each since the variable must be set before
torch is imported):

  modules.json          "classes": every public nn.Module subclass found in torch.nn (generated from
                        dir(torch.nn), so a class added to torch shows up here and the Swift test then
                        fails until the class is covered or excluded with a reason);
                        "cases": per constructor case its class, SPEC, seed, repr, state-dict entries
                        (key, shape, dtype) and any warnings;  "failed": cases PyTorch itself rejected.
  modules.safetensors   "<case id>/<state_dict key>" (parameters and buffers) and "<case id>/#next":
                        torch.rand(4) drawn right after construction, so a test also checks that the
                        constructor consumed exactly PyTorch's random numbers.

Semantics of a case: torch.manual_seed(seed); model = eval(spec) with torch.nn's names in scope; a
top-level tuple of modules is nn.Sequential(*tuple); a Lazy* case with "input_shape" is then run once on
torch.zeros(input_shape) in eval mode (which materializes it and draws its init, and leaves running statistics
at their initial values); then "#next" is drawn.

Regenerate (needs torch, safetensors; the Swift tests never run PyTorch):

    /work/venv/bin/python Scripts/make_module_fixtures.py

The generated files are committed.  DO NOT EDIT THEM BY HAND -- change this script and regenerate.
"""

import inspect
import json
import os
import subprocess
import sys
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_ROOT = os.path.join(ROOT, "Tests", "Fixtures", "torch")
CHILD_FLAG = "--child"
REGEN_CMD = "python Scripts/make_module_fixtures.py"

LINEAR8 = "TransformerEncoderLayer(8, 2, dim_feedforward=16)"

# class name -> constructor cases: a SPEC string, or (SPEC, input shape) for a Lazy* module.
CASES = {
    "AdaptiveAvgPool1d": ["AdaptiveAvgPool1d(5)"],
    "AdaptiveAvgPool2d": ["AdaptiveAvgPool2d((1, 1))", "AdaptiveAvgPool2d(7)", "AdaptiveAvgPool2d((None, 7))"],
    "AdaptiveAvgPool3d": ["AdaptiveAvgPool3d((5, 7, 9))"],
    "AdaptiveMaxPool1d": ["AdaptiveMaxPool1d(5)"],
    "AdaptiveMaxPool2d": ["AdaptiveMaxPool2d((5, 7), return_indices=True)", "AdaptiveMaxPool2d(1)"],
    "AdaptiveMaxPool3d": ["AdaptiveMaxPool3d(5)"],
    "AdaptiveLogSoftmaxWithLoss": ["AdaptiveLogSoftmaxWithLoss(8, 10, [4, 8])",
                                   "AdaptiveLogSoftmaxWithLoss(8, 20, (5, 10), div_value=2.0, head_bias=True)"],
    "AlphaDropout": ["AlphaDropout()", "AlphaDropout(0.2, inplace=True)"],
    "AvgPool1d": ["AvgPool1d(3)", "AvgPool1d(3, stride=2, padding=1)"],
    "AvgPool2d": ["AvgPool2d(2)",
                  "AvgPool2d((3, 2), stride=(2, 1), ceil_mode=True, count_include_pad=False, divisor_override=2)"],
    "AvgPool3d": ["AvgPool3d(3, stride=2)"],
    "BCELoss": ["BCELoss()", "BCELoss(reduction='sum')"],
    "BCEWithLogitsLoss": ["BCEWithLogitsLoss()"],
    "BatchNorm1d": ["BatchNorm1d(4)"],
    "BatchNorm2d": ["BatchNorm2d(4, affine=False)"],
    "BatchNorm3d": ["BatchNorm3d(3)"],
    "Bilinear": ["Bilinear(3, 4, 5)"],
    "CELU": ["CELU()", "CELU(alpha=2.0, inplace=True)"],
    "CTCLoss": ["CTCLoss()", "CTCLoss(blank=1, zero_infinity=True)"],
    "ChannelShuffle": ["ChannelShuffle(2)"],
    "CircularPad1d": ["CircularPad1d(2)", "CircularPad1d((1, 2))"],
    "CircularPad2d": ["CircularPad2d(1)", "CircularPad2d((1, 1, 2, 0))"],
    "CircularPad3d": ["CircularPad3d(1)"],
    "ConstantPad1d": ["ConstantPad1d(2, 3.5)"],
    "ConstantPad2d": ["ConstantPad2d((1, 0, 2, 1), 0)"],
    "ConstantPad3d": ["ConstantPad3d(1, -1.0)"],
    "Container": ["Container(a=Linear(2, 2), b=ReLU())", "Container()"],
    "Conv1d": ["Conv1d(2, 4, 3)"],
    "Conv2d": ["Conv2d(3, 4, 3, padding=1, bias=False)"],
    "Conv3d": ["Conv3d(2, 2, 2)"],
    "ConvTranspose1d": ["ConvTranspose1d(2, 4, 3)"],
    "ConvTranspose2d": ["ConvTranspose2d(4, 2, 2, stride=2)"],
    "ConvTranspose3d": ["ConvTranspose3d(2, 2, 2)"],
    "CosineEmbeddingLoss": ["CosineEmbeddingLoss(margin=0.5)"],
    "CosineSimilarity": ["CosineSimilarity()", "CosineSimilarity(dim=0, eps=1e-6)"],
    "CrossEntropyLoss": ["CrossEntropyLoss()", "CrossEntropyLoss(ignore_index=0, label_smoothing=0.1)"],
    "CrossMapLRN2d": ["CrossMapLRN2d(3)", "CrossMapLRN2d(5, alpha=1e-3, beta=0.5, k=2)"],
    "DataParallel": ["DataParallel(Linear(3, 2))"],
    "Dropout": ["Dropout()", "Dropout(0.2, inplace=True)"],
    "Dropout1d": ["Dropout1d()"],
    "Dropout2d": ["Dropout2d(0.2)"],
    "Dropout3d": ["Dropout3d(p=0.3, inplace=True)"],
    "ELU": ["ELU(0.5)"],
    "Embedding": ["Embedding(6, 3, padding_idx=2)"],
    "EmbeddingBag": ["EmbeddingBag(10, 3)", "EmbeddingBag(10, 3, mode='max', padding_idx=0)",
                     "EmbeddingBag(10, 3, max_norm=1.0, include_last_offset=True)"],
    "FeatureAlphaDropout": ["FeatureAlphaDropout(0.2)"],
    "Flatten": ["Flatten()", "Flatten(0, 2)"],
    "Fold": ["Fold(output_size=(4, 5), kernel_size=(2, 2))", "Fold((4, 4), 2, dilation=1, padding=0, stride=1)"],
    "FractionalMaxPool2d": ["FractionalMaxPool2d(3, output_ratio=(0.5, 0.5))",
                            "FractionalMaxPool2d(2, output_size=5, return_indices=True)"],
    "FractionalMaxPool3d": ["FractionalMaxPool3d(2, output_size=(4, 4, 4))"],
    "GELU": ["GELU()"],
    "GLU": ["GLU()", "GLU(dim=1)"],
    "GRU": ["GRU(3, 4)"],
    "GRUCell": ["GRUCell(4, 8)", "GRUCell(4, 8, bias=False)"],
    "GaussianNLLLoss": ["GaussianNLLLoss()", "GaussianNLLLoss(full=True, eps=1e-3)"],
    "GroupNorm": ["GroupNorm(2, 4)"],
    "Hardshrink": ["Hardshrink()", "Hardshrink(0.3)"],
    "Hardsigmoid": ["Hardsigmoid()", "Hardsigmoid(inplace=True)"],
    "Hardswish": ["Hardswish()", "Hardswish(inplace=True)"],
    "Hardtanh": ["Hardtanh()", "Hardtanh(-2, 2)", "Hardtanh(min_val=-0.5, max_val=0.5, inplace=True)"],
    "HingeEmbeddingLoss": ["HingeEmbeddingLoss(margin=2.0)"],
    "HuberLoss": ["HuberLoss(delta=0.5)"],
    "Identity": ["Identity()", "Identity(3, foo=4)"],
    "InstanceNorm1d": ["InstanceNorm1d(4)", "InstanceNorm1d(4, affine=True, track_running_stats=True)"],
    "InstanceNorm2d": ["InstanceNorm2d(3, affine=True)", "InstanceNorm2d(3, affine=True, bias=False)"],
    "InstanceNorm3d": ["InstanceNorm3d(2, eps=1e-3, momentum=0.2, track_running_stats=True)"],
    "KLDivLoss": ["KLDivLoss(reduction='batchmean', log_target=True)"],
    "L1Loss": ["L1Loss()"],
    "LPPool1d": ["LPPool1d(2, 3)"],
    "LPPool2d": ["LPPool2d(1.5, (2, 3), stride=1, ceil_mode=True)"],
    "LPPool3d": ["LPPool3d(2, 2)"],
    "LSTM": ["LSTM(3, 4)"],
    "LSTMCell": ["LSTMCell(4, 8)", "LSTMCell(3, 5, bias=False)"],
    "LayerNorm": ["LayerNorm(4)"],
    "LazyBatchNorm1d": [("LazyBatchNorm1d()", [2, 4])],
    "LazyBatchNorm2d": [("LazyBatchNorm2d(affine=False)", [2, 3, 4, 4])],
    "LazyBatchNorm3d": [("LazyBatchNorm3d()", [2, 3, 2, 2, 2])],
    "LazyConv1d": [("LazyConv1d(4, 3)", [1, 2, 8])],
    "LazyConv2d": [("LazyConv2d(4, 3, padding=1)", [1, 3, 8, 8])],
    "LazyConv3d": [("LazyConv3d(2, 2)", [1, 2, 4, 4, 4])],
    "LazyConvTranspose1d": [("LazyConvTranspose1d(4, 3)", [1, 2, 8])],
    "LazyConvTranspose2d": [("LazyConvTranspose2d(2, 2, stride=2)", [1, 3, 4, 4])],
    "LazyConvTranspose3d": [("LazyConvTranspose3d(2, 2)", [1, 2, 3, 3, 3])],
    "LazyInstanceNorm1d": [("LazyInstanceNorm1d(affine=True)", [2, 3, 5])],
    "LazyInstanceNorm2d": [("LazyInstanceNorm2d(affine=True, track_running_stats=True)", [1, 3, 4, 4])],
    "LazyInstanceNorm3d": [("LazyInstanceNorm3d()", [1, 2, 3, 3, 3])],
    "LazyLinear": [("LazyLinear(4)", [2, 3]), ("LazyLinear(5, bias=False)", [7])],
    "LeakyReLU": ["LeakyReLU(0.2, inplace=True)"],
    "Linear": ["Linear(3, 2)"],
    "LinearCrossEntropyLoss": ["LinearCrossEntropyLoss(4, 3)", "LinearCrossEntropyLoss(4, 3, out_features=(2,), bias=True, reduction='sum')"],
    "LocalResponseNorm": ["LocalResponseNorm(2)", "LocalResponseNorm(3, alpha=1e-3, beta=0.5, k=2.0)"],
    "LogSigmoid": ["LogSigmoid()"],
    "LogSoftmax": ["LogSoftmax(1)"],
    "MSELoss": ["MSELoss(reduction='none')"],
    "MarginRankingLoss": ["MarginRankingLoss(margin=0.1)"],
    "MaxPool1d": ["MaxPool1d(3)", "MaxPool1d(3, stride=2, padding=1, dilation=2, return_indices=True, ceil_mode=True)"],
    "MaxPool2d": ["MaxPool2d(2)", "MaxPool2d(kernel_size=3, stride=2, padding=1)", "MaxPool2d((3, 2), stride=(2, 1))"],
    "MaxPool3d": ["MaxPool3d(2)"],
    "MaxUnpool1d": ["MaxUnpool1d(2)"],
    "MaxUnpool2d": ["MaxUnpool2d(2, stride=2, padding=0)", "MaxUnpool2d((2, 3))"],
    "MaxUnpool3d": ["MaxUnpool3d(2)"],
    "Mish": ["Mish()", "Mish(inplace=True)"],
    "Module": ["Module()"],
    "ModuleDict": ["ModuleDict({'a': Linear(2, 3), 'b': ReLU()})", "ModuleDict()"],
    "ModuleList": ["ModuleList([Linear(2, 2), ReLU(), Linear(2, 1)])", "ModuleList()"],
    "MultiLabelMarginLoss": ["MultiLabelMarginLoss()"],
    "MultiLabelSoftMarginLoss": ["MultiLabelSoftMarginLoss()"],
    "MultiMarginLoss": ["MultiMarginLoss(p=2, margin=0.5)"],
    "MultiheadAttention": ["MultiheadAttention(8, 2)"],
    "NLLLoss": ["NLLLoss(ignore_index=-1)"],
    "NLLLoss2d": ["NLLLoss2d()"],
    "PReLU": ["PReLU()", "PReLU(3, init=0.1)"],
    "PairwiseDistance": ["PairwiseDistance()", "PairwiseDistance(p=1.0, eps=1e-3, keepdim=True)"],
    "ParameterDict": ["ParameterDict()"],
    "ParameterList": ["ParameterList()"],
    "PixelShuffle": ["PixelShuffle(2)"],
    "PixelUnshuffle": ["PixelUnshuffle(3)"],
    "PoissonNLLLoss": ["PoissonNLLLoss(log_input=False, full=True)"],
    "RMSNorm": ["RMSNorm(8)", "RMSNorm((2, 4), eps=1e-6, elementwise_affine=False)", "RMSNorm([4])"],
    "RNN": ["RNN(3, 4)"],
    "RNNBase": ["RNNBase('LSTM', 4, 8)"],
    "RNNCell": ["RNNCell(4, 8)", "RNNCell(4, 8, bias=False, nonlinearity='relu')"],
    "RNNCellBase": ["RNNCellBase(4, 8, True, 2)"],
    "RReLU": ["RReLU()", "RReLU(0.1, 0.3)"],
    "ReLU": ["ReLU()"],
    "ReLU6": ["ReLU6()", "ReLU6(inplace=True)"],
    "ReflectionPad1d": ["ReflectionPad1d(2)"],
    "ReflectionPad2d": ["ReflectionPad2d((1, 1, 2, 0))"],
    "ReflectionPad3d": ["ReflectionPad3d(1)"],
    "ReplicationPad1d": ["ReplicationPad1d((3, 1))"],
    "ReplicationPad2d": ["ReplicationPad2d(2)"],
    "ReplicationPad3d": ["ReplicationPad3d((1, 1, 1, 1, 1, 1))"],
    "SELU": ["SELU(inplace=True)"],
    "Sequential": ["Sequential(Linear(2, 2), ReLU())"],
    "SiLU": ["SiLU()"],
    "Sigmoid": ["Sigmoid()"],
    "SmoothL1Loss": ["SmoothL1Loss(beta=0.5)"],
    "SoftMarginLoss": ["SoftMarginLoss()"],
    "Softmax": ["Softmax(dim=-1)"],
    "Softmax2d": ["Softmax2d()"],
    "Softmin": ["Softmin(dim=1)", "Softmin()"],
    "Softplus": ["Softplus()"],
    "Softshrink": ["Softshrink()", "Softshrink(0.3)"],
    "Softsign": ["Softsign()"],
    "SyncBatchNorm": ["SyncBatchNorm(4)", "SyncBatchNorm(4, affine=False, track_running_stats=False)",
                      "SyncBatchNorm(4, bias=False)"],
    "Tanh": ["Tanh()"],
    "Tanhshrink": ["Tanhshrink()"],
    "Threshold": ["Threshold(0.1, 20)", "Threshold(0.5, 0.0, inplace=True)"],
    "Transformer": ["Transformer(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=16)",
                    "Transformer(8, 2, 1, 1, 16, 0.0, 'gelu', batch_first=True, norm_first=True, bias=False)",
                    "Transformer(8, 2, 2, 1, 16, activation=ReLU())"],
    "TransformerDecoder": ["TransformerDecoder(TransformerDecoderLayer(8, 2, dim_feedforward=16), 2)"],
    "TransformerDecoderLayer": ["TransformerDecoderLayer(8, 2, dim_feedforward=16)",
                                "TransformerDecoderLayer(8, 2, 16, 0.0, 'gelu', norm_first=True, bias=False)"],
    "TransformerEncoder": [f"TransformerEncoder({LINEAR8}, 2)",
                           "TransformerEncoder(TransformerEncoderLayer(8, 2, 16, batch_first=True), 3, "
                           "norm=LayerNorm(8), enable_nested_tensor=False)"],
    "TransformerEncoderLayer": [LINEAR8, "TransformerEncoderLayer(8, 2, 16, activation='gelu', "
                                "layer_norm_eps=1e-6, norm_first=True)",
                                "TransformerEncoderLayer(8, 2, 16, activation=GELU(approximate='tanh'))"],
    "TripletMarginLoss": ["TripletMarginLoss(margin=0.5, p=1.0)"],
    "TripletMarginWithDistanceLoss": ["TripletMarginWithDistanceLoss(margin=2.0)"],
    "Unflatten": ["Unflatten(1, (2, 5))"],
    "Unfold": ["Unfold(kernel_size=(2, 3))", "Unfold(2, dilation=1, padding=1, stride=2)"],
    "Upsample": ["Upsample(scale_factor=2, mode='nearest')", "Upsample(size=(4, 5), mode='bilinear', align_corners=True)",
                 "Upsample(scale_factor=(2.0, 1.5), mode='bicubic')", "Upsample(size=6)"],
    "UpsamplingBilinear2d": ["UpsamplingBilinear2d(scale_factor=2)"],
    "UpsamplingNearest2d": ["UpsamplingNearest2d(size=4)"],
    "ZeroPad1d": ["ZeroPad1d(2)"],
    "ZeroPad2d": ["ZeroPad2d((1, 1, 2, 0))"],
    "ZeroPad3d": ["ZeroPad3d(1)"],
}

# Models mixing several classes: the parameter-free layers must keep Sequential's indices.
MIXED = [
    "Conv2d(3, 8, 3, stride=2, padding=1, bias=False), BatchNorm2d(8), ReLU6(inplace=True), "
    "AdaptiveAvgPool2d((1, 1)), Flatten(1), Dropout(p=0.2), Linear(8, 4)",
    "Conv2d(3, 4, 7, stride=2, padding=3, bias=False), BatchNorm2d(4), ReLU(inplace=True), "
    "MaxPool2d(kernel_size=3, stride=2, padding=1), Hardswish(), AdaptiveAvgPool2d(1)",
    "ModuleList([Sequential(Linear(4, 4), GELU()), ModuleDict({'proj': Linear(4, 2), 'act': Mish()})]), PReLU(2)",
]


def public_module_classes(nn):
    """Every public class of torch.nn that is a torch.nn.Module."""
    return sorted(n for n in dir(nn)
                  if not n.startswith("_") and inspect.isclass(getattr(nn, n)) and issubclass(getattr(nn, n), nn.Module))


def child_main(outdir):
    import torch
    import torch.nn as nn
    from safetensors.torch import save_file

    classes = public_module_classes(nn)
    namespace = {name: getattr(nn, name) for name in classes}
    stdt = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64"}
    cases, failed, tensors = [], [], {}
    work = [(cls, case) for cls in classes for case in CASES.get(cls, [])] + [(None, spec) for spec in MIXED]
    for i, (cls, case) in enumerate(work):
        spec, input_shape = (case, None) if isinstance(case, str) else case
        cid, seed = f"n{i:03d}", 1000 + i
        entry = {"id": cid, "class": cls, "spec": spec, "seed": seed}
        if input_shape is not None:
            entry["input_shape"] = input_shape
        try:
            with warnings.catch_warnings(record=True) as ws:
                warnings.simplefilter("always")
                torch.manual_seed(seed)
                model = eval(spec, dict(namespace))
                if isinstance(model, tuple):
                    model = nn.Sequential(*model)
                if input_shape is not None:  # in eval mode, so a norm's running statistics stay at their init
                    model.eval()
                    model(torch.zeros(input_shape))
                    model.train()
                after = torch.rand(4)
        except Exception as e:  # PyTorch rejects the case: recorded, never silently dropped
            failed.append({**entry, "exception_type": type(e).__name__, "message": str(e)})
            continue
        entry["repr"] = repr(model)
        entry["state_dict"] = []
        for key, value in model.state_dict().items():
            tensors[f"{cid}/{key}"] = value.detach().clone().contiguous()
            entry["state_dict"].append({"key": key, "shape": list(value.shape), "dtype": stdt[value.dtype]})
        tensors[f"{cid}/#next"] = after
        messages = sorted({f"{w.category.__name__}: {w.message}" for w in ws})
        if messages:
            entry["warnings"] = messages
        cases.append(entry)

    os.makedirs(outdir, exist_ok=True)
    save_file(tensors, os.path.join(outdir, "modules.safetensors"))
    os.chmod(os.path.join(outdir, "modules.safetensors"), 0o644)
    header = {
        "generated_by": REGEN_CMD, "do_not_edit": True,
        "torch_version": torch.__version__, "ATEN_CPU_CAPABILITY": os.environ.get("ATEN_CPU_CAPABILITY"),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "semantics": __doc__.split("Semantics of a case: ")[1].split("\n\n")[0].replace("\n", " "),
        "classes": classes,
        "classes_without_case": [c for c in classes if c not in CASES],
    }
    with open(os.path.join(outdir, "modules.json"), "w") as f:
        body = ",\n".join(f" {json.dumps(k)}: {json.dumps(v)}" for k, v in header.items())
        rows = lambda items: ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in items)
        f.write("{\n" + body + f",\n \"cases\": [\n{rows(cases)}\n ],\n \"failed\": [\n{rows(failed)}\n ]\n}}\n")
    print(f"{outdir}: {len(classes)} classes, {len(cases)} cases, {len(failed)} failed", file=sys.stderr)


def main():
    for flavor, capability in (("vectorized", None), ("scalar", "default")):
        env = {k: v for k, v in os.environ.items() if k != "ATEN_CPU_CAPABILITY"}
        if capability:
            env["ATEN_CPU_CAPABILITY"] = capability
        outdir = os.path.join(OUT_ROOT, flavor)
        subprocess.run([sys.executable, os.path.abspath(__file__), CHILD_FLAG, outdir], env=env, check=True)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == CHILD_FLAG:
        child_main(sys.argv[2])
    else:
        main()
