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
unset _policy_root
