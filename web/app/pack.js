// A published rule pack for the calculator: the standalone page's `?pack=URL&integrity=sha256-…`
// (boot.js) and an embed's `Skillcalc.mount(el, { pack: { url, integrity } })` (embed.js).
//
// The pack file is fetched (the only request the app makes beyond its own files, and only when a
// pack is asked for), its SHA-256 checked against the integrity value `skillcalc export` printed
// (Web Crypto: a secure page, https or localhost), and compiled by the pack compiler — the npm
// package's, skillcalc_compiler*.{js,wasm} beside this file in pack/, loaded only now, so the
// calculator's first load does not grow. It resolves to the compiled pack (the engine's compact
// form), which the app's mount() reads; a loaded pack may never take the embedded catalogue's name
// (the compiler refuses it) and is never marked as the built-in catalogue.
//
// Every refusal is an Error with `zh` and `en` (what went wrong, naming the pack's URL): the app
// shows it in the user's language and runs on the built-in catalogue, saying so.

const here = import.meta.url;
let compiler;

/** The pack compiler (loaded once per page). */
function loadCompiler() {
  compiler ??= import(new URL('skillcalc_compiler.js', here).href).then(async (m) => {
    await m.default({ module_or_path: new URL('skillcalc_compiler_bg.wasm', here) });
    return m;
  });
  return compiler;
}

/** Refuses a missing or malformed integrity value (before anything is fetched). */
function wellFormed(integrity, url) {
  if (typeof integrity !== 'string' || !/^sha256-[A-Za-z0-9+/]{43}=$/.test(integrity)) {
    throw refusal(
      url,
      `缺少规则包的 integrity 值（“sha256-”加文件 SHA-256 摘要的 base64，skillcalc export 会给出）：未加载 ${url}`,
      `the pack's integrity value is missing or malformed ('sha256-' and the base64 SHA-256 of the file, as skillcalc export prints it): ${url} not loaded`,
    );
  }
}

function refusal(url, zh, en) {
  return Object.assign(new Error(en), { url: String(url), zh, en });
}

/**
 * Fetches, checks and compiles a published pack.
 * @param {string} url the pack file (relative to the page, or absolute)
 * @param {string} integrity `sha256-` and the base64 SHA-256 of the file
 * @param {{ sameOrigin?: boolean }} [options] sameOrigin: refuse a pack from another host
 * @returns {Promise<Uint8Array>} the compiled pack, for mount()'s `packBytes`
 */
export async function loadPublished(url, integrity, { sameOrigin = false } = {}) {
  let where;
  try {
    where = new URL(String(url), document.baseURI);
  } catch {
    throw refusal(url, `规则包网址无效：${url}`, `the pack's URL is not valid: ${url}`);
  }
  if (where.protocol !== 'https:' && where.protocol !== 'http:') {
    throw refusal(url, `规则包网址必须是 http(s) 地址：${url}`, `the pack's URL must be an http(s) address: ${url}`);
  }
  if (sameOrigin && where.origin !== location.origin) {
    throw refusal(
      url,
      `此页面只加载本站（${location.host}）发布的规则包，不加载 ${where.host} 的`,
      `this page loads packs published on its own site (${location.host}) only, not from ${where.host}`,
    );
  }
  wellFormed(integrity, url);
  let bytes;
  try {
    const response = await fetch(where, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw refusal(url, `无法下载规则包 ${url}（${e.message}）`, `cannot download the pack ${url} (${e.message})`);
  }
  return checkAndCompile(bytes, integrity, url);
}

/**
 * Checks a pack file's bytes against its integrity value and compiles it: what a fetched pack
 * and a pack given as text (an embed's `pack: { text, integrity }`) both go through.
 * @param {Uint8Array} bytes the pack file
 * @param {string} integrity `sha256-` and the base64 SHA-256 of the file
 * @param {string} label how messages name the pack (its URL, or "（页面给出的规则包）")
 */
export async function checkAndCompile(bytes, integrity, label) {
  const url = label;
  wellFormed(integrity, url);
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw refusal(
      url,
      `此页面不是安全来源（https），无法校验规则包 ${url} 的 integrity：未加载`,
      `this page is not a secure origin (https), so the integrity of the pack ${url} cannot be checked: not loaded`,
    );
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  const actual = 'sha256-' + btoa(String.fromCharCode(...digest));
  if (actual !== integrity) {
    throw refusal(
      url,
      `规则包 ${url} 与其 integrity 值不符（文件已被改动，或值有误）：未加载`,
      `the pack ${url} does not match its integrity value (the file was changed, or the value is wrong): not loaded`,
    );
  }
  let source;
  try {
    source = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw refusal(url, `规则包 ${url} 不是 JSON：${e.message}`, `the pack ${url} is not JSON: ${e.message}`);
  }
  let glue;
  try {
    glue = await loadCompiler();
  } catch (e) {
    compiler = undefined;
    throw refusal(url, `无法加载规则包编译器（${e.message}）`, `cannot load the pack compiler (${e.message})`);
  }
  try {
    return glue.compilePack(source);
  } catch (e) {
    const zh = e?.message_zh ?? String(e);
    const en = e?.message_en ?? String(e);
    throw refusal(url, `规则包 ${url} 无效：${zh}`, `the pack ${url} is not valid: ${en}`);
  }
}

/**
 * mount()'s options for a pack asked for: `packBytes` when it loaded, else `packRefused`
 * (`{ url, zh, en }`), so the app runs on the built-in catalogue and says why.
 */
export async function packOptions(url, integrity, options) {
  try {
    return { packBytes: await loadPublished(url, integrity, options) };
  } catch (e) {
    return { packRefused: { url: String(url), zh: e.zh ?? String(e), en: e.en ?? String(e) } };
  }
}

/**
 * The same for a pack the page gives as text (the studio's draft): checked against its integrity
 * value and compiled exactly as a fetched file, named like any loaded pack, never the built-in
 * catalogue. It gives a page no more than publishing the file on its own site would.
 */
export async function packOptionsFromText(text, integrity) {
  const label = '（页面给出的规则包 / the pack given by the page）';
  try {
    if (typeof text !== 'string') throw refusal(label, '规则包文本应为字符串', 'the pack text must be a string');
    return { packBytes: await checkAndCompile(new TextEncoder().encode(text), integrity, label) };
  } catch (e) {
    return { packRefused: { url: label, zh: e.zh ?? String(e), en: e.en ?? String(e) } };
  }
}
