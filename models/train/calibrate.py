"""The operating point, chosen on real validation lines the model never trained on.

1. Temperature scaling: one scalar T that minimises the negative log-likelihood of
   softmax(logits / T) on the validation lines, so `score` means what it says (label smoothing
   and a small model leave raw softmax outputs mis-scaled).
2. Benign threshold: the largest P(benign) cut (on the tempered probabilities) that flags at
   most `fpr` of the validation benign lines, i.e. the most attack recall that false-positive
   budget allows.

Both go into config.json (`insyt_temperature`, `insyt_benign_threshold`), which
lib/classify/classifier.ts and models/train/evaluate.py apply the same way.
"""
import numpy as np


def softmax(logits, temperature=1.0):
    z = logits / temperature
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def nll(logits, y, temperature):
    p = softmax(logits, temperature)
    return float(-np.log(np.maximum(p[np.arange(len(y)), y], 1e-12)).mean())


def fit_temperature(logits, y):
    """T on a log grid from 0.25 to 8, refined once around the best grid point."""
    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 61))
    best = min(grid, key=lambda t: nll(logits, y, t))
    fine = np.linspace(best / 1.06, best * 1.06, 25)
    return float(min(fine, key=lambda t: nll(logits, y, t)))


def benign_threshold(p_benign, fpr):
    """Threshold t such that benign lines with P(benign) < t (the flagged ones) are at most
    `fpr` of `p_benign` (the benign validation lines' P(benign))."""
    s = np.sort(np.asarray(p_benign))
    k = int(np.floor(fpr * len(s)))
    return float(s[min(k, len(s) - 1)])


def expected_calibration_error(probs, y, bins=10):
    """ECE of the top-class probability (what `score` reports for argmax predictions)."""
    conf, pred = probs.max(1), probs.argmax(1)
    edges = np.linspace(0, 1, bins + 1)
    err = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (conf > lo) & (conf <= hi)
        if sel.any():
            err += sel.mean() * abs((pred[sel] == y[sel]).mean() - conf[sel].mean())
    return float(err)
