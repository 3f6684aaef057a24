// Generated from the Rust types (crates/engine, crates/wasm) by ts-rs: do not edit.
// Regenerate with `UPDATE_TYPES=1 cargo test -p skillcalc-wasm types`.
import type { Pack } from "./index.js";

export type AmountReport = { min: Money, 
/**
 * `None`: no upper limit can be stated yet (an unknown count or base with no cap).
 */
max: Money | null, exact: boolean, cap: Money | null, 
/**
 * "50% × 120000 = 60000, capped at 50000"
 */
steps: Array<string>, 
/**
 * The text provides money but publishes no amount.
 */
not_published: string | null, 
/**
 * "5万元", "1000元–3000元", "最多 5万元", "至少 20万元", "金额待定"
 */
display: string, 
/**
 * For caps that apply across rows (per project per year): the group this row belongs to,
 * as a list's totals name it (a `\` before a `\` or `|` in an answer, and before an answer
 * that is just "?").
 */
cap_group: string | null, 
/**
 * The amount before a cross-row cap, so a batch can sum rows and cap the group once.
 */
uncapped_min: string | null, uncapped_max: string | null, };

/**
 * One amount; exactly one of the forms is set (checked by `compile`).
 */
export type AmountSource = { fixed?: Scalar | null, range?: Array<Scalar> | null, per_unit?: PerUnitSource | null, ratio?: Scalar | null, 
/**
 * The base of a `ratio`: a fact, or a dated value (`"@id"`).
 */
of?: string | null, by?: string | null, cases?: { [key in string]: AmountSource } | null, sum?: Array<AmountSource> | null, not_published?: Text | null, cap?: Scalar | null, cap_scope?: Array<string> | null, };

/**
 * Options of `batch`: those of [`Options`], and the provision every row is decided for.
 */
export type BatchOptions = { 
/**
 * The provision's id, e.g. `"putuo.training_subsidy"` (required).
 */
provision: string, 
/**
 * As in [`Options`].
 */
asOf?: string, 
/**
 * As in [`Options`].
 */
lang?: Lang, 
/**
 * As in [`Options`].
 */
pack?: Pack, };

/**
 * What `batch` returns (decoded by the wrapper from encode.rs's compact form).
 */
export type BatchResult = { 
/**
 * One decision per profile, in order; `null` for an invalid profile.
 */
rows: Array<ProvisionDecision | null>, 
/**
 * The errors of the invalid profiles, each with its index as `row`.
 */
errors: Array<ErrorData>, 
/**
 * Per cap group (e.g. project and year): the rows' amounts summed, the cap applied once.
 */
groups: Array<GroupTotal>, };

/**
 * Where a rule is in its text: a clause number ("四、4", put into English by the engine), or
 * words in both languages (`{ zh, en }`) where it is more than a number.
 */
export type ClauseSource = string | Text;

/**
 * What a condition is: all or any of its parts met, its one part not met, or a test of one
 * fact's answer.
 */
export type ConditionKind = "all" | "any" | "not" | "fact";

export type ConditionReport = { kind: ConditionKind, fact: string | null, label: string | null, outcome: Outcome, required: string, given: string | null, clause: string, advisory: boolean, parts: Array<ConditionReport>, };

/**
 * One condition; exactly one of the operator fields is set (checked by `compile`).
 */
export type ConditionSource = { all?: Array<ConditionSource> | null, any?: Array<ConditionSource> | null, not?: ConditionSource | null, fact?: string | null, is?: Scalar | null, one_of?: Array<Scalar> | null, at_least?: Scalar | null, at_most?: Scalar | null, between?: Array<Scalar> | null, contains?: Scalar | null, intersects?: Array<Scalar> | null, clause?: ClauseSource | null, text?: Text | null, strictness?: string | null, };

export type DatedSource = { from: string, amount: Scalar, document: string, source: string, confidence: string, };

/**
 * An amount as a decision gives it: the report's `AmountReport` without steps.
 */
