#!/usr/bin/env bash
# Builds the calculator app into target/site/, a static site with no server side:
#
#   index.html                 the standalone page, with the app's first view pre-rendered into it
#                              (crates/app/src/bin/prerender.rs: Yew's server-side renderer, run
#                              natively; first-view.js shows it until boot.js mounts the app)
#                              and its stylesheet (app.css) and first-view.js inlined into it
#   csp.txt                    a Content-Security-Policy header that allows those (by hash)
#   boot.js                    the standalone page's module: mounts the app
#   app.css                    the app's styles (also loaded into the Shadow DOM of embeds)
#   embed.js                   one script for host pages: Skillcalc.mount(el, { lang })
#   pack/                      a published rule pack (?pack=URL&integrity=…, mount({ pack })),
#                              loaded only when one is asked for: pack.js fetches it and checks
#                              its SHA-256; the pack compiler (crates/wasm, feature `compiler`,
#                              as in the npm package, built here from the same sources as the
#                              app, whose engine reads its output) compiles it
#   skillcalc_app.js + _bg.wasm  the Yew app (crates/app), wasm-pack --target web, wasm-opt -Oz
#   examples/host.html         a host page mounting the app into its own element
#   examples/webview.html      the app in an iframe at WeChat web-view widths (360–414 px)
#   studio/                    the studio page (规则工作室: the rules edited in the browser,
#                              scripts/build-studio.sh): its own page and wasm, as list/ is
#   list/                      the list page (名单核对, web/app/list/): its own page, so the
#                              calculator's first load does not grow; read.js reads a list
#                              (CSV, XLSX, headers to facts) for it and for the studio; its worker loads
#     pkg/                     the npm package's web build (web/package/dist: engine, catalogue,
#                              match), built by scripts/build-package.sh if missing, and
#     sheets/                  crates/sheets (XLSX in and out: calamine, rust_xlsxwriter),
#                              wasm-pack --target web, wasm-opt -Oz, fetched on the first XLSX
#
# wasm-opt is npm binaryen@132's (tests/node_modules/.bin, first on PATH via scripts/env.sh),
# never Debian's binaryen 108, which corrupts current wasm-bindgen output (TOOLCHAIN.md §2).
#
#   scripts/build-app.sh            release build (what the tests and the size report use)
#   SKILLCALC_PACK_DIR=dir ...      embed another rule pack (crates/catalog/build.rs honours it)
#   SKILLCALC_FIRST_VIEW_DATE=YYYY-MM-DD ...  pre-render the first view as of that day (default:
#                                   today); the page shows it only on the days it is valid for
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=env.sh
source scripts/env.sh

SITE=target/site
PKG=target/app-pkg
T0=$SECONDS

need() { command -v "$1" >/dev/null 2>&1 || { echo "[build-app] '$1' not found: run scripts/bootstrap.sh first" >&2; exit 1; }; }
need wasm-pack
need wasm-bindgen

# Every wasm here gets a standard library built for size (scripts/env.sh).
small_std

echo "[build-app] wasm-pack build crates/app (release, --target web)"
rm -rf "$PKG"
# wasm-opt is off in crates/app/Cargo.toml's wasm-pack metadata: it runs below, pinned.
env "${SMALL_STD_ENV[@]}" wasm-pack --log-level warn build crates/app --release --target web --no-typescript \
  --no-pack --out-dir "$ROOT/$PKG" --out-name skillcalc_app -- "${SMALL_STD_ARGS[@]}"

echo "[build-app] wasm-opt -Oz --converge ($(wasm-opt --version))"
shrink_wasm "$PKG/skillcalc_app_bg.wasm"

SHEETS=target/sheets-pkg
echo "[build-app] wasm-pack build crates/sheets (the list page's XLSX reader and writer)"
rm -rf "$SHEETS"
env "${SMALL_STD_ENV[@]}" wasm-pack --log-level warn build crates/sheets --release --target web --no-typescript \
  --no-pack --out-dir "$ROOT/$SHEETS" --out-name skillcalc_sheets -- --features wasm "${SMALL_STD_ARGS[@]}"
shrink_wasm "$SHEETS/skillcalc_sheets_bg.wasm"

# The pack compiler, for ?pack= and mount({ pack }): built as scripts/build-package.sh builds it
# (the same cargo flags, so one build serves both), from these sources: the compact form it writes
# is read by the app's own engine, so the two must come from the same build of the engine.
COMPILER=target/pack-compiler-pkg
echo "[build-app] wasm-pack build crates/wasm --features compiler (the pack compiler, loaded only for ?pack=)"
rm -rf "$COMPILER"
env CARGO_PROFILE_RELEASE_STRIP=false "${SMALL_STD_ENV[@]}" wasm-pack --log-level warn build crates/wasm --release \
  --target web --no-typescript --no-pack --out-dir "$ROOT/$COMPILER" --out-name skillcalc_compiler \
  -- --features compiler "${SMALL_STD_ARGS[@]}"
shrink_wasm "$COMPILER/skillcalc_compiler_bg.wasm"

DIST=web/package/dist
if [ ! -f "$DIST/web/skillcalc_wasm_bg.wasm" ]; then
  echo "[build-app] $DIST has no web build: building the package (scripts/build-package.sh)"
  bash scripts/build-package.sh
