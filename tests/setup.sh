#!/usr/bin/env bash
# What `deno task test` needs besides Deno, installed idempotently from Debian (as root):
# PyTorch/onnx/OpenBLAS for the training-parity tests, matplotlib for the eval report, chromium
# for the browser tests, and the lab's daemons and attack tools (models/lab/packages.ts) for the lab
# tests, whose runs would otherwise spend their time budget installing. Prints one clear line and
# fails when a package is missing and this user cannot install it.
set -euo pipefail
pkgs=(python3-torch python3-onnx libopenblas0-pthread python3-matplotlib python3-numpy chromium)
need=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "deno task test: missing Debian packages: ${need[*]} (run as root, or: apt-get install -y ${need[*]})" >&2
    exit 1
  fi
  echo "deno task test: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q "${need[@]}" >/dev/null
  /usr/bin/python3 -c 'import torch, onnx, numpy, matplotlib'
fi
[ "$(id -u)" != 0 ] && exit 0 # the lab tests say themselves that they need root
deno task --quiet lab --install
