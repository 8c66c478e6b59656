"""Trains the classifier: corpus -> WordPiece vocab -> DistilBERT-architecture model.

Usage: /usr/bin/python3 models/train/train.py --corpus FILE --out DIR [--epochs N]
Trains on the corpus records with split == "train" (the held-out scenarios are never
seen) and writes DIR/config.json, tokenizer files and DIR/model.pt. Seeded: the same corpus
and flags give the same weights.
"""
import argparse
import json
import math
import random
import sys
import time

import torch

from data import LABELS, MAX_LEN, TAIL, batches, encode, read_corpus, token_dropout
from model import DistilBertClassifier, default_config
from progress import Progress
from wordpiece import learn_vocab, save_tokenizer


def train_model(seqs, labels, cfg, epochs, seed, batch_size=64, lr=1e-3, label="train"):
    """Trains a fresh model; returns it in eval mode."""
    torch.manual_seed(seed)
    rng = random.Random(seed)
    gen = torch.Generator().manual_seed(seed)
    model = DistilBertClassifier(cfg)
    decay = [p for n, p in model.named_parameters() if p.dim() > 1]
    no_decay = [p for n, p in model.named_parameters() if p.dim() <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01},
                             {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    steps_per_epoch = math.ceil(len(seqs) / batch_size)
    total = steps_per_epoch * epochs
    warm = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
    bar = Progress(total, label)
    step, avg = 0, None
    model.train()
    for _ in range(epochs):
        for ids, mask, y, _ in batches(seqs, labels, batch_size, True, rng):
            ids = token_dropout(ids, mask, 0.1, gen)
            loss = loss_fn(model(ids, mask), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            avg = loss.item() if avg is None else 0.98 * avg + 0.02 * loss.item()
            bar.update(step, f"loss {avg:.3f}")
    model.eval()
    return model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--vocab-size", type=int, default=8000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--hidden-dim", type=int, default=256, help="FFN width")
    ap.add_argument("--max-len", type=int, default=MAX_LEN, help="tokens read per line")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    t0 = time.time()
    records = [r for r in read_corpus(args.corpus) if r["split"] == "train"]
    rng = random.Random(args.seed)
    vocab_sample = rng.sample(records, min(len(records), 60000))
    print(f"learning a {args.vocab_size}-token vocabulary from {len(vocab_sample)} lines",
          file=sys.stderr)
    vocab = learn_vocab([r["text"] for r in vocab_sample], args.vocab_size)
    save_tokenizer(vocab, args.max_len, args.out)
    seqs = encode(records, vocab, args.max_len)
    labels = [LABELS.index(r["label"]) for r in records]
    lens = sorted(len(s) for s in seqs)
    print(f"{len(seqs)} training lines, {len(vocab)} tokens; tokens/line median "
          f"{lens[len(lens) // 2]}, p95 {lens[int(len(lens) * .95)]}, "
          f"truncated {sum(l == args.max_len for l in lens)}", file=sys.stderr)
    cfg = default_config(len(vocab), LABELS, args.max_len, TAIL)
    cfg["hidden_dim"] = args.hidden_dim
    model = train_model(seqs, labels, cfg, args.epochs, args.seed)
    torch.save(model.state_dict(), f"{args.out}/model.pt")
    with open(f"{args.out}/config.json", "w") as f:
        json.dump(cfg, f, indent=2)
    print(f"trained in {time.time() - t0:.0f}s -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