fi

echo "[build-app] assembling $SITE/"
rm -rf "$SITE"
mkdir -p "$SITE/examples" "$SITE/list/pkg/web" "$SITE/list/sheets" "$SITE/pack"
cp web/app/list/index.html web/app/list/list.js web/app/list/list.css web/app/list/worker.js web/app/list/read.js "$SITE/list/"
cp "$DIST/web.js" "$DIST/api.js" "$DIST/answers.js" "$DIST/decode.js" "$SITE/list/pkg/"
cp "$DIST/web/skillcalc_wasm.js" "$DIST/web/skillcalc_wasm_bg.wasm" "$SITE/list/pkg/web/"
cp "$SHEETS/skillcalc_sheets.js" "$SHEETS/skillcalc_sheets_bg.wasm" "$SITE/list/sheets/"
cp web/app/app.css web/app/embed.js web/app/boot.js "$SITE/"
cp web/app/pack.js "$COMPILER/skillcalc_compiler.js" "$COMPILER/skillcalc_compiler_bg.wasm" "$SITE/pack/"
cp web/app/examples/*.html "$SITE/examples/"
cp "$PKG/skillcalc_app.js" "$PKG/skillcalc_app_bg.wasm" "$SITE/"

# ---- The studio page (规则工作室, target/site/studio/) -------------------------------------------
# Its own page, like list/ (the calculator's first load does not grow): web/studio/ as it is, the
# editor (CodeMirror 6 + fflate, bundled by esbuild into editor.js) and its own wasm
# (crates/studio-wasm). Everything about it is in scripts/build-studio.sh.
bash scripts/build-studio.sh "$SITE/studio" | sed 's/^/[build-app] /'
# ---- end of the studio block -----------------------------------------------------------------

# The first view (no answers, Chinese, the person door, today), rendered by the app's own
# components natively (feature `prerender`; a debug build: it renders in milliseconds) into the
# page, with the days it is valid for (crates/app/src/first_view.rs).
FIRST_VIEW_DATE=${SKILLCALC_FIRST_VIEW_DATE:-$(date +%F)}
echo "[build-app] pre-rendering the first view of $FIRST_VIEW_DATE into index.html"
# Its stylesheet and its small guard script go into the page too: the first paint waits for no
# other file. (app.css stays beside it for embeds. Under a CSP that refuses inline code the page
# still works, without the pre-rendered view: web/app/README.md. The hashes that allow both are
# written to csp.txt.)
cargo run --quiet -p skillcalc-app --features prerender --bin skillcalc-prerender -- \
  web/app/index.html "$SITE/index.html" --date "$FIRST_VIEW_DATE" \
  --inline web/app/app.css --inline web/app/first-view.js | sed 's/^/[build-app]   /'
# The wasm's size as it arrives (decompressed): boot.js shows how much of it has come.
WASM_BYTES=$(wc -c < "$SITE/skillcalc_app_bg.wasm")
sed -i "s/__WASM_BYTES__/$WASM_BYTES/" "$SITE/index.html"
grep -q 'data-wasm-bytes="[0-9]' "$SITE/index.html" || { echo "[build-app] index.html has no data-wasm-bytes" >&2; exit 1; }
node scripts/csp.mjs "$SITE/index.html" > "$SITE/csp.txt"
echo "[build-app]   a CSP allowing index.html's inline style and script by hash: $SITE/csp.txt"

# The service worker (web/app/sw.js): the standalone page's own files, for a reload offline;
# versioned by a hash of those files, so every build is a new cache.
SW_FILES=(./ index.html boot.js app.css skillcalc_app.js skillcalc_app_bg.wasm)
SW_VERSION=$(cd "$SITE" && cat index.html boot.js app.css skillcalc_app.js skillcalc_app_bg.wasm | sha256sum | cut -c1-16)
SW_LIST=$(printf '"%s",' "${SW_FILES[@]}")
sed -e "s/__VERSION__/$SW_VERSION/" -e "s#__FILES__#[${SW_LIST%,}]#" web/app/sw.js > "$SITE/sw.js"
echo "[build-app]   service worker $SITE/sw.js, version $SW_VERSION"

# A quick sanity check: nothing shipped may load from another host (no CDN fonts or scripts).
# Comments with URLs are fine; src/href/url()/import/fetch of an absolute URL are not.
if grep -nE "(src|href)=[\"']?(https?:)?//|url\([\"']?(https?:)?//|import[^;]*[\"']https?:|fetch\([\"']https?:" \
     "$SITE"/*.html "$SITE"/*.css "$SITE"/*.js "$SITE"/examples/*.html "$SITE"/list/*.* "$SITE"/pack/*.js | grep -vE '^[^:]+:[0-9]+:\s*(//|\*|<!--)'; then
  echo "[build-app] an outside URL in a shipped file (above): the app must make no outside request" >&2
  exit 1
fi

ls -l "$SITE" "$SITE/examples" "$SITE/pack" "$SITE/list" "$SITE/list/sheets" | sed 's/^/[build-app]   /'
echo "[build-app] done in $((SECONDS - T0)) s: serve with \`node tests/static-server.mjs $SITE 8080\` or scripts/serve.sh"
