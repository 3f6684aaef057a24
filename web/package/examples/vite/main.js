// Vite (no plugin needed): the web build; Vite copies the .wasm files it references.
import init, { evaluate, loadPack } from 'skillcalc/web';

async function main() {
  await init();
  const report = evaluate(
    {
      'contest.represented_putuo': true,
      'contest.won_prize': true,
      'contest.level': 'city',
      'contest.city_award_amount': '120000',
    },
    { asOf: '2024-06-01', lang: 'zh' },
  );
  const award = report.provisions.find((p) => p.id === 'putuo.competition_award');
  document.getElementById('result').textContent = `${award.title}：${award.amount.display}`;

  // A custom pack beside the catalogue (its compiler is a second .wasm, fetched only now).
  const pack = await loadPack({
    facts: [{ id: 'staff', type: 'int', subject: 'organisation', label: { zh: '员工数', en: 'Staff' } }],
    policies: [
      {
        policy: { id: 'p', document: 'Demo 1', title: { zh: '示例', en: 'Demo' }, issuer: { zh: '示例', en: 'Demo' } },
        provision: [
          {
            id: 'p.grant', kind: 'grant', audience: 'organisation', recipient: 'organisation', unit: 'one_off', clause: '1',
            title: { zh: '每名员工500元', en: '500 per employee' },
            explain: { zh: '每人500元，最多2万元', en: '500 each, at most 20000' },
            amount: { per_unit: { count: ['staff'], rate: '500' }, cap: '20000' },
          },
        ],
      },
    ],
  });
  const mine = evaluate({ staff: 12 }, { pack, lang: 'en' }).provisions[0];
  document.getElementById('custom').textContent = `${mine.title}: ${mine.amount.display}`;
}

main();
