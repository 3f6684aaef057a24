#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ one after the other (not part of the default test run).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds each, targets pack_toml profile_json
#
# Needs nightly (`cargo +nightly`) and cargo-fuzz (`cargo install cargo-fuzz`). Seeds each
# corpus from the demo pack and the CLI's test data, so the fuzzer starts from valid inputs.
# A crash leaves its input in fuzz/artifacts/<target>/ and makes this script exit non-zero;
# replay it with `cargo +nightly fuzz run <target> <file>`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
source scripts/env.sh
unset RUSTUP_TOOLCHAIN  # the fuzz build needs nightly, whatever the project's default is

SECONDS_EACH=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(pack_toml profile_json)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: cargo install cargo-fuzz" >&2
  exit 2
fi

DEMO=crates/engine/tests/fixtures/demo
seed() { # TARGET
  local dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  case "$1" in
    pack_toml)
      # First byte picks the file the input replaces: 0 facts.toml, 1 values.toml, 2 the policy.
      { printf '\0'; cat "$DEMO/facts.toml"; } > "$dir/seed-facts"
      { printf '\1'; cat "$DEMO/values.toml"; } > "$dir/seed-values"
      { printf '\2'; cat "$DEMO/policies/demo.toml"; } > "$dir/seed-policy"
      ;;
    profile_json)
      for f in crates/cli/tests/data/profile_*.json; do cp "$f" "$dir/seed-$(basename "$f")"; done
      printf '%s' '{"org.trainees": 500, "org.project": "P1", "org.year": 2024, "org.rate": "4500", "org.years": 2}' > "$dir/seed-org"
      printf '%s' '{"org.industries": ["software", "other"], "org.partners": 2}' > "$dir/seed-set"
      printf '%s' '2024-02-29' > "$dir/seed-date"
      ;;
  esac
}

status=0
for target in "${TARGETS[@]}"; do
  seed "$target"
  echo "== $target: ${SECONDS_EACH}s" >&2
  mkdir -p "fuzz/artifacts/$target"
  log="fuzz/artifacts/$target.log"
  dict=()
  [ -f "fuzz/$target.dict" ] && dict=(-dict="fuzz/$target.dict")
  if cargo +nightly fuzz run "$target" "fuzz/corpus/$target" -- \
       -max_total_time="$SECONDS_EACH" -print_final_stats=1 "${dict[@]}" > "$log" 2>&1; then
    result="no crash"
  else
    result="CRASH (see $log; the input is in fuzz/artifacts/$target/)"
    status=1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  echo "$target: ${runs:-?} runs in ${SECONDS_EACH}s: $result"
done
exit "$status"
