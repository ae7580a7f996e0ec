#!/usr/bin/env bash
# Workspace checkout from a warm cache, whole command, against `cp -r` of the same tree (the floor:
# creating the same files, without temp files, renames or hashing):
#   1. cairn checkout of a directory of FILES small files (SMALL_KB each) after `rm -rf` of it
#   2. cairn checkout of one BIG_MB file after deleting it
# Each pair runs alternately RUNS times (default 5); medians are printed. CAIRN may name another
# command to compare builds, e.g. CAIRN="java -jar /tmp/old/cairn.jar".
#
#   RUNS=7 bench/checkout.sh            # FILES=2000 SMALL_KB=4 BIG_MB=128; BENCH_DIR=/tmp/cairn-bench-checkout
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cairn="${CAIRN:-$here/cairn}"
work="${BENCH_DIR:-/tmp/cairn-bench-checkout}"
runs="${RUNS:-5}"
files="${FILES:-2000}"
smallkb="${SMALL_KB:-4}"
bigmb="${BIG_MB:-128}"
$cairn --version >/dev/null   # build once, outside the timings

. "$here/bench/lib.sh"

if [ ! -f "$work/small.dvc" ] || [ ! -f "$work/big.bin.dvc" ]; then
  rm -rf "$work" && mkdir -p "$work/small"
  (cd "$work" && $cairn init --no-scm >/dev/null)
  head -c $((files * smallkb * 1024)) /dev/urandom | (cd "$work/small" && split -b $((smallkb * 1024)) -a 6 -d - f)
  head -c $((bigmb << 20)) /dev/urandom >"$work/big.bin"
  (cd "$work" && $cairn add small >/dev/null && $cairn add big.bin >/dev/null)
  cp -r "$work/small" "$work/small.orig" && cp "$work/big.bin" "$work/big.orig"
fi
cd "$work"
pair "checkout $files x ${smallkb} KiB" "rm -rf small" "$cairn checkout small" \
  "rm -rf small.copy" "cp -r small.orig small.copy" "cp -r"
pair "checkout 1 x $bigmb MiB" "rm -f big.bin" "$cairn checkout big.bin" \
  "rm -f big.copy" "cp big.orig big.copy" "cp"
cmp -s big.bin big.orig && diff -r -q small small.orig >/dev/null && echo "bytes identical to the originals"
