// The wrapper every build shares (node.js, bundler.js and web.js hand it their wasm-bindgen
// modules). It does four things only: it hands each call to the pack the options name (the
// embedded catalog by default), it loads the pack compiler for loadPack (a second .wasm, only
// downloaded by those who call it: see crates/wasm/src/lib.rs), it reads back the compact
// results of decide and batch (decode.js), and it turns what the wasm throws into a
// SkillcalcError. Everything else, option checks included, happens in Rust.

import { ProfileWriter } from './answers.js';
import { decodeBatch, decodeDecisions } from './decode.js';

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
 * A custom pack from loadPack(). It holds the wasm's pack and lets go of it on free(): a freed
 * pack must never reach the wasm (it would throw from inside it, which leaks its memory), so
 * the wasm object is kept private here.
 */
class Pack {
  #wasm;
  constructor(wasm) {
    this.#wasm = wasm;
  }
  get name() {
    return this.#wasm?.name;
  }
  get version() {
    return this.#wasm?.version;
  }
  /** Frees the pack's memory now instead of when it is garbage-collected. */
  free() {
    this.#wasm?.free();
    this.#wasm = undefined;
  }
  /** The wasm pack behind `value`, if it is a Pack that was not freed. */
  static unwrap(value) {
    return value instanceof Pack ? value.#wasm : undefined;
  }
}

/** A batch's profiles as batchEncoded takes them (answers.js): their number, then each. Its
 *  text is `null` when `profiles` is not an array, which the wasm reports. */
function written(profiles) {
  let count;
  try {
    count = Array.isArray(profiles) ? profiles.length : -1;
  } catch {
    count = -1; // a Proxy whose traps throw
  }
  const out = new ProfileWriter();
  if (count < 0) {
    out.text = null;
    return out;
  }
  out.count(count);
  for (let i = 0; i < count; i++) {
    let profile;
    try {
      profile = profiles[i];
    } catch {
      out.thrown();
      continue;
    }
    out.add(profile);
  }
  return out;
}

// crates/wasm throws plain ErrorData objects; anything else (a bug) is passed on untouched.
function rethrow(e) {
  if (e !== null && typeof e === 'object' && !(e instanceof Error) && typeof e.code === 'string') {
    throw new SkillcalcError(e);
  }
  throw e;
}

/**
 * @param {any} wasm the calculator module wasm-bindgen generated for one target
 * @param {object} how
 * @param {() => Promise<any>} how.compiler loads the pack compiler module (once; cached here)
 * @param {() => boolean} [how.ready] whether `wasm` can be used (the web build needs init())
 */
export function bind(wasm, { compiler, ready = () => true }) {
  let embedded; // the catalog's Pack, made on first use and kept
  let loading; // the pack compiler, loaded on the first loadPack

  // Per pack, the empty profile's decisions on the last few dates and languages asked: a
  // provision that reads none of a profile's answers decides the same (decode.js).
  const blanks = new WeakMap();
  function unanswered(pack, asOf, lang) {
    const kept = blanks.get(pack) ?? new Map();
    blanks.set(pack, kept);
    const key = `${asOf} ${lang}`;
    let decided = kept.get(key);
    if (!decided) {
      const empty = new ProfileWriter();
      empty.add({});
      decided = decodeDecisions(pack.decideEncoded(empty.text, empty.floats(), empty.objects, { asOf, lang }, false)).provisions;
      if (kept.size >= 8) kept.delete(kept.keys().next().value);
      kept.set(key, decided);
    }
    return decided;
  }

  function usable() {
    if (!ready()) throw new Error('skillcalc: call init() (the default export) before anything else');
  }

  // A Pack from loadPack() gets the call itself, without `pack` in the options; anything else
  // in `pack` (a freed pack too) goes on to Rust, which reports it as an invalid option.
  function withPack(options, run) {
    usable();
    try {
      const pack = Pack.unwrap(options?.pack);
      if (pack) return run(pack, { ...options, pack: undefined });
      embedded ??= wasm.embeddedPack();
      return run(embedded, options);
    } catch (e) {
      rethrow(e);
    }
  }

  return {
    evaluate: (profile, options) => withPack(options, (p, o) => p.evaluate(profile, o)),
    evaluateBatch: (profiles, options) => withPack(options, (p, o) => p.evaluateBatch(profiles, o)),
    decide: (profile, options) =>
      withPack(options, (p, o) => {
        const one = new ProfileWriter();
        one.add(profile);
        const encoded = p.decideEncoded(one.text, one.floats(), one.objects, o, true);
        return decodeDecisions(encoded, (asOf, lang) => unanswered(p, asOf, lang));
      }),
    batch: (profiles, options) =>
      withPack(options, (p, o) => {
        const rows = written(profiles);
        return decodeBatch(p.batchEncoded(rows.text, rows.floats(), rows.objects, o));
      }),
    facts: (options) => withPack(options, (p, o) => p.facts(o)),
    policies: (options) => withPack(options, (p, o) => p.policies(o)),
    async loadPack(source) {
      usable();
      const { compilePack } = await (loading ??= compiler());
      try {
        return new Pack(wasm.Pack.fromCompiled(compilePack(source)));
      } catch (e) {
        rethrow(e);
      }
    },
    version() {
      usable();
      return wasm.version();
    },
  };
}
