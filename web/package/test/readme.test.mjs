// The README's examples are the files in examples/, verbatim, and they run: the Node script
// here (against the installed package), the page in page.test.mjs, the Vite app in
// vite.test.mjs.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import test from 'node:test';
import { PACKAGE_DIR, examplesApply, installed, load } from '../testing/install.mjs';

const readme = readFileSync(join(PACKAGE_DIR, 'README.md'), 'utf8');

/** { path: code } for every `<!-- example: path -->` followed by a fenced block. */
function examples() {
  const found = {};
  for (const m of readme.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```/g)) found[m[1]] = m[2];
  return found;
}

function files(dir) {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

test('every example in the README is its file in examples/, verbatim', () => {
  const shown = examples();
  assert.ok(Object.keys(shown).length >= 4);
  for (const [path, code] of Object.entries(shown)) {
    assert.equal(code, readFileSync(join(PACKAGE_DIR, path), 'utf8'), `README's ${path} differs from the file`);
  }
  // And the code a reader must write is all shown (examples/vite's package.json and
  // index.html are scaffolding).
  const code = files(join(PACKAGE_DIR, 'examples'))
    .map((f) => relative(PACKAGE_DIR, f))
    .filter((f) => /\.(mjs|js)$/.test(f) || f === 'examples/page/index.html');
  assert.deepEqual(code.sort(), Object.keys(shown).sort());
});

test('the Node example runs against the installed package', async (t) => {
  if (!examplesApply(await load('skillcalc'))) {
    t.skip('another pack is embedded (the example uses the catalogue)');
    return;
  }
  const project = installed();
  copyFileSync(join(PACKAGE_DIR, 'examples', 'node', 'index.mjs'), join(project, 'example.mjs'));
  const out = execFileSync(process.execPath, ['example.mjs'], { cwd: project, encoding: 'utf8' });
  assert.match(out, /^\d+ questions in the catalogue$/m);
  assert.match(out, /: needs_info, ¥50,000$/m);
  assert.match(out, /^exact: 50000\.00$/m);
  assert.match(out, /^possible for the person: up to ¥\d{1,3}(,\d{3})*$/m);
  assert.match(out, /^rows: ¥300,000–¥900,000; ¥200,000–¥600,000; project PT-2024-01\|2024: ¥500,000–¥1,000,000$/m);
  assert.match(out, /^invalid_profile contest\.city_award_amount: /m);
});
