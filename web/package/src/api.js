// The wrapper every build shares (node.js, bundler.js and web.js hand it their wasm-bindgen
// modules). It hands each call to the pack the options name (the embedded catalog by default),
// it loads the pack compiler for loadPack (a second .wasm, only downloaded by those who call
// it: see crates/wasm/src/lib.rs), it reads back the compact results of decide and batch
// (decode.js), it turns what the wasm throws into a SkillcalcError, and it keeps the wasm
// usable whatever a call did (`enter`). Everything else, option checks included, happens in
// Rust.

import { MAX_ROWS, MAX_WRITTEN, ProfileWriter } from './answers.js';
import { decodeBatch, decodeMatch, decodeMatchTotals, decodeDecisions, decodeMany } from './decode.js';

/**
 * The one error every function throws on bad input. `code` is the engine's error code (the
 * CLI reports the same ones); see the package README, "Errors".
 */
export class SkillcalcError extends Error {
  /** @param {import('./types.js').ErrorData} data what crates/wasm threw */
  constructor(data) {
    super(data.message_en);
    this.name = 'SkillcalcError';
    this.code = data.code;
    this.field = data.field;
    this.row = data.row;
    this.messageZh = data.message_zh;
    this.messageEn = data.message_en;
    this.problems = data.problems;
  }
}

/**
 * A published pack (the JSON `skillcalc export` writes) from its URL, checked against its
 * SHA-256 integrity value (`sha256-` and the base64 digest, as in Subresource Integrity, which
 * `skillcalc export` prints): a pack that is not exactly the published one is refused before
 * it is read. The only request the package ever makes, and only when asked to.
 */
async function fetchPublished(url, options) {
  const integrity = options?.integrity;
  const wrongOption = (zh, en) => refusal('invalid_option', zh, en, 'integrity');
  if (typeof integrity !== 'string' || !/^sha256-[A-Za-z0-9+/]{43}=$/.test(integrity)) {
    throw wrongOption(
      '按网址加载规则包需要选项 integrity：“sha256-”加规则包文件 SHA-256 摘要的 base64（skillcalc export 会给出）',
      "a pack loaded by URL needs the option integrity: 'sha256-' and the base64 SHA-256 digest of the pack file (skillcalc export prints it)",
    );
  }
  let bytes;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw refusal('invalid_pack', `无法下载规则包 ${url}：${e.message}`, `cannot download the pack ${url}: ${e.message}`);
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    // Browsers give Web Crypto only to secure pages (https, localhost).
    throw wrongOption(
      '此页面不是安全来源（https），无法校验规则包的 integrity：未加载',
      'this page is not a secure origin (https), so the pack\'s integrity cannot be checked: not loaded',
    );
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  const actual = 'sha256-' + btoa(String.fromCharCode(...digest));
  if (actual !== integrity) {
    throw wrongOption(
      `规则包 ${url} 与其 integrity 值不符（应为 ${integrity}，实为 ${actual}）：未加载`,
      `the pack at ${url} does not match its integrity value (expected ${integrity}, got ${actual}): not loaded`,
    );
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw refusal('invalid_pack', `规则包 ${url} 不是 JSON：${e.message}`, `the pack at ${url} is not JSON: ${e.message}`);
  }
}

/** Whether loadPack was given a URL (a string, or a URL object) rather than a pack. */
function isUrl(source) {
  try {
    return typeof source === 'string' || source instanceof URL;
  } catch {
    return false; // a revoked Proxy: no URL; the pack compiler says what is wrong with it
  }
}

/** An error of the wrapper's own (all others come from Rust). */
function refusal(code, zh, en, field = null) {
  return new SkillcalcError({ code, field, row: null, message_zh: zh, message_en: en, problems: [] });
}

/**
 * One wasm module (the calculator or the pack compiler) as its glue gives it.
 *
 * A call that fails inside the wasm (a trap such as `unreachable` when memory runs out, or a JS
 * exception that unwinds through Rust frames) leaves the instance's stack, tables and borrows
 * as they were at that moment, and a few hundred such calls leave every later call failing.
 * So after one the instance is dropped: wasm-bindgen's glue makes a fresh one from the
 * compiled module (the catalogue is embedded in it: nothing is loaded again), and every wasm
 * object of the old one is made again when next used (`instance` tells them apart). The
 * bundler build cannot: the bundler owns its instance, and only its objects are made again.
 */
