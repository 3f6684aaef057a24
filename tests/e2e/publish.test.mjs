// Publishing a pack (issue 15): `skillcalc export` writes a pack as one JSON file and prints its
// integrity value; the standalone page loads it by URL (`?pack=URL&integrity=sha256-…`) and an
// embed by `Skillcalc.mount(el, { pack: { url, integrity } })`. Every result then names the pack
// (name, version, issuer, date) and says it is not the built-in catalogue; a wrong integrity
// value is refused with a clear message, and the calculator otherwise stays as it was (the
// built-in catalogue, saying so). The pack here is the catalogue with one amount forged
// (putuo.district_expert_subsidy: 3,000 → 5,000,000 yuan) under a name of its own.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerAll, card, chooseGoals, openPage, PUTUO_IN_FORCE, ready, ROOT, setAsOf, setup, SITE, waitStatus } from './helpers.mjs';

const PACK = {
  name: 'e2e-portal-rules',
  version: '2',
  issuer: { zh: '示例门户', en: 'Example Portal' },
  date: '2026-03-01',
};
const FORGED = 'putuo.district_expert_subsidy';
const ANSWERS = { 'person.via_putuo_college': true, 'person.district_expert_qualified': true };
const WRONG = 'sha256-' + 'A'.repeat(43) + '=';

let env;
let dir;
let integrity;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'e2e-publish-'));
  // The pack's sources: the catalogue's, one amount changed, with a pack.toml of its own.
  const src = join(dir, 'src');
  for (const f of ['facts.toml', 'values.toml', 'goals.toml', 'policies']) {
    cpSync(join(ROOT, 'crates', 'catalog', 'pack', f), join(src, f), { recursive: true });
  }
  const policy = join(src, 'policies', 'putuo_2022_27.toml');
  const text = readFileSync(policy, 'utf8');
  const at = text.indexOf(`id = "${FORGED}"`);
  const changed = text.slice(at).replace('fixed = "3000"', 'fixed = "5000000"');
  assert.notEqual(changed, text.slice(at), 'the amount to forge is found');
  writeFileSync(policy, text.slice(0, at) + changed);
  writeFileSync(join(src, 'pack.toml'), [
    `name = "${PACK.name}"`,
    `version = "${PACK.version}"`,
    `issuer = { zh = "${PACK.issuer.zh}", en = "${PACK.issuer.en}" }`,
    `date = "${PACK.date}"`,
    '',
  ].join('\n'));
  // The site with the pack published beside it.
  const site = join(dir, 'site');
  cpSync(SITE, site, { recursive: true });
  mkdirSync(join(site, 'rules'));
  const out = execFileSync('cargo', ['run', '-q', '-p', 'skillcalc-cli', '--', 'export', src, '--out', join(site, 'rules', 'pack.json')], { cwd: ROOT, encoding: 'utf8' });
  integrity = /^integrity (sha256-\S+)$/m.exec(out)?.[1];
  assert.ok(integrity, `export prints the integrity value: ${out}`);
  writeFileSync(join(site, 'host-pack.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host with a pack</title><link rel="icon" href="data:,"></head>
<body><h1>Portal</h1><div id="calc"></div>
<script type="module" src="embed.js"></script>
<script type="module">
  Skillcalc.mount(document.getElementById('calc'), { lang: 'en', pack: { url: 'rules/pack.json', integrity: '${integrity}' } })
    .then(() => { window.mounted = true; });
</script></body></html>
`);
  env = await setup({ root: site });
});
after(async () => {
  await env?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The forged provision's card text on a page, with its answers given on a day it is in force. */
async function forgedCard(page) {
  await setAsOf(page, PUTUO_IN_FORCE);
  await answerAll(page, ANSWERS);
  await waitStatus(page, FORGED, 'eligible');
  return (await card(page, FORGED)).text();
}

/** An element's text, inside the embed's shadow root when there is one. */
function textOf(page, sel) {
  return page.evaluate((sel) => {
    const root = document.getElementById('calc')?.shadowRoot ?? document;
    return root.querySelector(sel)?.textContent ?? null;
  }, sel);
}

test('the standalone page runs a published pack by URL and integrity; every result view names it', async () => {
  const builtIn = await openPage(env, '');
  const official = await forgedCard(builtIn);
  assert.match(official, /3,000|3000/, 'the built-in catalogue pays 3,000');
  assert.match(await textOf(builtIn, '#pack-line'), /规则包：内置政策目录 shanghai-skills \d/, 'the built-in catalogue names itself');
  assert.equal(await textOf(builtIn, '#results-pack'), null, 'no "not the built-in" line for the built-in catalogue');
  await builtIn.checkOffline();
  await builtIn.closeAll();

  const asked = env.server.requests.length;
  const page = await openPage(env, `index.html?pack=rules/pack.json&integrity=${encodeURIComponent(integrity)}`);
  const line = `规则包：${PACK.name} ${PACK.version}（${PACK.issuer.zh}，${PACK.date}）— 非内置目录`;
  assert.equal((await textOf(page, '#results-pack'))?.trim(), line, 'the results name the pack');
  assert.equal((await textOf(page, '#pack-line'))?.trim(), line, 'so does the footer');
  const forged = await forgedCard(page);
  assert.match(forged, /5,000,000|500万/, `the pack's own amount: ${forged}`);
  assert.notEqual(forged, official);
  assert.equal((await textOf(page, '#print-pack'))?.trim(), line, 'and the printed summary');
  assert.equal(await textOf(page, '#pack-refused'), null);
  // In English too.
  await page.locator('#lang').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(
    (await textOf(page, '#results-pack'))?.trim(),
    `Rule pack: ${PACK.name} ${PACK.version} (${PACK.issuer.en}, ${PACK.date}) — not the built-in catalogue`,
  );
  // The server's log (every engine alike): the pack fetched, the pack compiler loaded for it.
  const served = env.server.requests.slice(asked);
  assert.ok(served.includes('/rules/pack.json'), `the pack was fetched: ${served}`);
  assert.ok(served.includes('/pack/skillcalc_compiler_bg.wasm'), `and compiled by the pack compiler: ${served}`);
  await page.checkOffline();
  await page.closeAll();
});

