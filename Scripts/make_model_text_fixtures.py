#!/usr/bin/env python3
"""Generate the fixtures of `nninit init --model-file` and init plans (Tests/Fixtures/modeltext/).

For each case, the model is built after torch.manual_seed(SEED), then re-initialized as the case's
Python loop does; the script records print(model) (the --model-file input), and the state dict:

  <case>.txt            print(model), exactly as PyTorch prints it (plus Parameter lines, see gpt)
  cases.json            per case: seed, repr, state-dict keys in order, dtype and shape per key, and
                        per key the FNV-1a-64 of the tensor's little-endian bytes (bit identity) and
                        its first values as float64
  gpt.safetensors       the small custom GPT's state dicts in full ("<case>/<key>")

Cases:
  resnet18           torchvision.models.resnet18(): torchvision's own init loop runs in its __init__
                     (self.modules() pre-order: kaiming_normal_(fan_out, relu) on Conv2d.weight,
                     constant 1/0 on BatchNorm2d weight/bias; Linear keeps PyTorch's default)
  mobilenet_v2       torchvision.models.mobilenet_v2(): its init loop (self.modules(): kaiming_normal_(fan_out)
                     on Conv2d.weight, zeros_ on Conv2d.bias, ones_/zeros_ on BatchNorm2d, normal_(0, 0.01)
                     and zeros_ on Linear)
  gpt_default        a two-block GPT in plain nn.Module code, PyTorch's default init only
  gpt_nanogpt        the same model after nanoGPT's model.apply(_init_weights) (post-order):
                     normal_(std=0.02) on Linear and Embedding weights, zeros_ on Linear biases

The plan files (resnet18.plan.json, mobilenet_v2.plan.json, gpt_nanogpt.plan.json) are NNInit's input, written by hand in
NNInit's canonical JSON form; they are not generated.

Regenerate (needs torch 2.15 and torchvision; the Swift tests never run Python):

    /work/venv/bin/python Scripts/make_model_text_fixtures.py

Generated files: DO NOT EDIT BY HAND -- change this script and regenerate.
"""

import json
import os
import struct

import torch
import torch.nn as nn
import torchvision
from safetensors.torch import save_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "modeltext")
SEED = 7


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def tensor_bytes(t: torch.Tensor) -> bytes:
    return t.detach().contiguous().cpu().numpy().astype(t.detach().cpu().numpy().dtype.newbyteorder("<")).tobytes()


class Block(nn.Module):
    def __init__(self, d, heads, dropout):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d)
        self.attn = CausalSelfAttention(d, heads, dropout)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = MLP(d, dropout)


class CausalSelfAttention(nn.Module):
    def __init__(self, d, heads, dropout):
        super().__init__()
        self.c_attn = nn.Linear(d, 3 * d)
        self.c_proj = nn.Linear(d, d)
        self.attn_dropout = nn.Dropout(dropout)
        self.resid_dropout = nn.Dropout(dropout)
        self.heads = heads


class MLP(nn.Module):
    def __init__(self, d, dropout):
        super().__init__()
        self.c_fc = nn.Linear(d, 4 * d)
        self.gelu = nn.GELU(approximate="tanh")
        self.c_proj = nn.Linear(4 * d, d)
        self.dropout = nn.Dropout(dropout)


class GPT(nn.Module):
    """A two-block GPT written as users write it: free parameter, Embedding, ModuleList of blocks."""

    def __init__(self, vocab=50, block_size=8, d=32, heads=4, layers=2, dropout=0.1):
        super().__init__()
        self.pos_emb = nn.Parameter(torch.empty(1, block_size, d).normal_(mean=0.0, std=0.02))
        self.wte = nn.Embedding(vocab, d)
        self.drop = nn.Dropout(dropout)
        self.h = nn.ModuleList([Block(d, heads, dropout) for _ in range(layers)])
        self.ln_f = nn.LayerNorm(d)
        self.lm_head = nn.Linear(d, vocab, bias=False)


def nanogpt_init(module):
    if isinstance(module, nn.Linear):
        torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)
        if module.bias is not None:
            torch.nn.init.zeros_(module.bias)
    elif isinstance(module, nn.Embedding):
        torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)


# The free parameter print(model) does not show, declared as NNInit's model-file syntax allows.
GPT_PARAMETER_LINE = "  (pos_emb): Parameter((1, 8, 32), normal_(mean=0.0, std=0.02))"


def gpt_text(model):
    lines = repr(model).split("\n")
    return "\n".join([lines[0], GPT_PARAMETER_LINE] + lines[1:]) + "\n"


def record(model):
    sd = model.state_dict()
    entries = []
    for key, t in sd.items():
        flat = t.detach().reshape(-1)
        entries.append({
            "key": key,
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            "fnv1a64": "%016x" % fnv1a64(tensor_bytes(t)),
            "first": [float(x) for x in flat[:4].tolist()],
        })
    return {"seed": SEED, "repr": repr(model), "state": entries}


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = {}

    torch.manual_seed(SEED)
    resnet = torchvision.models.resnet18()
    with open(os.path.join(OUT, "resnet18.txt"), "w") as f:
        f.write(repr(resnet) + "\n")
    cases["resnet18"] = record(resnet)

    torch.manual_seed(SEED)
    mobilenet = torchvision.models.mobilenet_v2()
    with open(os.path.join(OUT, "mobilenet_v2.txt"), "w") as f:
        f.write(repr(mobilenet) + "\n")
    cases["mobilenet_v2"] = record(mobilenet)

    tensors = {}
    torch.manual_seed(SEED)
    gpt = GPT()
    with open(os.path.join(OUT, "gpt.txt"), "w") as f:
        f.write(gpt_text(gpt))
    cases["gpt_default"] = record(gpt)
    tensors.update({"gpt_default/" + k: v.contiguous() for k, v in gpt.state_dict().items()})

    torch.manual_seed(SEED)
    gpt = GPT()
    gpt.apply(nanogpt_init)
    cases["gpt_nanogpt"] = record(gpt)
    tensors.update({"gpt_nanogpt/" + k: v.contiguous() for k, v in gpt.state_dict().items()})

    header = {"generated_by": "Scripts/make_model_text_fixtures.py -- DO NOT EDIT",
              "torch": torch.__version__, "torchvision": torchvision.__version__}
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump({"header": header, "cases": cases}, f, indent=1)
        f.write("\n")
    save_file(tensors, os.path.join(OUT, "gpt.safetensors"), metadata={"generated_by": header["generated_by"]})


if __name__ == "__main__":
    main()
