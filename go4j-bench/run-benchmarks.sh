#!/usr/bin/env bash
# Runs the benchmarks B1-B6 (channels, select), B7-B8 (a million goroutines), B9-B11 (timers,
# context, sync), B12 (prime sieve) and B13 (pipeline) side by side and writes
# docs/benchmarks/RESULTS.md and, beside it, chart.svg and chart.png (the ratios go4j / peer as
# bars on a log scale, from the same data).
#
# Usage: go4j-bench/run-benchmarks.sh [short|full] [JMH arguments...]
#   short (default)  a quick look, about 2 minutes end to end (measured: 2 min 00 s for B1-B13 on
#                    the idle 2-core machine, build up to date, B7/B8 memory included): JMH -f 1 -wi 1
#                    -w 200ms -i 2 -r 200ms over a reduced selection (one capacity per scenario:
#                    cap=16, B6 at cap=0, B5 over 2 channels; no info-only peers and not the
#                    slowest runs, see short_skip: their report rows read "missing"); Go twins
#                    once, before JMH, with -benchtime 100ms -count 1
#   full             the method of docs/BENCHMARKS.md, under 30 minutes: JMH -f 1 -wi 3 -w 1s
#                    -i 5 -r 1s, every capacity and peer; Go twins with -benchtime 1s -count 3
#                    (before and after)
#   JMH arguments    replace the default benchmark selection 'io.go4j.bench.B([1-9]|10|11|12|13)[A-Z]'
#                    (B1-B13; a plain 'B1' would also match B10-B13),
#                    e.g. 'B1PingPong', 'B2Spsc -p cap=16' or 'io.go4j.bench.B13' (the Go twins
#                    always run in full unless BENCH narrows them, e.g. BENCH=B13)
#                    and are run as given, in short mode too (no reduction)
#
# Steps: build the module with ./mvnw (which picks a JDK >= 21 by itself; the same JDK runs
# the benchmarks), run the Go twins (go4j-bench/go/run-go.sh, installs golang-go if missing),
# run JMH with -rf json, run the Go twins again (full mode), measure the B7/B8 memory once
# (io.go4j.bench.GoroutineFootprint and go/goroutines_footprint, fresh processes, seconds),
# then io.go4j.bench.Report writes the report and the chart.
# Outputs: go4j-bench/target/{go-before.txt,jmh.json,jmh.log,go-after.txt,footprint.txt,
# go-footprint.txt} (short mode: jmh-2.json, jmh-2.log too, no go-after.txt) and
# docs/benchmarks/{RESULTS.md,chart.svg,chart.png}.
#
# Environment: MVN_ARGS (extra Maven arguments, e.g. -o), SKIP_BUILD=1 (reuse the jar),
# BENCHTIME / COUNT (override the Go settings), BENCH (Go's -bench pattern, default all),
# RESULTS (report path), FOOTPRINT=0 (skip the B7/B8 memory measurement).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode="${1:-short}"
[ $# -gt 0 ] && shift
case "$mode" in
  short)
    jmh_mode=(-f 1 -wi 1 -w 200ms -i 2 -r 200ms)
    go_benchtime="${BENCHTIME:-100ms}"; go_count="${COUNT:-1}" ;;
  full)
    jmh_mode=(-f 1 -wi 3 -w 1s -i 5 -r 1s)
    go_benchtime="${BENCHTIME:-1s}"; go_count="${COUNT:-3}" ;;
  *)
    echo "usage: $0 [short|full] [JMH arguments...]" >&2
    exit 2 ;;
