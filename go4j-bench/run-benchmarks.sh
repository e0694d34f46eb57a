#!/usr/bin/env bash
# Runs the benchmarks B1-B6 (channels, select), B9-B11 (timers, context, sync), B12 (prime
# sieve) and B13 (pipeline) side by side and writes docs/benchmarks/RESULTS.md.
#
# Usage: go4j-bench/run-benchmarks.sh [short|full] [JMH arguments...]
#   short (default)  a quick look, about 8-13 minutes: JMH -f 1 -wi 2 -w 500ms -i 3 -r 500ms;
#                    Go twins with -benchtime 300ms -count 2 (before and after)
#   full             the method of docs/BENCHMARKS.md, under 30 minutes: JMH -f 1 -wi 3 -w 1s
#                    -i 5 -r 1s; Go twins with -benchtime 1s -count 3 (before and after)
#   JMH arguments    replace the default benchmark selection 'io.go4j.bench.B([1-6]|9|10|11|12|13)[A-Z]'
#                    (B1-B6, B9-B13; a plain 'B1' would also match B10-B13),
#                    e.g. 'B1PingPong', 'B2Spsc -p cap=16' or 'io.go4j.bench.B13' (the Go twins
#                    always run in full unless BENCH narrows them, e.g. BENCH=B13)
#
# Steps: build the module with ./mvnw (which picks a JDK >= 21 by itself; the same JDK runs
# the benchmarks), run the Go twins (go4j-bench/go/run-go.sh, installs golang-go if missing),
# run JMH with -rf json, run the Go twins again, then io.go4j.bench.Report writes the report.
# Outputs: go4j-bench/target/{go-before.txt,jmh.json,jmh.log,go-after.txt} and
# docs/benchmarks/RESULTS.md.
#
# Environment: MVN_ARGS (extra Maven arguments, e.g. -o), SKIP_BUILD=1 (reuse the jar),
# BENCHTIME / COUNT (override the Go settings), BENCH (Go's -bench pattern, default all),
# RESULTS (report path).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode="${1:-short}"
[ $# -gt 0 ] && shift
case "$mode" in
  short)
    jmh_mode=(-f 1 -wi 2 -w 500ms -i 3 -r 500ms)
    go_benchtime="${BENCHTIME:-300ms}"; go_count="${COUNT:-2}" ;;
  full)
    jmh_mode=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
    go_benchtime="${BENCHTIME:-1s}"; go_count="${COUNT:-3}" ;;
  *)
    echo "usage: $0 [short|full] [JMH arguments...]" >&2
    exit 2 ;;
esac
if [ $# -gt 0 ]; then selection=("$@"); else selection=('io.go4j.bench.B([1-6]|9|10|11|12|13)[A-Z]'); fi

out_dir="go4j-bench/target" # relative to the repository root (the working directory)
results="${RESULTS:-docs/benchmarks/RESULTS.md}"
jar="$out_dir/benchmarks.jar"
start_s=$SECONDS
step() { printf '\n== run-benchmarks.sh [%dm%02ds]: %s\n' $(((SECONDS - start_s) / 60)) $(((SECONDS - start_s) % 60)) "$*" >&2; }

# The JDK: the one ./mvnw picks (.mvn/find-jdk.sh), exported so that the build uses it too.
JAVA_HOME="$( . "$root/.mvn/find-jdk.sh" && printf '%s' "$JAVA_HOME" )"
export JAVA_HOME
java="$JAVA_HOME/bin/java"
jdk_major="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^[[:space:]]*java\.specification\.version = //p' | head -n 1)"
jdk_major="${jdk_major#1.}"
host_flags=()
jmh_jvm=()
if [ "${jdk_major%%.*}" -ge 23 ]; then
  # The forks get the flag from @Fork(jvmArgsAppend); the JMH host JVM gets it here.
  host_flags=(--sun-misc-unsafe-memory-access=allow)
else
  # JDK 21/22 do not know --sun-misc-unsafe-memory-access: replace the @Fork(jvmArgsAppend)
  # list by the one option that matters (virtual JMH worker threads).
  jmh_jvm=(-jvmArgsAppend -Djmh.executor=VIRTUAL)
fi

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  step "build (./mvnw -B -q -pl go4j-bench -am package -DskipTests ${MVN_ARGS:-}) with JDK $jdk_major at $JAVA_HOME"
  # shellcheck disable=SC2086
  ./mvnw -B -q -pl go4j-bench -am package -DskipTests ${MVN_ARGS:-}
fi
[ -f "$jar" ] || { echo "run-benchmarks.sh: $jar not found" >&2; exit 1; }
mkdir -p "$out_dir"

load_before="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

step "Go twins, before JMH (benchtime $go_benchtime, count $go_count)"
BENCHTIME="$go_benchtime" COUNT="$go_count" go4j-bench/go/run-go.sh "$out_dir/go-before.txt" \
  || echo "run-benchmarks.sh: WARNING: the Go run failed; the report marks Go missing" >&2

step "JMH ${jmh_mode[*]} ${selection[*]}"
rm -f "$out_dir/jmh.json"
jmh_cmd=("$java" "${host_flags[@]}" -jar "$jar" "${selection[@]}" "${jmh_mode[@]}" "${jmh_jvm[@]}"
  -rf json -rff "$out_dir/jmh.json")
"${jmh_cmd[@]}" 2>&1 | tee "$out_dir/jmh.log"
if grep -q '<failure>' "$out_dir/jmh.log"; then
  echo "run-benchmarks.sh: WARNING: some benchmarks failed (see $out_dir/jmh.log); the report marks them missing" >&2
fi

step "Go twins, after JMH"
BENCHTIME="$go_benchtime" COUNT="$go_count" go4j-bench/go/run-go.sh "$out_dir/go-after.txt" \
  || echo "run-benchmarks.sh: WARNING: the Go run failed; the report marks Go missing" >&2

load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

step "report -> $results"
"$java" "${host_flags[@]}" -cp "$jar" io.go4j.bench.Report \
  jmh="$out_dir/jmh.json" \
  go="$out_dir/go-before.txt,$out_dir/go-after.txt" \
  out="$results" \
  mode="$mode" \
  goVersion="$(go version 2>/dev/null || echo '?')" \
  goSettings="GOMAXPROCS=${GOMAXPROCS:-2}, -benchtime $go_benchtime, -count $go_count" \
  load="before: $load_before; after: $load_after" \
  jmhCommand="${jmh_cmd[*]}"

step "done"
