"""Out-of-vocabulary robustness: does a benign line look like an attack because its words are
unknown? (issue 11: a line from software never seen must not.)

The benign lines of a held-out set are scored as they are and with a share of their words
replaced by words the model never saw: random lowercase letters (WordPiece falls back to
single-letter pieces), random letters from scripts outside the vocabulary (Greek, Cyrillic,
CJK: the whole word becomes [UNK]), and invented product names (a capitalised random stem with
a common suffix, as a daemon's name would be); and whole lines of made-up words from a made-up
daemon. The report is the share flagged as an attack at
the model's own threshold and at the cut where the unchanged lines flag 2 %.
"""
import random

import numpy as np

from wordpiece import UNK, WordPiece

ALIENS = ("αβγδεζηθικλμνξοπρστυφχψω", "абвгдежзийклмнопрстуфхцчшщыэюя", "日志服务器连接失败用户端口")
SUFFIXES = ("d", "ctl", "srv", "mgr", "agent", "io", "x")


def _random_word(kind, n, rng):
    if kind == "letters":
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))
    if kind == "script":
        alphabet = rng.choice(ALIENS)
        return "".join(rng.choice(alphabet) for _ in range(n))
    stem = "".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(2))
    return stem.capitalize() + rng.choice(SUFFIXES)


def with_unseen_words(recs, share, kind, seed=3):
    """Copies of `recs` with about `share` of their alphabetic words (4+ letters) replaced by
    unseen words of `kind` ("letters", "script" or "name")."""
    rng = random.Random(seed)
    out = []
    for r in recs:
        words = r["text"].split(" ")
        for i, w in enumerate(words):
            if len(w) >= 4 and w.isalpha() and rng.random() < share:
                words[i] = _random_word(kind, len(w), rng)
        out.append({**r, "text": " ".join(words)})
    return out


def made_up_lines(n, seed=4):
    """`n` lines of software that does not exist: `host <name>[num]: <3-10 random words>`,
    label benign (no word is an attack's, none is in any log the model read)."""
    rng = random.Random(seed)
    return [{"text": f"host {_random_word('name', 0, rng).lower()}[num]: " +
             " ".join(_random_word("letters", rng.randint(3, 9), rng)
                      for _ in range(rng.randint(3, 10))),
             "label": "benign", "family": "made_up", "scenario": "made_up", "source": "oov"}
            for _ in range(n)]


def unk_share(texts, vocab):
    """Share of the tokens that are [UNK] (a word WordPiece cannot spell from its pieces)."""
    wp = WordPiece(vocab)
    ids = [i for t in texts for i in wp.encode(t)]
    return sum(i == UNK for i in ids) / max(1, len(ids))


def oov_rows(name, scored, benign):
    """Markdown rows: flagged share of `benign` unchanged and with unseen words."""
    base = 1 - scored.probs(benign)[:, 0]
    cut = np.quantile(base, 0.98)
    rows = []
    variants = [("unchanged", benign)] + [
        (f"{int(s * 100)} % of words {k}", with_unseen_words(benign, s, k))
        for k in ("letters", "script", "name") for s in (0.15, 0.3)] + [
        ("made-up lines (no benign line's words)", made_up_lines(len(benign)))]
    for label, recs in variants:
        score = base if recs is benign else 1 - scored.probs(recs)[:, 0]
        own = (score > 1 - scored.tau()).mean()
        rows.append(f"| {name} | {label} | {len(recs)} | "
                    f"{unk_share([r['text'] for r in recs], scored.vocab):.3f} | "
                    f"{own:.3f} | {(score > cut).mean():.3f} |")
    return rows


OOV_HEADER = ["| model | benign lines | lines | [UNK] share of tokens | flagged at own threshold |"
              " flagged at the unchanged lines' 2 % cut |", "|---|---|---|---|---|---|"]
