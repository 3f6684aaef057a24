#!/usr/bin/env bash
# Runs every test of the project (what CI runs, through .ci/run), after scripts/bootstrap.sh.
#
#   scripts/test.sh           everything: bootstrap, native, lint (fmt, clippy), wasm (Node,
#                             Chromium, Firefox, WebKit), package, app end to end (Chromium,
#                             Firefox, WebKit), sizes
#   scripts/test.sh --quick   only `cargo test --workspace` (no bootstrap; for developers)
#
# Every stage runs even when an earlier one failed, so one run shows everything that is broken.
# Each stage's output goes to the terminal and to target/test-logs/<stage>.log. At the end: a
# summary table, the counts per browser engine (wasm tests, end-to-end tests), then a last line
# "N passed, N failed" (totals over all stages); the exit code is non-zero when anything failed.
#
# Browsers (TOOLCHAIN.md §4, §7; scripts/bootstrap.sh installs them): Chromium and chromedriver,
# Firefox ESR (headless) and geckodriver, WebKitGTK's MiniBrowser and WebKitWebDriver. WebKit has
# no headless mode: its stages run under `xvfb-run -a`, inside `timeout` (a browser that fails to
# start makes WebKitWebDriver hang instead of failing).
#
# How stages are counted (the KIND argument of run_stage):
#   cargo  - sums the "test result: ... N passed; M failed" lines (cargo test, and the
#            wasm-bindgen-test runner used by `wasm-pack test`, print the same line);
#   node   - node --test's closing "# pass N" / "# fail N" (+ "# cancelled N" as failures);
#            the spec reporter's "ℹ pass N" form is read too;
#   check  - a command that passes or fails as a whole (a build, the size report): 1 test.
# A stage that exits non-zero with no failed test counted (a compile error, a missing script)
# counts 1 failure; a cargo/node stage that exits 0 but ran no test is a failure too, because
# that means tests are silently not running (e.g. wasm tests not configured for the browser).
set -uo pipefail   # no -e: a failing stage must not stop the run

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
source scripts/env.sh

# Crates whose #[wasm_bindgen_test] tests run under wasm-pack (in Node and in each browser).
# WASM_TEST_CRATES always run (running no test there is a failure); WASM_TEST_CRATES_IF_ANY only
# when their sources contain a wasm_bindgen_test (else shown as skipped).
WASM_TEST_CRATES=(crates/wasm)
WASM_TEST_CRATES_IF_ANY=(crates/app)

# A hung browser or driver must not eat CI's 90 minutes: each stage is killed after this.
STAGE_TIMEOUT=${STAGE_TIMEOUT:-1200}
# WebKit stages get their own, shorter timeout (see above), around xvfb-run.
WEBKIT_TIMEOUT=${WEBKIT_TIMEOUT:-900}
GECKODRIVER=${GECKODRIVER_PATH:-$HOME/.cargo/bin/geckodriver}
WEBKIT_DRIVER=${WEBKIT_DRIVER_PATH:-/usr/bin/WebKitWebDriver}
# The command prefix of every WebKit stage.
WEBKIT_RUN=(timeout --kill-after=10 "$WEBKIT_TIMEOUT" xvfb-run -a)

LOG_DIR=target/test-logs
mkdir -p "$LOG_DIR"

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

# Results, one entry per stage, in order.
S_NAME=(); S_STATUS=(); S_PASS=(); S_FAIL=(); S_SECS=(); S_NOTE=()

record() { # NAME STATUS PASSED FAILED SECONDS NOTE
  S_NAME+=("$1"); S_STATUS+=("$2"); S_PASS+=("$3"); S_FAIL+=("$4"); S_SECS+=("$5"); S_NOTE+=("$6")
}

# Sum the numbers that follow PATTERN (an extended regex ending just before the number).
sum_after() { # LOG PATTERN
  grep -aoE "$2[0-9]+" "$1" | grep -oE '[0-9]+$' | awk '{s+=$1} END {print s+0}'
}

