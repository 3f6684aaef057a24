#!/usr/bin/env bash
# Builds the studio page (规则工作室: policy officers change the rules in the browser) into a
# folder of the site, by default target/site/studio/ (scripts/build-app.sh calls it after
# assembling the site). Its own page, like list/: the calculator's first load does not grow.
#
#   index.html studio.js studio.css worker.js   web/studio/ as they are
#   editor.js     CodeMirror 6 (TOML highlighting, lint) and fflate (zip), bundled by esbuild
#                 from web/studio/editor.src.js; loaded by studio.js once the page is up.
#                 npm devDependencies in web/studio/package.json (scripts/bootstrap.sh installs)
#   wasm/         crates/studio-wasm (the engine with its TOML reader, the published pack's
#                 files): wasm-pack --target web, wasm-opt -Oz (npm binaryen@132); the worker's
#
# The list impact reads an uploaded list with the list page's own files, beside it in the site:
# ../list/read.js (web/app/list/read.js) and, for an XLSX, ../list/sheets/ (crates/sheets), both
# copied by scripts/build-app.sh, which calls this script after assembling list/.
#
#   scripts/build-studio.sh [OUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
source scripts/env.sh

OUT=${1:-target/site/studio}
PKG=target/studio-pkg
ESBUILD="$ROOT/web/studio/node_modules/.bin/esbuild"
[ -x "$ESBUILD" ] || { echo "[build-studio] $ESBUILD missing: run (cd web/studio && npm ci) (scripts/bootstrap.sh does)" >&2; exit 1; }

echo "[build-studio] wasm-pack build crates/studio-wasm (release, --target web)"
rm -rf "$PKG"
# The workspace's release profile strips the wasm, which also drops the target_features
# section wasm-bindgen reads; wasm-opt strips what is left afterwards anyway.
# With a standard library built for size, as the app's (scripts/env.sh).
small_std
env CARGO_PROFILE_RELEASE_STRIP=false "${SMALL_STD_ENV[@]}" wasm-pack --log-level warn build crates/studio-wasm \
  --release --target web --no-typescript --no-pack --out-dir "$ROOT/$PKG" --out-name skillcalc_studio \
  -- "${SMALL_STD_ARGS[@]}"
shrink_wasm "$PKG/skillcalc_studio_bg.wasm"

echo "[build-studio] assembling $OUT/"
rm -rf "$OUT"
mkdir -p "$OUT/wasm"
cp web/studio/index.html web/studio/studio.js web/studio/studio.css web/studio/worker.js "$OUT/"
cp "$PKG/skillcalc_studio.js" "$PKG/skillcalc_studio_bg.wasm" "$OUT/wasm/"
"$ESBUILD" web/studio/editor.src.js --bundle --format=esm --minify --legal-comments=none --target=es2020 \
  --log-level=warning --outfile="$OUT/editor.js"

# Nothing shipped may load from another host (as build-app.sh checks for the rest of the site;
# here each match is bounded and printed alone: editor.js is minified into a few long lines).
if grep -noE "(src|href)=[\"']?(https?:)?//|url\([\"']?(https?:)?//|import[^;]{0,80}[\"']https?:|fetch\([\"']https?:" \
     "$OUT"/*.html "$OUT"/*.css "$OUT"/*.js | grep -vE '^[^:]+:[0-9]+:\s*(//|\*|<!--)'; then
  echo "[build-studio] an outside URL in a shipped file (above): the studio must make no outside request" >&2
  exit 1
fi
for f in "$OUT/editor.js" "$OUT/wasm/skillcalc_studio_bg.wasm"; do
  printf '[build-studio]   %-40s %8d bytes raw, %7d brotli\n' "${f#"$ROOT"/}" "$(wc -c <"$f")" \
    "$(node -e "process.stdout.write(String(require('zlib').brotliCompressSync(require('fs').readFileSync(process.argv[1])).length))" "$f")"
done
