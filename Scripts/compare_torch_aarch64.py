#!/usr/bin/env python3
"""Compare PyTorch's aarch64 results (made under qemu by Scripts/check_torch_aarch64.sh) with the x86-64 fixtures.

    python Scripts/compare_torch_aarch64.py OUT [--write]

OUT holds one directory per aarch64 CPU capability (`default`, `sve128`, `sve256`), each the output of
`Scripts/make_torch_fixtures.py --child` run by the aarch64 torch wheel. This script (run on the host, with
x86 torch + safetensors, like make_torch_fixtures.py):

  1. checks every capability reported what it was meant to run (DEFAULT / SVE128 / SVE256) and that all of
     them give bit-identical tensors and JSON (so one aarch64 fixture stands for every aarch64 machine);
  2. prints, per init function / model, how many cases differ from the x86 `vectorized/` and `scalar/`
     fixtures (Tests/Fixtures/torch/) -- the evidence for NNInit's `arm64` flavor (fused multiply-add as
     `vectorized`, libm normal_ as `scalar`);
  3. without --write: checks that the committed Tests/Fixtures/torch/aarch64/ equals a fresh run bit for bit;
     with --write: (re)writes Tests/Fixtures/torch/aarch64/ (functions, sequences, tutorial, and the models
     with at most MAX_MODEL_ELEMENTS elements, to keep the fixture small) and its README.md.

Exit status 0 only if every check passes.
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_torch_fixtures as mtf  # noqa: E402  (compare_dirs, environment, sha256)

FIXTURES = os.path.join(mtf.OUT_ROOT, "aarch64")
CAPABILITIES = [("default", "DEFAULT", "SVE vector length 512 bits (qemu's default): no SVE128/SVE256 kernels"),
                ("sve128", "SVE128", "SVE vector length 128 bits (like Neoverse V2 / Graviton4 / Grace)"),
                ("sve256", "SVE256", "SVE vector length 256 bits (like Neoverse V1 / Graviton3)")]
MAX_MODEL_ELEMENTS = 50_000
REGEN_CMD = "Scripts/check_torch_aarch64.sh --write"


def capability_of(d):
    with open(os.path.join(d, "functions.json")) as f:
        return json.load(f)["environment"]


def aggregate(stats_list):
    return {"cases": sum(s["cases"] for s in stats_list),
            "differing_cases": sum(s["differing_cases"] for s in stats_list),
            "elements": sum(s["elements"] for s in stats_list),
            "differing_elements": sum(s["differing_elements"] for s in stats_list)}


def table(vs_vectorized, vs_scalar):
    """Markdown: per init function (sequences together) and per model differing from either x86 flavor,
    the cases and elements that differ from each."""
    L = ["| file | group | cases | ≠ vectorized: cases (elements) | ≠ scalar: cases (elements) |",
         "|---|---|---:|---:|---:|"]

    def row(fname, label, a, b):
        L.append(f"| {fname} | {label} | {a['cases']} | {a['differing_cases']} ({a['differing_elements']}) | "
                 f"{b['differing_cases']} ({b['differing_elements']}) |")

    fv, fs = vs_vectorized["functions"], vs_scalar["functions"]
    for g in sorted(g for g in fv if not g.startswith("sequence:")):
        row("functions", f"`{g}`", aggregate([fv[g]]), aggregate([fs[g]]))
    seq = sorted(g for g in fv if g.startswith("sequence:"))
    row("functions", "(sequences)", aggregate([fv[g] for g in seq]), aggregate([fs[g] for g in seq]))
    for fname in ("models", "tutorial"):
        gv, gs = vs_vectorized[fname], vs_scalar[fname]
        differing = sorted(g for g in gv if gv[g]["differing_cases"])
        for g in differing:
            row(fname, f"`{g}`", aggregate([gv[g]]), aggregate([gs[g]]))
        same = [g for g in gv if g not in differing]
        if same:
            row(fname, f"(the other {len(same)}: identical to vectorized)", aggregate([gv[g] for g in same]),
                aggregate([gs[g] for g in same]))
    return L


def write_fixtures(src):
    """Copies functions/tutorial and the small models of `src` to Tests/Fixtures/torch/aarch64/."""
    from safetensors.torch import load_file, save_file
    os.makedirs(FIXTURES, exist_ok=True)
    for name in ("functions.json", "functions.safetensors", "tutorial.json", "tutorial.safetensors"):
        with open(os.path.join(src, name), "rb") as f:
            data = f.read()
        with open(os.path.join(FIXTURES, name), "wb") as f:
            f.write(data)
    with open(os.path.join(src, "models.json")) as f:
        models = json.load(f)
    tensors = load_file(os.path.join(src, "models.safetensors"))
    kept, dropped = [], []
    for case in models["cases"]:
        n = sum(tensors[f"{case['id']}/{e['key']}"].numel() for e in case["state_dict"])
        (kept if n <= MAX_MODEL_ELEMENTS else dropped).append(case)
    models["cases"] = kept
    models["dropped_for_size"] = [{"id": c["id"], "spec": c["spec"]} for c in dropped]
    keep = {c["id"] for c in kept}
    save_file({k: v for k, v in tensors.items() if k.split("/")[0] in keep},
              os.path.join(FIXTURES, "models.safetensors"))
    os.chmod(os.path.join(FIXTURES, "models.safetensors"), 0o644)
    with open(os.path.join(FIXTURES, "models.json"), "w") as f:
        f.write("{\n" + ",\n".join(
            f" {json.dumps(k)}: [\n" + ",\n".join("  " + json.dumps(e, ensure_ascii=False) for e in v) + "\n ]"
            if isinstance(v, list) and v and isinstance(v[0], dict) else f" {json.dumps(k)}: {json.dumps(v)}"
            for k, v in models.items()) + "\n}\n")
    return dropped


def update_fixtures_readme():
    """Replaces the aarch64 section of Tests/Fixtures/torch/README.md (written by make_torch_fixtures.py)."""
    path = os.path.join(mtf.OUT_ROOT, "README.md")
    with open(path) as f:
        text = f.read()
    start = text.find(mtf.AARCH64_HEADING)
    end = text.find("## Files")
    if end < 0:
        raise SystemExit(f"{path}: no '## Files' section; regenerate it with make_torch_fixtures.py")
    head = text[:start] if start >= 0 else text[:end]
    with open(path, "w") as f:
        f.write(head + "\n".join(mtf.aarch64_readme_section()) + "\n" + text[end:])


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    write = "--write" in sys.argv[1:]
    if len(args) != 1:
        raise SystemExit(__doc__)
    out = args[0]
    failures = []

    envs = {}
    for sub, expected, _ in CAPABILITIES:
        env = capability_of(os.path.join(out, sub))
        envs[sub] = env
        ok = env["cpu_capability"] == expected and env["machine"] == "aarch64"
        print(f"[{sub}] torch {env['torch_version']} on {env['machine']}: capability {env['cpu_capability']} "
              f"({'ok' if ok else 'expected ' + expected})")
        if not ok:
            failures.append(f"{sub} reported {env['cpu_capability']} on {env['machine']}, expected {expected}")

    base = os.path.join(out, "default")
    for sub, _, _ in CAPABILITIES[1:]:
        _, ntd, jd = mtf.compare_dirs(base, os.path.join(out, sub))
        print(f"[{sub} vs default] differing tensors: {ntd}; differing JSON: {jd or 'none'}")
        if ntd or jd:
            failures.append(f"{sub} differs from default: {ntd} tensors, JSON {jd}")

    ref = {}
    for flavor in ("vectorized", "scalar"):
        stats, ntd, jd = mtf.compare_dirs(base, os.path.join(mtf.OUT_ROOT, flavor))
        ref[flavor] = stats
        print(f"[aarch64 vs x86 {flavor}] differing tensors: {ntd}; differing JSON: {jd or 'none'}")
    lines = table(ref["vectorized"], ref["scalar"])
    print("\n".join(lines))

    if write:
        dropped = write_fixtures(base)
        env = envs["default"]
        R = ["# PyTorch's aarch64 results (generated)", "",
             f"Generated by `{REGEN_CMD}` (Debian bookworm arm64 Python under `qemu-aarch64`, the "
             "manylinux aarch64 torch wheel from PyPI; `Scripts/compare_torch_aarch64.py --write` writes this "
             "directory). **Do not edit by hand.**", "",
             f"* torch {env['torch_version']} (git {env['torch_git_version']}), numpy {env['numpy_version']}, "
             f"Python {env['python_version']}, {env['platform']}",
             "* the same cases as `../vectorized/` (`Scripts/make_torch_fixtures.py --child`), made with the "
             "DEFAULT capability; runs with SVE128 and SVE256 (qemu `-cpu max,sve-default-vector-length=16/32`) "
             "gave bit-identical tensors and JSON:"]
        R += [f"  * `{e}` — {why}" for _, e, why in CAPABILITIES]
        R += ["* files: `functions.*` (every nn.init case and RNG sequence), `tutorial.*`, and `models.*` "
              f"without the models of more than {MAX_MODEL_ELEMENTS} elements "
              f"({', '.join('`' + d['spec'] + '`' for d in dropped) or 'none'}); `errors.json` is identical "
              "to x86's and not repeated.", "",
             "## Against the x86-64 fixtures", "",
             "NNInit's `arm64` flavor (fused multiply-add like `vectorized`, libm `logf`/`sinf`/`cosf` like "
             "`scalar`) reproduces this directory; each x86 flavor alone does not:", ""]
        R += lines
        R += ["", "`orthogonal_` differs from both x86 fixtures in the last bits because PyTorch computes its QR with "
              "LAPACK (NVPL in the aarch64 wheel, MKL on x86-64); NNInit's tests compare it with a tolerance.", ""]
        with open(os.path.join(FIXTURES, "README.md"), "w") as f:
            f.write("\n".join(R))
        update_fixtures_readme()
        print(f"wrote {FIXTURES}")
    else:
        import torch
        from safetensors.torch import load_file

        def same(x, y):
            return x.shape == y.shape and x.dtype == y.dtype and \
                x.contiguous().view(-1).view(torch.uint8).equal(y.contiguous().view(-1).view(torch.uint8))
        for name in ("functions", "tutorial", "models"):
            committed = load_file(os.path.join(FIXTURES, name + ".safetensors"))
            fresh = load_file(os.path.join(base, name + ".safetensors"))
            bad = [k for k, v in committed.items() if k not in fresh or not same(v, fresh[k])]
            print(f"[committed aarch64/{name}] {len(committed)} tensors, {len(bad)} differ from this run")
            if bad:
                failures.append(f"aarch64/{name}: {len(bad)} tensors differ from this run, e.g. {bad[:3]}")

    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        raise SystemExit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
