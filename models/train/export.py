"""Exports a trained model to ONNX (fp32) and writes an int8 quantised copy.

Usage: /usr/bin/python3 models/train/export.py DIR --corpus FILE [--lab DIR]
Reads DIR/config.json + DIR/model.pt; writes DIR/onnx/model.onnx and
DIR/onnx/model_quantized.onnx (inputs input_ids, attention_mask -> logits; dynamic batch
and sequence). Quantisation uses only the `onnx` package: each MatMul with a constant
weight becomes QuantizeLinear -> MatMulInteger (per-column symmetric int8 weights) -> Cast ->
Mul by the scales. The activations' scales are static, fitted on training lines (generator
corpus and the lab's training split), not DynamicQuantizeLinear's scale per batch, which made a
line's scores depend on the lines batched with it. The word embedding table is stored int8
behind a per-row DequantizeLinear.
"""
import argparse
import json
import os
import random
import sys

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

from data import batches, encode, read_corpus
from model import DistilBertClassifier
from real import load_real
from wordpiece import load_vocab


def load(model_dir):
    with open(f"{model_dir}/config.json") as f:
        cfg = json.load(f)
    model = DistilBertClassifier(cfg)
    model.load_state_dict(torch.load(f"{model_dir}/model.pt"))
    model.eval()
    return model, cfg


def export_fp32(model, path):
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]])
    mask = (ids != 0).long()
    torch.onnx.export(model, (ids, mask), path, input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], opset_version=14,
                      dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                                    "attention_mask": {0: "batch", 1: "sequence"},
                                    "logits": {0: "batch"}})


def activation_ranges(model, seqs):
    """(min, max) of each linear layer's input over the calibration sequences, keyed by the
    name of its MatMul node in the exported graph ("/blocks.0/q_lin/MatMul")."""
    ranges, hooks = {}, []

    def record(name, x):
        lo, hi = float(x.min()), float(x.max())
        old = ranges.get(name, (lo, hi))
        ranges[name] = (min(old[0], lo), max(old[1], hi))
    for name, m in model.named_modules():
        if isinstance(m, torch.nn.Linear):
            key = "/" + "/".join(name.rsplit(".", 1)) + "/MatMul"  # blocks.0.q_lin
            hooks.append(m.register_forward_hook(lambda _m, inp, _out, k=key: record(k, inp[0])))
    with torch.no_grad():
        for ids, mask, _, _ in batches(seqs, None, 64, False):
            model(ids, mask)
    for h in hooks:
        h.remove()
    return ranges


def quantize(src, dst, ranges):
    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    nodes, drop = [], set()
    for n in g.node:
        w = inits.get(n.input[1]) if n.op_type == "MatMul" and len(n.input) == 2 else None
        if w is None or len(w.dims) != 2:
            nodes.append(n)
            continue
        wf = numpy_helper.to_array(w).astype(np.float32)
        scale = np.maximum(np.abs(wf).max(axis=0), 1e-8) / 127.0
        wq = np.clip(np.round(wf / scale), -127, 127).astype(np.int8)
        base = n.output[0]
        g.initializer.append(numpy_helper.from_array(wq, base + "_Wq"))
        drop.add(w.name)
        lo, hi = ranges[n.name]
        lo, hi = min(lo, 0.0), max(hi, 0.0)
        a_scale = max(hi - lo, 1e-6) / 255.0
        zero = int(np.clip(np.round(-lo / a_scale), 0, 255))
        # One fixed scale per activation, fitted on training lines: a line's scores never
        # depend on the lines batched with it, as they did with DynamicQuantizeLinear's
        # per-batch scale. Values outside the fitted range saturate (QuantizeLinear clips).
        g.initializer.extend([
            numpy_helper.from_array(np.array(a_scale, np.float32), base + "_As"),
            numpy_helper.from_array(np.array(zero, np.uint8), base + "_Az"),
            numpy_helper.from_array((a_scale * scale).astype(np.float32), base + "_S")])
        nodes += [
            helper.make_node("QuantizeLinear", [n.input[0], base + "_As", base + "_Az"],
                             [base + "_Aq"]),
            helper.make_node("MatMulInteger", [base + "_Aq", base + "_Wq", base + "_Az"],
                             [base + "_I"]),
            helper.make_node("Cast", [base + "_I"], [base + "_F"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [base + "_F", base + "_S"], [base]),
        ]
    for n in nodes:
        if n.op_type == "Gather" and n.input[0] in inits and len(inits[n.input[0]].dims) == 2 \
                and inits[n.input[0]].dims[0] > 1000:
            w = inits[n.input[0]]
            wf = numpy_helper.to_array(w).astype(np.float32)
            scale = np.maximum(np.abs(wf).max(axis=1), 1e-8) / 127.0
            wq = np.clip(np.round(wf / scale[:, None]), -127, 127).astype(np.int8)
            name = w.name
            g.initializer.extend([
                numpy_helper.from_array(wq, name + "_q"),
                numpy_helper.from_array(scale.astype(np.float32), name + "_s"),
                numpy_helper.from_array(np.zeros(len(scale), np.int8), name + "_z")])
            drop.add(name)
            nodes.insert(0, helper.make_node("DequantizeLinear", [name + "_q", name + "_s", name + "_z"],
                                             [name + "_dq"], axis=0))
            n.input[0] = name + "_dq"
            break
    kept = [i for i in g.initializer if i.name not in drop]
    del g.initializer[:]
    g.initializer.extend(kept)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, dst)


def calibration_seqs(model_dir, cfg, corpus, lab, n=2000, seed=1):
    """Token ids of `n` generator lines and `n` lab and fixture lines of the training split,
    drawn with a fixed seed: the lines the activation ranges are fitted on."""
    rng = random.Random(seed)
    gen = read_corpus(corpus)
    real = [r for r in load_real(lab) if r["split"] == "train"] if os.path.isdir(lab) else []
    picked = rng.sample(gen, min(n, len(gen))) + rng.sample(real, min(n, len(real)))
    return encode(picked, load_vocab(model_dir), cfg["max_position_embeddings"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--corpus", required=True, help="generator corpus (JSONL with text)")
    ap.add_argument("--lab", default="data/lab/", help="lab + fixtures (training split used)")
    args = ap.parse_args()
    model, cfg = load(args.dir)
    os.makedirs(f"{args.dir}/onnx", exist_ok=True)
    export_fp32(model, f"{args.dir}/onnx/model.onnx")
    ranges = activation_ranges(model, calibration_seqs(args.dir, cfg, args.corpus, args.lab))
    quantize(f"{args.dir}/onnx/model.onnx", f"{args.dir}/onnx/model_quantized.onnx", ranges)
    for f in ("model.onnx", "model_quantized.onnx"):
        print(f"{f}: {os.path.getsize(f'{args.dir}/onnx/{f}') / 1e6:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
