#!/usr/bin/env bash
# Start-up of `--version`, three ways side by side (DESIGN.md §6: the release archive and the wrapper
# within 10 % of the source launcher):
#   source   ./cairn --version                     (the source launcher, this checkout's cairn-cli/target/cairn.jar)
#   archive  <unpacked archive>/bin/cairn --version (cairn-dist/target/cairn-<v>.tar.gz)
#   wrapper  ./cairnw --version                    (a temp repository pinning that archive, distribution cached)
# Every command runs once untimed first, so each has its class-data-sharing archive written (warm CDS
# for all three). Then RUNS rounds run the three one after another, the order rotating each round;
# each process is timed whole (wall: date +%s%N around it; CPU user+sys: /usr/bin/time when present).
# Prints medians and, per pair, the median of the per-round ratios. HOME, XDG_CACHE_HOME and
# CAIRN_WRAPPER_HOME point into a temp directory: nothing of the user's cache is read or written.
# Only bash, coreutils, tar, git, /usr/bin/time and what the build produced are used.
#
#   mvn -B -q -DskipTests -pl cairn-dist -am package && RUNS=15 bench/startup.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-15}"
archive="$(ls "$here"/cairn-dist/target/cairn-*.tar.gz 2>/dev/null | head -1)"
[ -n "$archive" ] || { echo "no cairn-dist/target/cairn-*.tar.gz: build it first (see the header)" >&2; exit 2; }
"$here/cairn" --version >/dev/null   # the source launcher builds its jar here if a source changed, not in a timing
work="$(mktemp -d "${TMPDIR:-/tmp}/cairn-bench-startup.XXXXXX")"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CACHE_HOME="$work/cache" CAIRN_WRAPPER_HOME="$work/wrapper"
mkdir -p "$HOME" "$work/opt" "$work/repo"
tar xzf "$archive" -C "$work/opt"
bin="$(echo "$work"/opt/cairn-*/bin/cairn)"
(cd "$work/repo" && git init -q && "$bin" -q wrapper --distribution-url "file://$archive" >/dev/null)

declare -A cmd=(
  [source]="$here/cairn --version"
  [archive]="$bin --version"
  [wrapper]="$work/repo/cairnw --version"
)
names=(source archive wrapper)
for n in "${names[@]}"; do
  (cd "$work/repo" && ${cmd[$n]} >/dev/null && ${cmd[$n]} >/dev/null)   # build/install, record CDS, use it once
done

timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -f '%U %S' -o "$work/.cpu")
declare -A wall cpu
for ((i = 0; i < runs; i++)); do
  for ((j = 0; j < 3; j++)); do
    n=${names[$(((i + j) % 3))]}
    t0=$(date +%s%N)
    (cd "$work/repo" && "${timer[@]}" ${cmd[$n]} >/dev/null)
    t1=$(date +%s%N)
    wall[$n]+="$(((t1 - t0) / 1000000)) "
    if [ -f "$work/.cpu" ]; then cpu[$n]+="$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/.cpu") "; fi
  done
done

median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# ratios A/B round by round, then their median
ratio() {
  paste -d' ' <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) \
    | awk '{printf "%.4f\n", $1 / $2}' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'
}
echo "start-up of --version, $runs rounds, warm class-data archives; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-48s %10s %10s\n' "" "command" "wall ms" "cpu ms"
for n in "${names[@]}"; do
  printf '%-8s %-48s %10s %10s\n' "$n" "${cmd[$n]/#$work/\$TMP}" "$(median <<<"${wall[$n]}")" \
    "$( [ -n "${cpu[$n]:-}" ] && median <<<"${cpu[$n]}" || echo -)"
done
for n in archive wrapper; do
  printf '%-8s / source: wall ratio (median of rounds) %s' "$n" "$(ratio "${wall[$n]}" "${wall[source]}")"
  [ -n "${cpu[$n]:-}" ] && printf ', cpu ratio %s' "$(ratio "${cpu[$n]}" "${cpu[source]}")"
  echo
done