export type DecidedAmountReport = { 
/**
 * Exact, two decimals: "50000.00".
 */
min: string, 
/**
 * `None`: no upper limit can be stated yet.
 */
max: string | null, exact: boolean, 
/**
 * "5万元", "1000元–3000元", or what the text says when it publishes no amount.
 */
display: string, 
/**
 * For caps that apply across rows (per project per year): the group this row belongs to,
 * as a list's totals name it (a `\` before a `\` or `|` in an answer, and before an answer
 * that is just "?").
 */
cap_group: string | null, };

/**
 * Every provision's status and amount without the explanation (the engine's `decisions()`,
 * the JS package's `decide()`): what lists,
 * batches and portals that show results need, at a fraction of the cost of a [`Report`].
 * Each field means what it means in the report; a test holds the two together.
 */
export type Decisions = { as_of: string, lang: Lang, provisions: Array<ProvisionDecision>, totals: Array<TotalReport>, };

export type EnumValueSource = { id: string, zh: string, en: string, };

/**
 * The engine's error codes (the CLI reports the same).
 */
export type ErrorCode = "invalid_pack" | "invalid_profile" | "invalid_option" | "unknown_provision" | "internal";

/**
 * The data of a `SkillcalcError`.
 */
export type ErrorData = { code: ErrorCode, 
/**
 * What the error is about: the option (`asOf`, `lang`, `pack`, `options`), the fact of the
 * first profile problem, or `file: item: field` of the first pack problem (the parts it has).
 */
field: string | null, 
/**
 * In `evaluateBatch`: the index of the profile that failed.
 */
row: number | null, message_zh: string, message_en: string, 
/**
 * Every problem of an invalid pack or profile, each naming where it is; empty otherwise.
 */
problems: Problems, };

/**
 * One fact: one question of the form.
 */
export type FactInfo = { id: string, type: FactType, subject: Subject, group: string, label: string, help: string | null, 
/**
 * The options of an `enum` or `enum_set`.
 */
values: Array<OptionInfo>, 
/**
 * Bounds of a number (inclusive), as decimal strings.
 */
min: string | null, max: string | null, 
/**
 * Bounds of a date (inclusive), `YYYY-MM-DD`.
 */
min_date: string | null, max_date: string | null, };

export type FactSource = { id: string, type: string, subject: string, group?: string | null, label: Text, help?: Text | null, values?: Array<EnumValueSource> | null, min?: Scalar | null, max?: Scalar | null, min_date?: string | null, max_date?: string | null, };

export type FactType = "bool" | "int" | "money" | "decimal" | "enum" | "enum_set" | "date" | "text";

/**
 * One thing a person or an organisation comes to check, and the provisions that answer it.
 */
export type GoalSource = { id: string, 
/**
 * `person` or `organisation`: the door it is offered at.
 */
audience: string, label: Text, hint?: Text | null, 
/**
 * The event whose date decides which rules apply ("the date of the prize"): asked as the
 * as-of date of the goal's questions.
 */
event?: Text | null, provisions: Array<string>, };

export type GrantSource = { fact: string, is: Scalar, };

export type GroupSource = { id: string, label: Text, };

/**
 * A group's total in a batch: its rows summed, then its cap applied once.
 */
export type GroupTotal = { 
/**
 * The cap scope's answers, e.g. "P001|2024" (project and year); "*" for rows whose amount
 * has no cap across rows.
 */
group: string, rows: number, eligible_rows: number, min: string, max: string | null, cap: string | null, 
/**
 * Whether the cap lowered the sum.
 */
capped: boolean, 
/**
 * Some rows did not say which group (project, year) they belong to ("?" in `group`): they
 * may belong to different groups, so each is capped on its own and their sum is not capped
 * again — an upper bound, not a group's total.
 */
scope_unknown: boolean, display: string, 
/**
 * Every spelling of the group's answers in its rows, sorted: answers that differ only in
 * case, full-width forms or surrounding spaces ("PT-1", "pt-1", "ＰＴ-1") are one project
 * and share one cap.
 */
spellings: Array<string>, };

export type InForce = "in_force" | "expired" | "not_yet";

/**
 * One answer in a profile as it arrives from JSON, CSV or JavaScript.
 */
export type InputValue = null | boolean | number | number | string | Array<InputValue> | { [key in string]: InputValue };

