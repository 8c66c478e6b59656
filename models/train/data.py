"""Corpus loading, encoding and length-bucketed batching for training and evaluation."""
import json
import random

import torch

from wordpiece import PAD, UNK, WordPiece, frame

LABELS = ["benign", "recon_scan", "web_scan", "web_exploit", "credential_access",
          "privilege_escalation", "command_and_control", "exfiltration"]
MAX_LEN = 192
TAIL = 24


def read_corpus(path):
    """Records of the JSONL corpus written by models/gen/main.ts."""
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def encode(records, vocab, max_len=MAX_LEN):
    wp = WordPiece(vocab)
    return [frame(wp.encode(r["text"]), max_len, TAIL)[0] for r in records]


def batches(seqs, labels, batch_size, shuffle, rng=None):
    """Yields (input_ids, attention_mask, labels, index) batches of similar length, so
    little compute goes to padding. With shuffle, the bucket order is random too."""
    order = list(range(len(seqs)))
    if shuffle:
        rng.shuffle(order)
        chunks = [order[i:i + batch_size * 50] for i in range(0, len(order), batch_size * 50)]
        order = [i for c in chunks for i in sorted(c, key=lambda j: len(seqs[j]))]
    else:
        order.sort(key=lambda j: len(seqs[j]))
    groups = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
    if shuffle:
        rng.shuffle(groups)
    for g in groups:
        width = max(len(seqs[j]) for j in g)
        ids = torch.full((len(g), width), PAD, dtype=torch.long)
        mask = torch.zeros((len(g), width), dtype=torch.long)
        for r, j in enumerate(g):
            ids[r, : len(seqs[j])] = torch.tensor(seqs[j])
            mask[r, : len(seqs[j])] = 1
        y = torch.tensor([labels[j] for j in g]) if labels is not None else None
        yield ids, mask, y, g


def token_dropout(ids, mask, p, gen):
    """Replaces a fraction p of real tokens (not [CLS]/[SEP]) with [UNK]: the model must
    not lean on any single token, since real logs carry names and values it never saw."""
    drop = (torch.rand(ids.shape, generator=gen) < p) & (mask == 1)
    drop[:, 0] = False
    lengths = mask.sum(1)
    drop[torch.arange(ids.shape[0]), lengths - 1] = False
    return torch.where(drop, torch.full_like(ids, UNK), ids)
