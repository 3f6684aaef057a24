#!/usr/bin/env node
// Prints a Content-Security-Policy header for a page of the app (default target/site/index.html):
// only its own files, wasm compilation, and its inline <style> and <script> elements by their
// sha256 hashes (scripts/build-app.sh writes it to target/site/csp.txt; the e2e tests serve the
// site with it).
//
//   node scripts/csp.mjs [PAGE]
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

export function cspFor(html) {
  const hashes = (re) => [...html.matchAll(re)]
    .map((m) => ` 'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`).join('');
  return `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'${hashes(/<script>([^]*?)<\/script>/g)}; ` +
    `style-src 'self'${hashes(/<style[^>]*>([^]*?)<\/style>/g)}; img-src 'self' data:`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const page = process.argv[2] ?? new URL('../target/site/index.html', import.meta.url).pathname;
  console.log(`Content-Security-Policy: ${cspFor(readFileSync(page, 'utf8'))}`);
}
