// The package's API. The types of every value it takes and returns (Report, Profile, Options,
// PackSource, FactInfo, PolicyInfo, Version, ErrorData, …) are generated from the Rust types
// into types.d.ts; only these signatures are written by hand (the wrapper is in api.js).
import type {
  BatchOptions,
  BatchResult,
  Decisions,
  ErrorCode,
  ErrorData,
  FactInfo,
  Lang,
  ManyDecisions,
  MatchOptions,
  MatchResult,
  Options,
  PackSource,
  PolicyInfo,
  Problems,
  Profile,
  Report,
  Version,
} from './types.js';

export * from './types.js';

/**
 * A rule pack from {@link loadPack}: pass it as `options.pack`. Its memory is freed when it is
 * garbage-collected, or at once with `free()`; a freed pack is refused (`invalid_option`).
 */
export interface Pack {
  /** The pack's `name` (undefined once freed). */
  readonly name: string;
  /** The pack's `version` (undefined once freed). */
  readonly version: string;
  free(): void;
}

/**
 * What every function throws on bad input (never anything else for bad input: no panic, no
 * TypeError). `message` is `messageEn`. Code `internal`: a call made from inside another call
 * (a getter of an argument calling skillcalc), or a failure inside the WebAssembly module, whose
 * `cause` it then carries (the next call runs on a fresh instance).
 */
export declare class SkillcalcError extends Error {
  constructor(data: ErrorData);
  readonly name: 'SkillcalcError';
  /** The engine's error code; the CLI reports the same ones. */
  readonly code: ErrorCode;
  /** The option, the fact of the first profile problem, or `file: item: field` of the first pack problem. */
  readonly field: string | null;
  /** In {@link evaluateBatch}: the index of the profile that failed. */
  readonly row: number | null;
  readonly messageZh: string;
  readonly messageEn: string;
  /** Every problem of an invalid pack (`PackProblem[]`) or profile (`ProfileProblem[]`). */
  readonly problems: Problems;
}

/**
 * Evaluates every provision of the pack (the embedded catalog unless `options.pack`) for one
 * profile. The report is the CLI's JSON contract: money as `{ value: "50000.00", display: "5万元" }`.
 * @throws {SkillcalcError} `invalid_profile` (every problem, each naming its fact) or `invalid_option`
 */
export declare function evaluate(profile: Profile, options?: Options | Lang): Report;

/**
 * Evaluates many profiles in one call, one report each, in order. The first invalid profile
 * stops the batch; the error's `row` is its index. At most 100,000 profiles.
 * @throws {SkillcalcError}
 */
export declare function evaluateBatch(profiles: Profile[], options?: Options | Lang): Report[];

/**
 * Decides every provision for one profile without explanations: each provision's status,
 * amount (with its display text), missing and failed facts, warnings (an advisory condition not
 * met, a value not yet set, an answer outside the allowed range; a policy out of force is said by
 * the status `not_in_force`), and the totals — the same values as {@link evaluate}'s report,
 * many times faster. For lists and portals that show results; call
 * `evaluate` for the explanation of one.
 * @throws {SkillcalcError} `invalid_profile` or `invalid_option`
 */
export declare function decide(profile: Profile, options?: Options | Lang): Decisions;

/**
 * {@link decide} for many profiles in one call (one crossing into the wasm): a portal checking
 * a list of people, a bureau telling every organisation what it qualifies for. An invalid
 * profile does not stop the rest: its row is `null` and its error, with `row` set to its index,
 * is in `errors`. At most 100,000 profiles, of 32,000,000 characters in all (README, "Limits").
 * @throws {SkillcalcError} `invalid_option`, or `invalid_profile` (not an array, too many or too large profiles)
 */
export declare function decideMany(profiles: Profile[], options?: Options | Lang): ManyDecisions;

/**
 * Decides one provision (`options.provision`) for many profiles, as `skillcalc batch` does: an
 * enterprise's list of trainees or apprentices. Caps that apply across rows (per project per
 * year) are applied once per group in `groups`. An invalid profile does not stop the batch: its
 * row is `null` and its error, with `row` set to its index, is in `errors`. At most 100,000
 * profiles, of 32,000,000 characters in all (README, "Limits").
 * @throws {SkillcalcError} `invalid_option` (no or a wrong `provision`, a bad date…), `unknown_provision`, or `invalid_profile` (too many or too large profiles)
 */
export declare function batch(profiles: Profile[], options: BatchOptions): BatchResult;

/**
 * Every provision over a list of people or organisations, as `skillcalc match` does (免申即享:
 * tell each what it qualifies for before it asks). Each valid row gets the provisions it is
 * eligible for or needs information on, with amounts and its total; `totals` gives, per
 * provision, its rows by status and its amounts per cap group with each cap applied once across
 * rows; `counts` counts every row read. An invalid profile does not stop the list: its row is
 * `null` and its error, with `row` set to its index, is in `errors`. The rows cross into the
 * wasm in chunks of 1,024, with `options.onProgress(done, total)` called between them. At most
 * 100,000 profiles.
 * @throws {SkillcalcError} `invalid_option` (a bad date, door or onProgress), `unknown_provision`, or `invalid_profile` (not an array, too many or too large profiles)
 */
export declare function match(profiles: Profile[], options?: MatchOptions): MatchResult;

/** The pack's facts: the questions a form asks, with their types, options and bounds. */
export declare function facts(options?: Options | Lang): FactInfo[];

/** The pack's policy documents, with whether each is in force on `options.asOf` (default today). */
export declare function policies(options?: Options | Lang): PolicyInfo[];

/**
 * Checks a custom rule pack (the JSON form of the TOML files, see the engine's FORMAT.md) and
 * compiles it, for use as `options.pack` instead of or beside the embedded catalog. Async
 * because the pack compiler is a second .wasm, loaded on the first call.
 *
 * Given a URL, fetches the published pack (the file `skillcalc export` writes) and loads it
 * only if its SHA-256 matches `options.integrity` (`"sha256-…"`, which `skillcalc export`
 * prints). A loaded pack may not take the embedded catalogue's name, and its reports say
 * `pack.embedded: false`.
 * @throws {SkillcalcError} (the promise rejects) `invalid_pack`, with every problem naming its file, item and field; `invalid_option` (`integrity` missing, malformed or not matching)
 */
export declare function loadPack(pack: PackSource): Promise<Pack>;
export declare function loadPack(url: string | URL, options: { integrity: string }): Promise<Pack>;

/** The versions of the package, the engine and the embedded catalog. */
export declare function version(): Version;