class Wasm {
  /** Counts the restarts: a wasm object made in an earlier instance must not be used. */
  instance = 0;

  constructor(glue, restartable) {
    this.glue = glue;
    this.restartable = restartable;
  }

  restart() {
    this.instance++;
    if (!this.restartable) return;
    try {
      this.glue.restartOnNextCall();
      this.glue.nothing(); // the glue switches instances at the start of this call
    } catch {
      // An instance too broken for even these: nothing more can be done for it.
    }
  }
}

/** Every module loaded (the calculator of each build imported, their compilers): after a
 *  failure all are restarted, which costs far less than finding which one failed. */
const modules = new Set();

// One call at a time. A getter or Proxy trap in a caller's profile or options runs in the
// middle of a call, while Rust holds the pack: a call it made into the wasm would run on top of
// Rust's stack (which has no guard page: nested deep enough, it overwrites memory), and a pack
// it freed would be freed under Rust. So such a call is refused, and such a free waits for the
// call to end.
let busy = false;
const freeLater = [];

/** Runs `run`, which calls into the wasm: the one way in. */
function enter(run) {
  if (busy) {
    throw refusal(
      'internal',
      'skillcalc 的调用尚未结束时又被调用（参数的 getter 或 Proxy 陷阱调用了它）：请在该调用返回后再调用',
      'skillcalc was called while one of its calls was running (from a getter or Proxy trap of an argument): call it after that call returns',
    );
  }
  busy = true;
  try {
    return run();
  } catch (e) {
    if (e instanceof SkillcalcError) throw e; // the wrapper's own refusal
    // crates/wasm throws plain ErrorData objects, returning normally.
    if (e !== null && typeof e === 'object' && !(e instanceof Error) && typeof e.code === 'string') {
      throw new SkillcalcError(e);
    }
    for (const m of modules) m.restart();
    const failed = refusal(
      'internal',
      '计算器在 WebAssembly 模块内部出错（原因见 cause）',
      'the calculator failed inside its WebAssembly module (see cause)',
    );
    failed.cause = e;
    throw failed;
  } finally {
    busy = false;
    for (const release of freeLater.splice(0)) release();
  }
}

/**
 * A custom pack from loadPack(). It keeps its compiled form, to load again into a fresh
 * instance, and lets go of the wasm's pack on free(): a freed pack must never reach the wasm
 * (it would throw from inside it), so the wasm object is kept private here.
 */
class Pack {
  #calculator;
  #compiled;
  #wasm;
  #madeIn; // the calculator's `instance` when #wasm was made
  #name;
  #version;

  constructor(calculator, compiled) {
    this.#calculator = calculator;
    this.#compiled = compiled;
    const wasm = this.#current();
    this.#name = wasm.name;
    this.#version = wasm.version;
  }
  get name() {
    return this.#name;
  }
  get version() {
    return this.#version;
  }
  /** Frees the pack's memory now instead of when it is garbage-collected. */
  free() {
    const [calculator, wasm, madeIn] = [this.#calculator, this.#wasm, this.#madeIn];
    this.#calculator = this.#compiled = this.#wasm = this.#name = this.#version = undefined;
    // A pack made in an earlier instance went with it.
    const release = () => {
      if (wasm && madeIn === calculator.instance) wasm.free();
    };
    if (busy) freeLater.push(release);
    else release();
  }
  #current() {
    const calculator = this.#calculator;
    if (this.#madeIn !== calculator.instance) {
      this.#wasm = calculator.glue.Pack.fromCompiled(this.#compiled);
      this.#madeIn = calculator.instance;
    }
    return this.#wasm;
  }
  /** The wasm pack behind `value`, if it is a Pack that was not freed. */
  static unwrap(value) {
    return value instanceof Pack && value.#compiled ? value.#current() : undefined;
  }
}

