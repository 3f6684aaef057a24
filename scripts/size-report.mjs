#!/usr/bin/env node
// Size report for what we ship: every .wasm/.js (and the app's .html/.css) under
// web/package/dist/ (the npm package) and target/site/ (the app), raw / gzip -9 / brotli 11 bytes,
// a total per site, and the limits of size-budgets.json. Exit 1 when a limit is exceeded or a
// build output is missing. No dependencies beyond Node itself, so it runs before `npm ci` too.
// Also writes target/size-report.json for anyone who wants to track sizes over time.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(ROOT, 'size-budgets.json'), 'utf8'));
const KB = 1024;
// Files a browser or bundler downloads. Source maps, .d.ts, package.json, README are not shipped
// to users; pre-compressed .gz/.br copies would double count.
const SHIPPED = /\.(wasm|js|mjs|cjs|html|css)$/;

const failures = [];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

function measure(path) {
  const buf = readFileSync(path);
  return {
    file: relative(ROOT, path),
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

const fmt = (n) => n.toLocaleString('en-US');
const kb = (n) => `${(n / KB).toFixed(1)} KB`;
const row = (a, b, c, d) =>
  console.log(`${a.padEnd(58)} ${b.padStart(10)} ${c.padStart(10)} ${d.padStart(10)}`);

// ---- measure each site ----------------------------------------------------------------------
const sites = {};
for (const { root, build } of config.sites) {
  const abs = join(ROOT, root);
  const files = existsSync(abs) ? walk(abs).filter((p) => SHIPPED.test(p)).sort() : [];
  if (!files.some((p) => /\.wasm$/.test(p))) {
    failures.push(`${root}/ has no .wasm (build output missing): run \`${build}\` first`);
    continue;
  }
  sites[root] = files.map(measure);
}

if (Object.keys(sites).length) row('file', 'raw', 'gzip -9', 'brotli 11');
for (const [root, list] of Object.entries(sites)) {
  console.log('-'.repeat(91));
  for (const m of list) row(m.file, fmt(m.raw), fmt(m.gzip), fmt(m.brotli));
  const sum = (k) => list.reduce((s, m) => s + m[k], 0);
  row(`TOTAL ${root}/ (${list.length} files)`, fmt(sum('raw')), fmt(sum('gzip')), fmt(sum('brotli')));
}
if (Object.keys(sites).length) console.log('-'.repeat(91));

// ---- check budgets --------------------------------------------------------------------------
const checks = [];
for (const b of config.budgets) {
  const list = sites[b.root];
  if (!list) continue; // already reported as a missing build
  const re = new RegExp(b.files);
  const matched = list.filter((m) => re.test(m.file));
  if (matched.length === 0) {
    failures.push(`budget "${b.name}": no file under ${b.root}/ matches /${b.files}/`);
    continue;
  }
  const subjects =
    b.per === 'total'
      ? [{
          file: `${b.root}/ total of ${matched.length} files`,
          raw: matched.reduce((s, m) => s + m.raw, 0),
          gzip: matched.reduce((s, m) => s + m.gzip, 0),
          brotli: matched.reduce((s, m) => s + m.brotli, 0),
        }]
      : matched;
  for (const s of subjects) {
    for (const [kind, maxKb] of Object.entries(b.max_kb)) {
      const limit = maxKb * KB;
      const ok = s[kind] <= limit;
      checks.push({ budget: b.name, file: s.file, kind, size: s[kind], limit, ok });
      const line = `${b.name}: ${s.file} ${kind} ${fmt(s[kind])} B (${kb(s[kind])}) ${ok ? '<=' : '>'} limit ${maxKb} KB`;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
      if (!ok) failures.push(`${line} (size-budgets.json "${b.name}": ${b.why})`);
    }
  }
}

mkdirSync(join(ROOT, 'target'), { recursive: true });
writeFileSync(join(ROOT, 'target/size-report.json'), JSON.stringify({ sites, checks, failures }, null, 2) + '\n');

if (failures.length) {
  console.error(`\nsize report FAILED (${failures.length}):`);
  for (const f of failures) console.error(`  - ${f}`);
  process.exit(1);
}
console.log(`\nsize report ok: ${checks.length} limits checked`);
