#!/usr/bin/env bash
# Build the app and serve it locally: scripts/serve.sh [PORT]   (default 8080)
# python3's http.server serves .wasm as application/wasm, which the browser needs for streaming
# compilation; loopback only, as this is a development server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT=${1:-8080}

bash scripts/bootstrap.sh
source scripts/env.sh
[ -f scripts/build-app.sh ] || { echo "[serve] scripts/build-app.sh does not exist yet: nothing to build" >&2; exit 1; }
bash scripts/build-app.sh

echo "[serve] http://127.0.0.1:$PORT/  (serving target/site; Ctrl-C to stop)"
exec python3 -m http.server --bind 127.0.0.1 --directory target/site "$PORT"
