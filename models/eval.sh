#!/usr/bin/env bash
# Writes models/<name>/report.md + images for a trained model (default: the shipped one).
# Usage: deno task eval [-- --model DIR --corpus FILE --cv-lines N --lab DIR --baseline DIR --lofo F,F]
# --baseline: a second model scored beside --model on every set (e.g. the previous release).
# --lofo: lab families for leave-one-family-out (each retrains once; "" skips).
set -euo pipefail
cd "$(dirname "$0")/.."
model=models/insyt-tiny corpus=models/data/corpus.jsonl cv=25000 lab=data/lab/ baseline=
lofo=dovecot,vsftpd,dnsmasq
# Deno 2.9 passes the "--" of `deno task X -- ...` through to the script.
[ "${1:-}" = "--" ] && shift
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --cv-lines) cv=$2; shift 2 ;;
    --lab) lab=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --lofo) lofo=$2; shift 2 ;;
    *) echo "eval: unknown flag $1 (use --model, --corpus, --cv-lines, --lab, --baseline, --lofo)" >&2
      exit 2 ;;
  esac
done
[ -f "$corpus" ] || { echo "eval: $corpus is missing; run 'deno task train' first" >&2; exit 1; }
wild=$(mktemp)
trap 'rm -f "$wild"' EXIT
deno run --quiet --allow-read models/with_text.ts < models/eval/wild.jsonl > "$wild"
echo "[1/2] generator held-out, cross-validation, hand-written set" >&2
/usr/bin/python3 models/train/evaluate.py --model "$model" --corpus "$corpus" --wild "$wild" --cv-lines "$cv"
[ -d "$lab" ] || { echo "eval: no lab data in $lab (run 'deno task lab'); real sets skipped" >&2; exit 0; }
echo "[2/2] real held-out sets (lab scenarios, fixture daemons, leave-one-family-out: $lofo)" >&2
models=(--model "$(basename "$model")=$model")
[ -n "$baseline" ] && models=(--model "before=$baseline" --model "after=$model")
/usr/bin/python3 models/train/evaluate_real.py "${models[@]}" --corpus "$corpus" --wild "$wild" \
  --lab "$lab" --lofo "$lofo" --out "$model/report.md"
