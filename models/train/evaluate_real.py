"""Evaluation that predicts real-world behaviour: models side by side on group-held-out sets.

Usage: /usr/bin/python3 models/train/evaluate_real.py --model NAME=DIR [--model NAME=DIR ...]
         --corpus FILE --wild FILE [--lab DIR] [--lofo dovecot,vsftpd,dnsmasq] --out FILE
Sets (real.py; never a random line split): (a) lab scenarios not trained on (the validation
scenario, where the operating point is chosen, and the test scenarios), (b) fixtures of daemon
group B, (c) leave-one-family-out: the recipe of train.py retrained without a family (in every
source) and scored on that family's real lines; the other models are scored on the same lines,
(d) the generator's held-out scenarios, (e) the hand-written set (development signal only), and
the benign held-out lines with words the model never saw (oov.py).
Per set and model: attack recall at benign FPR 0.01/0.02/0.05, ROC AUC, 8-class macro-F1 and
recall/FPR at the model's own operating point; confusion matrices and the worst false positives
of the real held-out benign lines. Appends a markdown section to --out.
"""
import argparse
import json
import random
import sys
from types import SimpleNamespace

import numpy as np
import torch

from calibrate import benign_threshold, expected_calibration_error
from data import LABELS, encode, read_corpus
from evaluate import confusion, decide, probabilities, summary
from export import load
import formats
from mix import family_names, training_mix
from oov import OOV_HEADER, oov_rows
from real import LAB_TRAIN, LAB_VALIDATION, load_real
from scores import recall_at_fpr, roc_auc
from train import add_args, fit, unlabeled_text
from wordpiece import load_vocab

FPRS = (0.01, 0.02, 0.05)


class Scored:
    """A model's probabilities (with its temperature) and decisions on records."""

    def __init__(self, model, vocab, cfg):
        self.model, self.vocab, self.cfg = model, vocab, cfg

    def probs(self, recs):
        seqs = encode(recs, self.vocab, self.cfg["max_position_embeddings"])
        return probabilities(self.model, seqs, self.cfg.get("insyt_temperature", 1.0))[0]

    def tau(self):
        return self.cfg.get("insyt_benign_threshold", 0.5)


def row(name, recs, probs, tau):
    y = np.array([LABELS.index(r["label"]) for r in recs])
    att, score = y > 0, 1 - probs[:, 0]
    s = summary(confusion(y, decide(probs, tau)))
    cells = [f"{recall_at_fpr(att, score, f):.3f}" for f in FPRS]
    return (f"| {name} | {att.sum()} / {(~att).sum()} | " + " | ".join(cells) +
            f" | {roc_auc(att, score):.3f} | {s['macro_f1']:.3f} | {s['attack_recall']:.3f} | "
            f"{s['benign_fpr']:.3f} |")


HEADER = ["| set | model | attack / benign lines | recall @FPR 0.01 | @0.02 | @0.05 | ROC AUC | "
          "macro-F1 | own-threshold recall | own-threshold FPR |",
          "|---|---|---|---|---|---|---|---|---|---|"]


def set_rows(set_name, recs, models):
    return [row(f"{set_name} | {m}", recs, sc.probs(recs), sc.tau()) for m, sc in models.items()]


def confusion_md(recs, probs, tau):
    y = np.array([LABELS.index(r["label"]) for r in recs])
    m = confusion(y, decide(probs, tau))
    out = ["| true \\ predicted | " + " | ".join(LABELS) + " |", "|---" * (len(LABELS) + 1) + "|"]
    out += [f"| {LABELS[i]} | " + " | ".join(str(v) for v in m[i]) + " |" for i in range(len(LABELS))]
    return out


def worst_fps(recs, probs, tau, n=30):
    """The benign lines with the highest attack scores, with their family."""
    benign = [i for i, r in enumerate(recs) if r["label"] == "benign"]
    return worst_lines(recs, probs, tau, sorted(benign, key=lambda i: probs[i, 0])[:n])


def worst_misses(recs, probs, tau, n=15):
    """The attack lines with the lowest attack scores, with their family."""
    attacks = [i for i, r in enumerate(recs) if r["label"] != "benign"]
    return worst_lines(recs, probs, tau, sorted(attacks, key=lambda i: -probs[i, 0])[:n])