test('a wrong integrity value is refused with a clear message; the calculator runs the built-in catalogue and says so', async () => {
  const asked = env.server.requests.length;
  const page = await openPage(env, `index.html?pack=rules/pack.json&integrity=${encodeURIComponent(WRONG)}`);
  const refused = await textOf(page, '#pack-refused');
  assert.match(refused, /规则包 rules\/pack\.json 与其 integrity 值不符/, refused);
  assert.match(refused, /计算器改用内置政策目录（shanghai-skills \S+）/, refused);
  assert.equal(await page.locator('#pack-refused').getAttribute('role'), 'alert');
  assert.equal(await textOf(page, '#results-pack'), null, 'no pack line: these are not the pack\'s results');
  assert.match(await textOf(page, '#pack-line'), /内置政策目录 shanghai-skills/);
  const text = await forgedCard(page);
  assert.match(text, /3,000|3000/, 'the built-in amount, not the pack\'s');
  assert.doesNotMatch(text, /5,000,000|500万/);
  const served = env.server.requests.slice(asked);
  assert.ok(!served.some((u) => u.includes('skillcalc_compiler')), `nothing compiled: ${served}`);
  await page.checkOffline();
  await page.closeAll();

  // No integrity at all, and a pack from another host: refused too, each saying why.
  const none = await openPage(env, 'index.html?pack=rules/pack.json');
  assert.match(await textOf(none, '#pack-refused'), /缺少规则包的 integrity 值/);
  await none.closeAll();
  const away = await openPage(env, `index.html?pack=${encodeURIComponent('https://example.org/pack.json')}&integrity=${encodeURIComponent(integrity)}`);
  assert.match(await textOf(away, '#pack-refused'), /只加载本站/);
  assert.ok(!away.requests.some((u) => u.startsWith('https://example.org')), 'no request to the other host');
  await away.checkOffline();
  await away.closeAll();
});

test('an embed mounts a published pack: mount(el, { pack: { url, integrity } })', async () => {
  const page = await openPage(env, 'host-pack.html', { wait: false });
  await page.waitForFunction(() => window.mounted === true, undefined, { timeout: 15000 });
  await ready(page);
  const line = `Rule pack: ${PACK.name} ${PACK.version} (${PACK.issuer.en}, ${PACK.date}) — not the built-in catalogue`;
  assert.equal((await textOf(page, '#pack-line'))?.trim(), line);
  await chooseGoals(page, ['all']);
  await page.waitForFunction(() => !!document.getElementById('calc').shadowRoot.querySelector('#results-pack'));
  assert.equal((await textOf(page, '#results-pack'))?.trim(), line);
  await page.checkOffline();
  await page.closeAll();
});