/**
 * A language the report is written in.
 */
export type Lang = "zh" | "en";

/**
 * What `decideMany` returns (decoded by the wrapper from encode.rs's compact form).
 */
export type ManyDecisions = { 
/**
 * One result per profile, in order, as `decide` gives it; `null` for an invalid profile.
 */
rows: Array<Decisions | null>, 
/**
 * The errors of the invalid profiles, each with its index as `row`.
 */
errors: Array<ErrorData>, };

/**
 * Options of `match`: those of [`Options`] but `explain`, and the door.
 */
export type MatchOptions = { 
/**
 * As in [`Options`].
 */
asOf?: string, 
/**
 * As in [`Options`].
 */
lang?: Lang, 
/**
 * As in [`Options`].
 */
pack?: Pack, 
/**
 * As in [`Options`].
 */
provisions?: Array<string>, 
/**
 * Only the provisions for people (`"person"`) or for organisations (`"org"`). Default:
 * both.
 */
door?: "person" | "org", 
/**
 * Called between chunks of rows with the rows done and the rows in all (a progress bar).
 */
onProgress?: (done: number, total: number) => void, };

/**
 * A provision that could not be decided for one row of `match`.
 */
export type MatchProblem = { provision: string, fact: string, 
/**
 * In the options' language.
 */
message: string, };

/**
 * What `match` returns (decoded by the wrapper from encode.rs's compact form).
 */
export type MatchResult = { 
/**
 * One result per profile, in order; `null` for an invalid profile.
 */
rows: Array<MatchedRow | null>, 
/**
 * The errors of the invalid profiles, each with its index as `row`.
 */
errors: Array<ErrorData>, 
/**
 * Per provision some row is eligible for or needs information on: its rows by status, its
 * amounts per cap group with each cap applied once across rows.
 */
totals: Array<ProvisionTotals>, 
/**
 * Every row read, valid and invalid.
 */
counts: RosterCounts, };

/**
 * One valid row of `match`.
 */
export type MatchedRow = { 
/**
 * The provisions the row is eligible for or needs information on, in the pack's order.
 */
results: Array<ProvisionDecision>, 
/**
 * The amounts of the eligible ones, added up.
 */
total: RowTotal, 
/**
 * Provisions that could not be decided for this row (numbers too large): left out of
 * `results` and of every total; the rest of the row stands.
 */
problems: Array<MatchProblem>, };

export type Money = { 
/**
 * Exact, two decimals: "50000.00".
 */
value: string, 
/**
 * For people: "5万元" / "¥50,000".
 */
display: string, };

export type OptionInfo = { id: string, label: string, };

/**
 * Options of `evaluate`, `evaluateBatch`, `facts` and `policies`. Instead of an object, a
 * language alone may be given (`facts("en")`).
 */
export type Options = { 
/**
 * The date the policies are applied on, `YYYY-MM-DD`. Default: today, in local time.
 */
asOf?: string, 
/**
 * The language of every text of the result. Default: `"zh"`.
 */
lang?: Lang, 
/**
 * A pack from `loadPack()`. Default: the embedded catalog.
 */
pack?: Pack, 
/**
 * Write each provision's condition tree and arithmetic steps. Default: `true`. With
 * `false` the report keeps every status, amount, missing and failed fact and total, and is
 * several times cheaper to build and to hand to JavaScript.
 */
explain?: boolean, 
/**
 * Only these provisions (their ids), in `evaluate`, `evaluateBatch`, `decide` and
 * `decideMany`: the result and its totals cover them alone. Default: every provision.
 */
provisions?: Array<string>, };

export type Outcome = "met" | "not_met" | "unknown";

export type PackInfo = { name: string, version: string, 
/**
 * Whether the pack is the catalogue built into this program or package. A pack loaded at
 * run time (`loadPack`, `--pack`) is never the embedded one, whatever it calls itself.
 */
embedded: boolean, 
/**
 * Who published the pack, in the report's language, as the pack says (`null`: not said;
 * the embedded catalogue names none: it is this project's own compilation).
 */
issuer: string | null, 
/**
 * The day the pack was published, `YYYY-MM-DD` (`null`: not said).
 */
date: string | null, };

