// Type-checked against the installed package by test/builds.test.mjs (tsc --strict, NodeNext
// resolution, so the exports map's "types" conditions are what is read). Never run.
import { decide, evaluate, evaluateBatch, facts, loadPack, policies, SkillcalcError, version } from 'skillcalc';
import type { ErrorCode, FactInfo, Options, Pack, PackSource, PolicyInfo, Profile, ProvisionError, Report, Version } from 'skillcalc';
import init, { evaluate as evaluateInPage, initSync } from 'skillcalc/web';

const profile: Profile = { 'contest.level': 'city', 'contest.city_award_amount': '120000', 'a.b': true, c: ['x'], d: null };
const options: Options = { asOf: '2024-06-01', lang: 'en' };
const report: Report = evaluate(profile, options);
const amount = report.provisions[0]?.amount;
const exact: string | undefined = amount?.min.value;
const upTo: string | undefined = amount?.max?.display;
// A provision's own error (its amount could not be computed), in the report and in decide().
const failed: ProvisionError | null = report.provisions[0].error;
const why: string | undefined = decide(profile).provisions[0].error?.message;
const reports: Report[] = evaluateBatch([profile, {}], 'zh');
const list: FactInfo[] = facts({ lang: 'en' });
const kind: 'bool' | 'int' | 'money' | 'decimal' | 'enum' | 'enum_set' | 'date' | 'text' = list[0].type;
const docs: PolicyInfo[] = policies();
const v: Version = version();
const source: PackSource = { facts: [], policies: [] };

async function custom(): Promise<Report> {
  const pack: Pack = await loadPack(source);
  return evaluate({}, { pack });
}

try {
  evaluate({});
} catch (e) {
  if (e instanceof SkillcalcError) {
    const code: ErrorCode = e.code;
    const where: string | null = e.field;
    console.log(code, where, e.messageZh, e.messageEn, e.row, e.problems.length, e.cause);
  }
}

async function page(): Promise<void> {
  await init();
  initSync({ module: new Uint8Array() });
  evaluateInPage({}, 'en');
}

// @ts-expect-error money is text, never a number
const notANumber: number = report.provisions[0].amount!.min.value;
// @ts-expect-error no such language
evaluate({}, { lang: 'fr' });
// @ts-expect-error no such option
evaluate({}, { asof: '2024-01-01' });
// @ts-expect-error loadPack is async
const notYet: Pack = loadPack(source);

console.log(exact, upTo, failed, why, reports, kind, docs, v, custom, page, notANumber, notYet);
