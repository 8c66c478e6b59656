"""Writes the evaluation report of a trained model: DIR/report.md + images.

Usage: /usr/bin/python3 models/train/evaluate.py --model DIR --corpus FILE [--wild FILE]
1. Group-aware split: the shipped model never saw the held-out scenarios (split ==
   "heldout": other host names, IP plans, users, date and web formats); it is scored there.
2. Stratified 5-fold cross-validation (like the seed) on a 10,000-line sample of the
   training scenarios: a fresh model per fold, scored on its unseen fold.
3. Optionally, an independent hand-written check set (--wild) that no generator made.
Per-class precision/recall/F1, confusion matrices (PNG) and a 2-D PCA of [CLS] embeddings.
"""
import argparse
import json
import random
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

from data import LABELS, batches, encode, read_corpus  # noqa: E402
from export import load  # noqa: E402
from model import DistilBertClassifier  # noqa: E402
from train import train_model  # noqa: E402
from wordpiece import load_vocab  # noqa: E402

K = len(LABELS)


def decide(probs, benign_threshold):
    """The decision rule of lib/classify/classifier.ts: benign only when P(benign) >= threshold,
    otherwise the most likely attack class."""
    attack = probs[:, 1:].argmax(1) + 1
    return np.where(probs[:, 0] >= benign_threshold, 0, attack)


def probabilities(model, seqs, temperature=1.0):
    """Class probabilities softmax(logits / temperature) (config.json `insyt_temperature`, as
    lib/classify/classifier.ts applies it) and the [CLS] embeddings."""
    probs, embs = np.zeros((len(seqs), K)), np.zeros((len(seqs), model.classifier.in_features))
    with torch.no_grad():
        for ids, mask, _, idx in batches(seqs, None, 128, False):
            h = model.encode(ids, mask)
            logits = model.classifier(torch.relu(model.pre_classifier(h)))
            probs[idx] = (logits / temperature).softmax(-1).numpy()
            embs[idx] = h.numpy()
    return probs, embs


def predict(model, seqs, benign_threshold=0.5):
    probs, embs = probabilities(model, seqs)
    return decide(probs, benign_threshold), embs


def sweep(y, probs):
    rows = ["| benign threshold | attack recall | benign FPR | macro-F1 |", "|---|---|---|---|"]
    for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        s = summary(confusion(y, decide(probs, t)))
        rows.append(f"| {t} | {s['attack_recall']:.3f} | {s['benign_fpr']:.3f} | {s['macro_f1']:.3f} |")
    return "\n".join(rows)


def confusion(y, p):
    m = np.zeros((K, K), int)
    for a, b in zip(y, p):
        m[a, b] += 1
    return m


def per_class(m):
    rows = []
    for i in range(K):
        tp = m[i, i]
        prec = tp / m[:, i].sum() if m[:, i].sum() else 0.0
        rec = tp / m[i].sum() if m[i].sum() else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append((LABELS[i], prec, rec, f1, int(m[i].sum())))
    return rows


def summary(m):
    rows = per_class(m)
    macro = np.mean([r[3] for r in rows if r[4] > 0])
    attack_recall = m[1:, 1:].sum() / max(1, m[1:].sum())
    fpr = m[0, 1:].sum() / max(1, m[0].sum())
    return {"macro_f1": macro, "accuracy": np.trace(m) / m.sum(), "attack_recall": attack_recall,
            "benign_fpr": fpr, "min_recall": min(r[2] for r in rows if r[4] > 0)}


def table(m):
    s = summary(m)
    out = ["| class | precision | recall | F1 | lines |", "|---|---|---|---|---|"]
    out += [f"| {l} | {p:.3f} | {r:.3f} | {f:.3f} | {n} |" for l, p, r, f, n in per_class(m)]
    out.append(f"\nmacro-F1 **{s['macro_f1']:.3f}**, accuracy {s['accuracy']:.3f}, attack recall "
               f"(attack lines flagged as any attack) {s['attack_recall']:.3f}, benign false-positive "
               f"rate {s['benign_fpr']:.3f}, lowest class recall {s['min_recall']:.3f}")
    return "\n".join(out)


