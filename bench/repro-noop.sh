#!/usr/bin/env bash
# No-op `repro` on a 100-stage pipeline (DESIGN.md §6 target: well under 1 s; DVC 3 takes ~0.63 s).
# Generates the pipeline in a temp repo (10 chains of 10 stages, each stage copying its input and
# tracking one param), runs `cairn repro` once to record dvc.lock, does one untimed no-op run (the
# launcher writes its class-data-sharing archive then), then times RUNS no-op runs with `date +%s%N`
# around each whole process, and reports CPU time (user+sys, from /usr/bin/time when present) too:
# on a loaded machine wall time says more about the load than about cairn.
# Only bash, coreutils, /usr/bin/time and the cairn launcher are used.
#
# Usage: bench/repro-noop.sh [runs]      env: CAIRN (launcher path), KEEP=1 keeps the temp repo
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cairn="${CAIRN:-$here/cairn}"
runs="${1:-5}"
work="$(mktemp -d "${TMPDIR:-/tmp}/cairn-bench-repro.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cd "$work"
"$cairn" init --no-scm >/dev/null 2>&1
{
  echo "chain:"
  for c in $(seq 0 9); do echo "  c$c: $c"; done
} > params.yaml
{
  echo "stages:"
  for c in $(seq 0 9); do
    printf 'seed %s\n' "$c" > "in$c.txt"
    prev="in$c.txt"
    for s in $(seq 0 9); do
      out="out/c${c}s${s}.txt"
      cat <<YAML
  c${c}s${s}:
    cmd: mkdir -p out && cp $prev $out
    deps:
    - $prev
    params:
    - chain.c$c
    outs:
    - $out
YAML
      prev="$out"
    done
  done
} > dvc.yaml
"$cairn" -q repro >/dev/null
stages=$(grep -c '^  c[0-9]*s[0-9]*:$' dvc.lock)
echo "pipeline: $stages stages recorded in dvc.lock ($work)"
"$cairn" repro >/dev/null
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%U %S' -o "$work/.cpu")
times=()
cpus=()
for i in $(seq 1 "$runs"); do
  t0=$(date +%s%N)
  out=$("${timer[@]}" "$cairn" repro)
  t1=$(date +%s%N)
  grep -q 'Data and pipelines are up to date.' <<<"$out" || { echo "not a no-op run:" >&2; echo "$out" >&2; exit 1; }
  times+=($(( (t1 - t0) / 1000000 )))
  if [ -f "$work/.cpu" ]; then
    cpus+=("$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/.cpu")")
  fi
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( ${#sorted[@]} / 2 ))]}
echo "no-op repro, $runs runs (ms): ${times[*]}"
echo "min ${sorted[0]} ms, median $median ms, max ${sorted[-1]} ms (target <= 1000 ms)"
if [ ${#cpus[@]} -gt 0 ]; then
  echo "CPU time (user+sys, ms): ${cpus[*]}; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
fi
[ "$median" -le 1000 ]
