#!/usr/bin/env bash
# push and pull through a local S3 server, cairn against `rclone copy`, side by side in one run:
#   1. 10k files of 4 KiB (FILES, SMALL_KB)
#   2. one 1 GiB file (BIG_MB)
# The server is S3Proxy 4.0.0 (filesystem backend, 127.0.0.1), fetched as a Maven artifact with its
# dependencies into the work dir. Each pair runs alternately RUNS times (default 3), every push to a
# fresh prefix, every pull into an empty cache/directory (rclone copyto = copy, naming the target); the script prints medians and the ratio of
# throughputs cairn / rclone (> 1 means cairn is faster). rclone runs with as many transfers as cairn's
# default jobs (4 x CPUs). Needs bash, coreutils, curl, java 17, mvn, rclone; installs nothing.
# Before each pull the previous pull's files are moved aside, not deleted (they are deleted at the
# end): on ext4 without a journal the kernel skips inodes freed in the last minute when it allocates
# new ones, checking them one by one, so creating thousands of files right after deleting thousands
# costs several times what it costs on a fresh machine, and cairn (cache and workspace copy, as DVC)
# creates twice as many files as rclone. Files over 1 MiB are emptied where they are set aside, which
# frees their pages as a deletion would. SET_ASIDE=0 deletes everything instead.
#
#   bench/remotes.sh
#   RUNS=3 FILES=2000 BIG_MB=256 bench/remotes.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cairn="$here/cairn"
work="${BENCH_DIR:-/tmp/cairn-bench-remotes}"
runs="${RUNS:-3}"
files="${FILES:-10000}"
small_kb="${SMALL_KB:-4}"
bigmb="${BIG_MB:-1024}"
jobs=$((4 * $(nproc)))
if ! command -v rclone >/dev/null; then
  echo "remotes.sh: rclone is not installed (Debian/Ubuntu: apt-get install rclone; or see rclone.org/install)" >&2
  exit 3
fi
mkdir -p "$work"
"$cairn" --version >/dev/null   # build once, outside the timings

# --- S3Proxy from its Maven artifact -------------------------------------------------------------
lib="$work/s3proxy-lib"
if [ ! -f "$lib/s3proxy-4.0.0.jar" ]; then
  mkdir -p "$work/s3proxy-pom"
  cat >"$work/s3proxy-pom/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>s3proxy-runtime</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.gaul</groupId><artifactId>s3proxy</artifactId><version>4.0.0</version></dependency>
    <dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-annotations</artifactId><version>2.22</version></dependency>
  </dependencies>