def plot_confusion(m, title, path):
    norm = m / np.maximum(1, m.sum(1, keepdims=True))
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    ax.set_xticks(range(K), LABELS, rotation=45, ha="right")
    ax.set_yticks(range(K), LABELS)
    for i in range(K):
        for j in range(K):
            if m[i, j]:
                ax.text(j, i, str(m[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if norm[i, j] > 0.5 else "black")
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_pca(embs, y, path):
    x = embs - embs.mean(0)
    _, _, vt = np.linalg.svd(x, full_matrices=False)
    xy = x @ vt[:2].T
    fig, ax = plt.subplots(figsize=(7.5, 6))
    for i, l in enumerate(LABELS):
        sel = y == i
        ax.scatter(xy[sel, 0], xy[sel, 1], s=4, alpha=0.6, label=l)
    ax.legend(markerscale=3, fontsize=8)
    ax.set_title("[CLS] embeddings, held-out scenarios (PCA)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def cross_validate(records, vocab, cfg, n, epochs, folds=5, seed=11):
    rng = random.Random(seed)
    by = {i: [] for i in range(K)}
    for r in records:
        by[LABELS.index(r["label"])].append(r)
    share = n / len(records)
    sample = []
    for i in range(K):
        rng.shuffle(by[i])
        sample += [(r, i) for r in by[i][: max(folds, round(len(by[i]) * share))]]
    fold_of = {}
    for i in range(K):
        members = [j for j, (_, lab) in enumerate(sample) if lab == i]
        for k, j in enumerate(members):
            fold_of[j] = k % folds
    seqs = encode([r for r, _ in sample], vocab, cfg["max_position_embeddings"])
    ys = [lab for _, lab in sample]
    total = np.zeros((K, K), int)
    scores = []
    for f in range(folds):
        tr = [j for j in range(len(sample)) if fold_of[j] != f]
        te = [j for j in range(len(sample)) if fold_of[j] == f]
        torch.manual_seed(seed + f)
        model = train_model(DistilBertClassifier(cfg), [seqs[j] for j in tr],
                            [ys[j] for j in tr], epochs, seed + f, label=f"cv fold {f + 1}/{folds}")
        p, _ = predict(model, [seqs[j] for j in te], cfg.get("insyt_benign_threshold", 0.5))
        m = confusion([ys[j] for j in te], p)
        scores.append(summary(m)["macro_f1"])
        total += m
    return total, scores, len(sample)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--wild", help="JSONL of hand-written lines with model text (eval.sh adds it)")
    ap.add_argument("--cv-lines", type=int, default=25000, help="0 skips cross-validation")
    ap.add_argument("--cv-epochs", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(1)
    model, cfg = load(args.model)
    vocab = load_vocab(args.model)
    records = read_corpus(args.corpus)
    held = [r for r in records if r["split"] == "heldout"]
    train = [r for r in records if r["split"] == "train"]
    print(f"held-out scenarios: {len(held)} lines", file=sys.stderr)
    tau = cfg.get("insyt_benign_threshold", 0.5)
    y = np.array([LABELS.index(r["label"]) for r in held])
    temp = cfg.get("insyt_temperature", 1.0)
    probs_held, embs = probabilities(model, encode(held, vocab, cfg["max_position_embeddings"]),
                                     temp)
    p = decide(probs_held, tau)
    m_held = confusion(y, p)
    plot_confusion(m_held, "Held-out scenarios", f"{args.model}/confusion_heldout.png")
    pick = np.random.default_rng(0).permutation(len(held))[:4000]
    plot_pca(embs[pick], y[pick], f"{args.model}/pca_cls.png")
    fam = {}
    for r, pi, yi in zip(held, p, y):
        f = fam.setdefault((r["family"], r["label"]), [0, 0])
        f[0] += 1
        f[1] += int(pi == yi)
    worst = sorted(((c / n, n, k) for k, (n, c) in fam.items() if n >= 20))[:12]
    scen = sorted({r["scenario"] for r in held})
    out = [f"# Evaluation report: {args.model.rstrip('/').split('/')[-1]}", "",
           "Written by `deno task eval` (models/train/evaluate.py). Corpus: "
           f"{len(records)} distinct generated lines ({len(train)} in training scenarios, "
           f"{len(held)} in held-out scenarios {', '.join(scen)}).", "",
           "## Group-aware split: whole scenarios held out", "",
           "The shipped model was trained only on the training scenarios; these scenarios "
           "(their host names, IP plans, users, date and web formats) were never seen. "
           f"Decision rule: benign only when P(benign) >= {tau} (config.json "
           "`insyt_benign_threshold`), else the most likely attack class.", "",
           table(m_held), "", "Other thresholds, same lines:", "", sweep(y, probs_held), "", "![confusion, held-out](confusion_heldout.png)", "",
           "Weakest (family, class) pairs on the held-out scenarios (accuracy, lines):", "",
           *[f"- {k[0]} / {k[1]}: {a:.3f} ({n})" for a, n, k in worst], "",
    ]
    if args.cv_lines:
        m_cv, cv_scores, cv_n = cross_validate(train, vocab, cfg, args.cv_lines, args.cv_epochs)
        plot_confusion(m_cv, "5-fold CV (summed)", f"{args.model}/confusion_cv.png")
        out += [f"## Stratified 5-fold cross-validation ({cv_n} lines of the training scenarios)", "",
           f"Like the seed's evaluation: a stratified sample of {cv_n} lines, 5 folds; per fold a "
           f"fresh model (same architecture and vocabulary, {args.cv_epochs} epochs, from scratch on "
           "4/5 of the sample, so far less data than the shipped model) scored on the unseen fifth; "
           "the matrix sums the five test folds. Per-fold macro-F1: "
           + ", ".join(f"{s:.3f}" for s in cv_scores) + ". This measures how well the recipe "
           "learns from a small sample; random folds also share near-duplicate lines of one "
           "template, which is why the held-out-scenario split above is the honest test of the "
           "shipped model. ", "", table(m_cv), "", "![confusion, CV](confusion_cv.png)", ""]
    if args.wild:
        with open(args.wild) as f:
            wild = [json.loads(l) for l in f if l.strip()]
        probs_w, _ = probabilities(model, encode(wild, vocab, cfg["max_position_embeddings"]),
                                   temp)
        yw = np.array([LABELS.index(w["label"]) for w in wild])
        m_w = confusion(yw, decide(probs_w, tau))
        plot_confusion(m_w, "Independent hand-written lines", f"{args.model}/confusion_wild.png")
        out += ["## Independent hand-written check set", "",
                f"{len(wild)} raw lines written by hand, without looking at the generator "
                "(models/eval/wild.jsonl). Never used for training. Small, so read it as a "
                "smoke signal of generalisation, not a benchmark.", "", table(m_w), "",
                "Other thresholds, same lines:", "", sweep(yw, probs_w), "",
                "![confusion, wild](confusion_wild.png)", ""]
    out += ["## [CLS] embeddings", "", "![PCA](pca_cls.png)", ""]
    with open(f"{args.model}/report.md", "w") as f:
        f.write("\n".join(out))
    print(f"wrote {args.model}/report.md", file=sys.stderr)


if __name__ == "__main__":
    main()
