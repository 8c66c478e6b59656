"""The training mix: generator corpus + real lines (lab training scenarios, fixture group A).

Real lines are repeated `real_weight` times. Generator lines are subsampled to `gen_lines`, and
in the log families the real data covers only a `gen_covered` share is kept: real wording
should win over the generator's where both exist, while the generator still brings what the lab
cannot run (firewalls, IDS, appliances) and the attack variety the lab has few lines of.
`formats` (daemons' own messages from their Debian packages, formats.py) are added once each.
`exclude` drops whole families from every source (leave-one-family-out). A `foreign` share of
the benign lines is added again with foreign words (augment.py).
"""
import random

from augment import foreign_word_copies

# Lab family -> the generator's name for the same log, where they differ.
GEN_NAME = {"apache_access": "web_access", "nginx_access": "web_access", "rsyslog": "rsyslogd",
            "apache_error": "web_error"}


def family_names(families):
    """The families plus the generator's names for them."""
    return set(families) | {GEN_NAME[f] for f in families if f in GEN_NAME}


def training_mix(gen, real, gen_lines, real_weight, gen_covered, exclude=(), seed=7, foreign=0.0,
                 formats=()):
    """Records to train on (generator split "train" + real split "train"), and a count summary."""
    rng = random.Random(seed)
    drop = family_names(exclude)
    real_train = [r for r in real if r["split"] == "train" and r["family"] not in drop]
    covered = family_names({r["family"] for r in real_train})
    pool = [r for r in gen if r["split"] == "train" and r["family"] not in drop]
    rng.shuffle(pool)
    keep = min(1.0, gen_lines / max(1, len(pool)))
    gen_kept = [r for r in pool
                if rng.random() < keep * (gen_covered if r["family"] in covered else 1.0)]
    fmt = [r for r in formats if r["label"] and r["family"] not in drop]
    copies = foreign_word_copies(gen_kept + real_train + fmt, foreign, 0.3, seed) \
        if foreign else []
    out = gen_kept + real_train * real_weight + fmt + copies
    rng.shuffle(out)
    summary = {"generator": len(gen_kept), "real_distinct": len(real_train),
               "foreign_word_copies": len(copies), "daemon_messages": len(fmt),
               "real_weight": real_weight, "covered_families": sorted(covered),
               "excluded": sorted(drop)}
    return out, summary
