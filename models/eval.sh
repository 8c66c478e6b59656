#!/usr/bin/env bash
# Writes models/<name>/report.md + images for a trained model (default: the shipped one).
# Usage: deno task eval [-- --model DIR --corpus FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
model=models/insyt-tiny corpus=models/data/corpus.jsonl cv=25000
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --cv-lines) cv=$2; shift 2 ;;
    *) echo "eval: unknown flag $1 (use --model, --corpus, --cv-lines)" >&2; exit 2 ;;
  esac
done
[ -f "$corpus" ] || { echo "eval: $corpus is missing; run 'deno task train' first" >&2; exit 1; }
wild=$(mktemp)
trap 'rm -f "$wild"' EXIT
deno run --quiet --allow-read models/with_text.ts < models/eval/wild.jsonl > "$wild"
/usr/bin/python3 models/train/evaluate.py --model "$model" --corpus "$corpus" --wild "$wild" --cv-lines "$cv"
