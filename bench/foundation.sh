#!/usr/bin/env bash
# Whole-command comparisons for the data-versioning foundation, run side by side in one go:
#   1. cairn add of one 1 GiB file (cold cache)      vs  md5sum of the same file
#   2. cairn add of 100k small files (cold cache)     vs  git add of the same tree
#   3. cairn status on that unchanged tree            vs  git status on the same tree
# Each pair runs alternately RUNS times (default 5); the script prints medians and the ratio
# cairn/other. Only public tools: bash, coreutils, git, and this repository's ./cairn.
#
#   bench/foundation.sh            # all three
#   RUNS=3 FILES=20000 bench/foundation.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cairn="$here/cairn"
work="${BENCH_DIR:-/tmp/cairn-bench}"
runs="${RUNS:-5}"
files="${FILES:-100000}"
bigmb="${BIG_MB:-1024}"
if ((files < 1000 || files % 1000 != 0)); then
  echo "foundation.sh: FILES must be a multiple of 1000 (the tree is directories of 1,000 files); got $files" >&2
  exit 2
fi
mkdir -p "$work"
"$cairn" --version >/dev/null   # build once, outside the timings

. "$here/bench/lib.sh"

# 1. one large file
big="$work/big"
if [ ! -f "$big/big.bin" ]; then
  mkdir -p "$big"
  head -c "$((bigmb * 1024 * 1024))" /dev/urandom >"$big/big.bin"
fi
(cd "$big" && [ -d .dvc ] || "$cairn" -q init --no-scm)
cat "$big/big.bin" >/dev/null   # both sides start with the file in the page cache
pair "add ${bigmb} MiB file vs md5sum" \
  "rm -rf '$big/.dvc/cache' '$big/.dvc/tmp' '$big/big.bin.dvc'" "'$cairn' -q -C '$big' add big.bin" \
  ":" "md5sum '$big/big.bin'"

# 2. many small files
small="$work/small"
if [ ! -d "$small/data" ]; then
  mkdir -p "$small/data"
  for ((d = 0; d < files / 1000; d++)); do
    mkdir -p "$small/data/d$d"
    for ((f = 0; f < 1000; f++)); do
      printf 'row %d of directory %d: some small content\n' "$f" "$d" >"$small/data/d$d/f$f.txt"
    done
  done
fi
gitrepo="$work/small-git"
if [ ! -d "$gitrepo/data" ]; then
  mkdir -p "$gitrepo" && cp -r "$small/data" "$gitrepo/"
fi
(cd "$small" && [ -d .dvc ] || "$cairn" -q init --no-scm)
pair "add $files small files vs git add" \
  "rm -rf '$small/.dvc/cache' '$small/.dvc/tmp' '$small/data.dvc'" "'$cairn' -q -C '$small' add data" \
  "rm -rf '$gitrepo/.git' && git -C '$gitrepo' init -q" "git -C '$gitrepo' add data"

# 3. status of the unchanged tree (cairn's add and git's commit done above/here)
git -C "$gitrepo" -c user.name=b -c user.email=b@b commit -qm data >/dev/null
"$cairn" -q -C "$small" status >/dev/null
git -C "$gitrepo" status >/dev/null
pair "status, $files unchanged files" ":" "'$cairn' -q -C '$small' status" ":" "git -C '$gitrepo' status"