# run_stage NAME KIND COMMAND...  (KIND: cargo | node | check; see the header)
run_stage() {
  local name=$1 kind=$2; shift 2
  local log="$LOG_DIR/$name.log" t0=$SECONDS rc passed=0 failed=0 status note=""
  echo
  echo "=== [$name] $*"
  # stdin from /dev/null: CI has none, and nothing here may wait for input.
  timeout --kill-after=30 "$STAGE_TIMEOUT" "$@" </dev/null 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  case $kind in
    cargo)
      # Strip colour codes first, in case a tool forces them.
      sed -i 's/\x1b\[[0-9;]*m//g' "$log"
      passed=$(sum_after "$log" 'test result: [A-Za-z]+\. ')
      failed=$(sum_after "$log" 'test result: [A-Za-z]+\. [0-9]+ passed; ') ;;
    node)
      passed=$(( $(sum_after "$log" '^# pass ') + $(sum_after "$log" '^ℹ pass ') ))
      failed=$(( $(sum_after "$log" '^# fail ') + $(sum_after "$log" '^ℹ fail ') \
               + $(sum_after "$log" '^# cancelled ') + $(sum_after "$log" '^ℹ cancelled ') )) ;;
    check)
      if [ "$rc" = 0 ]; then passed=1; else failed=1; fi ;;
  esac
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then note="killed by a timeout (STAGE_TIMEOUT=${STAGE_TIMEOUT}s, WEBKIT_TIMEOUT=${WEBKIT_TIMEOUT}s)"; fi
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then
    failed=1; note=${note:-"exit code $rc, no failing test counted (build error?)"}
  elif [ "$rc" = 0 ] && [ "$kind" != check ] && [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
    failed=1; note="exit code 0 but no test ran"
  elif [ "$rc" = 0 ] && [ "$failed" != 0 ]; then
    note="exit code 0 but $failed test(s) failed"
  fi
  if [ "$failed" = 0 ]; then status=PASS; else status=FAIL; fi
  # A failed check stage's note starts with its last output line: usually the reason (e.g. which build
  # output is missing), so the summary table alone says what to look at.
  if [ "$status" = FAIL ] && [ -z "$note" ] && [ "$kind" = check ]; then
    note=$(grep -v '^[[:space:]]*$' "$log" | tail -n1 | sed 's/^[[:space:]]*//' | cut -c1-90)
  fi
  record "$name" "$status" "$passed" "$failed" $((SECONDS - t0)) "${note:+$note; }log: $log"
  echo "=== [$name] $status: $passed passed, $failed failed${note:+ ($note)}"
}

# A stage that cannot run (missing script, failed prerequisite): 1 failure, with the reason.
fail_stage() { # NAME REASON
  echo
  echo "=== [$1] FAIL: $2"
  record "$1" FAIL 0 1 0 "$2"
}

skip_stage() { # NAME REASON  (shown, not counted)
  echo
  echo "=== [$1] SKIP: $2"
  record "$1" SKIP 0 0 0 "$2"
}

stage_passed() { # NAME
  local i
  for i in "${!S_NAME[@]}"; do
    [ "${S_NAME[$i]}" = "$1" ] && [ "${S_STATUS[$i]}" = PASS ] && return 0
  done
  return 1
}

# Run a script written elsewhere in the repo, or fail clearly when it is not there yet.
run_script_stage() { # NAME SCRIPT
  if [ -f "$2" ]; then run_stage "$1" check bash "$2"
  else fail_stage "$1" "$2 does not exist yet"; fi
}

# node --test on a folder (Node 20 runs *.test.js/mjs, test-*.js ... and files under test/),
# but only after the build it needs passed. PREFIX: a command the run goes through (env, xvfb-run).
run_node_tests_stage() { # NAME DIR NEEDS-STAGE [PREFIX...]
  if ! stage_passed "$3"; then fail_stage "$1" "not run: $3 did not pass"
  elif [ ! -d "$2" ]; then fail_stage "$1" "$2 does not exist yet"
  else run_stage "$1" node "${@:4}" node --test "$2"; fi
}

has_wasm_tests() { # CRATE-DIR
  grep -rqs 'wasm_bindgen_test' "$1/src" "$1/tests"
}

T0=$SECONDS

# ---- 0. tool set-up ---------------------------------------------------------------------------
if [ "$QUICK" = 0 ]; then
  run_stage bootstrap check bash scripts/bootstrap.sh
fi

# ---- a. native Rust tests ---------------------------------------------------------------------
# --no-fail-fast: run every test binary even when one fails, so the counts are complete.
run_stage cargo-test cargo cargo test --workspace --no-fail-fast
# The app's build-time rendering of its first view (feature `prerender`, off in the workspace run).
run_stage cargo-test-prerender cargo cargo test -p skillcalc-app --features prerender --lib prerender::

