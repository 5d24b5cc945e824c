#!/usr/bin/env python3
"""Generate PyTorch reference fixtures for the NNInit Swift tests.

What it generates (under Tests/Fixtures/torch/):
  <cap>/functions.json + functions.safetensors   every torch.nn.init function on many shapes/dtypes/seeds,
                                                 plus RNG "sequences" (normal_ cache, rand/randn/raw draws,
                                                 randperm, manual_seed edge cases, unseeded Generator)
  <cap>/models.json    + models.safetensors      state_dicts and exact repr() of nn modules built after
                                                 torch.manual_seed(seed)
  <cap>/tutorial.json  + tutorial.safetensors    the seed tutorial's SimpleNN / UniformNN / XavierNN / ConstantNN
  <cap>/errors.json                              exact exception types/messages and warnings for bad inputs
  manifest.json                                  environment, file sizes/sha256, capability comparison
  README.md                                      human summary (scalar vs vectorized differences, avx2 vs avx512)

  <cap> is "vectorized" (native capability: AVX512 or AVX2 -- FMA in uniform_, Cephes normal_ for float32)
  and "scalar" (ATEN_CPU_CAPABILITY=default).  The script re-invokes itself in a subprocess once per
  capability (the variable must be set before torch is imported), and once more with
  ATEN_CPU_CAPABILITY=avx2 to verify that AVX2 and the native capability give bit-identical results.

Regenerate (needs torch, numpy, safetensors; the Swift tests and CI never run PyTorch):

    python Scripts/make_torch_fixtures.py

The generated files are committed.  DO NOT EDIT THEM BY HAND -- change this script and regenerate.

Tensor naming in the .safetensors files:
  functions: "<case id>" (e.g. "c0007") and "<sequence id>/<output name>" (e.g. "s003/b")
  models / tutorial: "<case id>/<state_dict key>" (e.g. "m012/weight_ih_l0", "SimpleNN/fc1.weight")
"""

import hashlib
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import warnings

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_ROOT = os.path.join(ROOT, "Tests", "Fixtures", "torch")
CHILD_FLAG = "--child"
REGEN_CMD = "python Scripts/make_torch_fixtures.py"

