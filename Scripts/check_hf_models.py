#!/usr/bin/env python3
"""Checks NNInit's Hugging Face checkpoints against transformers (the reference), and writes the
fixture the Swift tests compare against (so `swift test` never needs Python).

    /work/venv/bin/python Scripts/check_hf_models.py --write-fixture      # Tests/Fixtures/hf/layouts.json
    /work/venv/bin/python Scripts/check_hf_models.py --nninit .build/debug/nninit

For every config in Configs/hf (full size) and Tests/Fixtures/hf/tiny:
  * the tensor names and shapes `nninit show --hf-config` lists equal the checkpoint layout of
    `AutoModelForCausalLM.from_config(config)` built on the meta device (its state dict without tied
    weights, with `revert_weight_conversion` applied — exactly what `save_pretrained` writes), and
    the parameter count equals `model.num_parameters()`.
For every tiny config, the checkpoint `nninit init --hf-config … --generator philox` writes:
  * loads with `from_pretrained(DIR, output_loading_info=True)` with no missing, unexpected or
    mismatched keys, and the loaded weights equal the file's (nothing re-initialized);
  * a forward pass gives finite logits;
  * per tensor, mean and std agree with `torch.manual_seed(0); from_config(config)` (float32) within
    sampling error (5 standard errors, plus bfloat16/float16 rounding), constant tensors exactly.
"""
import argparse, glob, json, math, os, subprocess, sys, tempfile, warnings

import torch
import transformers
from safetensors import safe_open
from transformers import AutoConfig, AutoModelForCausalLM
from transformers.core_model_loading import revert_weight_conversion
from transformers.modeling_utils import remove_tied_weights_from_state_dict