def worst_lines(recs, probs, tau, idx):
    """Rows for the lines `idx`. Fixture lines (from Debian's fail2ban package) are named by
    source, not quoted."""
    out = []
    for i in idx:
        r, p = recs[i], probs[i]
        pred = LABELS[decide(p[None], tau)[0]]
        text = r["text"][:110].replace("|", "\\|") if r["source"] == "lab" else f"({r['source']})"
        out.append(f"| {1 - p[0]:.3f} | {r['label']} | {pred} | {r['family']} | {r['scenario']} "
                   f"| `{text}` |")
    return ["| attack score | label | decided | family | scenario | model text |",
            "|---|---|---|---|---|---|"] + out


TRANSFER_HEADER = ["| model | validation benign FPR target | benign threshold | test recall | test FPR |"
                   " fixtures B recall | fixtures B FPR |", "|---|---|---|---|---|---|---|"]


def transfer_rows(name, scored, val, test, fix_b):
    """Per validation FPR target: the threshold chosen on `val` (calibrate.py's rule), and the
    attack recall and benign FPR it gives on `test` and `fix_b` (how well the cut travels)."""
    pv = scored.probs(val)[:, 0]
    yv = np.array([r["label"] != "benign" for r in val])
    sets = [(recs, scored.probs(recs)[:, 0], np.array([r["label"] != "benign" for r in recs]))
            for recs in (test, fix_b)]
    rows = []
    for target in (0.005, 0.01, 0.02):
        tau = benign_threshold(pv[~yv], target)
        cells = []
        for recs, pb, y in sets:
            flagged = pb < tau
            cells += [f"{flagged[y].mean():.3f}" if y.any() else "-",
                      f"{flagged[~y].mean():.3f}" if (~y).any() else "-"]
        rows.append(f"| {name} | {target} | {tau:.4f} | " + " | ".join(cells) + " |")
    return rows


