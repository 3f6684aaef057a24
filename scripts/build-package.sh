#!/usr/bin/env bash
# Builds the npm package (web/package): the wasm for the three targets, the wrapper, the tarball.
#
#   scripts/build-package.sh
#
# 1. wasm-pack builds crates/wasm for --target web, bundler and nodejs into
#    web/package/dist/{web,bundler,node}/ (cargo compiles once; wasm-bindgen runs per target).
# 2. npm binaryen@132's wasm-opt -Oz --converge (until a pass saves nothing more) shrinks each .wasm (wasm-pack's own wasm-opt is off in
#    crates/wasm/Cargo.toml: it would find Debian's binaryen 108, which corrupts the output).
# 3. The wrapper and declarations (web/package/src/) are copied into dist/.
# 4. `npm pack` writes target/npm/skillcalc-<version>.tgz (what the tests install, offline).
#
# SKILLCALC_PACK_DIR (read by crates/catalog/build.rs) embeds another rule pack, e.g. the demo
# pack in crates/engine/tests/fixtures/demo while the catalog is being edited.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
source scripts/env.sh

PKG="$ROOT/web/package"
DIST="$PKG/dist"
OUT="$ROOT/target/npm"

for tool in wasm-pack npm; do
  command -v "$tool" >/dev/null || { echo "build-package: $tool not found (run scripts/bootstrap.sh)" >&2; exit 1; }
done

rm -rf "$DIST"
mkdir -p "$DIST" "$OUT"

# The workspace's release profile strips the wasm, which also drops the target_features
# section wasm-bindgen reads; wasm-opt strips what is left afterwards anyway.
export CARGO_PROFILE_RELEASE_STRIP=false

# With a standard library built for size (scripts/env.sh).
small_std

# Two builds of crates/wasm per target (see crates/wasm/src/lib.rs): the calculator
# (skillcalc_wasm*), and the pack compiler (skillcalc_compiler*), which only loadPack loads.
build() { # TARGET NAME [CARGO ARGS...]
  local target=$1 name=$2 dir=${1/nodejs/node}
  shift 2
  env "${SMALL_STD_ENV[@]}" wasm-pack build crates/wasm --release --target "$target" --out-dir "$DIST/$dir" \
    --out-name "$name" --no-pack -- "$@" "${SMALL_STD_ARGS[@]}"
  shrink_wasm "$DIST/$dir/${name}_bg.wasm"
}
# Calculator builds first, then compiler builds: cargo compiles each feature set once.
# The calculator is optimised for speed as much as for size ("s", not the workspace's "z"):
# measured with bench/bench.mjs, decide() takes about a quarter less time for +5 KB brotli.
# With the size-built std it is 116.1 KB, inside its 117 KB limit (size-budgets.json).
for target in web bundler nodejs; do build "$target" skillcalc_wasm --config 'profile.release.opt-level="s"'; done
for target in web bundler nodejs; do build "$target" skillcalc_compiler --features compiler; done
# wasm-pack leaves a .gitignore of "*" (it would hide the files from npm pack) and a README.
rm -f "$DIST"/*/.gitignore "$DIST"/*/package.json "$DIST"/*/README.md
# The package is "type": "module"; wasm-bindgen's nodejs build is CommonJS.
echo '{ "type": "commonjs" }' > "$DIST/node/package.json"

cp "$PKG"/src/*.js "$PKG"/src/*.d.ts "$DIST/"

version=$(node -p "require('$PKG/package.json').version")
crate_version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
if [ "$version" != "$crate_version" ]; then
  echo "build-package: web/package/package.json version $version differs from the workspace's $crate_version" >&2
  exit 1
fi

rm -f "$OUT"/skillcalc-*.tgz
(cd "$PKG" && npm pack --silent --pack-destination "$OUT" >/dev/null)
echo "build-package: $(ls "$OUT"/skillcalc-*.tgz)"
for f in "$DIST"/*/*.wasm; do
  printf '  %-40s %8d bytes raw, %7d gzip -9\n' "${f#"$ROOT"/}" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done
