#!/usr/bin/env python3
"""Checks what the README's seed-tutorial program printed and wrote against PyTorch's output.

    check_tutorial_output.py STDOUT_FILE SAFETENSORS_FILE FIXTURE_JSON FIXTURE_SAFETENSORS

The expected repr and weights are PyTorch's (Tests/Fixtures/torch/vectorized/tutorial.*, made by
Scripts/make_torch_fixtures.py): `torch.manual_seed(42); SimpleNN()`. Standard library only.
"""
import json
import struct
import sys


def tensors(path):
    """name → (dtype, shape, raw bytes) of a safetensors file."""
    data = open(path, "rb").read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    header.pop("__metadata__", None)
    body = data[8 + length :]
    return {k: (v["dtype"], v["shape"], body[v["data_offsets"][0] : v["data_offsets"][1]]) for k, v in header.items()}


def main():
    stdout, written, fixture_json, fixture_tensors = sys.argv[1:5]
    case = next(c for c in json.load(open(fixture_json))["cases"] if c["id"] == "SimpleNN")
    printed = open(stdout).read()
    failures = []
    if not printed.startswith(case["repr"] + "\n"):
        failures.append("print(model) differs from PyTorch's repr:\n%s\nexpected:\n%s" % (printed, case["repr"]))
    mine, reference = tensors(written), tensors(fixture_tensors)
    keys = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"]
    if list(mine) != keys:
        failures.append("state dict keys %s, expected %s" % (list(mine), keys))
    for key in keys:
        if key in mine and mine[key] != reference["SimpleNN/" + key]:
            failures.append("%s differs from PyTorch's" % key)
    for failure in failures:
        print("FAIL:", failure)
    print("tutorial output: %s" % ("matches PyTorch (repr and %d tensors)" % len(keys) if not failures else "DIFFERS"))
    sys.exit(1 if failures else 0)


main()
