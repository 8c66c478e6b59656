"""Threshold-free scores of an attack detector: recall at a benign false-positive budget, ROC AUC.

The attack score of a line is 1 - P(benign); a line is flagged when its score is above the cut.
"""
import numpy as np


def recall_at_fpr(is_attack, score, fpr):
    """Attack recall at the cut that flags at most `fpr` of the benign lines (ties unflagged)."""
    benign = np.sort(score[~is_attack])[::-1]
    if not len(benign) or not is_attack.any():
        return float("nan")
    k = int(np.floor(fpr * len(benign)))
    cut = benign[k] if k < len(benign) else -np.inf
    return float((score[is_attack] > cut).mean())


def roc_auc(is_attack, score):
    """P(score of a random attack line > score of a random benign line), ties counted half."""
    pos, neg = score[is_attack], score[~is_attack]
    if not len(pos) or not len(neg):
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allv = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    return float((r[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))
