"""Checks `nninit init` against real PyTorch, end to end (not run by the tests; needs torch).

For every model SPEC in Tests/Fixtures/torch/vectorized/models.json (plus float64 runs) and every
constructor case of modules.json (every torch.nn class; Lazy* cases need an input shape, which the CLI
does not take, so they are skipped), runs
`nninit init --model SPEC --seed N --print --output F`, then in PyTorch builds the same model after
`torch.manual_seed(N)`, loads F with `safetensors.torch.load_file` + `load_state_dict(strict=True)`
and compares every tensor bit for bit and the printed repr character for character.

Usage: python Scripts/check_cli_with_torch.py [path/to/nninit]   (default .build/debug/nninit)
"""
import json, math, subprocess, sys, tempfile, os, warnings
import torch, torch.nn as nn
from safetensors.torch import load_file

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/nninit"
cases = json.load(open("Tests/Fixtures/torch/vectorized/models.json"))["cases"]
cases += [dict(c, dtype="float32") for c in json.load(open("Tests/Fixtures/torch/vectorized/modules.json"))["cases"]
          if "input_shape" not in c]
unsupported = ("for _ in",)
namespace = {name: getattr(nn, name) for name in dir(nn)}
namespace["math"] = math
ok = bad = 0
with tempfile.TemporaryDirectory() as tmp:
    for case in cases:
        spec, seed, dtype = case["spec"], case["seed"], case["dtype"]
        if any(u in spec for u in unsupported):
            continue
        out = os.path.join(tmp, case["id"] + ".safetensors")
        run = subprocess.run([binary, "init", "--model", spec, "--seed", str(seed), "--dtype", dtype, "--print", "--output", out],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print("FAIL", case["id"], spec, run.stderr.strip()); bad += 1; continue
        torch.set_default_dtype(torch.float64 if dtype == "float64" else torch.float32)
        torch.manual_seed(seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            built = eval(spec, namespace)
        model = nn.Sequential(*built) if isinstance(built, tuple) else built
        torch.set_default_dtype(torch.float32)
        reference = {k: v.clone() for k, v in model.state_dict().items()}
        loaded = load_file(out)
        model.load_state_dict(loaded, strict=True)
        same = all(torch.equal(reference[k], loaded[k]) and reference[k].dtype == loaded[k].dtype for k in reference)
        same_repr = run.stdout.rstrip("\n") == repr(model)
        if same and same_repr and set(loaded) == set(reference):
            ok += 1
        else:
            bad += 1
            print("FAIL", case["id"], spec, "tensors equal:", same, "repr equal:", same_repr)
print(f"{ok} passed, {bad} failed")
sys.exit(1 if bad else 0)