def lofo(args, gen, real, families, models):
    """Per family: the train.py recipe retrained without it, and every model, on its real lines;
    the retrained model's worst false positives and misses on them."""
    rows, means, worst = [], {}, []
    fmt = formats.load(args.formats_dir, args.formats)
    for fam in families:
        test = [r for r in real if r["family"] in family_names({fam})]
        if not any(r["label"] != "benign" for r in test):
            print(f"lofo: no attack lines of {fam}; skipped", file=sys.stderr)
            continue
        recs, _ = training_mix(gen, real, args.lofo_gen_lines, args.real_weight, args.gen_covered,
                               exclude=(fam,), seed=args.seed, foreign=args.foreign,
                               formats=fmt)
        targs = SimpleNamespace(**{**vars(args), "epochs": args.lofo_epochs})
        model, cfg, vocab = fit(recs, targs, label=f"lofo without {fam}",
                                unlabeled=unlabeled_text(gen, args, exclude=(fam,), formats=fmt))
        # The retrained model takes the shipped candidate's temperature and threshold.
        last = list(models.values())[-1].cfg
        cfg.update({k: last[k] for k in ("insyt_temperature", "insyt_benign_threshold") if k in last})
        runs = {**models, f"retrained without {fam}": Scored(model, vocab, cfg)}
        for m, sc in runs.items():
            p = sc.probs(test)
            rows.append(row(f"{fam} | {m}", test, p, sc.tau()))
            y = np.array([r["label"] != "benign" for r in test])
            key = "retrained without the family" if m.startswith("retrained") else m
            means.setdefault(key, []).append(recall_at_fpr(y, 1 - p[:, 0], 0.02))
        tau = runs[m].tau()  # the retrained model, scored last
        worst += ["", f"Retrained without {fam}: its worst false positives and misses on {fam}'s "
                  "lines:", "", *worst_fps(test, p, tau, 10), *worst_misses(test, p, tau)[2:]]
    return rows, means, worst


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", action="append", required=True, help="NAME=DIR, repeatable")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--wild", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--lofo", default="", help="comma-separated lab families")
    ap.add_argument("--lofo-gen-lines", type=int, default=30000)
    ap.add_argument("--lofo-epochs", type=int, default=2)
    ap.add_argument("--gen-sample", type=int, default=8000,
                    help="generator held-out lines scored (seeded sample; 0 = all)")
    ap.add_argument("--oov-lines", type=int, default=3000,
                    help="benign held-out lines in the unseen-words table")
    ap.add_argument("--parts", default="main,lofo", help="main (sets a, b, d, e) and/or lofo")
    add_args(ap)
    args = ap.parse_args()
    torch.set_num_threads(1)
    models = {}
    for spec in args.model:
        name, d = spec.split("=", 1)
        model, cfg = load(d)
        models[name] = Scored(model, load_vocab(d), cfg)
    gen = read_corpus(args.corpus)
    real = load_real(args.lab)
    with open(args.wild) as f:
        wild = [json.loads(l) for l in f if l.strip()]
    val = [r for r in real if r["split"] == "validation"]
    test = [r for r in real if r["split"] == "test"]
    fix_b = [r for r in real if r["split"] == "fixtures_b"]
    held_real = val + test + fix_b
    sets = [(f"(a) lab {', '.join(LAB_VALIDATION)} (validation: operating point chosen here)", val)]
    if test:
        scen = sorted({r["scenario"] for r in test})
        sets.append((f"(a) lab {', '.join(scen)} (test)", test))
    daemons = sorted({r["source"].split(":")[-1] for r in fix_b})
    gen_held = [r for r in gen if r["split"] == "heldout"]
    if args.gen_sample and len(gen_held) > args.gen_sample:
        gen_held = random.Random(5).sample(gen_held, args.gen_sample)
    sets += [(f"(b) fixtures group B ({len(daemons)} daemons)", fix_b),
             (f"(d) generator held-out scenarios ({len(gen_held)}-line sample)", gen_held),
             ("(e) hand-written wild.jsonl", wild)]
    parts = args.parts.split(",")
    out = [] if "main" not in parts else ["", "## Real held-out evaluation (evaluate_real.py)", "",
           f"Lab scenarios trained on: {', '.join(LAB_TRAIN)}; context-evidence lines left out "
           "of every set (they show their attack only across lines). Lines are distinct model "
           "texts per scenario. Recall @FPR x: the cut that flags at most x of the set's benign "
           "lines (threshold-free); own threshold: the model's config.json operating point. "
           f"(b) group B daemons: {', '.join(daemons)}.", "", *HEADER]
    for name, recs in sets if "main" in parts else []:
        out += set_rows(name, recs, models)
    if args.lofo and "lofo" in parts:
        fams = [f for f in args.lofo.split(",") if f]
        rows, means, worst = lofo(args, gen, real, fams, models)
        out += ["", f"### (c) Leave-one-family-out ({args.lofo_gen_lines} generator lines, "
                f"{args.lofo_epochs} epochs per retrained model)", "",
                "Each family's real lines (lab, every scenario, and fixtures) scored by a model "
                "retrained without any line of that family, beside the other models.", "", *HEADER,
                *rows, "", "Mean recall @FPR 0.02 over the families: " +
                ", ".join(f"{k} {np.nanmean(v):.3f}" for k, v in means.items()), *worst, ""]
    if "main" in parts and test:
        out += ["", "### Operating point: a cut chosen on the validation scenario, carried to the "
                "test scenarios and fixtures group B", "", *TRANSFER_HEADER]
        for m, sc in models.items():
            out += transfer_rows(m, sc, val, test, fix_b)
    if "main" in parts:
        benign = [r for r in held_real if r["label"] == "benign"]
        benign = random.Random(6).sample(benign, min(len(benign), args.oov_lines))
        out += ["", "### Unseen words: benign held-out lines (a + b) with words the model never "
                f"saw ({len(benign)}-line sample, oov.py)", "", *OOV_HEADER]
        for m, sc in models.items():
            out += oov_rows(m, sc, benign)
    for m, sc in models.items() if "main" in parts else {}:
        p = sc.probs(held_real)
        y = np.array([LABELS.index(r["label"]) for r in held_real])
        out += ["", f"### {m}: real held-out lines (a + b), confusion at its own threshold "
                f"({sc.tau():.4f}, temperature {sc.cfg.get('insyt_temperature', 1.0)})", "",
                *confusion_md(held_real, p, sc.tau()), "",
                f"Calibration of `score` (the top class's probability) on these lines: expected "
                f"calibration error {expected_calibration_error(p, y):.3f} (10 bins).", "",
                f"Worst false positives of {m} on the real held-out benign lines:", "",
                *worst_fps(held_real, p, sc.tau())]
    with open(args.out, "a") as f:
        f.write("\n".join(out) + "\n")
    print(f"appended the real held-out evaluation to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
