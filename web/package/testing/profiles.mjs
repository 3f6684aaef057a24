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