/**
 * A problem in a rule pack, naming where it is.
 */
export type PackProblem = { file: string, 
/**
 * The fact, value, policy, provision or scenario id.
 */
item: string, 
/**
 * The field, as a path (`when.all[1].at_least`).
 */
field: string, message: string, 
/**
 * Where in the file, when the pack came as TOML text (1-based): the syntax error's
 * position, or the field's line in its item (see [`locate_problems`](crate::locate_problems)).
 */
line: number | null, column: number | null, };

/**
 * A whole pack: what `loadPack` takes from JavaScript, and what the TOML files add up to.
 */
export type PackSource = { 
/**
 * A name and version for the pack, shown by `version()`.
 */
name?: string | null, version?: string | null, 
/**
 * Who publishes the pack (a portal, a district bureau), in both languages: every report it
 * makes says so. Optional (a pack may be nobody's in particular).
 */
issuer?: Text | null, 
/**
 * The day the pack was published, `YYYY-MM-DD` (optional): every report it makes says so.
 */
date?: string | null, facts?: Array<FactSource> | null, groups?: Array<GroupSource> | null, values?: Array<ValueSource> | null, policies?: Array<PolicyFileSource> | null, 
/**
 * What people come to check ("a competition award", "a training base"): each names the
 * provisions it covers, so a form can ask only their questions.
 */
goals?: Array<GoalSource> | null, };

export type PerUnitSource = { count: Array<string>, rate?: Scalar | null, rate_range?: Array<Scalar> | null, rate_fact?: string | null, rate_check?: string | null, };

/**
 * One policy document: `policies/<id>.toml`.
 */
export type PolicyFileSource = { policy: PolicySource, provision?: Array<ProvisionSource> | null, };

/**
 * One policy document and its provisions.
 */
export type PolicyInfo = { id: string, document: string, title: string, issuer: string, 
/**
 * In force from (inclusive), `YYYY-MM-DD`.
 */
from: string | null, 
/**
 * In force until (inclusive), `YYYY-MM-DD`.
 */
until: string | null, 
/**
 * On the `asOf` date of the options.
 */
in_force: InForce, 
/**
 * The ids of its provisions.
 */
provisions: Array<string>, };

export type PolicyReport = { id: string, document: string, title: string, issuer: string, from: string | null, until: string | null, in_force: InForce, source: string | null, note: string | null, };

export type PolicySource = { id: string, document: string, title: Text, issuer: Text, from?: string | null, until?: string | null, source?: string | null, note?: Text | null, };

export type Problems = Array<PackProblem> | Array<ProfileProblem>;

/**
 * A profile: `{ factId: answer }`. `null`, `""` or leaving a fact out means "unknown".
 */
export type Profile = { [key in string]: InputValue };

/**
 * A problem in a user's answers, naming the fact, in both languages.
 */
export type ProfileProblem = { 
/**
 * `unknown_fact`, `wrong_type`, `out_of_bounds`, `negative`, `not_whole`, `too_many_decimals`,
 * `impossible_date`, `not_allowed`, `too_large`, `not_finite`
 */
code: string, fact: string, message_zh: string, message_en: string, };

/**
 * One provision's decision: the report's `ProvisionReport` without texts and explanations.
 */
export type ProvisionDecision = { id: string, status: Status, decision: Status, amount: DecidedAmountReport | null, missing: Array<string>, failed: Array<string>, 
/**
 * As in the report, except the sentence that the policy is not in force (the status
 * `not_in_force` says it): what a person should know that does not change the decision
 * (an advisory condition not met, a value not yet set, an answer outside the allowed
 * range), in the result's language.
 */
warnings: Array<string>, 
/**
 * As in the report: why the provision could not be decided in full.
 */
error: ProvisionError | null, };

/**
 * What went wrong in one provision, which the rest of the report does not share.
 */
export type ProvisionError = { 
/**
 * `too_large`: the amount's arithmetic overflowed (answers far beyond any real amount).
 */
code: string, 
/**
 * In the report's language, naming the provision and the calculation.
 */
message: string, };

