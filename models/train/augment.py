"""Benign lines with foreign words: copies of benign training lines whose words are partly
replaced by words of benign lines of other log families, still labelled benign.

A line from software the model never read is mostly words it has not seen in that place
(issue 11: it must not look like an attack for that). Token dropout ([UNK]) teaches the model
to do without a word; these copies teach it that unfamiliar wording around a benign message is
no evidence of an attack. The replacement words are real log words, not random letters, so
the unseen-words check of oov.py (random letters, other scripts, invented names) stays a test
the training never saw.
"""
import random
import re

WORD = re.compile(r"^[A-Za-z]{4,}$")


def foreign_word_copies(records, line_share, word_share, seed=11):
    """Benign copies of about `line_share` of the benign `records`, each alphabetic word of 4+
    letters replaced with probability `word_share` by a word of another family's benign line."""
    rng = random.Random(seed)
    benign = [r for r in records if r["label"] == "benign"]
    pools = {}
    for r in benign:
        pools.setdefault(r.get("family"), set()).update(w for w in r["text"].split(" ")
                                                        if WORD.match(w))
    words = {f: sorted(p) for f, p in pools.items() if p}
    families = sorted(words, key=str)
    out = []
    for r in benign:
        others = [f for f in families if f != r.get("family")]
        if rng.random() >= line_share or not others:
            continue
        parts = r["text"].split(" ")
        changed = False
        for i, w in enumerate(parts):
            if WORD.match(w) and rng.random() < word_share:
                parts[i] = rng.choice(words[rng.choice(others)])
                changed = True
        if changed:
            out.append({**r, "text": " ".join(parts), "augmented": "foreign_words"})
    return out
