/**
 * The training recipe's parts beyond fine-tuning, run through the real Python code with
 * PyTorch: masked-token pretraining (models/train/pretrain.py), benign copies with foreign words
 * (models/train/augment.py), the unseen-words check (models/train/oov.py), and the evaluation's
 * tables of worst lines (models/train/evaluate_real.py).
 *
 * @module
 */
import assert from "node:assert/strict";

const TRAIN_DIR = new URL("../models/train/", import.meta.url).pathname;

/** Runs a Python snippet in models/train and returns its last stdout line as JSON. */
async function python(code: string): Promise<Record<string, unknown>> {
  const run = await new Deno.Command("/usr/bin/python3", {
    args: ["-c", code],
    cwd: TRAIN_DIR,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(run.stderr);
  assert.equal(run.code, 0, err);
  const out = new TextDecoder().decode(run.stdout).trim().split("\n");
  return JSON.parse(out[out.length - 1]);
}

Deno.test("Pretraining - masked-token loss falls on a toy log corpus and the encoder changes", async () => {
  const r = await python(`
import json, torch
from data import LABELS, batches, encode
from model import DistilBertClassifier, default_config
from pretrain import MaskedLmHead, mask_tokens, pretrain
from wordpiece import learn_vocab
recs = [{"text": f"sshd[num]: accepted publickey for user{i % 9} from ipaddr port num ssh2"}
        for i in range(400)]
recs += [{"text": f"dnsmasq[num]: query[a] host{i % 13}.example.org from ipaddr"} for i in range(400)]
vocab = learn_vocab([r["text"] for r in recs], 400)
cfg = default_config(len(vocab), LABELS, 64, 8)
torch.manual_seed(1)
model = DistilBertClassifier(cfg)
seqs = encode(recs, vocab, 64)
before = model.word_embeddings.weight.detach().clone()
first = pretrain(model, seqs, 1, 1, batch_size=32, lr=1e-3)
last = pretrain(model, seqs, 4, 2, batch_size=32, lr=1e-3)
ids = torch.tensor([seqs[0]]); attn = torch.ones_like(ids)
masked, chosen = mask_tokens(ids.repeat(200, 1), attn.repeat(200, 1), len(vocab),
                             torch.Generator().manual_seed(3))
print(json.dumps({"first": first, "last": last,
                  "changed": float((model.word_embeddings.weight - before).abs().sum()),
                  "chosen": float(chosen.float().mean()),
                  "specials_chosen": int(chosen[:, 0].sum() + chosen[:, -1].sum())}))
`);
  assert.ok((r.last as number) < (r.first as number) * 0.7, JSON.stringify(r));
  assert.ok((r.changed as number) > 0);
  // About 15 % of the real tokens are chosen; [CLS] and [SEP] never.
  assert.ok((r.chosen as number) > 0.08 && (r.chosen as number) < 0.2, JSON.stringify(r));
  assert.equal(r.specials_chosen, 0);
});

Deno.test("Pretraining - a left-out family's text never reaches the pretraining set", async () => {
  const r = await python(`
import json
from types import SimpleNamespace
from pretrain import pretrain_texts
from train import unlabeled_text
gen = [{"text": f"gen line {i}", "family": f, "split": s}
       for i, (f, s) in enumerate([("dovecot", "train"), ("sshd", "train"), ("web_access", "train"),
                                   ("sshd", "heldout"), ("apache_access", "train")])]
args = SimpleNamespace(lab="/nonexistent", seed=1, pretrain_gen_lines=100)
kept = unlabeled_text(gen, args, exclude=("apache_access",))
dup = pretrain_texts([{"text": "a", "family": "x"}], [{"text": "a", "family": "y"}])
print(json.dumps({"families": sorted(r["family"] for r in kept), "dup": len(dup)}))
`);
  // apache_access is also the generator's web_access; held-out generator lines never count.
  assert.deepEqual(r.families, ["dovecot", "sshd"]);
  assert.equal(r.dup, 1);
});

Deno.test("Unseen words - replacement keeps short and non-alphabetic words and is seeded", async () => {
  const r = await python(`
import json
from oov import with_unseen_words, unk_share
recs = [{"text": "postfix/smtpd[num]: connect from unknown[ipaddr] port num", "label": "benign"}]
a = with_unseen_words(recs, 1.0, "script")[0]["text"]
b = with_unseen_words(recs, 1.0, "script")[0]["text"]
letters = with_unseen_words(recs, 1.0, "letters")[0]["text"]
vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list("abcdefghijklmnopqrstuvwxyz") + \\
        ["##" + c for c in "abcdefghijklmnopqrstuvwxyz"] + list("[]/:")
print(json.dumps({"a": a, "same": a == b, "letters": letters,
                  "unk_script": unk_share([a], vocab), "unk_letters": unk_share([letters], vocab)}))
`);
  const words = (r.a as string).split(" ");
  assert.equal(words[0], "postfix/smtpd[num]:"); // not purely alphabetic: kept
  assert.equal(words[words.length - 1], "num"); // 3 letters: kept
  assert.notEqual(words[1], "connect");
  assert.equal(r.same, true);
  assert.ok((r.unk_script as number) > 0, JSON.stringify(r));
  assert.equal(r.unk_letters, 0); // random letters are spelt from single-letter pieces
});

Deno.test("Foreign words - only benign lines are copied, with words of other families", async () => {
  const r = await python(`
import json
from augment import foreign_word_copies
recs = [{"text": "squid[num]: Finished loading MIME types and icons", "label": "benign",
         "family": "squid_cache"},
        {"text": "kernel: device eth0 entered promiscuous mode", "label": "benign",
         "family": "kernel"},
        {"text": "sshd[num]: Failed password for root from ipaddr", "label": "credential_access",
         "family": "sshd"}] * 50
out = foreign_word_copies(recs, 0.5, 0.5, seed=1)
own = {r["family"]: set(r["text"].split(" ")) for r in recs}
new = [w for o in out for w in o["text"].split(" ") if w not in own[o["family"]]]
other = {f: set().union(*(v for k, v in own.items() if k != f)) for f in own}
print(json.dumps({"n": len(out), "labels": sorted({o["label"] for o in out}),
                  "families": sorted({o["family"] for o in out}),
                  "foreign": all(w in other[o["family"]] for o in out
                                 for w in o["text"].split(" ") if w not in own[o["family"]]),
                  "new_words": len(new),
                  "same": out == foreign_word_copies(recs, 0.5, 0.5, seed=1)}))
`);
  assert.ok((r.n as number) > 20 && (r.n as number) < 80, JSON.stringify(r)); // ~half of 100
  assert.deepEqual(r.labels, ["benign"]);
  assert.deepEqual(r.families, ["kernel", "squid_cache"]);
  assert.equal(r.foreign, true);
  assert.ok((r.new_words as number) > 0);
  assert.equal(r.same, true);
});

Deno.test("Daemon messages - printf log messages are kept from a binary, labelled by what they show, framed and dropped with their family", async () => {
  const r = await python(`
import json, random
from formats import fill, frame, label, messages
from mix import training_mix
blob = (b"\\x7fELF\\x00\\x00Bad packet size %u from peer %s\\x00--verbose  print %s\\x00"
        b"Bad password attempt for '%s' from %s:%d\\x00%s%s%d\\x00usage: %s [-f file]\\x00"
        b"privilege separation user %s does not exist\\x00Could not open file %s: %m\\x00")
found = messages(blob)
rng = random.Random(1)
row = {"message": "Bad packet size %u from peer %s", "program": "dropbear",
       "package": "dropbear-bin", "family": "dropbear-bin"}
line = frame(row, fill(row["message"], rng), rng)
fmts = [{"text": "a", "label": "benign", "family": "dovecot"},
        {"text": "b", "label": "benign", "family": "exim4-daemon-light"},
        {"text": "c", "label": None, "family": "exim4-daemon-light"}]
mixed, summary = training_mix([], [], 0, 1, 1.0, exclude=("dovecot",), formats=fmts)
print(json.dumps({"found": found, "labels": [label(m) for m in found], "line": line,
                  "mixed": [m["text"] for m in mixed], "count": summary["daemon_messages"]}))
`);
  assert.deepEqual(r.found, [
    "Bad packet size %u from peer %s",
    "Bad password attempt for '%s' from %s:%d",
    "privilege separation user %s does not exist",
    "Could not open file %s: %m",
  ]);
  // A failed login is credential_access; security wording is not labelled; the rest is benign.
  assert.deepEqual(r.labels, ["benign", "credential_access", null, "benign"]);
  assert.match(
    r.line as string,
    /^Nov [ \d]\d \d\d:\d\d:\d\d \S+ dropbear\[\d+\]: Bad packet size \d+ from peer \S+$/,
  );
  // The left-out family's message and the unlabelled one stay out of the labelled mix.
  assert.deepEqual(r.mixed, ["b"]);
  assert.equal(r.count, 1);
});

Deno.test("Eval - the worst false positives and misses are the benign lines scored highest and the attack lines scored lowest; fixture lines are named, not quoted", async () => {
  const r = await python(`
import json
import numpy as np
from evaluate_real import worst_fps, worst_misses
recs = [{"text": t, "label": l, "family": "vsftpd", "scenario": "s5", "source": s}
        for t, l, s in [("ok login a", "benign", "lab"), ("ok login b", "benign", "lab"),
                        ("fail login c", "credential_access", "lab"),
                        ("fail login d", "credential_access", "fixtures:vsftpd"),
                        ("fail login e", "credential_access", "lab")]]
# P(benign) per line, then the 7 attack classes' share of the rest.
pb = np.array([0.9, 0.2, 0.7, 0.95, 0.1])
probs = np.concatenate([pb[:, None], np.repeat((1 - pb)[:, None] / 7, 7, 1)], 1)
print(json.dumps({"fps": worst_fps(recs, probs, 0.5, 1)[2:],
                  "misses": worst_misses(recs, probs, 0.5, 2)[2:]}))
`);
  assert.deepEqual(r.fps, ["| 0.800 | benign | recon_scan | vsftpd | s5 | `ok login b` |"]);
  assert.deepEqual(r.misses, [
    "| 0.050 | credential_access | benign | vsftpd | s5 | `(fixtures:vsftpd)` |",
    "| 0.300 | credential_access | benign | vsftpd | s5 | `fail login c` |",
  ]);
});