# --------------------------------------------------------------------------------------------------
# Shared helpers (child and parent)
# --------------------------------------------------------------------------------------------------


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def environment():
    import numpy
    import safetensors
    import torch
    return {
        "torch_version": torch.__version__,
        "torch_git_version": getattr(torch.version, "git_version", None),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "ATEN_CPU_CAPABILITY": os.environ.get("ATEN_CPU_CAPABILITY"),
        "numpy_version": numpy.__version__,
        "safetensors_version": safetensors.__version__,
        "python_version": platform.python_version(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_model": cpu_model(),
    }


def fmt_kwargs(kwargs):
    return ", ".join(f"{k}={v!r}" for k, v in kwargs.items())


# --------------------------------------------------------------------------------------------------
# Child: the actual generation for the current capability
# --------------------------------------------------------------------------------------------------


def child_main(outdir):
    import numpy as np
    import torch
    import torch.nn as nn
    from torch.nn import init
    from safetensors.torch import save_file

    torch.set_default_dtype(torch.float32)
    os.makedirs(outdir, exist_ok=True)
    env = environment()
    DT = {"float32": torch.float32, "float64": torch.float64}
    STDT = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64"}

    def dump_json(name, obj):
        # top level indented; one line per entry of the case lists (keeps files small and diffable)
        parts = []
        for k, v in obj.items():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                body = ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in v)
                parts.append(f" {json.dumps(k)}: [\n{body}\n ]")
            else:
                parts.append(f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}")
        with open(os.path.join(outdir, name), "w") as f:
            f.write("{\n" + ",\n".join(parts) + "\n}\n")

    def save(tensors, name):
        path = os.path.join(outdir, name)
        save_file(tensors, path)
        os.chmod(path, 0o644)

    def store(tensors, key, t):
        assert key not in tensors, key
        tensors[key] = t.detach().clone().contiguous()

    def record_warnings(ws):
        return [{"category": w.category.__name__, "message": str(w.message)} for w in ws]

    # ---------------------------------------------------------------- 1. functions
    SEEDS = [0, 1, 3, 7, 42, 123, 2024, 31337, 99, 5]
    cases = []

    def add(function, kwargs, shape, dtype="float32", generator="default", note=None):
        cid = f"c{len(cases):04d}"
        seed = SEEDS[len(cases) % len(SEEDS)]
        call_kwargs = dict(kwargs)
        call = f"{function}({fmt_kwargs(call_kwargs)}"
        if generator == "explicit":
            call += (", " if call_kwargs else "") + "generator=g"
        call += ")"
        case = {"id": cid, "function": function, "kwargs": kwargs, "call": call,
                "shape": list(shape), "dtype": dtype, "seed": seed, "generator": generator}
        if note:
            case["note"] = note
        cases.append(case)

    S_ALL = [[1], [7], [15], [16], [17], [33], [100], [600], [20, 30], [64, 128], [16, 8, 3, 3]]
    S_2D = [[1, 1], [1, 7], [3, 5], [4, 4], [1, 17], [3, 11], [10, 10], [20, 30], [64, 128], [16, 8, 3, 3]]
    S_MID = [[7], [16], [17], [100], [20, 30]]
    S_MID64 = [[7], [17], [100]]
    S_MID_2D = [[3, 5], [4, 4], [1, 17], [10, 10], [20, 30]]
    S_MID64_2D = [[3, 5], [1, 17], [10, 10]]
    BIG = [64, 128]

    def full(fn, kw, shapes, big=False):
        # the 64x128 shape only for the raw kernels (uniform_/normal_) to keep the output small
        for s in shapes:
            if s != BIG or big:
                add(fn, kw, s, "float32")
        for s in shapes:
            if s not in (BIG, [20, 30], [16, 8, 3, 3]):  # keep float64 output small
                add(fn, kw, s, "float64")

    def mid(fn, kw, shapes32, shapes64):
        for s in shapes32:
            add(fn, kw, s, "float32")
        for s in shapes64:
            add(fn, kw, s, "float64")

    def explicit(fn, kw, shapes):
        for s, dt in shapes:
            add(fn, kw, s, dt, generator="explicit")

    EXPL_1D = [([7], "float32"), ([17], "float32"), ([20, 30], "float32"), ([20, 30], "float64")]
    EXPL_2D = [([3, 5], "float32"), ([20, 30], "float32"), ([20, 30], "float64")]

    # uniform_
    full("uniform_", {}, S_ALL, big=True)
    mid("uniform_", {"a": -0.1, "b": 0.1}, S_MID, S_MID64)
    mid("uniform_", {"a": 2, "b": 5}, S_MID, S_MID64)
    mid("uniform_", {"a": 0.3, "b": 0.3}, [[7], [17]], [[7], [17]])
    explicit("uniform_", {"a": -0.1, "b": 0.1}, EXPL_1D)
    # normal_
    full("normal_", {}, S_ALL, big=True)
    mid("normal_", {"mean": 2.0, "std": 3.0}, S_MID, S_MID64)
    mid("normal_", {"mean": 1.5, "std": 0.0}, [[7], [17]], [[7], [17]])
    explicit("normal_", {}, EXPL_1D)
    # trunc_normal_
    full("trunc_normal_", {}, S_ALL)
    mid("trunc_normal_", {"std": 0.02}, S_MID, S_MID64)
    mid("trunc_normal_", {"mean": 0.5, "std": 1.0, "a": 1.0, "b": 1.3}, S_MID, S_MID64)
    mid("trunc_normal_", {"a": 0.0, "b": 0.1}, S_MID, S_MID64)
    mid("trunc_normal_", {"a": -0.5, "b": 0.5}, S_MID, S_MID64)
    explicit("trunc_normal_", {}, EXPL_1D[:2])
    explicit("trunc_normal_", {"a": 0.0, "b": 0.1}, EXPL_1D[2:])
    # plain fills
    mid("constant_", {"val": 0.5}, [[7], [17], [20, 30]], [[7], [17], [20, 30]])
    mid("ones_", {}, [[7], [4, 5]], [[7], [4, 5]])
    mid("zeros_", {}, [[7], [4, 5]], [[7], [4, 5]])
    mid("eye_", {}, [[1, 1], [3, 3], [5, 5], [3, 5], [5, 3]], [[4, 7]])
    for s, kw in [([4, 2, 3], {}), ([4, 2, 3], {"groups": 2}), ([2, 4, 5], {}),
                  ([6, 3, 3, 3], {}), ([6, 3, 3, 3], {"groups": 2}), ([4, 8, 3, 4], {"groups": 2}),
                  ([4, 4, 3, 3, 3], {}), ([4, 2, 3, 3, 3], {"groups": 2})]:
        add("dirac_", kw, s, "float32")
    add("dirac_", {}, [6, 3, 3, 3], "float64")
    add("dirac_", {"groups": 2}, [4, 2, 3, 3, 3], "float64")
    # xavier
    full("xavier_uniform_", {}, S_2D)
    mid("xavier_uniform_", {"gain": 5.0 / 3}, S_MID_2D, S_MID64_2D)
    mid("xavier_uniform_", {"gain": math.sqrt(2.0)}, S_MID_2D, S_MID64_2D)
    explicit("xavier_uniform_", {}, EXPL_2D)
    full("xavier_normal_", {}, S_2D)
    mid("xavier_normal_", {"gain": math.sqrt(2.0)}, S_MID_2D, S_MID64_2D)
    explicit("xavier_normal_", {}, EXPL_2D)
    # kaiming
    for fn, small in (("kaiming_uniform_", False), ("kaiming_normal_", True)):
        full(fn, {}, S_2D)
        s32 = [[3, 5], [20, 30]] if small else S_MID_2D
        s64 = [[3, 5], [10, 10]] if small else S_MID64_2D
        mid(fn, {"a": math.sqrt(5)}, s32, s64)
        mid(fn, {"mode": "fan_out"}, s32, s64)
        mid(fn, {"a": 0, "mode": "fan_in", "nonlinearity": "relu"}, [[4, 4], [20, 30]], [[4, 4], [10, 10]])
        mid(fn, {"a": 0.2, "nonlinearity": "leaky_relu"}, [[4, 4], [20, 30]], [[4, 4], [10, 10]])
        mid(fn, {"a": 0.2, "mode": "fan_out", "nonlinearity": "leaky_relu"}, [[16, 8, 3, 3]], [[4, 3, 3, 3]])
        for nl in ("tanh", "selu", "linear", "sigmoid"):
            mid(fn, {"nonlinearity": nl}, [[3, 5], [20, 30]] if not small else [[20, 30]],
                [[10, 10]] if not small else [[3, 5]])
        explicit(fn, {"a": math.sqrt(5)}, EXPL_2D)
    # orthogonal_
    ORTH_NOTE = "goes through LAPACK QR (MKL): RNG draws are exact, values only to ~1e-6"
    for s in ([1, 1], [1, 7], [3, 5], [4, 4], [10, 4], [4, 10], [8, 8], [3, 4, 5], [4, 2, 3, 3], [16, 8, 3],
              [20, 30], [64, 96]):
        add("orthogonal_", {}, s, "float32", note=ORTH_NOTE)
    for s in ([3, 5], [10, 4], [4, 10], [8, 8], [3, 4, 5], [4, 2, 3, 3]):
        add("orthogonal_", {}, s, "float64", note=ORTH_NOTE)
    add("orthogonal_", {"gain": 2}, [10, 4], "float32", note=ORTH_NOTE)
    add("orthogonal_", {"gain": 2}, [4, 10], "float64", note=ORTH_NOTE)
    add("orthogonal_", {}, [10, 4], "float32", generator="explicit", note=ORTH_NOTE)
    add("orthogonal_", {"gain": 2}, [3, 4, 5], "float64", generator="explicit", note=ORTH_NOTE)
    # sparse_
    for sp in (0.1, 0.25, 0.5, 0.9):
        add("sparse_", {"sparsity": sp}, [20, 30], "float32")
    for sp in (0.1, 0.5):
        add("sparse_", {"sparsity": sp, "std": 0.05}, [20, 30], "float32")
        add("sparse_", {"sparsity": sp, "std": 0.05}, [10, 10], "float64")
    for s in ([1, 1], [3, 5], [4, 4], [7, 2], [32, 64]):
        add("sparse_", {"sparsity": 0.25}, s, "float32")
    add("sparse_", {"sparsity": 0.25}, [10, 10], "float64")
    add("sparse_", {"sparsity": 0.5}, [20, 30], "float32", generator="explicit",
        note="randperm inside sparse_ always uses the default generator")
    add("sparse_", {"sparsity": 0.1, "std": 0.05}, [10, 10], "float64", generator="explicit",
        note="randperm inside sparse_ always uses the default generator")

    ftensors = {}
    for c in cases:
        fn = getattr(init, c["function"])
        t = torch.empty(c["shape"], dtype=DT[c["dtype"]])
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            if c["generator"] == "default":
                torch.manual_seed(c["seed"])
                fn(t, **c["kwargs"])
            else:
                torch.manual_seed(12345)
                g = torch.Generator().manual_seed(c["seed"])
                fn(t, **c["kwargs"], generator=g)
        if ws:
            c["warnings"] = record_warnings(ws)
        store(ftensors, c["id"], t)

    # ---------------------------------------------------------------- sequences
    # Each sequence is Python code run with `torch`, `nn`, `np` in scope; the listed outputs are stored
    # (tensors as "<id>/<name>", Python ints in "scalars" as decimal strings).
    seq_specs = []

    def seq(desc, code, outputs):
        seq_specs.append((desc, code, outputs))

    for dt in ("float32", "float64"):
        for s in (0, 42):
            dtarg = "" if dt == "float32" else ", dtype=torch.float64"
            seq(f"normal_ scalar-path cache ({dt}): odd 15-element scalar draw leaves a cached double; "
                "the 100-element block call ignores it; the next scalar call returns it first",
                f"torch.manual_seed({s})\n"
                f"a = torch.empty(15{dtarg}).normal_()\n"
                f"b = torch.empty(100{dtarg}).normal_()\n"
                f"c = torch.empty(5{dtarg}).normal_(2.0, 3.0)", ["a", "b", "c"])
    seq("normal_ cache across single-element calls",
        "torch.manual_seed(3)\na = torch.empty(1).normal_()\nb = torch.empty(1).normal_()\n"
        "c = torch.empty(3).normal_()\nd = torch.empty(16).normal_()\ne = torch.empty(1).normal_(-1.0, 0.5)",
        ["a", "b", "c", "d", "e"])
    seq("non-contiguous normal_ uses the scalar path (fills x.t() in its logical order)",
        "torch.manual_seed(4)\nx = torch.empty(8, 4)\nx.t().normal_()\na = x\n"
        "y = torch.empty(8, 4, dtype=torch.float64)\ny.t().normal_()\nb = y", ["a", "b"])
    seq("manual_seed clears the normal cache",
        "torch.manual_seed(5)\na = torch.empty(3).normal_()\ntorch.manual_seed(5)\nb = torch.empty(3).normal_()",
        ["a", "b"])
    for s in (0, 42):
        seq("check vectors: rand/randn",
            f"torch.manual_seed({s})\na = torch.rand(8)\nb = torch.rand(4, dtype=torch.float64)\n"
            f"c = torch.randn(8)\nd = torch.randn(16)\ne = torch.randn(33, dtype=torch.float64)\n"
            f"f = torch.rand(20)",
            ["a", "b", "c", "d", "e", "f"])
        seq("check vectors, each from a fresh seed",
            f"torch.manual_seed({s})\na = torch.rand(17)\ntorch.manual_seed({s})\nb = torch.randn(8)\n"
            f"torch.manual_seed({s})\nc = torch.randn(16)\ntorch.manual_seed({s})\nd = torch.randn(16, dtype=torch.float64)",
            ["a", "b", "c", "d"])
        seq("raw MT19937 draws: u32 = raw 32-bit words (numpy RandomState is the same engine; cross-checked "
            "against torch below); r64 = torch int64 random_() = ((w0 << 32) | w1) % 2**63",
            f"u32 = torch.from_numpy(np.random.RandomState({s} & 0xFFFFFFFF).randint(0, 2**32, size=16, dtype=np.uint32).astype(np.int64))\n"
            f"torch.manual_seed({s})\nr64 = torch.empty(8, dtype=torch.int64).random_()\n"
            f"assert r64.tolist() == [((int(u32[2*k]) << 32) | int(u32[2*k+1])) % 2**63 for k in range(8)]",
            ["u32", "r64"])
    for n in (1, 2, 10, 100):
        seq(f"randperm({n})", f"torch.manual_seed(0)\np = torch.randperm({n})\nafter = torch.rand(3)", ["p", "after"])
    seq("randperm consumes n-1 words", "torch.manual_seed(7)\np = torch.randperm(10)\nq = torch.randperm(100)\n"
        "r = torch.rand(4)", ["p", "q", "r"])
    for s in ("0", "42", "2**32+5", "2**63+7", "-1"):
        seq(f"torch.manual_seed({s}): only the low 32 bits seed the engine; initial_seed is the uint64 value",
            f"torch.manual_seed({s})\ninitial_seed = torch.initial_seed()\na = torch.rand(4)\nb = torch.randn(20)\n"
            f"c = torch.randn(3)\nd = torch.randperm(10)", ["initial_seed", "a", "b", "c", "d"])
    seq("torch.Generator() without a seed (default seed 67280421310721)",
        "g = torch.Generator()\ninitial_seed = g.initial_seed()\na = torch.rand(4, generator=g)\n"
        "b = torch.randn(16, generator=g)\nc = torch.randn(3, generator=g)", ["initial_seed", "a", "b", "c"])
    seq("explicit generator leaves the default generator untouched",
        "torch.manual_seed(1)\ng = torch.Generator().manual_seed(1)\na = torch.rand(5, generator=g)\n"
        "b = torch.rand(5)\nc = torch.randn(20, generator=g)\nd = torch.randn(20)", ["a", "b", "c", "d"])

    sequences = []
    for i, (desc, code, outputs) in enumerate(seq_specs):
        sid = f"s{i:03d}"
        ns = {"torch": torch, "nn": nn, "np": np}
        exec(code, ns)
        outs, scalars = [], {}
        for name in outputs:
            v = ns[name]
            if isinstance(v, torch.Tensor):
                key = f"{sid}/{name}"
                store(ftensors, key, v)
                outs.append({"name": name, "key": key, "shape": list(v.shape), "dtype": STDT[v.dtype]})
            else:
                scalars[name] = str(int(v))
        entry = {"id": sid, "description": desc, "code": code, "outputs": outs}
        if scalars:
            entry["scalars"] = scalars
        sequences.append(entry)

    save(ftensors, "functions.safetensors")
    dump_json("functions.json", {
        "generated_by": REGEN_CMD, "do_not_edit": True, "environment": env,
        "semantics": {
            "default": "torch.manual_seed(seed); t = torch.empty(shape, dtype=dtype); torch.nn.init.<function>(t, **kwargs)",
            "explicit": "torch.manual_seed(12345); g = torch.Generator().manual_seed(seed); "
                        "t = torch.empty(shape, dtype=dtype); torch.nn.init.<function>(t, **kwargs, generator=g)",
            "tensor_key": "case id",
            "sequences": "exec(code) with torch, nn, np in scope; each output tensor stored under '<id>/<name>'; "
                         "python ints listed in 'scalars' as decimal strings",
        },
        "cases": cases, "sequences": sequences})

    # ---------------------------------------------------------------- 2. models
    NS = {name: getattr(nn, name) for name in dir(nn) if not name.startswith("_")}
    NS["math"] = math

    def build(spec):
        obj = eval(spec, dict(NS))
        if isinstance(obj, tuple):
            obj = nn.Sequential(*obj)
        return obj

    model_specs = [
        # (spec, seed, dtype)
        ("Linear(10, 5)", 42, "float32"),
        ("Linear(10, 5, bias=False)", 1, "float32"),
        ("Linear(0, 3)", 2, "float32"),
        ("Linear(1, 1)", 3, "float32"),
        ("Linear(3, 7)", 4, "float32"),
        ("Linear(16, 1)", 5, "float32"),
        ("Bilinear(3, 4, 5)", 6, "float32"),
        ("Bilinear(3, 4, 5, bias=False)", 7, "float32"),
        ("Conv1d(4, 8, 3)", 8, "float32"),
        ("Conv1d(4, 8, 5, stride=2, padding=2)", 9, "float32"),
        ("Conv1d(4, 8, 3, groups=2, bias=False)", 10, "float32"),
        ("Conv1d(6, 6, 3, groups=6)", 11, "float32"),
        ("Conv1d(3, 6, 3, padding='same', dilation=2)", 12, "float32"),
        ("Conv2d(3, 16, 3)", 0, "float32"),
        ("Conv2d(3, 16, (3, 5), stride=(2, 2), padding=(1, 1), dilation=(2, 2), bias=False, padding_mode='reflect')", 13, "float32"),
        ("Conv2d(4, 8, 3, groups=2)", 14, "float32"),
        ("Conv2d(4, 8, 3, padding='same')", 15, "float32"),
        ("Conv2d(1, 4, 5, stride=2, padding=1)", 16, "float32"),
        ("Conv2d(8, 8, 3, padding=1, groups=8, padding_mode='circular')", 17, "float32"),
        ("Conv2d(2, 3, (1, 3), padding='valid', bias=False)", 18, "float32"),
        ("Conv3d(2, 4, 3)", 19, "float32"),
        ("Conv3d(4, 4, (1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1), groups=2, bias=False)", 20, "float32"),
        ("ConvTranspose1d(4, 2, 3)", 21, "float32"),
        ("ConvTranspose1d(4, 4, 3, stride=2, output_padding=1, groups=2)", 22, "float32"),
        ("ConvTranspose2d(8, 4, 3, stride=2, output_padding=1)", 23, "float32"),
        ("ConvTranspose2d(4, 8, (3, 2), groups=4, bias=False)", 24, "float32"),
        ("ConvTranspose2d(3, 6, 4, stride=2, padding=1, dilation=2)", 25, "float32"),
        ("ConvTranspose3d(2, 4, 3)", 26, "float32"),
        ("ConvTranspose3d(4, 2, 2, stride=2, output_padding=1, groups=2)", 27, "float32"),
        ("Embedding(10, 3, padding_idx=1)", 28, "float32"),
        ("Embedding(5, 3)", 29, "float32"),
        ("Embedding(20, 8)", 30, "float32"),
        ("Embedding(10, 4, padding_idx=-1)", 31, "float32"),
        ("Embedding(10, 3, max_norm=1.0)", 32, "float32"),
        ("Embedding(4, 4)", 33, "float32"),
        ("Embedding(5, 3), Embedding(5, 3)", 34, "float32"),
        ("Embedding(5, 3), Linear(4, 4), Embedding(1, 1)", 35, "float32"),
        ("LayerNorm(8)", 36, "float32"),
        ("LayerNorm((4, 8), eps=1e-6, elementwise_affine=False)", 37, "float32"),
        ("LayerNorm(8, bias=False)", 38, "float32"),
        ("GroupNorm(2, 8)", 39, "float32"),
        ("GroupNorm(2, 8, affine=False)", 40, "float32"),
        ("BatchNorm1d(16)", 41, "float32"),
        ("BatchNorm2d(16)", 42, "float32"),
        ("BatchNorm3d(4)", 43, "float32"),
        ("BatchNorm2d(8, affine=False)", 44, "float32"),
        ("BatchNorm1d(8, track_running_stats=False)", 45, "float32"),
        ("BatchNorm2d(8, momentum=None)", 46, "float32"),
        ("BatchNorm2d(8, eps=1e-3, momentum=0.01)", 47, "float32"),
        ("RNN(4, 8)", 48, "float32"),
        ("RNN(4, 8, nonlinearity='relu')", 49, "float32"),
        ("RNN(4, 8, bias=False)", 50, "float32"),
        ("RNN(4, 8, num_layers=2)", 51, "float32"),
        ("RNN(4, 8, bidirectional=True)", 52, "float32"),
        ("RNN(4, 8, batch_first=True)", 53, "float32"),
        ("RNN(4, 8, num_layers=2, dropout=0.5)", 54, "float32"),
        ("LSTM(10, 20, num_layers=2, bidirectional=True)", 9, "float32"),
        ("LSTM(4, 8)", 0, "float32"),
        ("LSTM(4, 8, proj_size=3)", 55, "float32"),
        ("LSTM(4, 8, num_layers=2, proj_size=3, bidirectional=True)", 56, "float32"),
        ("LSTM(4, 8, batch_first=True, bias=False)", 57, "float32"),
        ("GRU(4, 8)", 58, "float32"),
        ("GRU(4, 8, num_layers=2, bidirectional=True)", 59, "float32"),
        ("GRU(3, 5, bias=False, batch_first=True)", 60, "float32"),
        ("MultiheadAttention(16, 4)", 0, "float32"),
        ("MultiheadAttention(32, 4, add_bias_kv=True)", 61, "float32"),
        ("MultiheadAttention(16, 4, bias=False)", 62, "float32"),
        ("MultiheadAttention(16, 2, kdim=8, vdim=12)", 63, "float32"),
        ("MultiheadAttention(16, 4, batch_first=True)", 64, "float32"),
        ("MultiheadAttention(8, 2, dropout=0.1, add_zero_attn=True)", 65, "float32"),
        ("Sequential(Linear(4, 8), ReLU(), Sequential(Linear(8, 8), Tanh()), Linear(8, 1))", 66, "float32"),
        ("Linear(4, 8), ReLU(), Sequential(Linear(8, 8), Tanh()), Linear(8, 1)", 66, "float32"),
        ("Sequential()", 0, "float32"),
        ("ModuleList([Linear(2, 2) for _ in range(3)] + [ReLU()])", 67, "float32"),
        ("Conv2d(1, 2, 3), ReLU(), MaxPool2d(2), Flatten(), Linear(2 * 5 * 5, 10)", 68, "float32"),
        ("TransformerEncoderLayer(16, 4, dim_feedforward=32)", 69, "float32"),
        ("Identity()", 0, "float32"),
        ("Flatten()", 0, "float32"),
        ("Flatten(0, 2)", 0, "float32"),
        ("Dropout(0.1)", 0, "float32"),
        ("Dropout(p=0.5, inplace=True)", 0, "float32"),
        ("ReLU()", 0, "float32"),
        ("ReLU(inplace=True)", 0, "float32"),
        ("LeakyReLU()", 0, "float32"),
        ("LeakyReLU(0.2)", 0, "float32"),
        ("ELU()", 0, "float32"),
        ("ELU(alpha=0.5)", 0, "float32"),
        ("SELU()", 0, "float32"),
        ("GELU()", 0, "float32"),
        ("GELU(approximate='tanh')", 0, "float32"),
        ("SiLU()", 0, "float32"),
        ("Tanh()", 0, "float32"),
        ("Sigmoid()", 0, "float32"),
        ("Softplus()", 0, "float32"),
        ("Softplus(beta=2, threshold=10)", 0, "float32"),
        ("Softmax(dim=1)", 0, "float32"),
        ("Softmax()", 0, "float32"),
        ("LogSoftmax(dim=-1)", 0, "float32"),
        ("Linear(784, 256), ReLU(), Linear(256, 10)", 42, "float32"),
        ("Linear(10, 5), Linear(5, 1)", 42, "float32"),
        ("Linear(10, 5)", 1, "float64"),
        ("Conv2d(3, 16, 3)", 0, "float64"),
        ("LSTM(4, 8)", 0, "float64"),
        ("GRU(3, 5)", 70, "float64"),
        ("Embedding(20, 8)", 30, "float64"),
        ("Embedding(5, 3)", 29, "float64"),
        ("MultiheadAttention(16, 4)", 0, "float64"),
        ("BatchNorm1d(4)", 71, "float64"),
        ("Linear(10, 5), ReLU(), Linear(5, 1)", 42, "float64"),
    ]

    mcases, mtensors, mskipped = [], {}, []
    for i, (spec, seed, dtype) in enumerate(model_specs):
        mid_ = f"m{i:03d}"
        torch.set_default_dtype(DT[dtype])
        try:
            with warnings.catch_warnings(record=True) as ws:
                warnings.simplefilter("always")
                torch.manual_seed(seed)
                model = build(spec)
        except Exception as e:  # record and skip
            mskipped.append({"id": mid_, "spec": spec, "seed": seed, "dtype": dtype,
                             "exception_type": type(e).__name__, "message": str(e)})
            continue
        finally:
            torch.set_default_dtype(torch.float32)
        sd = []
        for k, v in model.state_dict().items():
            store(mtensors, f"{mid_}/{k}", v)
            sd.append({"key": k, "shape": list(v.shape), "dtype": STDT[v.dtype]})
        case = {"id": mid_, "spec": spec, "seed": seed, "dtype": dtype, "repr": repr(model), "state_dict": sd}
        if ws:
            case["warnings"] = record_warnings(ws)
        mcases.append(case)
    save(mtensors, "models.safetensors")
    dump_json("models.json", {
        "generated_by": REGEN_CMD, "do_not_edit": True, "environment": env,
        "semantics": "torch.manual_seed(seed); model = <spec with nn. prefixed>; a top-level comma-separated list "
                     "of calls is nn.Sequential(...) of them; float64 cases are built under "
                     "torch.set_default_dtype(torch.float64); tensors stored as '<id>/<state_dict key>' "
                     "(buffers included)",
        "cases": mcases, "skipped": mskipped})

    # ---------------------------------------------------------------- 3. tutorial
    tutorial_src = '''
class SimpleNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 5)
        self.fc2 = nn.Linear(5, 1)
        nn.init.kaiming_uniform_(self.fc1.weight, nonlinearity='relu')
        nn.init.kaiming_uniform_(self.fc2.weight, nonlinearity='relu')
        nn.init.zeros_(self.fc1.bias)
        nn.init.zeros_(self.fc2.bias)

class UniformNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 5)
        self.fc2 = nn.Linear(5, 1)
        nn.init.uniform_(self.fc1.weight, -0.1, 0.1)
        nn.init.uniform_(self.fc2.weight, -0.1, 0.1)
        nn.init.zeros_(self.fc1.bias)
        nn.init.zeros_(self.fc2.bias)

class XavierNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 5)
        self.fc2 = nn.Linear(5, 1)
        nn.init.xavier_uniform_(self.fc1.weight)
        nn.init.xavier_uniform_(self.fc2.weight)
        nn.init.zeros_(self.fc1.bias)
        nn.init.zeros_(self.fc2.bias)

class ConstantNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(10, 5)
        self.fc2 = nn.Linear(5, 1)
        nn.init.constant_(self.fc1.weight, 0.5)
        nn.init.constant_(self.fc2.weight, 0.5)
        nn.init.zeros_(self.fc1.bias)
        nn.init.zeros_(self.fc2.bias)
'''
    tns = {"nn": nn}
    exec(tutorial_src, tns)
    tcases, ttensors = [], {}
    for name in ("SimpleNN", "UniformNN", "XavierNN", "ConstantNN"):
        torch.manual_seed(42)
        model = tns[name]()
        sd = []
        for k, v in model.state_dict().items():
            store(ttensors, f"{name}/{k}", v)
            sd.append({"key": k, "shape": list(v.shape), "dtype": STDT[v.dtype]})
        tcases.append({"id": name, "class": name, "seed": 42, "dtype": "float32", "repr": repr(model),
                       "state_dict": sd})
    save(ttensors, "tutorial.safetensors")
    dump_json("tutorial.json", {
        "generated_by": REGEN_CMD, "do_not_edit": True, "environment": env,
        "semantics": "torch.manual_seed(42); model = <class>(); tensors stored as '<class>/<state_dict key>'. "
                     "Note nn.Linear's own reset_parameters runs (and consumes RNG) before the explicit inits.",
        "source": tutorial_src.strip("\n") + "\n", "cases": tcases})

    # ---------------------------------------------------------------- 4. errors
    error_specs = [
        "torch.nn.init.uniform_(torch.empty(3, 3), a=1.0, b=0.0)",
        "torch.empty(3).uniform_(1, 0)",
        "torch.nn.init.normal_(torch.empty(3, 3), mean=0.0, std=-1.0)",
        "torch.manual_seed(0)\nresult = torch.nn.init.trunc_normal_(torch.empty(3, 3), std=-1.0)",
        "torch.nn.init.kaiming_uniform_(torch.empty(5))",
        "torch.nn.init.kaiming_normal_(torch.empty(5))",
        "torch.nn.init.xavier_uniform_(torch.empty(5))",
        "torch.nn.init.xavier_normal_(torch.empty(5))",
        "torch.nn.init.eye_(torch.empty(3, 3, 3))",
        "torch.nn.init.eye_(torch.empty(3))",
        "torch.nn.init.dirac_(torch.empty(3, 3))",
        "torch.nn.init.dirac_(torch.empty(3, 2, 3), groups=2)",
        "torch.nn.init.orthogonal_(torch.empty(5))",
        "torch.nn.init.sparse_(torch.empty(3, 3, 3), sparsity=0.1)",
        "torch.manual_seed(0)\nresult = torch.nn.init.sparse_(torch.empty(4, 3), sparsity=1.5)",
        "torch.manual_seed(0)\nresult = torch.nn.init.sparse_(torch.empty(4, 3), sparsity=-0.1)",
        "torch.manual_seed(0)\nresult = torch.nn.init.sparse_(torch.empty(4, 3), sparsity=0.0)",
        "result = torch.nn.init.calculate_gain('relu6')",
        "result = torch.nn.init.calculate_gain('leaky_relu', True)",
        "result = torch.nn.init.calculate_gain('leaky_relu', 'x')",
        "result = torch.nn.init.calculate_gain('leaky_relu', 0.2)",
        "result = torch.nn.init.calculate_gain('conv_transpose2d')",
        "torch.nn.init.kaiming_uniform_(torch.empty(3, 3), mode='fan_avg')",
        "torch.nn.init.kaiming_normal_(torch.empty(3, 3), mode='FAN_OUT')\nresult = 'accepted (mode is lower-cased)'",
        "torch.manual_seed(0)\nresult = torch.nn.init.trunc_normal_(torch.empty(5), mean=5.0, std=1.0, a=-1.0, b=1.0)",
        "torch.manual_seed(0)\nresult = torch.nn.init.kaiming_uniform_(torch.empty(0, 3))",
        "torch.manual_seed(0)\nresult = torch.nn.init.kaiming_normal_(torch.empty(3, 0))",
        "torch.nn.init.xavier_uniform_(torch.empty(0, 0))",
        "torch.manual_seed(0)\nresult = torch.nn.init.xavier_uniform_(torch.empty(0, 3))",
        "torch.manual_seed(0)\nresult = torch.nn.init.orthogonal_(torch.empty(0, 3))",
        "result = torch.nn.init.uniform(torch.empty(3))",
        "nn.Linear(-1, 3)",
        "nn.Conv2d(3, 16, 3, groups=2)",
        "nn.Conv2d(4, 15, 3, groups=2)",
        "nn.Conv2d(3, 16, 3, stride=2, padding='same')",
        "nn.GroupNorm(3, 8)",
        "nn.Embedding(10, 3, padding_idx=10)",
        "nn.Embedding(10, 3, padding_idx=-11)",
        "nn.LSTM(4, 8, proj_size=8)",
        "nn.RNN(4, 8, nonlinearity='gelu')",
        "nn.RNN(4, 8, dropout=0.5)",
        "nn.MultiheadAttention(10, 3)",
        "nn.Dropout(1.5)",
        "nn.Dropout(-0.1)",
        "torch.manual_seed(2**64)",
        "torch.manual_seed(-2**63 - 1)",
        "torch.manual_seed(42.7)\nresult = torch.initial_seed()",
        "torch.manual_seed('1')\nresult = torch.initial_seed()",
        "torch.manual_seed(1.5e300)",
    ]
    errors = []
    for i, code in enumerate(error_specs):
        ns = {"torch": torch, "nn": nn, "math": math}
        entry = {"id": f"e{i:03d}", "code": code}
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            try:
                exec(code, ns)
                entry["raised"] = False
            except Exception as e:
                entry["raised"] = True
                entry["exception_type"] = type(e).__name__
                entry["message"] = str(e)
        entry["warnings"] = record_warnings(ws)
        if "result" in ns:
            r = ns["result"]
            if isinstance(r, torch.Tensor):
                entry["result"] = {"shape": list(r.shape), "count_nonzero": int((r != 0).sum()),
                                   "values": r.flatten().tolist() if r.numel() <= 16 else None}
            else:
                entry["result"] = r if isinstance(r, (int, float, str)) else repr(r)
        errors.append(entry)
    torch.manual_seed(0)
    dump_json("errors.json", {
        "generated_by": REGEN_CMD, "do_not_edit": True, "environment": env,
        "semantics": "exec(code) with torch, nn, math in scope under warnings.catch_warnings(record=True) + "
                     "simplefilter('always'); exception_type = type(e).__name__, message = str(e); 'result' "
                     "summarises a `result` variable if the code set one",
        "cases": errors})

    print(json.dumps({"capability": env["cpu_capability"], "function_cases": len(cases),
                      "sequences": len(sequences), "model_cases": len(mcases), "model_skipped": len(mskipped),
                      "errors": len(errors)}))