esac
if [ $# -gt 0 ]; then selection=("$@"); else selection=('io.go4j.bench.B([1-9]|10|11|12|13)[A-Z]'); fi
# Short mode, default selection: every JMH fork costs about a second on top of its
# iterations, and a fork runs at least three invocations, however long one takes; so the quick
# look runs one capacity per scenario (cap=16: at cap=0 jox takes seconds per B13 run), leaves
# out the peers shown for information only (no target in docs/BENCHMARKS.md), B12's jox (about
# 8 s per sieve run) and B7's second and third JDK peers (jdkJoin, jdkExecutor; jdkLatch stays).
# JMH's -p applies to every class with that parameter, so B6 (cap 0 / 100) is a second JMH run.
short_skip='\.(jdkExchangerSwap|go4jTryRecvIdle|jdkOrTimeoutArmed|jdkScheduledFuture|jdkTreeCancel|jdkTreeBuildCancel|jdkSynchronized|jdkParallelStream|go4jPipe)$'
short_skip+='|B12Sieve\.jox$|B7StartJoin\.jdk(Join|Executor)$'
jmh_runs=(main)
go_after=1
if [ "$mode" = short ] && [ $# -eq 0 ]; then
  selection+=(-e "$short_skip" -e 'B6Contended' -p cap=16 -p channels=2)
  selection_2=('io.go4j.bench.B6Contended' -e "$short_skip" -p cap=0)
  jmh_runs+=(2)
fi
if [ "$mode" = short ]; then go_after=0; fi # short: the Go twins once, before JMH

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

rm -f "$out_dir"/jmh.json "$out_dir"/jmh-2.json "$out_dir"/jmh.log "$out_dir"/jmh-2.log
jmh_files=""
jmh_cmds=""
for run in "${jmh_runs[@]}"; do
  if [ "$run" = main ]; then sel=("${selection[@]}"); suffix=""; else sel=("${selection_2[@]}"); suffix="-$run"; fi
  step "JMH ${jmh_mode[*]} ${sel[*]}"
  jmh_cmd=("$java" "${host_flags[@]}" -jar "$jar" "${sel[@]}" "${jmh_mode[@]}" "${jmh_jvm[@]}"
    -rf json -rff "$out_dir/jmh$suffix.json")
  "${jmh_cmd[@]}" 2>&1 | tee "$out_dir/jmh$suffix.log"
  if grep -q '<failure>' "$out_dir/jmh$suffix.log"; then
    echo "run-benchmarks.sh: WARNING: some benchmarks failed (see $out_dir/jmh$suffix.log); the report marks them missing" >&2
  fi
  jmh_files="${jmh_files:+$jmh_files,}$out_dir/jmh$suffix.json"
  jmh_cmds="${jmh_cmds:+$jmh_cmds; then }${jmh_cmd[*]}"
done

go_files="$out_dir/go-before.txt"
rm -f "$out_dir/go-after.txt"
if [ "$go_after" = 1 ]; then
  step "Go twins, after JMH"
  BENCHTIME="$go_benchtime" COUNT="$go_count" go4j-bench/go/run-go.sh "$out_dir/go-after.txt" \
    || echo "run-benchmarks.sh: WARNING: the Go run failed; the report marks Go missing" >&2
  go_files+=",$out_dir/go-after.txt"
fi

# B7/B8 memory: one fresh JVM / Go process per scenario and implementation, a few seconds each,
# once in both modes. FOOTPRINT=0 skips it (the report then has no memory table).
footprint_opt=()
if [ "${FOOTPRINT:-1}" != 0 ]; then
  step "footprint (B7/B8 memory, 1,000,000 goroutines): GoroutineFootprint -Xmx4g, then go/goroutines_footprint"
  rm -f "$out_dir/footprint.txt" "$out_dir/go-footprint.txt"
  "$java" -Xmx4g -cp "$jar" io.go4j.bench.GoroutineFootprint | tee "$out_dir/footprint.txt" \
    || echo "run-benchmarks.sh: WARNING: GoroutineFootprint failed; the report marks it missing" >&2
  ( cd go4j-bench/go/goroutines_footprint && GOMAXPROCS="${GOMAXPROCS:-2}" GOFLAGS=-mod=mod GOPROXY=off \
      GOTOOLCHAIN=local go run . ) | tee "$out_dir/go-footprint.txt" \
    || echo "run-benchmarks.sh: WARNING: go/goroutines_footprint failed; the report marks Go missing" >&2
  footprint_opt=(footprint="$out_dir/footprint.txt,$out_dir/go-footprint.txt")
fi

load_after="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"

step "report -> $results (and the chart beside it)"
results_dir="$(dirname "$results")"
rm -f "$results_dir/chart.svg" "$results_dir/chart.png" # what the report writes is printed below
"$java" "${host_flags[@]}" -Djava.awt.headless=true -cp "$jar" io.go4j.bench.Report \
  jmh="$jmh_files" \
  go="$go_files" \
  out="$results" \
  mode="$mode" \
  goVersion="$(go version 2>/dev/null || echo '?')" \
  goSettings="GOMAXPROCS=${GOMAXPROCS:-2}, -benchtime $go_benchtime, -count $go_count" \
  load="before: $load_before; after: $load_after" \
  jmhCommand="$jmh_cmds" \
  limits="docs/benchmarks/limits.tsv" \
  "${footprint_opt[@]}"

step "done"
abs() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$root/$1" ;; esac; }
echo "run-benchmarks.sh: report: $(abs "$results")" >&2
for f in chart.svg chart.png; do
  if [ -f "$results_dir/$f" ]; then echo "run-benchmarks.sh: chart:  $(abs "$results_dir/$f")" >&2; fi
done
