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
