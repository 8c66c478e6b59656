"""Real labelled lines for training and evaluation: the lab's captures and the packaged fixtures.

Reads what `deno task lab` writes into a lab directory (default data/lab/, git-ignored):
<scenario>-<seed>.jsonl (real daemons attacked by real tools) and fixtures.jsonl (fail2ban's test
logs with their failJSON labels, logcheck marks; read from the installed Debian packages by the
lab's fixture loader). Nothing of it is copied into the repository.

The model text is computed by lib/classify/line_text.ts itself (models/with_text.ts), so training
and inference mask a line the same way. Lines whose attack shows only across lines
(`evidence: "context"`: a scanner's plain 404, a brute force's ordinary DNS query) are LEFT OUT
of training and evaluation: a one-line model cannot tell them from benign twins, and training
them as attacks is what taught the old model to flag every DNS query.

A failed login (`Failed password`, `authentication failure`, `auth failed`, `FAIL LOGIN`,
`Connection closed by authenticating user`, ...) is credential_access whoever typed it: issue 10's
rule is that such lines are labelled by what the line shows (one failure by a real user is
benign only in context, which the incident rules judge). The lab labels them so at source
(models/lab/label.ts, FAILED_AUTH in models/lab/evidence.ts); the relabel below is kept only for
captures cached before that change (the s1..s8 runs of 2026-12-01 under the lab worktree's
data/lab label a user's typo benign) and changes nothing on newer captures.

Splits are by group, never by line: lab scenarios (TRAIN, VALIDATION, the rest test) and fixture
daemons (two disjoint groups, A trained on, B held out).
"""
import glob
import json
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAB_TRAIN = ("s1", "s2", "s3")
LAB_VALIDATION = ("s4",)
# The same wordings as FAILED_AUTH in models/lab/evidence.ts.
AUTH_FAILURE = re.compile(r"Failed password|authentication failure|auth failed|"
                          r"authentication failed|Login incorrect|FAIL LOGIN|"
                          r"(Connection closed by|Disconnected from) authenticating user|"
                          r"Password mismatch|login failed for user", re.I)


def with_text(records):
    """Adds `text` (the model text of lib/classify/line_text.ts) to each record, in order."""
    if not records:
        return []
    src = "".join(json.dumps(r) + "\n" for r in records)
    out = subprocess.run(["deno", "run", "--quiet", "--allow-read", "models/with_text.ts"],
                         input=src, capture_output=True, text=True, cwd=ROOT, check=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def _read(path):
    with open(path) as f:
        return [json.loads(l) for l in f if l.strip()]


def lab_split(scenario):
    if scenario in LAB_TRAIN:
        return "train"
    return "validation" if scenario in LAB_VALIDATION else "test"


def load_lab(lab_dir):
    """Lab records with per-line evidence, `source` "lab" and `split` by scenario."""
    recs = []
    for path in sorted(glob.glob(os.path.join(lab_dir, "s[0-9]*-*.jsonl"))):
        for r in _read(path):
            if r.get("evidence") == "context":
                continue
            label = r["label"]
            if label == "benign" and AUTH_FAILURE.search(r["line"]):
                label = "credential_access"
            recs.append({"line": r["line"], "label": label, "family": r["family"],
                         "scenario": r["scenario"], "source": "lab",
                         "split": lab_split(r["scenario"])})
    return recs


def load_lab_context(lab_dir):
    """The training scenarios' context-evidence lines with model text: unlabeled text for
    masked-token pretraining only (their label shows only across lines)."""
    recs = [{"line": r["line"], "family": r["family"], "scenario": r["scenario"]}
            for path in sorted(glob.glob(os.path.join(lab_dir, "s[0-9]*-*.jsonl")))
            for r in _read(path)
            if r.get("evidence") == "context" and lab_split(r["scenario"]) == "train"]
    return [r for r in with_text(recs) if r["text"]]


def fixture_groups(records):
    """Daemon (fail2ban filter) -> "A" or "B": daemons sorted by line count, each given to the
    group with fewer lines so far (deterministic, balanced, disjoint)."""
    counts = {}
    for r in records:
        counts[r["source"]] = counts.get(r["source"], 0) + 1
    size, group = {"A": 0, "B": 0}, {}
    for src, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        g = "A" if size["A"] <= size["B"] else "B"
        group[src] = g
        size[g] += n
    return group


def load_fixtures(lab_dir):
    """Fixture records, `split` "train" for daemon group A and "fixtures_b" for group B."""
    path = os.path.join(lab_dir, "fixtures.jsonl")
    if not os.path.exists(path):
        return []
    recs = [{"line": r["line"], "label": r["label"], "family": r["family"],
             "scenario": "fixtures", "source": r.get("source", "fixtures")} for r in _read(path)]
    group = fixture_groups(recs)
    for r in recs:
        r["split"] = "train" if group[r["source"]] == "A" else "fixtures_b"
    return recs


def load_real(lab_dir):
    """Lab + fixture records with model text, distinct by (split, text, label), empty texts
    dropped (the classifier answers those without the model)."""
    seen, out = set(), []
    for r in with_text(load_lab(lab_dir) + load_fixtures(lab_dir)):
        key = (r["split"], r["scenario"], r["text"], r["label"])
        if r["text"] and key not in seen:
            seen.add(key)
            out.append(r)
    return out