warnings.filterwarnings("ignore")
transformers.logging.set_verbosity_error()
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FULL = sorted(glob.glob(os.path.join(ROOT, "Configs/hf/*.json")))
TINY = sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/hf/tiny/*.json")))
FIXTURE = os.path.join(ROOT, "Tests/Fixtures/hf/layouts.json")


def reference_layout(path):
    """(checkpoint layout {name: shape} in save order, num_parameters) of transformers' model."""
    config = AutoConfig.from_pretrained(path)
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
    state = remove_tied_weights_from_state_dict(model.state_dict(), model)
    state = revert_weight_conversion(model, state)
    return {k: list(v.shape) for k, v in state.items()}, model.num_parameters()


def nninit_layout(nninit, path):
    """({name: shape}, total parameters) from `nninit show --hf-config`."""
    out = subprocess.run([nninit, "show", "--hf-config", path], check=True, capture_output=True, text=True).stdout
    layout, total = {}, None
    for line in out.splitlines()[1:]:
        parts = line.split("  ")
        if line.startswith("total parameters:"):
            total = int(line.split(":")[1])
        elif len(parts) > 2 and parts[0] and "(" in line and not line.startswith(" "):
            name = parts[0]
            shape = line[line.index("(") + 1 : line.index(")")]
            layout[name] = [int(d) for d in shape.split(",") if d.strip()]
    return layout, total


def write_fixture():
    fixture = {"transformers_version": transformers.__version__, "torch_version": torch.__version__, "configs": {}}
    for path in FULL + TINY:
        layout, count = reference_layout(path)
        entry = {"total_parameters": count, "tensor_count": len(layout), "total_elements": sum(math.prod(s) for s in layout.values())}
        if path in TINY:
            entry["tensors"] = [[k, v] for k, v in layout.items()]
        fixture["configs"][os.path.relpath(path, ROOT)] = entry
    with open(FIXTURE, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote {FIXTURE} ({len(fixture['configs'])} configs, transformers {transformers.__version__})")


def check_layouts(nninit):
    ok = True
    for path in FULL + TINY:
        ref, count = reference_layout(path)
        ours, total = nninit_layout(nninit, path)
        same = ref == ours and count == total
        missing, extra = set(ref) - set(ours), set(ours) - set(ref)
        shapes = [k for k in set(ref) & set(ours) if ref[k] != ours[k]]
        print(f"{'OK ' if same else 'BAD'} layout {os.path.relpath(path, ROOT)}: {len(ours)} tensors, {total} parameters "
              f"(transformers {count}){'' if same else f'; missing {sorted(missing)[:5]} extra {sorted(extra)[:5]} shapes {shapes[:5]}'}")
        ok &= same
    return ok


def tolerances(std, n, dtype):
    """5 standard errors of the difference of two independent samples' std (σ/√n) and mean (σ·√(2/n)),
    plus the 16-bit rounding of the stored values."""
    rounding = {torch.bfloat16: 2**-8, torch.float16: 2**-11}.get(dtype, 0.0) * std
    return 5 * std / math.sqrt(n) + rounding + 1e-12, 5 * std * math.sqrt(2 / n) + rounding + 1e-12


def check_checkpoint(nninit, path, workdir):
    out = os.path.join(workdir, os.path.basename(path)[:-5])
    subprocess.run([nninit, "init", "--hf-config", path, "--generator", "philox", "--seed", "1", "--output-dir", out],
                   check=True, capture_output=True)
    model, info = AutoModelForCausalLM.from_pretrained(out, output_loading_info=True)
    problems = [f"{k}={v}" for k, v in info.items() if v]
    files = sorted(glob.glob(os.path.join(out, "*.safetensors")))
    stored = {}
    for file in files:
        with safe_open(file, "pt") as f:
            for k in f.keys():
                stored[k] = f.get_tensor(k)
    loaded = revert_weight_conversion(model, remove_tied_weights_from_state_dict(model.state_dict(), model))
    changed = [k for k, v in stored.items() if not torch.equal(loaded[k].to(v.dtype), v)]
    if changed:
        problems.append(f"re-initialized on load: {changed[:3]}")
    with torch.no_grad():
        logits = model(torch.arange(8).reshape(1, 8) % model.config.vocab_size).logits
    if not torch.isfinite(logits).all():
        problems.append("non-finite logits")

    torch.manual_seed(0)
    reference = AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(path), dtype=torch.float32)
    ref = revert_weight_conversion(reference, remove_tied_weights_from_state_dict(reference.state_dict(), reference))
    worst = 0.0
    for k, v in stored.items():
        ours, theirs = v.float(), ref[k].float()
        if theirs.numel() < 2:
            continue
        if theirs.std() == 0:
            if not torch.equal(ours, theirs):
                problems.append(f"{k}: constant {theirs.flatten()[0].item()} expected")
            continue
        rows = ours.flatten(), theirs.flatten()
        if (rows[1] == 0).sum() != (rows[0] == 0).sum():
            problems.append(f"{k}: {int((rows[0] == 0).sum())} zeros, transformers {int((rows[1] == 0).sum())}")
        s_ours, s_ref = ours.std().item(), theirs.std().item()
        std_tol, mean_tol = tolerances(s_ref, theirs.numel(), v.dtype)
        d_std, d_mean = abs(s_ours - s_ref), abs(ours.mean().item() - theirs.mean().item())
        worst = max(worst, d_std / std_tol, d_mean / mean_tol)
        if d_std > std_tol or d_mean > mean_tol:
            problems.append(f"{k}: std {s_ours:.5g} mean {ours.mean().item():.3g} vs transformers std {s_ref:.5g} mean {theirs.mean().item():.3g}")
    status = "OK " if not problems else "BAD"
    dtypes = sorted({str(v.dtype).replace("torch.", "") for v in stored.values()})
    print(f"{status} load {os.path.basename(path)}: {len(stored)} tensors in {len(files)} file(s) {dtypes}, "
          f"missing/unexpected/mismatched empty: {not any(info.values())}, logits finite: {bool(torch.isfinite(logits).all())}, "
          f"worst |Δstd|,|Δmean| = {worst:.2f} of tolerance{'' if not problems else '; ' + '; '.join(problems[:4])}")
    return not problems


def check_sharded(nninit, workdir):
    """A sharded checkpoint (tiny --max-shard-size) loads the same way, and its index is the one
    `from_config(config).save_pretrained(DIR, max_shard_size=…)` writes, byte for byte."""
    path = os.path.join(ROOT, "Tests/Fixtures/hf/tiny/llama.json")
    out = os.path.join(workdir, "sharded")
    subprocess.run([nninit, "init", "--hf-config", path, "--generator", "philox", "--output-dir", out, "--max-shard-size", "100KB"],
                   check=True, capture_output=True)
    model, info = AutoModelForCausalLM.from_pretrained(out, output_loading_info=True)
    again = os.path.join(workdir, "resaved")
    AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(path)).save_pretrained(again, max_shard_size="100KB")
    ours = json.load(open(os.path.join(out, "model.safetensors.index.json")))
    theirs = json.load(open(os.path.join(again, "model.safetensors.index.json")))
    same_index = ours == theirs
    same_text = open(os.path.join(out, "model.safetensors.index.json")).read() == open(os.path.join(again, "model.safetensors.index.json")).read()
    ok = not any(info.values()) and same_index and same_text
    print(f"{'OK ' if ok else 'BAD'} sharded llama: {len(set(ours['weight_map'].values()))} files, loads cleanly: {not any(info.values())}, "
          f"index equal to from_config().save_pretrained()'s: {same_index} (byte for byte: {same_text})")
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--write-fixture", action="store_true")
    parser.add_argument("--nninit", default=os.path.join(ROOT, ".build/debug/nninit"))
    args = parser.parse_args()
    if args.write_fixture:
        return write_fixture()
    print(f"transformers {transformers.__version__}, torch {torch.__version__}")
    ok = check_layouts(args.nninit)
    with tempfile.TemporaryDirectory() as workdir:
        for path in TINY:
            ok &= check_checkpoint(args.nninit, path, workdir)
        ok &= check_sharded(args.nninit, workdir)
    print("ALL OK" if ok else "FAILURES")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
