#!/usr/bin/env bash
# Measures `skillcalc batch` throughput and memory on a CSV of training-subsidy rows.
#
#   scripts/bench-batch.sh [ROWS] [FORMAT]     default: 1000000 rows, jsonl output
#
# Generates ROWS rows (org.trainees=1, org.project=P<n%500>, org.year=2024: 500 projects, each
# over its 1,000,000 cap with 2000 trainees at up to 3000 each) into a temp dir, runs the release
# binary on it under /usr/bin/time -v, writing the output to a file (I/O included), and prints
# rows/s and the maximum resident set size. Set BENCH_FLAGS to pass more options.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
source scripts/env.sh

ROWS=${1:-1000000}
FORMAT=${2:-jsonl}
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "needs GNU time at $TIME (apt-get install time)" >&2
  exit 2
fi

cargo build --release -p skillcalc-cli >&2
BIN="$ROOT/target/release/skillcalc"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

awk -v n="$ROWS" 'BEGIN {
  print "org.trainees,org.project,org.year"
  for (i = 0; i < n; i++) printf "1,P%d,2024\n", i % 500
}' > "$WORK/rows.csv"
echo "input: $ROWS rows, $(du -h "$WORK/rows.csv" | cut -f1)" >&2

# shellcheck disable=SC2086  # BENCH_FLAGS is a list of options
"$TIME" -v -o "$WORK/time" "$BIN" batch --pack crates/engine/tests/fixtures/demo --provision demo.training \
  --as-of 2024-06-01 --lang en --format "$FORMAT" ${BENCH_FLAGS:-} "$WORK/rows.csv" \
  > "$WORK/out" 2> "$WORK/err"

# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23"
elapsed=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$WORK/time")
seconds=$(echo "$elapsed" | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time")
user=$(sed -n 's/.*User time (seconds): //p' "$WORK/time")
sys=$(sed -n 's/.*System time (seconds): //p' "$WORK/time")
out_rows=$(grep -c '"row"\|^[0-9]' "$WORK/out" || true)

tail -n 1 "$WORK/err" >&2  # the batch's own summary line (counts by status)
echo "output: $out_rows rows, $(du -h "$WORK/out" | cut -f1) ($FORMAT)"
echo "wall ${seconds}s (user ${user}s, sys ${sys}s)"
awk -v r="$ROWS" -v s="$seconds" 'BEGIN { if (s > 0) printf "throughput: %.0f rows/s\n", r / s; else print "throughput: too fast to time" }'
echo "max RSS: ${rss_kb} KiB"
