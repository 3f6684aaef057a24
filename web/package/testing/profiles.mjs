// Test and bench support: answers built from a pack's facts() rows.

/** A plausible answer for every fact, inside its bounds. */
export function typicalProfile(list) {
  const number = (f) => Math.max(Number(f.min ?? 1), Math.min(1, Number(f.max ?? 1)));
  return Object.fromEntries(
    list.map((f) => [
      f.id,
      {
        bool: true,
        int: number(f),
        money: String(number(f)),
        decimal: String(number(f)),
        enum: f.values[0]?.id,
        enum_set: [f.values[0]?.id],
        date: f.min_date && f.min_date > '2000-01-01' ? f.min_date : '2000-01-01',
        text: 'P-001',
      }[f.type],
    ]),
  );
}

/**
 * What one person typically answers: the Putuo competition winner of the catalogue's scenarios
 * (crates/catalog/pack/scenarios/putuo_2022_27.toml, "putuo-award-city-above-cap").
 */
export const PERSON = {
  'person.via_putuo_college': true,
  'contest.represented_putuo': true,
  'contest.won_prize': true,
  'contest.level': 'city',
  'contest.city_award_amount': '120000',
};

/**
 * One row of an enterprise's training list: the Putuo training subsidy scenarios' profile
 * (putuo_2022_27.toml, "putuo-training-100"), with its own number of trainees and project.
 */
export function trainingRow(passed, project = 'PT-2024-01') {
  return {
    'org.putuo_college': 'institution',
    'training.in_putuo_catalogue': true,
    'training.trainees_target_group': true,
    'training.project_id': project,
    'training.year': 2024,
    'training.passed_trainees': passed,
  };
}

/** A small seeded generator (mulberry32), so a workload is the same on every run. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic workload for speed: `count` profiles, each answering `minAnswers`–`maxAnswers`
 * facts drawn at random (valid values, within bounds: yes and no, any choice, numbers from
 * small to large), and `dates` distinct as-of dates spread over 2022–2026 (policies come into
 * force and expire), profile i decided as of dates[i % dates.length]. Never the easy case of a
 * handful of answers on one date, which caches flatter.
 */
export function realisticWorkload(list, { count = 2000, minAnswers = 20, maxAnswers = 40, dates = 48, seed = 7 } = {}) {
  const random = seeded(seed);
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const between = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const answer = (f) => {
    const lo = Number(f.min ?? 0);
    const hi = Math.max(lo, Math.min(Number(f.max ?? 200000), 200000));
    switch (f.type) {
      case 'bool': return random() < 0.7;
      case 'int': return between(lo, Math.min(hi, lo + 60));
      case 'money': return String(between(lo, hi));
      case 'decimal': return String(Math.min(hi, lo + between(0, 100) / (hi <= 1 ? 100 : 1)));
      case 'enum': return pick(f.values).id;
      case 'enum_set': return f.values.filter(() => random() < 0.3).map((v) => v.id);
      case 'date': return f.min_date && f.min_date > '2020-01-01' ? f.min_date : `202${between(0, 6)}-0${between(1, 9)}-1${between(0, 9)}`;
      default: return `P-${between(1, 9)}`;
    }
  };
  const days = Array.from({ length: dates }, (_, i) => {
    const day = new Date(Date.UTC(2022, 0, 1) + Math.floor((i / dates) * 5 * 365.25) * 86400000);
    return day.toISOString().slice(0, 10);
  });
  const profiles = Array.from({ length: count }, () => {
    const n = between(minAnswers, Math.min(maxAnswers, list.length));
    const chosen = [...list].sort(() => random() - 0.5).slice(0, n);
    return Object.fromEntries(chosen.map((f) => [f.id, answer(f)]));
  });
  return { profiles, dates: days, asOf: (i) => days[i % days.length] };
}