if [ "$QUICK" = 0 ]; then
  run_script_stage lint scripts/lint.sh

  # ---- b. wasm tests, in Node and in each browser (headless; WebKit under Xvfb) ----------------
  WASM_RUNS=(node chromium firefox webkit)
  for crate in "${WASM_TEST_CRATES[@]}" "${WASM_TEST_CRATES_IF_ANY[@]}"; do
    n=$(basename "$crate")
    if [ ! -f "$crate/Cargo.toml" ]; then
      for e in "${WASM_RUNS[@]}"; do fail_stage "wasm-$e-$n" "$crate/Cargo.toml does not exist yet"; done
    elif [[ " ${WASM_TEST_CRATES_IF_ANY[*]} " == *" $crate "* ]] && ! has_wasm_tests "$crate"; then
      for e in "${WASM_RUNS[@]}"; do skip_stage "wasm-$e-$n" "$crate has no wasm_bindgen_test"; done
    else
      run_stage "wasm-node-$n" cargo wasm-pack test --node "$crate"
      # WASM_BINDGEN_USE_BROWSER=1: without it, tests not configured for the browser are
      # skipped with exit 0 (TOOLCHAIN.md §4). The runner already passes headless/no-sandbox.
      # Name the browser flag as well as the driver (the path alone is not enough, §7);
      # --safari drives WebKitGTK's MiniBrowser through WebKitWebDriver on Linux.
      run_stage "wasm-chromium-$n" cargo env WASM_BINDGEN_USE_BROWSER=1 \
        wasm-pack test --headless --chrome --chromedriver /usr/bin/chromedriver "$crate"
      run_stage "wasm-firefox-$n" cargo env WASM_BINDGEN_USE_BROWSER=1 \
        wasm-pack test --headless --firefox --geckodriver "$GECKODRIVER" "$crate"
      run_stage "wasm-webkit-$n" cargo env WASM_BINDGEN_USE_BROWSER=1 "${WEBKIT_RUN[@]}" \
        wasm-pack test --headless --safari --safaridriver "$WEBKIT_DRIVER" "$crate"
    fi
  done

  # ---- c. the npm package ---------------------------------------------------------------------
  run_script_stage build-package scripts/build-package.sh
  run_node_tests_stage package-tests web/package/test/ build-package

  # ---- d. the app, end to end: one suite, once per engine (tests/e2e/browser.mjs) -------------
  # Screenshots: tests/artifacts/<engine>/.
  run_script_stage build-app scripts/build-app.sh
  run_node_tests_stage e2e-chromium tests/e2e/ build-app env E2E_BROWSER=chromium
  run_node_tests_stage e2e-firefox tests/e2e/ build-app env E2E_BROWSER=firefox
  run_node_tests_stage e2e-webkit tests/e2e/ build-app env E2E_BROWSER=webkit "${WEBKIT_RUN[@]}"

  # ---- e. shipped sizes against size-budgets.json ---------------------------------------------
  run_stage size-report check node scripts/size-report.mjs
fi

# ---- summary ----------------------------------------------------------------------------------
TOTAL_PASS=0; TOTAL_FAIL=0
echo
echo "==================================== test summary ===================================="
printf '%-22s %-6s %7s %7s %6s  %s\n' STAGE STATUS PASSED FAILED SECS NOTE
for i in "${!S_NAME[@]}"; do
  printf '%-22s %-6s %7s %7s %6s  %s\n' "${S_NAME[$i]}" "${S_STATUS[$i]}" "${S_PASS[$i]}" \
    "${S_FAIL[$i]}" "${S_SECS[$i]}" "${S_NOTE[$i]}"
  TOTAL_PASS=$((TOTAL_PASS + S_PASS[i])); TOTAL_FAIL=$((TOTAL_FAIL + S_FAIL[i]))
done
if [ "$QUICK" = 0 ]; then
  # Per engine: the wasm tests (all crates) and the end-to-end tests, passed / failed.
  echo
  echo "per engine (passed / failed):"
  printf '%-10s %-16s %-16s\n' ENGINE WASM E2E
  for e in node chromium firefox webkit; do
    cols=()
    for prefix in "wasm-$e-" "e2e-$e"; do
      p=0; f=0; any=0
      for i in "${!S_NAME[@]}"; do
        if [[ "${S_NAME[$i]}" == "$prefix"* ]] && [ "${S_STATUS[$i]}" != SKIP ]; then
          any=1; p=$((p + S_PASS[i])); f=$((f + S_FAIL[i]))
        fi
      done
      if [ "$any" = 1 ]; then cols+=("$p / $f"); else cols+=("-"); fi
    done
    printf '%-10s %-16s %-16s\n' "$e" "${cols[0]}" "${cols[1]}"
  done
fi
echo "total time: $((SECONDS - T0)) s$([ "$QUICK" = 1 ] && echo ' (--quick: only cargo test)')"
# The last line, read by CI: totals over all stages.
echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
[ "$TOTAL_FAIL" = 0 ]
