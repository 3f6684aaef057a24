// Node: one profile against the embedded catalogue, in English.
import { evaluate, facts, SkillcalcError } from 'skillcalc';

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

try {
  evaluate({ 'contest.city_award_amount': -1 });
} catch (e) {
  if (!(e instanceof SkillcalcError)) throw e;
  console.log(`${e.code} ${e.field}: ${e.messageEn}`); // invalid_profile contest.city_award_amount: …
}
