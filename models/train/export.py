"""Exports a trained model to ONNX (fp32) and writes an int8 dynamically-quantised copy.

Usage: /usr/bin/python3 models/train/export.py DIR
Reads DIR/config.json + DIR/model.pt; writes DIR/onnx/model.onnx and
DIR/onnx/model_quantized.onnx (inputs input_ids, attention_mask -> logits; dynamic batch
and sequence). Quantisation uses only the `onnx` package: each MatMul with a constant
weight becomes DynamicQuantizeLinear -> MatMulInteger (per-column symmetric int8 weights)
-> Cast -> Mul by the scales, the pattern onnxruntime's quantize_dynamic emits; the word
embedding table is stored int8 behind a per-row DequantizeLinear.
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

from model import DistilBertClassifier


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


def quantize(src, dst):
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
        g.initializer.extend([numpy_helper.from_array(wq, base + "_Wq"),
                              numpy_helper.from_array(scale.astype(np.float32), base + "_Ws")])
        drop.add(w.name)
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [n.input[0]],
                             [base + "_Aq", base + "_As", base + "_Az"]),
            helper.make_node("MatMulInteger", [base + "_Aq", base + "_Wq", base + "_Az"],
                             [base + "_I"]),
            helper.make_node("Cast", [base + "_I"], [base + "_F"], to=TensorProto.FLOAT),
            helper.make_node("Mul", [base + "_As", base + "_Ws"], [base + "_S"]),
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


def main():
    model_dir = sys.argv[1]
    model, _ = load(model_dir)
    os.makedirs(f"{model_dir}/onnx", exist_ok=True)
    export_fp32(model, f"{model_dir}/onnx/model.onnx")
    quantize(f"{model_dir}/onnx/model.onnx", f"{model_dir}/onnx/model_quantized.onnx")
    for f in ("model.onnx", "model_quantized.onnx"):
        print(f"{f}: {os.path.getsize(f'{model_dir}/onnx/{f}') / 1e6:.2f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