# --------------------------------------------------------------------------------------------------
# Parent: run the children, compare, write manifest + README
# --------------------------------------------------------------------------------------------------


def run_child(outdir, capability):
    env = dict(os.environ)
    env.pop("ATEN_CPU_CAPABILITY", None)
    if capability is not None:
        env["ATEN_CPU_CAPABILITY"] = capability
    r = subprocess.run([sys.executable, os.path.abspath(__file__), CHILD_FLAG, outdir], env=env,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise SystemExit(f"child run failed (ATEN_CPU_CAPABILITY={capability})")
    return json.loads(r.stdout.strip().splitlines()[-1])


ST_FILES = ("functions", "models", "tutorial")


def load_all(d):
    from safetensors.torch import load_file
    return {f: load_file(os.path.join(d, f + ".safetensors")) for f in ST_FILES}


def json_without_env(path):
    with open(path) as f:
        obj = json.load(f)
    obj.pop("environment", None)
    return obj


def compare_dirs(a, b):
    """Returns per-file, per-group stats: {file: {group: {"cases", "differing", "max_abs_diff", ...}}}."""
    import torch
    ta, tb = load_all(a), load_all(b)
    groups = {}
    with open(os.path.join(a, "functions.json")) as f:
        fj = json.load(f)
    fgroup = {c["id"]: c["function"] for c in fj["cases"]}
    for s in fj["sequences"]:
        fgroup[s["id"]] = "sequence:" + s["id"]
    with open(os.path.join(a, "models.json")) as f:
        mj = json.load(f)
    mgroup = {c["id"]: c["spec"] + (" [float64]" if c["dtype"] == "float64" else "") for c in mj["cases"]}
    result = {}
    total_diff_tensors = 0
    for fname in ST_FILES:
        A, B = ta[fname], tb[fname]
        assert set(A) == set(B), fname
        stats = {}
        for key in sorted(A):
            case = key.split("/")[0]
            if fname == "functions":
                group = fgroup[case]
            elif fname == "models":
                group = mgroup[case]
            else:
                group = case
            x, y = A[key], B[key]
            st = stats.setdefault(group, {"cases": set(), "differing_cases": set(), "tensors": 0,
                                          "differing_tensors": 0, "differing_elements": 0, "elements": 0,
                                          "max_abs_diff": 0.0})
            st["cases"].add(case)
            st["tensors"] += 1
            st["elements"] += x.numel()
            same = x.dtype == y.dtype and x.shape == y.shape and \
                x.contiguous().view(-1).view(torch.uint8).equal(y.contiguous().view(-1).view(torch.uint8)) \
                if x.numel() else True
            if not same:
                total_diff_tensors += 1
                st["differing_tensors"] += 1
                st["differing_cases"].add(case)
                if x.dtype.is_floating_point:
                    d = (x.double() - y.double()).abs()
                    st["max_abs_diff"] = max(st["max_abs_diff"], float(d.max()))
                    st["differing_elements"] += int((x != y).sum())
                else:
                    st["differing_elements"] += int((x != y).sum())
                    st["max_abs_diff"] = max(st["max_abs_diff"], float((x.double() - y.double()).abs().max()))
        for g, st in stats.items():
            st["cases"] = len(st["cases"])
            st["differing_cases"] = len(st["differing_cases"])
        result[fname] = stats
    # non-tensor content (reprs, errors, case lists) must agree too
    json_diffs = [n for n in ("functions.json", "models.json", "tutorial.json", "errors.json")
                  if json_without_env(os.path.join(a, n)) != json_without_env(os.path.join(b, n))]
    return result, total_diff_tensors, json_diffs


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


AARCH64_HEADING = "## aarch64 (the arm64 wheel, under qemu)"


def aarch64_readme_section():
    """README lines describing aarch64/ (written by Scripts/compare_torch_aarch64.py --write), or []."""
    path = os.path.join(OUT_ROOT, "aarch64", "README.md")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        body = f.read().rstrip("\n").split("\n")[1:]  # without its title
    return [AARCH64_HEADING, "", "From `aarch64/README.md`:"] + \
        ["#" + line if line.startswith("#") else line for line in body] + [""]


def parent_main():
    caps = [("vectorized", None), ("scalar", "default")]
    summaries = {}
    for name, cap in caps:
        d = os.path.join(OUT_ROOT, name)
        if os.path.isdir(d):
            shutil.rmtree(d)
        summaries[name] = run_child(d, cap)
        print(f"[{name}] {summaries[name]}")

    tmp = tempfile.mkdtemp(prefix="nninit_avx2_")
    try:
        summaries["avx2"] = run_child(tmp, "avx2")
        print(f"[avx2 check] {summaries['avx2']}")
        avx2_stats, avx2_ntd, avx2_json = compare_dirs(os.path.join(OUT_ROOT, "vectorized"), tmp)
    finally:
        shutil.rmtree(tmp)
    vs_stats, vs_ntd, vs_json = compare_dirs(os.path.join(OUT_ROOT, "vectorized"), os.path.join(OUT_ROOT, "scalar"))

    import torch
    env = environment()
    native_cap = summaries["vectorized"]["capability"]
    avx2_identical = avx2_ntd == 0 and not avx2_json
    avx2_finding = {
        "native_capability": native_cap,
        "compared": f"ATEN_CPU_CAPABILITY=avx2 vs native ({native_cap})",
        "bit_identical": avx2_identical,
        "differing_tensors": avx2_ntd,
        "differing_json_files": avx2_json,
        "avx2_run_reported_capability": summaries["avx2"]["capability"],
    }

    def diff_table(stats):
        out = {}
        for fname, groups in stats.items():
            out[fname] = {g: {k: st[k] for k in ("cases", "differing_cases", "tensors", "differing_tensors",
                                                  "elements", "differing_elements", "max_abs_diff")}
                          for g, st in groups.items()}
        return out

    files = []
    for name, _ in caps:
        d = os.path.join(OUT_ROOT, name)
        for fn in sorted(os.listdir(d)):
            p = os.path.join(d, fn)
            files.append({"path": f"{name}/{fn}", "bytes": os.path.getsize(p), "sha256": sha256(p)})

    manifest = {
        "generated_by": REGEN_CMD,
        "do_not_edit": "Generated files: do not edit by hand; change Scripts/make_torch_fixtures.py and rerun.",
        "environment": env,
        "capabilities": {
            "vectorized": {"ATEN_CPU_CAPABILITY": None, "reported": summaries["vectorized"]["capability"],
                           "meaning": "native AVX2/AVX512: fma in uniform_, Cephes Fill16 for float32 normal_ (n>=16)"},
            "scalar": {"ATEN_CPU_CAPABILITY": "default", "reported": summaries["scalar"]["capability"],
                       "meaning": "DEFAULT build: no fma in uniform_, libm log/sin/cos in normal_ Fill16"},
        },
        "counts": summaries["vectorized"],
        "avx2_vs_native": avx2_finding,
        "vectorized_vs_scalar": {"differing_tensors": vs_ntd, "differing_json_files": vs_json,
                                 "by_file_and_group": diff_table(vs_stats)},
        "files": files,
    }
    with open(os.path.join(OUT_ROOT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")

    # README
    L = []
    L.append("# PyTorch reference fixtures (generated)")
    L.append("")
    L.append(f"Generated by `Scripts/make_torch_fixtures.py` — regenerate with `{REGEN_CMD}` (needs torch, numpy, "
             "safetensors). **Do not edit these files by hand.** Swift tests and CI only read them.")
    L.append("")
    L.append(f"* torch {env['torch_version']} (git {env['torch_git_version']}), numpy {env['numpy_version']}, "
             f"safetensors {env['safetensors_version']}, Python {env['python_version']}")
    L.append(f"* {env['platform']}; CPU: {env['cpu_model']}; native capability: {native_cap}")
    L.append("* `vectorized/` — native capability (AVX2/AVX512: FMA in `uniform_`, Cephes Fill16 for float32 "
             "`normal_` with ≥16 contiguous elements)")
    L.append("* `scalar/` — `ATEN_CPU_CAPABILITY=default` (no FMA, libm `logf/sinf/cosf`)")
    L.append("* `aarch64/` — the aarch64 wheel (FMA, libm `logf/sinf/cosf`), made under qemu by "
             "`Scripts/check_torch_aarch64.sh --write`; not touched by this script (see below)")
    L.append("* `manifest.json` — environment, file sizes and sha256, full comparison tables")
    L.append("")
    L.append("Each directory holds `functions.json/.safetensors` (nn.init cases + RNG sequences), "
             "`models.json/.safetensors` (module state_dicts + repr), `tutorial.json/.safetensors` and "
             "`errors.json`. See the `semantics` field of each JSON file.")
    L.append("")
    L.append("## AVX2 vs native")
    L.append("")
    if avx2_identical:
        L.append(f"`ATEN_CPU_CAPABILITY=avx2` gives **bit-identical** results to the native {native_cap} run for "
                 f"every tensor and every JSON field (checked at generation time), so `vectorized/` "
                 "is valid for both AVX2 and AVX512 machines.")
    else:
        L.append(f"**`ATEN_CPU_CAPABILITY=avx2` differs from native {native_cap}**: {avx2_ntd} tensors, "
                 f"JSON files {avx2_json}. See manifest.json.")
    L.append("")
    L.append("## vectorized vs scalar")
    L.append("")
    L.append(f"{vs_ntd} tensors differ in total. JSON (reprs, errors, case lists) differing: "
             f"{', '.join(vs_json) if vs_json else 'none'}.")
    L.append("")
    L.append("| file | group | cases | differing cases | differing elements / total | max abs diff |")
    L.append("|---|---|---:|---:|---:|---:|")
    for fname in ST_FILES:
        groups = vs_stats[fname]
        if fname == "functions":
            fn_groups = {g: s for g, s in groups.items() if not g.startswith("sequence:")}
            seq_groups = {g: s for g, s in groups.items() if g.startswith("sequence:")}
            rows = list(fn_groups.items())
            agg = {"cases": 0, "differing_cases": 0, "elements": 0, "differing_elements": 0, "max_abs_diff": 0.0}
            for s in seq_groups.values():
                for k in ("cases", "differing_cases", "elements", "differing_elements"):
                    agg[k] += s[k]
                agg["max_abs_diff"] = max(agg["max_abs_diff"], s["max_abs_diff"])
            rows.append(("(sequences)", agg))
        elif fname == "models":
            diff_rows = [(g, s) for g, s in groups.items() if s["differing_cases"]]
            same = [s for g, s in groups.items() if not s["differing_cases"]]
            rows = sorted(diff_rows)
            if same:
                rows.append((f"(other {len(same)} specs, identical)", {
                    "cases": sum(s["cases"] for s in same), "differing_cases": 0,
                    "elements": sum(s["elements"] for s in same), "differing_elements": 0, "max_abs_diff": 0.0}))
        else:
            rows = sorted(groups.items())
        for g, s in rows:
            L.append(f"| {fname} | `{g}` | {s['cases']} | {s['differing_cases']} | "
                     f"{s['differing_elements']} / {s['elements']} | {s['max_abs_diff']:.3g} |")
    L.append("")
    L += aarch64_readme_section()
    L.append("## Files")
    L.append("")
    L.append("| file | bytes |")
    L.append("|---|---:|")
    for f in files:
        L.append(f"| {f['path']} | {f['bytes']} |")
    L.append("")
    with open(os.path.join(OUT_ROOT, "README.md"), "w") as f:
        f.write("\n".join(L))

    total = sum(f["bytes"] for f in files)
    print(f"avx2 vs {native_cap}: {'bit-identical' if avx2_identical else 'DIFFERENT'} ({avx2_ntd} tensors)")
    print(f"vectorized vs scalar: {vs_ntd} differing tensors; json diffs: {vs_json}")
    print(f"wrote {len(files)} files, {total} bytes under {OUT_ROOT}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == CHILD_FLAG:
        child_main(sys.argv[2])
    else:
        parent_main()
