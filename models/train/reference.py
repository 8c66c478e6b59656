"""The Python side of the parity tests: token ids and PyTorch fp32 logits for model texts.

Usage: /usr/bin/python3 models/train/reference.py MODEL_DIR < texts.jsonl
Reads {"text": ...} per line; prints {"ids": [...], "logits": [...]} per line, in order.
"""
import json
import sys

import torch

from export import load
from wordpiece import WordPiece, frame, load_vocab


def main():
    model_dir = sys.argv[1]
    torch.set_num_threads(1)
    model, cfg = load(model_dir)
    wp = WordPiece(load_vocab(model_dir))
    for line in sys.stdin:
        if not line.strip():
            continue
        ids, _ = frame(wp.encode(json.loads(line)["text"]), cfg["max_position_embeddings"],
                       cfg["insyt_tail_tokens"])
        with torch.no_grad():
            t = torch.tensor([ids])
            logits = model(t, torch.ones_like(t))[0].tolist()
        print(json.dumps({"ids": ids, "logits": logits}))


if __name__ == "__main__":
    main()
