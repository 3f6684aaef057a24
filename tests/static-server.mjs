// A tiny static file server for the browser tests: loopback only, no dependencies, with
// optional response headers (e.g. a Content-Security-Policy) and a log of every request so a
// test can assert that nothing left 127.0.0.1.
//
//   import { serve } from './static-server.mjs';
//   const server = await serve({ root: 'target/site', headers: { 'Content-Security-Policy': "script-src 'self' 'wasm-unsafe-eval'" } });
//   server.url   // http://127.0.0.1:PORT/
//   server.requests  // ['/index.html', ...]
//   await server.close();
//
// `hold: (path) => boolean` keeps the answers to the requests it picks waiting until
// `server.release()` (e.g. the app's wasm, to look at the page before the app has started);
// `server.held` is how many wait now. `halve: (path) => boolean` sends the first half of the
// files it picks at once and the rest on `server.release()` too (a download under way).
//
// Also runnable: node tests/static-server.mjs ROOT [PORT]

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export async function serve({ root, port = 0, headers = {}, hold = null, halve = null }) {
  const base = resolve(root);
  const requests = [];
  const waiting = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    requests.push(path);
    if (hold?.(path)) await new Promise((ok) => waiting.push(ok));
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
        ...headers,
      });
      if (halve?.(path)) {
        const half = Math.floor(body.length / 2);
        res.write(body.subarray(0, half));
        await new Promise((ok) => waiting.push(ok));
        res.end(body.subarray(half));
      } else {
        res.end(body);
      }
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address();
  const release = () => waiting.splice(0).forEach((ok) => ok());
  return {
    url: `http://127.0.0.1:${actual}/`,
    requests,
    release,
    get held() {
      return waiting.length;
    },
    close: () => {
      release();
      return new Promise((ok) => server.close(ok));
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = '.', port = '8080'] = process.argv.slice(2);
  const s = await serve({ root, port: Number(port) });
  console.log(`serving ${root} on ${s.url}`);
}
