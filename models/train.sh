#!/usr/bin/env bash
# Rebuilds the shipped model reproducibly (seeded): corpus -> vocabulary -> training on the
# corpus mixed with the real lab captures and fixtures (the encoder first pretrained on their
# unlabeled text, masked tokens) -> operating point -> ONNX.
# Usage: deno task train [-- --n LINES --epochs E --out DIR --feedback FILE --lab DIR
#                           --formats-dir DIR --no-lab]
# --feedback: JSONL from `deno task export-feedback`, added to the training split (x10).
# --lab: what `deno task lab` and `deno task lab:fixtures` wrote (default data/lab/). When it holds
#        no lab run, the lab is run first (scenarios s1-s8, seed 1, two at a time, about 18 min, as root), and
#        the fixtures are loaded when fixtures.jsonl is missing; --no-lab trains on the generator
#        alone (and says so).
# --formats-dir: the daemon messages harvested from Debian packages (models/train/formats.py;
#        default data/formats/, fetched with apt-get download when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
n=160000 epochs=2 out=models/insyt-tiny feedback= lab=data/lab/ formats=data/formats/ rebuild_lab=1
# Deno 2.9 passes the "--" of `deno task X -- ...` through to the script.
[ "${1:-}" = "--" ] && shift
while [ $# -gt 0 ]; do
  case "$1" in
    --n) n=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --feedback) feedback=$2; shift 2 ;;
    --lab) lab=$2; shift 2 ;;
    --formats-dir) formats=$2; shift 2 ;;
    --no-lab) lab=/nonexistent/ rebuild_lab=0; shift ;;
    *) echo "train: unknown flag $1 (use --n, --epochs, --out, --feedback, --lab, --formats-dir, --no-lab)" >&2
      exit 2 ;;
  esac
done
mkdir -p "$out"
if [ "$rebuild_lab" = 1 ] && ! compgen -G "$lab/s[0-9]*-*.jsonl" >/dev/null; then
  mkdir -p "$lab"
  deno task --quiet lab --install # once, not by two runs at once
  # Two runs at a time (each keeps about one core busy; their namespaces are their own): 4 rounds
  # of about 4.5 min. Side by side, a run beside another wrote as many attack lines per class as
  # alone, and 5 % more or fewer lines in all, as much as two lone runs of one scenario differ.
  for i in 1 3 5 7; do
    echo "[0/3] lab s$i + s$((i + 1)) of s1-s8 (no lab run in $lab; about 4.5 min a pair, ETA $(date -u -d "+$(((9 - i) * 9 / 4)) min" +%H:%M) UTC)" >&2
    pids=()
    for s in "$i" "$((i + 1))"; do
      deno task --quiet lab --scenario "s$s" --seed 1 --out "$lab" >"$lab/s$s-1.log" 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || { echo "train: a lab run failed (see $lab/s*-1.log)" >&2; exit 1; }; done
  done
fi
if [ "$rebuild_lab" = 1 ] && [ ! -f "$lab/fixtures.jsonl" ]; then
  echo "[0/3] fixtures: fail2ban test logs + logcheck rules -> $lab/fixtures.jsonl" >&2
  deno task --quiet lab:fixtures --out "$lab/fixtures.jsonl" >/dev/null
fi
corpus="$out/corpus.jsonl"
[ "$out" = models/insyt-tiny ] && { mkdir -p models/data; corpus=models/data/corpus.jsonl; }
echo "[1/3] corpus: $n lines -> $corpus" >&2
deno run --quiet --allow-read --allow-write models/gen/main.ts --out "$corpus" --n "$n" --seed 1
[ -n "$feedback" ] && deno run --quiet --allow-read --allow-write models/gen/feedback.ts \
  --corpus "$corpus" --feedback "$feedback"
echo "[2/3] vocabulary + masked-token pretraining + training ($epochs epochs, real data from $lab) + operating point -> $out" >&2
/usr/bin/python3 models/train/train.py --corpus "$corpus" --out "$out" --epochs "$epochs" \
  --lab "$lab" --formats-dir "$formats"
echo "[3/3] ONNX export + int8 quantisation (activation ranges fitted on training lines)" >&2
/usr/bin/python3 models/train/export.py "$out" --corpus "$corpus" --lab "$lab"
