// The package as installed from its tarball: one install reaches the three builds through the
// exports map, each with declarations; the tarball installs offline with nothing extra in it;
// the web build has no top-level await and nothing needs threads or SharedArrayBuffer.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import test from 'node:test';
import { PACKAGE_DIR, installed, tarball } from '../testing/install.mjs';

const project = installed();
const pkgDir = join(project, 'node_modules', 'skillcalc');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

/** Runs a module script inside the consumer project (so `skillcalc` resolves as for a user). */
function node(args, script) {
  return execFileSync(process.execPath, [...args, '--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' });
}

function files(dir) {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

test('the tarball holds the builds, the wrapper and the declarations, and nothing else', () => {
  const shipped = files(pkgDir).map((f) => relative(pkgDir, f)).sort();
  for (const dir of ['web', 'bundler', 'node']) {
    for (const name of ['skillcalc_wasm', 'skillcalc_compiler']) {
      assert.ok(shipped.includes(`dist/${dir}/${name}_bg.wasm`), `${dir}/${name}`);
    }
  }
  for (const f of ['api.js', 'node.js', 'bundler.js', 'web.js', 'index.d.ts', 'web.d.ts', 'types.d.ts']) {
    assert.ok(shipped.includes(`dist/${f}`), f);
  }
  assert.deepEqual(
    shipped.filter((f) => !f.startsWith('dist/')),
    ['README.md', 'package.json'],
  );
  assert.ok(!shipped.some((f) => f.endsWith('.gitignore') || f.endsWith('.map')));
});

test('every export resolves, and every entry has declarations', () => {
  const out = JSON.parse(
    node(
      [],
      `const names = ['skillcalc', 'skillcalc/node', 'skillcalc/web', 'skillcalc/bundler', 'skillcalc/skillcalc.wasm', 'skillcalc/package.json'];
       console.log(JSON.stringify(Object.fromEntries(names.map((n) => [n, import.meta.resolve(n)]))));`,
    ),
  );
  assert.match(out.skillcalc, /dist\/node\.js$/, 'Node gets the nodejs build');
  assert.match(out['skillcalc/web'], /dist\/web\.js$/);
  assert.match(out['skillcalc/bundler'], /dist\/bundler\.js$/);
  assert.match(out['skillcalc/skillcalc.wasm'], /dist\/web\/skillcalc_wasm_bg\.wasm$/);
  for (const [name, entry] of Object.entries(pkg.exports)) {
    if (typeof entry === 'object') {
      assert.equal(Object.keys(entry)[0], 'types', `${name}: "types" comes first`);
      assert.ok(existsSync(join(pkgDir, entry.types)), `${name}: ${entry.types}`);
    }
  }
  assert.equal(pkg.version, JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')).version);
});

test('the web build, in Node: nothing works before init, everything after initSync', () => {
  const out = node(
    [],
    `import { readFileSync } from 'node:fs';
     import { fileURLToPath } from 'node:url';
     import { evaluate, initSync } from 'skillcalc/web';
     try { evaluate({}); } catch (e) { console.log('before:', e.message); }
     initSync({ module: readFileSync(fileURLToPath(import.meta.resolve('skillcalc/skillcalc.wasm'))) });
     console.log('after:', evaluate({}, 'en').lang);`,
  );
  assert.match(out, /before: skillcalc: call init\(\)/);
  assert.match(out, /after: en/);
});

test('the bundler build works where .wasm imports are ES modules', () => {
  const out = node(['--experimental-wasm-modules', '--no-warnings'], `import { evaluate } from 'skillcalc/bundler'; console.log(evaluate({}, 'en').lang);`);
  assert.equal(out.trim(), 'en');
});

test('no top-level await: the web build loads with require()', () => {
  // require() of an ES module graph with top-level await throws ERR_REQUIRE_ASYNC_MODULE.
  const out = execFileSync(
    process.execPath,
    ['--experimental-require-module', '--no-warnings', '-e', `console.log(typeof require('skillcalc/web').default)`],
    { cwd: project, encoding: 'utf8' },
  );
  assert.equal(out.trim(), 'function');
});

test('nothing uses threads, SharedArrayBuffer or the network', () => {
  for (const f of files(join(pkgDir, 'dist')).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(f, 'utf8');
    for (const use of [/new SharedArrayBuffer/, /\bAtomics\./, /new Worker\(/, /XMLHttpRequest/, /WebSocket/]) {
      assert.doesNotMatch(text, use, relative(pkgDir, f));
    }
  }
  for (const f of files(join(pkgDir, 'dist')).filter((f) => f.endsWith('.wasm'))) {
    const module = new WebAssembly.Module(readFileSync(f));
    const memories = [...WebAssembly.Module.imports(module), ...WebAssembly.Module.exports(module)].filter((d) => d.kind === 'memory');
    assert.equal(memories.length, 1, `${f}: one memory, exported, not imported (so never shared)`);
    assert.ok(WebAssembly.Module.exports(module).some((d) => d.kind === 'memory'));
  }
});

test('the tarball installs offline into an empty project (npm install --offline, empty cache)', () => {
  // installed() did exactly that; check it left the package and nothing fetched beside it.
  assert.ok(existsSync(join(pkgDir, 'dist', 'node.js')));
  assert.deepEqual(readdirSync(join(project, 'node_modules')).filter((d) => !d.startsWith('.')), ['skillcalc']);
  assert.ok(tarball().endsWith(`skillcalc-${pkg.version}.tgz`));
});

test('the declarations type-check a consumer (tsc --strict, NodeNext)', (t) => {
  const require = createRequire(join(PACKAGE_DIR, 'package.json'));
  let tsc;
  try {
    tsc = require.resolve('typescript/bin/tsc');
  } catch {
    t.skip('typescript is not installed (npm ci --prefix web/package)');
    return;
  }
  copyFileSync(join(PACKAGE_DIR, 'testing', 'consumer.ts'), join(project, 'consumer.ts'));
  try {
    execFileSync(
      process.execPath,
      [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022,dom', 'consumer.ts'],
      { cwd: project, encoding: 'utf8' },
    );
  } catch (e) {
    assert.fail(`tsc:\n${e.stdout}${e.stderr}`);
  }
});
