"""PyTorch baseline for `deno task bench`: classifies the same lines with the same weights.

Usage: /usr/bin/python3 models/train/bench_torch.py MODEL_DIR TEXTS_JSONL THREADS
Tokenises and runs the fp32 model over {"text"} records (batches of 64 sorted by length,
like the WASM classifier) and prints {"lines": N, "seconds": S, "lines_per_s": R}.
"""
import json
import sys
import time

import torch

from data import batches
from export import load
from wordpiece import WordPiece, frame, load_vocab


def main():
    model_dir, path, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    torch.set_num_threads(threads)
    model, cfg = load(model_dir)
    wp = WordPiece(load_vocab(model_dir))
    with open(path) as f:
        texts = [json.loads(l)["text"] for l in f if l.strip()]
    t0 = time.perf_counter()
    max_len, tail = cfg["max_position_embeddings"], cfg["insyt_tail_tokens"]
    seqs = [frame(wp.encode(t), max_len, tail)[0] for t in texts]
    with torch.no_grad():
        for ids, mask, _, _ in batches(seqs, None, 64, False):
            model(ids, mask).argmax(-1)
    dt = time.perf_counter() - t0
    print(json.dumps({"lines": len(texts), "seconds": dt, "lines_per_s": len(texts) / dt}))


if __name__ == "__main__":
    main()
