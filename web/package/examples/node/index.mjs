// Node: one profile against the embedded catalogue, in English.
import { batch, decide, evaluate, facts, SkillcalcError } from 'skillcalc';

console.log(`${facts().length} questions in the catalogue`);

// Won a city-level prize at a competition, representing Putuo; the city paid ¥120,000.
const profile = {
  'contest.represented_putuo': true,
  'contest.won_prize': true,
  'contest.level': 'city',
  'contest.city_award_amount': '120000',
};
const report = evaluate(profile, { asOf: '2024-06-01', lang: 'en' });

const award = report.provisions.find((p) => p.id === 'putuo.competition_award');
console.log(`${award.title}: ${award.status}, ${award.amount.display}`); // …: needs_info, ¥50,000
console.log(`exact: ${award.amount.min.value}`); // "50000.00": money is text, never a float
console.log(`to decide it, answer: ${award.missing.join(', ')}`);

// Only statuses and amounts, for a list or a total: decide() is many times faster.
const { totals } = decide(profile, { asOf: '2024-06-01', lang: 'en' });
console.log(`possible for the person: ${totals.find((t) => t.recipient === 'person').possible.display}`); // up to ¥66,500

// An enterprise's list of trainees, one provision: each row decided, the cap (1,000,000 per
// project and year) applied once per group.
const row = (passed) => ({
  'org.putuo_college': 'institution',
  'training.in_putuo_catalogue': true,
  'training.trainees_target_group': true,
  'training.project_id': 'PT-2024-01',
  'training.year': 2024,
  'training.passed_trainees': passed,
});
const { rows, groups } = batch([row(300), row(200)], { provision: 'putuo.training_subsidy', asOf: '2024-06-01', lang: 'en' });
console.log(`rows: ${rows.map((r) => r.amount.display).join('; ')}; project ${groups[0].group}: ${groups[0].display}`);
// rows: ¥300,000–¥900,000; ¥200,000–¥600,000; project PT-2024-01|2024: ¥500,000–¥1,000,000

try {
  evaluate({ 'contest.city_award_amount': -1 });
} catch (e) {
  if (!(e instanceof SkillcalcError)) throw e;
  console.log(`${e.code} ${e.field}: ${e.messageEn}`); // invalid_profile contest.city_award_amount: …
}
