#!/usr/bin/env bash
# `deno task test`: installs what the tests need (tests/setup.sh), runs every test, then prints the plain summary line CI reads
# ("N passed, N failed") and exits with deno's own exit code.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! bash tests/setup.sh; then echo "0 passed, 1 failed"; exit 1; fi
log=$(mktemp)
# The tests' temporary files (KV stores, spools, browser profiles) go to one scratch directory,
# removed at the end, so no run leaves them in /tmp. Traversable, as the lab's daemons may not be root.
scratch=$(mktemp -d /tmp/insyt-test.XXXXXX)
chmod 755 "$scratch"
trap 'rm -f "$log"; rm -rf "$scratch"' EXIT
export TMPDIR=$scratch
deno test --allow-all "$@" 2>&1 | tee "$log"
code=${PIPESTATUS[0]}
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^(ok|FAILED) \| [0-9]+ passed' | tail -n 1)
passed=$(echo "$summary" | sed -E 's/.*\| ([0-9]+) passed.*/\1/')
failed=$(echo "$summary" | sed -E 's/.*\| ([0-9]+) failed.*/\1/')
if [ -z "$summary" ]; then passed=0; failed=1; [ "$code" = 0 ] && code=1; fi
echo "${passed} passed, ${failed} failed"
exit "$code"
