"""The training mix: generator corpus + real lines (lab training scenarios, fixture group A).

Each real text is repeated `real_weight` x min(its line count, `real_cap`) times. Per distinct
text alone, the template-keyed model text would weigh a benign template of thousands of lines
like one odd error line: a model trained that way (real weight 7) flagged lab s4's commonest benign sshd
logout ("Disconnected from user X", 120 lines, 2.4 % of its benign lines) and its operating point
sank to P(benign) >= 0.014. The cap keeps one chatty template from swamping the mix; at cap 32
the real share is what it was when ports and ids were part of the text (33.5k repeats of lab
s1-s3 against 33.1k). Generator lines are subsampled to `gen_lines`, and
in the log families the real data covers only a `gen_covered` share is kept: real wording
should win over the generator's where both exist, while the generator still brings what the lab
cannot run (firewalls, IDS, appliances) and the attack variety the lab has few lines of.
`exclude` drops whole families from every source (leave-one-family-out).
"""
import random

# Lab family -> the generator's name for the same log, where they differ.
GEN_NAME = {"apache_access": "web_access", "nginx_access": "web_access", "rsyslog": "rsyslogd",
            "apache_error": "web_error"}


def family_names(families):
    """The families plus the generator's names for them."""
    return set(families) | {GEN_NAME[f] for f in families if f in GEN_NAME}


def training_mix(gen, real, gen_lines, real_weight, gen_covered, exclude=(), seed=7,
                 real_cap=32):
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
    out = gen_kept + [r for r in real_train
                      for _ in range(real_weight * min(r.get("count", 1), real_cap))]
    rng.shuffle(out)
    summary = {"generator": len(gen_kept), "real_distinct": len(real_train),
               "real_repeats": len(out) - len(gen_kept), "real_weight": real_weight,
               "real_cap": real_cap, "covered_families": sorted(covered),
               "excluded": sorted(drop)}
    return out, summary