</project>
POM
  (cd "$work/s3proxy-pom" && mvn -q -B dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib")
fi
access=bench-access
secret=bench-secret-0123456789
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
endpoint="http://127.0.0.1:$port"
store="$work/s3-store"
rm -rf "$store"; mkdir -p "$store/bench"
cat >"$work/s3proxy.properties" <<PROPS
s3proxy.endpoint=$endpoint
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$access
s3proxy.credential=$secret
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$store
PROPS
# S3Proxy's logback logs every request at DEBUG unless told otherwise: that costs the server more
# CPU than the requests (and gigabytes of log), so it runs at WARN, as a server would
cat >"$work/logback.xml" <<'XML'
<configuration>
  <appender name="err" class="ch.qos.logback.core.ConsoleAppender"><target>System.err</target>
    <encoder><pattern>%d %level %logger{20} - %msg%n</pattern></encoder></appender>
  <root level="WARN"><appender-ref ref="err"/></root>
</configuration>
XML
java -Dlogback.configurationFile="$work/logback.xml" -cp "$lib/*" org.gaul.s3proxy.Main \
  --properties "$work/s3proxy.properties" >"$work/s3proxy.log" 2>&1 &
server=$!
aside="$work/set-aside"
wipe_aside() { chmod -R u+w "$aside" 2>/dev/null || true; rm -rf "$aside"; }
wipe_aside
trap 'kill $server 2>/dev/null || true; wipe_aside' EXIT
# set_aside PATH...: out of the way for the next timed run (see the header)
set_aside() {
  local p d
  for p in "$@"; do
    [ -e "$p" ] || continue
    if [ "${SET_ASIDE:-1}" = 0 ]; then chmod -R u+w "$p"; rm -rf "$p"; continue; fi
    d="$aside/$(date +%s%N)"; mkdir -p "$d"; mv "$p" "$d/"
    # large files are emptied (their inodes stay): their pages would otherwise crowd the page cache
    chmod -R u+w "$d"; find "$d" -type f -size +1M -exec truncate -s 0 {} +
  done
}
for _ in $(seq 1 300); do
  if curl -s -o /dev/null "$endpoint/"; then break; fi
  sleep 0.1
done
curl -s -o /dev/null "$endpoint/" || { echo "remotes.sh: S3Proxy did not start; see $work/s3proxy.log" >&2; exit 1; }

export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other RCLONE_CONFIG_BENCH_ENDPOINT="$endpoint" \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$access" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$secret" \
  RCLONE_CONFIG_BENCH_REGION=us-east-1 RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true
rclone_flags=(--transfers "$jobs" --checkers "$jobs" --config /dev/null -q)
# the server is plain HTTP on loopback: a CA bundle from the environment only makes rclone's SDK fail
unset AWS_CA_BUNDLE

. "$here/bench/lib.sh"
# each timed command starts after a sync: no tool pays for the dirty pages of the one before it (a
# run that writes gigabytes into a page cache already holding the last push's gigabytes is throttled
# by the kernel, whichever tool it is)
timed() { local t0; sync; t0=$(now); "$@" >/dev/null 2>&1 || { echo "remotes.sh: failed: $*" >&2; exit 1; }; awk -v a="$(now)" -v b="$t0" 'BEGIN{print a-b}'; }
report() { # NAME BYTES CAIRN_TIMES RCLONE_TIMES
  local ma mb
  ma=$(printf '%s\n' $3 | median); mb=$(printf '%s\n' $4 | median)
  printf '%-28s cairn %7.3f s (%7.1f MB/s)   rclone %7.3f s (%7.1f MB/s)   throughput cairn/rclone %5.2f\n' \
    "$1" "$ma" "$(awk -v b="$2" -v t="$ma" 'BEGIN{print b/t/1e6}')" "$mb" \
    "$(awk -v b="$2" -v t="$mb" 'BEGIN{print b/t/1e6}')" "$(awk -v a="$ma" -v b="$mb" 'BEGIN{print b/a}')"
}

# bench NAME DIR-WITH-DATA TARGET(a file or directory name inside it)
bench() {
  local name="$1" src="$2" target="$3" bytes i cp=() rp=() cl=() rl=() dst
  bytes=$(du -sb --apparent-size "$src/$target" | cut -f1)
  local repo="$work/repo-$name"
  set_aside "$repo"; mkdir -p "$repo"
  cp -r "$src/$target" "$repo/"
  ( cd "$repo" && "$cairn" init --no-scm >/dev/null && "$cairn" add "$target" >/dev/null \
    && "$cairn" remote add -d r "s3://bench/cairn-$name-0" >/dev/null \
    && "$cairn" remote modify --local r endpointurl "$endpoint" && "$cairn" remote modify --local r region us-east-1 \
    && "$cairn" remote modify --local r access_key_id "$access" && "$cairn" remote modify --local r secret_access_key "$secret" ) >/dev/null 2>&1
  for ((i = 1; i <= runs; i++)); do
    (cd "$repo" && "$cairn" remote modify r url "s3://bench/cairn-$name-$i")
    cp+=("$(cd "$repo" && timed "$cairn" push)")
    rp+=("$(timed rclone copyto "${rclone_flags[@]}" "$src/$target" "bench:bench/rclone-$name-$i/$target")")
    set_aside "$repo/.dvc/cache" "$repo/$target"
    cl+=("$(cd "$repo" && timed "$cairn" pull)")
    dst="$work/rclone-pull-$name"; set_aside "$dst"; mkdir -p "$dst"
    rl+=("$(timed rclone copyto "${rclone_flags[@]}" "bench:bench/rclone-$name-$i/$target" "$dst/$target")")
    cmp -s <(cd "$repo" && find "$target" -type f -print0 | sort -z | xargs -0 cat) \
      <(cd "$dst" && find "$target" -type f -print0 | sort -z | xargs -0 cat) \
      || { echo "remotes.sh: pulled data differ for $name" >&2; exit 1; }
  done
  report "push $name" "$bytes" "${cp[*]}" "${rp[*]}"
  report "pull $name" "$bytes" "${cl[*]}" "${rl[*]}"
}

data="$work/data"
if [ ! -f "$data/.small-$files-$small_kb" ]; then
  rm -f "$data"/.small-*; rm -rf "$data/small"; mkdir -p "$data/small"
  head -c $((files * small_kb * 1024)) /dev/urandom | (cd "$data/small" && split -b $((small_kb * 1024)) -a 6 -d - f)
  touch "$data/.small-$files-$small_kb"
fi
if [ ! -f "$data/.big-$bigmb" ]; then
  rm -f "$data"/.big-*   # one big file: the marker names the size it has now
  mkdir -p "$data/big"
  head -c $((bigmb * 1024 * 1024)) /dev/urandom >"$data/big/big.bin"
  touch "$data/.big-$bigmb"
fi
echo "S3Proxy 4.0.0 (filesystem) on 127.0.0.1, $(nproc) CPUs, runs=$runs, rclone $(rclone version | head -1 | awk '{print $2}') --transfers $jobs"
bench "${files}x${small_kb}KiB" "$data" small
bench "1x${bigmb}MiB" "$data/big" big.bin
