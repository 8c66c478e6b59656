"""Masked-token pretraining of the encoder on unlabeled log text, before fine-tuning on labels.

The head is DistilBertForMaskedLM's (vocab_transform, GELU, vocab_layer_norm, vocab_projector
tied to the word embeddings); it is thrown away afterwards, so the exported classifier keeps
the same graph. BERT's recipe: 15 % of the real tokens are chosen, 80 % of those become
[MASK], 10 % a random token, 10 % stay; the loss is read only at the chosen positions.
What is read: every distinct model text the training sources produce, labelled or not
(`pretrain_texts`), never a line of an evaluation set or of a left-out family.
"""
import math
import random

import torch
from torch import nn

from data import batches
from progress import Progress
from wordpiece import MASK, SPECIALS

CHOSEN, TO_MASK, TO_RANDOM = 0.15, 0.8, 0.1


class MaskedLmHead(nn.Module):
    def __init__(self, encoder):
        super().__init__()
        d = encoder.word_embeddings.weight.shape[1]
        self.vocab_transform = nn.Linear(d, d)
        self.vocab_layer_norm = nn.LayerNorm(d, eps=1e-12)
        self.bias = nn.Parameter(torch.zeros(encoder.word_embeddings.weight.shape[0]))
        self.emb = encoder.word_embeddings

    def forward(self, h):
        h = self.vocab_layer_norm(nn.functional.gelu(self.vocab_transform(h)))
        return h @ self.emb.weight.T + self.bias


def mask_tokens(ids, attn, vocab_size, gen):
    """(masked input ids, chosen positions) following BERT's 80/10/10 recipe."""
    real = attn.bool() & (ids >= len(SPECIALS))
    chosen = (torch.rand(ids.shape, generator=gen) < CHOSEN) & real
    r = torch.rand(ids.shape, generator=gen)
    out = ids.clone()
    out[chosen & (r < TO_MASK)] = MASK
    swap = chosen & (r >= TO_MASK) & (r < TO_MASK + TO_RANDOM)
    out[swap] = torch.randint(len(SPECIALS), vocab_size, (int(swap.sum()),), generator=gen)
    return out, chosen


def pretrain(model, seqs, epochs, seed, batch_size=64, lr=1e-3):
    """Trains `model`'s encoder (in place) to restore masked tokens of `seqs`; returns the
    last smoothed loss."""
    if epochs <= 0 or not seqs:
        return None
    torch.manual_seed(seed)
    rng, gen = random.Random(seed), torch.Generator().manual_seed(seed)
    head = MaskedLmHead(model)
    params = list(model.parameters()) + [p for n, p in head.named_parameters()
                                         if not n.startswith("emb.")]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    total = math.ceil(len(seqs) / batch_size) * epochs
    warm = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / (total - warm))))
    vocab_size = model.word_embeddings.weight.shape[0]
    bar = Progress(total, "pretrain (masked tokens)")
    step, avg = 0, None
    model.train()
    for _ in range(epochs):
        for ids, attn, _, _ in batches(seqs, None, batch_size, True, rng):
            inp, chosen = mask_tokens(ids, attn, vocab_size, gen)
            if not chosen.any():
                continue
            h = model.hidden_states(inp, attn)
            loss = nn.functional.cross_entropy(head(h[chosen]), ids[chosen])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            step += 1
            avg = loss.item() if avg is None else 0.98 * avg + 0.02 * loss.item()
            bar.update(step, f"loss {avg:.3f}")
    if step < total:
        bar.update(total, f"loss {avg:.3f}")
    return avg


def pretrain_texts(*sources, exclude=frozenset()):
    """Distinct texts of the records of `sources`, minus those of families in `exclude`."""
    seen = {}
    for recs in sources:
        for r in recs:
            if r.get("text") and r.get("family") not in exclude:
                seen.setdefault(r["text"], r)
    return list(seen.values())
