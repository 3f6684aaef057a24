// A plain ES module page: no bundler, no top-level await, no special headers needed.
import init, { evaluate, facts, version } from './skillcalc/web.js';

init().then(() => {
  const report = evaluate(
    {
      'contest.represented_putuo': true,
      'contest.won_prize': true,
      'contest.level': 'city',
      'contest.city_award_amount': '120000',
    },
    { asOf: '2024-06-01', lang: 'en' },
  );
  const award = report.provisions.find((p) => p.id === 'putuo.competition_award');
  document.getElementById('result').textContent = `${award.title}: ${award.amount.display} (${award.status})`;
  document.getElementById('version').textContent = version().catalog;
  document.getElementById('facts').textContent = String(facts().length);
});
