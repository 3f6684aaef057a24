# Source this file (do not run it): `source scripts/env.sh`.
# Sets up PATH and the Rust toolchain the same way for every build/test script, so they all
# use the tools scripts/bootstrap.sh installed, whatever shell they were started from.

_policy_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# tests/node_modules/.bin first: its wasm-opt (npm binaryen@132) must win over Debian's
# binaryen 108, which corrupts current wasm-bindgen output (TOOLCHAIN.md §2).
# ~/.cargo/bin next: wasm-bindgen, wasm-pack, geckodriver from `cargo install`.
case ":$PATH:" in
  *":$_policy_root/tests/node_modules/.bin:"*) ;;
  *) export PATH="$_policy_root/tests/node_modules/.bin:$HOME/.cargo/bin:$PATH" ;;
esac

# When rustup could not download the wasm32 std, bootstrap.sh built one for Debian's
# toolchain (linked into rustup as "debian") and left this marker: use that toolchain.
# An explicit RUSTUP_TOOLCHAIN from the caller still wins.
if [ -z "${RUSTUP_TOOLCHAIN:-}" ] && [ -f "$HOME/.cargo/policy-calc-toolchain" ]; then
  RUSTUP_TOOLCHAIN="$(cat "$HOME/.cargo/policy-calc-toolchain")"
  export RUSTUP_TOOLCHAIN
fi

export DEBIAN_FRONTEND=noninteractive

# Every wasm people download (the calculator app, the npm package, the list and studio pages'
# wasm) is built with a standard library of its own, compiled with the release profile and std's
# `optimize_for_size` (smaller sorting and formatting), and a panic a bare trap
# (`-Cpanic=immediate-abort`). The app's .wasm is 12 % smaller (215.8 -> 190.6 KB brotli; 11.5 KB
# of it is the bare trap), the package's 11 % (130.6 -> 116.1 KB). The price of the bare trap: a
# panic (a bug: the app stops either way) shows in the browser's console as "unreachable",
# without the message Yew's panic hook printed; the package never printed one (it has no hook).
# A build without small_std (or a debug build) has the messages back. Both flags are unstable,
# hence RUSTC_BOOTSTRAP; the std's source is rustup's rust-src component (scripts/bootstrap.sh)
# or Debian's rust-web-src. Its own target directory, because other RUSTFLAGS would rebuild
# everything in target/ each time.
# After `small_std`: env "${SMALL_STD_ENV[@]}" cargo|wasm-pack ... "${SMALL_STD_ARGS[@]}".
small_std() {
  local library
  library="$(rustc --print sysroot)/lib/rustlib/src/rust/library"
  if [ ! -f "$library/Cargo.lock" ]; then
    echo "WARNING: no std source at $library (rustup component add rust-src): building with the prebuilt std, a larger .wasm" >&2
    SMALL_STD_ENV=()
    SMALL_STD_ARGS=()
    return 0
  fi
  SMALL_STD_ENV=(RUSTC_BOOTSTRAP=1 "RUSTFLAGS=-Zunstable-options -Cpanic=immediate-abort"
    "CARGO_TARGET_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/small-std")
  SMALL_STD_ARGS=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)
}

# Shrinks a wasm-bindgen output in place with the pinned wasm-opt (npm binaryen@132, installed in
# tests/node_modules by scripts/bootstrap.sh; wasm-pack's own wasm-opt is off in every crate's
# metadata): -Oz until a pass saves nothing more (--converge), names and producers stripped. The
# --enable flags are the features rustc emits by default for wasm32-unknown-unknown (Rust >=
# 1.82: reference types for the externref table, bulk memory, sign extension, non-trapping
# float-to-int, mutable globals, multivalue): without them wasm-opt rejects the module.
shrink_wasm() { # FILE.wasm
  local wasm_opt
  wasm_opt="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/node_modules/.bin/wasm-opt"
  if [ ! -x "$wasm_opt" ]; then
    echo "$wasm_opt missing: run scripts/bootstrap.sh (it runs npm ci in tests/)" >&2
    return 1
  fi
  case "$("$wasm_opt" --version)" in
    *"version 1"[3-9][0-9]*|*"version "[2-9][0-9][0-9]*) ;;
    *) echo "$wasm_opt is $("$wasm_opt" --version): need binaryen >= 130 (npm binaryen@132)" >&2; return 1 ;;
  esac
  "$wasm_opt" -Oz --converge --strip-debug --strip-producers --enable-bulk-memory \
    --enable-reference-types --enable-sign-ext --enable-nontrapping-float-to-int \
    --enable-mutable-globals --enable-multivalue "$1" -o "$1.opt"
  mv "$1.opt" "$1"
}
unset _policy_root
