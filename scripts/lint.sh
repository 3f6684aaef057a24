#!/usr/bin/env bash
# Formatting and clippy, warnings as errors: natively for the whole workspace (tests and benches
# too), and for wasm32 the crates that only build there in full (the app's browser side, the
# package's bindings). Part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=env.sh
source scripts/env.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p skillcalc-app -p skillcalc-wasm --target wasm32-unknown-unknown --tests -- -D warnings
# The app's arrows point one way: mount -> components -> web (the browser glue never calls up).
if grep -nE 'crate::(components|mount)\b' crates/app/src/web.rs; then
  echo "lint: crates/app/src/web.rs must not use the components or mount (the arrows point down)" >&2
  exit 1
fi
echo "lint: formatted, no clippy warning (native and wasm32), the app's modules point one way"
