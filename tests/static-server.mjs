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

export async function serve({ root, port = 0, headers = {} }) {
  const base = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    requests.push(path);
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
        'Cache-Control': 'no-store',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}/`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = '.', port = '8080'] = process.argv.slice(2);
  const s = await serve({ root, port: Number(port) });
  console.log(`serving ${root} on ${s.url}`);
}
