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


# Logs of DNS servers and sensors: their lines name the queried domain, in each its own frame.
DNS_FAMILIES = {"bind", "named", "dnsmasq", "unbound", "zeek_dns", "systemd_resolved",
                "suricata_eve"}
DOMAIN = re.compile(r"(?<![\w.-])(?:[A-Za-z0-9_-]+\.){2,}[A-Za-z]{2,}(?![\w-])")


def _query_name(text):
    """The longest domain name in `text` (the queried one, in a DNS log's line), or None."""
    names = DOMAIN.findall(text)
    return max(names, key=len) if names else None


def dns_name_swaps(records, share, seed=13):
    """Copies of DNS log lines with the queried name of another DNS family's line: an
    exfiltration name put into a benign query line makes it exfiltration, a benign name put into
    an exfiltration line makes it benign. About `share` of each side's lines get one copy.

    What makes DNS exfiltration is the name, in whatever frame the server writes it; the real
    data shows exfiltration through one server's frame or two, and a model left without one of
    them read base32 names in dnsmasq's `query[A] ... from` frame as benign (leave-one-family-out,
    2026-12-02). Pairs across frames teach it to read the name.
    """
    rng = random.Random(seed)
    dns = [(r, _query_name(r["text"])) for r in records
           if r.get("family") in DNS_FAMILIES and r["label"] in ("benign", "exfiltration")]
    dns = [(r, n) for r, n in dns if n]
    pools = {"benign": {}, "exfiltration": {}}
    for r, n in dns:
        pools[r["label"]].setdefault(r["family"], set()).add(n)
    names = {lab: {f: sorted(s) for f, s in p.items()} for lab, p in pools.items()}
    out = []
    for r, n in dns:
        other = "exfiltration" if r["label"] == "benign" else "benign"
        families = sorted(f for f in names[other] if f != r["family"])
        if not families or rng.random() >= share:
            continue
        new = rng.choice(names[other][rng.choice(families)])
        out.append({**r, "text": r["text"].replace(n, new), "label": other,
                    "augmented": "dns_name_swap"})
    return out