/** `options.onProgress`: a function or nothing. */
function progressOption(options) {
  let given;
  try {
    given = options?.onProgress;
  } catch {
    given = null;
  }
  if (given === undefined || typeof given === 'function') return given;
  throw refusal(
    'invalid_option',
    '“onProgress”应为函数 (done, total) => void',
    'onProgress must be a function (done, total) => void',
    'onProgress',
  );
}

function restarted() {
  return refusal(
    'internal',
    '名单核对途中计算器重新启动过：请重新调用 match()',
    'the calculator restarted during match(): call it again',
  );
}

/** `options.pack`, or undefined when reading it throws (then Rust reads it, and says so). */
function packOption(options) {
  try {
    return options?.pack;
  } catch {
    return undefined;
  }
}

/** The options but `pack`; the options themselves when copying them throws (then Rust reads
 *  them, and says so). */
function withoutPack(options) {
  try {
    return { ...options, pack: undefined };
  } catch {
    return options;
  }
}

/** Rows per call into the wasm in match: between calls, `onProgress` is told. */
const MATCH_CHUNK = 1024;

/** What a pack's compact results name by place (decode.js), asked once per pack: a freed
 *  pack's entry goes with it. */
const packNames = new WeakMap();
function names(pack) {
  let n = packNames.get(pack);
  if (!n) {
    // Three lists (provision ids, fact ids, statuses), each item ended by U+001E, each list by U+001F.
    n = pack.names().split('\x1f', 3).map((list) => list.split('\x1e').slice(0, -1));
    // The facts by id, their places as the characters the profiles are written with (answers.js).
    n.places = new Map(n[1].map((id, i) => [id, String.fromCharCode(32 + i)]));
    packNames.set(pack, n);
  }
  return n;
}

/** Rows per call into the wasm in decideMany. */
const MANY_CHUNK = 256;

/** How many profiles `profiles` holds, or -1 when it is no array (or a Proxy whose traps throw). */
function rowCount(profiles) {
  try {
    return Array.isArray(profiles) ? profiles.length : -1;
  } catch {
    return -1;
  }
}

/** Profiles `from` to `to` (all by default) of `profiles` as batchEncoded and
 *  decideManyEncoded take them (answers.js): their number, then each, the pack's facts by place
 *  (`places`, see names()). Its text is `null` when `profiles` is not an array, which the wasm
 *  reports. */
function written(profiles, places, from = 0, to = rowCount(profiles)) {
  const out = new ProfileWriter(places);
  if (to < 0) {
    out.text = null;
    return out;
  }
  const count = to - from;
  out.count(count);
  // The wasm refuses more rows from the count alone: a sparse array is never walked.
  if (!(count <= MAX_ROWS)) return out;
  for (let i = from; i < to; i++) {
    let profile;
    try {
      profile = profiles[i];
    } catch {
      out.thrown();
      continue;
    }
    out.add(profile);
    if (out.text.length > MAX_WRITTEN) {
      throw refusal(
        'invalid_profile',
        `一次调用的档案写出后超过 ${MAX_WRITTEN} 个字符：请分批调用`,
        `the profiles of one call take more than ${MAX_WRITTEN} characters: split the batch`,
      );
    }
  }
  return out;
}

/**
 * @param {any} glue the calculator module wasm-bindgen generated for one target
 * @param {object} how
 * @param {() => Promise<any>} how.compiler loads the pack compiler module (once; cached here)
 * @param {() => boolean} [how.ready] whether `glue` can be used (the web build needs init())
 * @param {boolean} how.restartable whether the glue can make a fresh instance (see Wasm)
 */
