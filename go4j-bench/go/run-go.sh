#!/usr/bin/env bash
# Runs the Go twin benchmarks and writes the raw `go test` output to a file.
#
# Usage: ./run-go.sh [OUTPUT_FILE]
#   OUTPUT_FILE  default: target/go-bench.txt relative to this folder
#                (a relative path given as $1 is relative to the caller's cwd)
# Environment overrides:
#   BENCHTIME (default 1s), COUNT (default 3), BENCH (default .),
#   GOMAXPROCS (default 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

out="${1:-$here/target/go-bench.txt}"
case "$out" in
  /*) ;;
  *) out="$PWD/$out" ;;
esac
mkdir -p "$(dirname "$out")"

if ! command -v go >/dev/null 2>&1; then
  echo "run-go.sh: 'go' not found, installing golang-go with apt-get" >&2
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y golang-go
fi

export GOMAXPROCS="${GOMAXPROCS:-2}"
export GOFLAGS=-mod=mod
export GOPROXY=off
export GOTOOLCHAIN=local

cd "$here"
echo "run-go.sh: $(go version), GOMAXPROCS=$GOMAXPROCS -> $out" >&2
if [ -n "${BENCH:-}" ]; then
  go test -run '^$' -bench "$BENCH" -benchtime "${BENCHTIME:-1s}" \
    -count "${COUNT:-3}" . 2>&1 | tee "$out"
else
  # B7 and B8 leave a million dead goroutines behind in the test process, which slows every
  # benchmark after them (0.2 s became 1-2 s): they run last, in a process of their own.
  go test -run '^$' -bench 'B([1-6]|9|1[0-3])[A-Z]' -benchtime "${BENCHTIME:-1s}" \
    -count "${COUNT:-3}" . 2>&1 | tee "$out"
  go test -run '^$' -bench 'B[78][A-Z]' -benchtime "${BENCHTIME:-1s}" \
    -count "${COUNT:-3}" . 2>&1 | tee -a "$out"
fi