export type ProvisionKind = "designation" | "subsidy" | "award" | "grant" | "pathway" | "check";

export type ProvisionReport = { id: string, policy: string, document: string, kind: ProvisionKind, audience: Subject, recipient: Subject, unit: Unit, unit_label: string, clause: string, title: string, explain: string, status: Status, 
/**
 * What the conditions decide, whether or not the policy is in force.
 */
decision: Status, amount: AmountReport | null, conditions: Array<ConditionReport>, 
/**
 * Facts of the conditions that rule the provision out: what the applicant lacks.
 */
failed: Array<string>, 
/**
 * Facts whose answers would decide eligibility (for `needs_info`).
 */
missing: Array<string>, 
/**
 * Facts whose answers would narrow the amount.
 */
amount_missing: Array<string>, warnings: Array<string>, benefits: Array<string>, process: Array<string>, values_used: Array<ValueUsed>, 
/**
 * Why the provision could not be decided in full (its amount is then `null`, left out of
 * the totals, and the message is among the warnings too); the rest of the report stands.
 */
error: ProvisionError | null, };

export type ProvisionSource = { id: string, kind: string, audience: string, recipient: string, unit?: string | null, clause: ClauseSource, title: Text, explain: Text, benefits?: Array<Text> | null, process?: Array<Text> | null, rounding?: string | null, when?: ConditionSource | null, amount?: AmountSource | null, 
/**
 * What being granted this provision (a designation) makes true: the fact and its value
 * ("a Qingpu training base": `base.qingpu_recognised = true`). Lets a form show what the
 * provisions that follow from it will pay once it is granted.
 */
grants?: GrantSource | null, };

/**
 * One provision over the whole list.
 */
export type ProvisionTotals = { provision: string, eligible_rows: number, needs_info_rows: number, 
/**
 * Its amounts summed per cap group, each cap applied once across rows.
 */
groups: Array<GroupTotal>, };

export type Range = { min: Money, max: Money | null, display: string, };

export type Report = { as_of: string, lang: Lang, pack: PackInfo, policies: Array<PolicyReport>, provisions: Array<ProvisionReport>, 
/**
 * Sums per recipient: what is eligible now, and what is possible once open questions are answered.
 */
totals: Array<TotalReport>, 
/**
 * Facts that would decide open provisions, the most useful first: the questions to ask next.
 */
questions: Array<string>, };

/**
 * Every row read, counted: nothing is dropped without a word.
 */
export type RosterCounts = { rows: number, valid: number, invalid: number, 
/**
 * Valid rows eligible for at least one provision.
 */
with_eligible: number, };

/**
 * A row's total: the amounts of the provisions it is eligible for, added up whoever receives
 * them.
 */
export type RowTotal = { 
/**
 * Exact, two decimals.
 */
min: string, 
/**
 * `null`: no upper limit can be stated yet.
 */
max: string | null, 
/**
 * "3万元", "至少 20万元".
 */
display: string, };

/**
 * A literal in a rule: `true`, `"city"`, `"50000"`, `100`, `"2025-12-31"`, `"@value.id"`.
 */
export type Scalar = boolean | number | number | string;

export type Status = "eligible" | "not_eligible" | "needs_info" | "not_in_force";

export type Subject = "person" | "organisation";

/**
 * Text shown to people, always in both languages.
 */
export type Text = { zh: string, en: string, };

export type TotalReport = { recipient: Subject, 
/**
 * Provisions eligible now.
 */
eligible: Range, 
/**
 * Eligible now plus those still needing information.
 */
possible: Range, eligible_count: number, needs_info_count: number, 
/**
 * Amounts exist but are not published for some provisions.
 */
unpublished_count: number, };

export type Unit = "per_person" | "per_person_per_year" | "per_project_per_year" | "per_organisation" | "per_competition" | "one_off" | "none";

export type ValueSource = { id: string, label: Text, history?: Array<DatedSource> | null, };

export type ValueUsed = { id: string, label: string, amount: Money, from: string, document: string, source: string, confidence: string, };

/**
 * Versions of what answers: the npm package, the engine, and the embedded catalog.
 */
export type Version = { package: string, engine: string, catalog: string, };
