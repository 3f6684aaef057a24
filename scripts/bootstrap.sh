#!/usr/bin/env bash
# Idempotent toolchain set-up for building and testing the project on a fresh Debian 12 machine
# (also what CI runs, via scripts/test.sh). Each step checks first and skips fast when done.
# Facts behind the choices: /work/shared/TOOLCHAIN.md.
#
# App build tool: wasm-pack + a hand-written static index.html (scripts/build-app.sh), NOT Trunk.
# Installing Trunk takes ~10 min here (more than everything else together) and gives the same
# output size as wasm-pack --target web.
#
# Nothing here downloads a browser or a prebuilt binary: browsers and drivers come from Debian,
# the rest is built by cargo or comes from the npm registry (this network reaches nothing else).
#
# Env knobs: BOOTSTRAP_FORCE_DEBIAN_STD=1 skips `rustup target add` and uses the Debian recipe.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
source scripts/env.sh

T0=$(date +%s%N)
STEP="start"
HINT=""
# Any failing command stops the script (set -e); say which step and what to do about it.
# (Only the top-level shell reports, so a failure inside ( ... ) is not reported twice.)
trap '[ "$BASH_SUBSHELL" = 0 ] && echo "[bootstrap] FAILED at step \"$STEP\" (line $LINENO: $BASH_COMMAND). $HINT" >&2' ERR

step() { STEP=$1; shift; echo "[bootstrap] $STEP: $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# apt-get update at most once per run, and only when something is missing.
APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then apt-get update -qq; APT_UPDATED=1; fi
  apt-get install -y -qq "$@"
}

# Returns 0 when every named Debian package is installed.
apt_have() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || return 1
  done
}

# ---------------------------------------------------------------------------------------------
step preflight "node, npm, python3, rustup, cargo present"
HINT="Install the missing tool (the machine image normally has them)."
for t in node npm python3 rustup cargo; do
  have "$t" || { echo "[bootstrap] preflight: '$t' not found on PATH. $HINT" >&2; exit 1; }
done

# ---------------------------------------------------------------------------------------------
# 1. wasm32-unknown-unknown standard library.
WASM_TARGET=wasm32-unknown-unknown
DEB_TARGET_LIB=/usr/lib/rustlib/$WASM_TARGET/lib
DEB_STAMP=/usr/lib/rustlib/$WASM_TARGET/policy-calc-rustc-vV.txt
MARKER=$HOME/.cargo/policy-calc-toolchain   # read by scripts/env.sh

has_wasm_std() { # $1: sysroot
  compgen -G "$1/lib/rustlib/$WASM_TARGET/lib/libstd-*.rlib" >/dev/null
}