export function bind(glue, { compiler, ready = () => true, restartable }) {
  const calculator = new Wasm(glue, restartable);
  modules.add(calculator);
  let loading; // the pack compiler, loaded on the first loadPack
  let embedded; // the catalog's pack, made on first use in each instance
  let embeddedIn;

  function embeddedPack() {
    if (embeddedIn !== calculator.instance) {
      embedded = glue.embeddedPack();
      embeddedIn = calculator.instance;
    }
    return embedded;
  }

  function usable() {
    if (!ready()) throw new Error('skillcalc: call init() (the default export) before anything else');
  }

  // A Pack from loadPack() gets the call itself, without `pack` in the options; anything else
  // in `pack` (a freed pack too) goes on to Rust, which reports it as an invalid option.
  function withPack(options, run) {
    usable();
    const given = packOption(options);
    // Copied before the call (their getters are the caller's code, not the wasm's to run).
    const others = given instanceof Pack ? withoutPack(options) : options;
    return enter(() => {
      const pack = Pack.unwrap(given); // undefined if a getter just freed it
      return pack ? run(pack, others) : run(embeddedPack(), options);
    });
  }

  return {
    evaluate: (profile, options) => withPack(options, (p, o) => p.evaluate(profile, o)),
    evaluateBatch: (profiles, options) => withPack(options, (p, o) => p.evaluateBatch(profiles, o)),
    decide: (profile, options) =>
      withPack(options, (p, o) => {
        const one = new ProfileWriter(names(p).places);
        one.add(profile);
        return decodeDecisions(p.decideEncoded(one.text, one.floats(), one.objects, o), names(p));
      }),
    decideMany: (profiles, options) =>
      withPack(options, (p, o) => {
        const decideRows = (from, to) => {
          const rows = written(profiles, names(p).places, from, to);
          return decodeMany(p.decideManyEncoded(rows.text, rows.floats(), rows.objects, o), names(p));
        };
        const count = rowCount(profiles);
        // A long list goes in chunks: one result string for 100,000 rows (hundreds of MB of
        // fields, split at once) made the garbage collector the slowest part.
        if (count <= MANY_CHUNK || count > MAX_ROWS) return decideRows(undefined, undefined);
        const all = { rows: [], errors: [] };
        for (let from = 0; from < count; from += MANY_CHUNK) {
          const part = decideRows(from, Math.min(count, from + MANY_CHUNK));
          for (const row of part.rows) all.rows.push(row);
          for (const e of part.errors) all.errors.push({ ...e, row: e.row + from });
        }
        return all;
      }),
    batch: (profiles, options) =>
      withPack(options, (p, o) => {
        const rows = written(profiles, names(p).places);
        return decodeBatch(p.batchEncoded(rows.text, rows.floats(), rows.objects, o), names(p));
      }),
    match(profiles, options) {
      usable();
      const onProgress = progressOption(options);
      const count = rowCount(profiles);
      // Not an array or too many rows: one call, which the wasm refuses.
      const whole = count <= 0 || count > MAX_ROWS;
      const started = calculator.instance;
      let run;
      withPack(options, (p, o) => {
        run = p.startMatch(o);
      });
      const chunk = (call) =>
        withPack(options, (p) => {
          // A failed call restarts the wasm: the run went with the instance it was made in.
          if (calculator.instance !== started) throw restarted();
          return call(p);
        });
      try {
        const all = { rows: [], errors: [] };
        for (let from = 0; ; from += MATCH_CHUNK) {
          const to = whole ? undefined : Math.min(count, from + MATCH_CHUNK);
          const part = chunk((p) => {
            const rows = written(profiles, names(p).places, from, to);
            return decodeMatch(p.matchEncoded(run, rows.text, rows.floats(), rows.objects), names(p));
          });
          for (const row of part.rows) all.rows.push(row);
          for (const e of part.errors) all.errors.push({ ...e, row: e.row + from });
          if (whole || to >= count) break;
          onProgress?.(to, count);
        }
        const { totals, counts } = chunk((p) => decodeMatchTotals(p.matchTotals(run)));
        onProgress?.(count, count);
        return { ...all, totals, counts };
      } finally {
        if (calculator.instance === started) run.free();
      }
    },
    facts: (options) => withPack(options, (p, o) => p.facts(o)),
    policies: (options) => withPack(options, (p, o) => p.policies(o)),
    async loadPack(source, options) {
      usable();
      if (isUrl(source)) source = await fetchPublished(source, options);
      loading ??= compiler().then((module) => {
        const wasm = new Wasm(module, restartable);
        modules.add(wasm);
        return wasm;
      });
      const compilerWasm = await loading;
      const compiled = enter(() => compilerWasm.glue.compilePack(source));
      return enter(() => new Pack(calculator, compiled));
    },
    version() {
      usable();
      return enter(() => glue.version());
    },
  };
}