# Debian recipe (TOOLCHAIN.md §1): Debian's rustc + its std source, std built once into the
# sysroot with -Zbuild-std, then used like a normal installed target.
build_debian_std() {
  HINT="The Debian std recipe failed; see TOOLCHAIN.md §1 (needs apt access to Debian's packages)."
  apt_have rustc-web cargo-web rust-web-src lld-22 rustfmt-web rust-web-clippy ||
    apt_install rustc-web cargo-web rust-web-src lld-22 rustfmt-web rust-web-clippy
  rustup toolchain list | grep -q '^debian' || rustup toolchain link debian /usr
  local tmp; tmp=$(mktemp -d)
  mkdir -p "$tmp/src"
  printf '[package]\nname = "stdbuild"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n' >"$tmp/Cargo.toml"
  : >"$tmp/src/lib.rs"
  # embed-bitcode: without it every `lto = true` build fails ("Can't find section .llvmbc").
  # opt-level z: makes the final wasm 5-13 % smaller than an O3 std.
  (cd "$tmp" && RUSTUP_TOOLCHAIN=debian RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
     CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
     cargo build -q --release --target $WASM_TARGET \
       -Zbuild-std=std,panic_abort,panic_unwind,test,proc_macro)
  mkdir -p "$DEB_TARGET_LIB"
  rm -f "$DEB_TARGET_LIB"/*.rlib   # no stale rlibs from a previous rustc
  find "$tmp/target/$WASM_TARGET/release/deps" -name '*.rlib' ! -name 'libstdbuild-*' \
    -exec cp {} "$DEB_TARGET_LIB/" \;
  rm -rf "$tmp"
  RUSTUP_TOOLCHAIN=debian rustc -vV >"$DEB_STAMP"
  echo debian >"$MARKER"
  # Objects built against the old std in target/ would not link ("can't find crate").
  if [ -f Cargo.toml ]; then RUSTUP_TOOLCHAIN=debian cargo clean -q --target $WASM_TARGET || true; fi
}

if [ "${RUSTUP_TOOLCHAIN:-}" = debian ] && [ -f "$MARKER" ]; then
  # Using the Debian-built std: valid only while Debian's rustc is the one it was built with
  # (security updates upgrade rustc-web in place).
  if has_wasm_std /usr && [ -f "$DEB_STAMP" ] && rustc -vV 2>/dev/null | cmp -s - "$DEB_STAMP"; then
    step wasm32-std "Debian-built std present for $(rustc -V) (skip)"
  else
    step wasm32-std "Debian rustc changed or std missing: rebuilding the std (~1.5 min)"
    build_debian_std
  fi
elif has_wasm_std "$(rustc --print sysroot)" && [ -z "${BOOTSTRAP_FORCE_DEBIAN_STD:-}" ]; then
  step wasm32-std "rustup target installed for $(rustc -V) (skip)"
else
  step wasm32-std "rustup target add $WASM_TARGET (60 s limit)"
  if [ -z "${BOOTSTRAP_FORCE_DEBIAN_STD:-}" ] && timeout 60 rustup target add $WASM_TARGET; then
    rm -f "$MARKER"
  else
    step wasm32-std "rustup target add failed${BOOTSTRAP_FORCE_DEBIAN_STD:+ (skipped: BOOTSTRAP_FORCE_DEBIAN_STD)}: building Debian's std instead (~1.5 min)"
    build_debian_std
    export RUSTUP_TOOLCHAIN=debian   # for the cargo installs below
  fi
fi

# The std's source: the wasm people download is built with a std of its own, made for size
# (scripts/env.sh, small_std). Debian's toolchain has it from rust-web-src (installed above).
if [ -f "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.lock" ]; then
  step rust-src "std source present (skip)"
else
  step rust-src "rustup component add rust-src (120 s limit)"
  timeout 120 rustup component add rust-src ||
    echo "[bootstrap] rust-src: WARNING: not installed; the shipped wasm will be built with the prebuilt std, about 12 % larger" >&2
fi

# ---------------------------------------------------------------------------------------------
# 2. wasm-bindgen CLI: must be exactly the version the workspace pins, else wasm-pack tries to
#    download one (fails here) or build one (3 more minutes) on every fresh build.
WB_VERSION=$(sed -nE 's/^[[:space:]]*wasm-bindgen[[:space:]]*=.*"=?([0-9]+\.[0-9]+\.[0-9]+)".*/\1/p' Cargo.toml 2>/dev/null | head -n1 || true)
if [ -z "$WB_VERSION" ]; then
  WB_VERSION=0.2.130
  echo "[bootstrap] wasm-bindgen: WARNING: no 'wasm-bindgen = \"=X.Y.Z\"' pin in Cargo.toml; using $WB_VERSION" >&2
fi
HINT="Run: cargo install wasm-bindgen-cli --version $WB_VERSION (without --locked: a locked dependency is missing from the registry)."
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WB_VERSION" ]; then
  step wasm-bindgen "wasm-bindgen-cli $WB_VERSION present (skip)"
else
  step wasm-bindgen "cargo install wasm-bindgen-cli $WB_VERSION (~3 min)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# ---------------------------------------------------------------------------------------------
# 3. wasm-pack. (Its install warning "failed to get wasm-pack version" is harmless.)
WP_VERSION=0.15.1
HINT="Run: cargo install --locked wasm-pack --version $WP_VERSION"
if [ "$(wasm-pack --version 2>/dev/null || true)" = "wasm-pack $WP_VERSION" ]; then
  step wasm-pack "wasm-pack $WP_VERSION present (skip)"
else
  step wasm-pack "cargo install --locked wasm-pack $WP_VERSION (~2 min)"
  cargo install --locked wasm-pack --version "$WP_VERSION"
fi

# ---------------------------------------------------------------------------------------------
# 4. Browsers and drivers from Debian. Chromium for now; Firefox ESR and WebKitGTK (driven under
#    Xvfb: it has no headless mode) for the multi-engine tests.
APT_CHROMIUM=(chromium chromium-driver)
APT_OTHERS=(firefox-esr webkit2gtk-driver xvfb)
HINT="Check apt access, then run: apt-get update && apt-get install -y ${APT_CHROMIUM[*]} ${APT_OTHERS[*]}"
if apt_have "${APT_CHROMIUM[@]}" "${APT_OTHERS[@]}"; then
  step apt "${APT_CHROMIUM[*]} ${APT_OTHERS[*]} present (skip)"
else
  step apt "installing ${APT_CHROMIUM[*]} ${APT_OTHERS[*]} (~1 min)"
  # --no-install-recommends for Chromium as tested in TOOLCHAIN.md §4; the others as in §7.
  apt_have "${APT_CHROMIUM[@]}" || apt_install --no-install-recommends "${APT_CHROMIUM[@]}"
  apt_have "${APT_OTHERS[@]}" || apt_install "${APT_OTHERS[@]}"
fi

# ---------------------------------------------------------------------------------------------
# 5. geckodriver: from crates.io (its npm and PyPI packages download a binary at run time).
GD_VERSION=0.37.1
HINT="Run: cargo install geckodriver --version $GD_VERSION"
if have geckodriver; then
  step geckodriver "$(geckodriver --version 2>/dev/null | head -n1) present (skip)"
else
  step geckodriver "cargo install geckodriver $GD_VERSION (~2 min)"
  cargo install geckodriver --version "$GD_VERSION"
fi

# ---------------------------------------------------------------------------------------------
# 6. npm test tooling in tests/ (playwright-core, binaryen@132 for wasm-opt, axe-core,
#    selenium-webdriver, vite@7). Never `npx playwright install`: it downloads a browser.
#    A stamp holding the hash of package.json + lock tells whether node_modules is current.
HINT="Run: (cd tests && npm ci) and read npm's error."
NPM_STAMP=tests/node_modules/.bootstrap-stamp
npm_hash() { cat tests/package.json tests/package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }
if [ -f "$NPM_STAMP" ] && [ "$(cat "$NPM_STAMP")" = "$(npm_hash)" ]; then
  step npm "tests/node_modules matches the lock (skip)"
else
  if [ -f tests/package-lock.json ]; then
    step npm "npm ci in tests/"
    (cd tests && npm ci --no-audit --no-fund)
  else
    step npm "npm install in tests/ (no lock yet)"
    (cd tests && npm install --no-audit --no-fund)
  fi
  npm_hash >"$NPM_STAMP"
fi
# The package's own dev tooling (typescript, for the type-check test of the declarations).
HINT="Run: (cd web/package && npm ci) and read npm's error."
PKG_STAMP=web/package/node_modules/.bootstrap-stamp
pkg_hash() { cat web/package/package.json web/package/package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }
if [ -f "$PKG_STAMP" ] && [ "$(cat "$PKG_STAMP")" = "$(pkg_hash)" ]; then
  step npm-package "web/package/node_modules matches the lock (skip)"
else
  step npm-package "npm ci in web/package/"
  (cd web/package && npm ci --no-audit --no-fund)
  pkg_hash >"$PKG_STAMP"
fi

# The studio page's build tooling (CodeMirror 6, fflate, esbuild: scripts/build-studio.sh bundles
# them into target/site/studio/editor.js; nothing of it is fetched at run time).
HINT="Run: (cd web/studio && npm ci) and read npm's error."
STUDIO_STAMP=web/studio/node_modules/.bootstrap-stamp
studio_hash() { cat web/studio/package.json web/studio/package-lock.json 2>/dev/null | sha256sum | cut -d' ' -f1; }
if [ -f "$STUDIO_STAMP" ] && [ "$(cat "$STUDIO_STAMP")" = "$(studio_hash)" ]; then
  step npm-studio "web/studio/node_modules matches the lock (skip)"
else
  step npm-studio "npm ci in web/studio/"
  (cd web/studio && npm ci --no-audit --no-fund)
  studio_hash >"$STUDIO_STAMP"
fi

HINT="tests/node_modules/.bin/wasm-opt should come from binaryen@132; re-run (cd tests && npm ci)."
case "$(command -v wasm-opt)" in
  "$ROOT/tests/node_modules/.bin/wasm-opt") ;;
  *) echo "[bootstrap] npm: wasm-opt on PATH is '$(command -v wasm-opt || true)', not tests/node_modules/.bin/wasm-opt. $HINT" >&2; exit 1 ;;
esac

# ---------------------------------------------------------------------------------------------
STEP=done
T1=$(date +%s%N)
echo "[bootstrap] done in $(( (T1 - T0) / 1000000000 )).$(( (T1 - T0) / 100000000 % 10 )) s"
