//! Speed of the whole embedded catalog for one profile (target: ≤ 10 µs median natively).
//! Run: cargo bench -p skillcalc-catalog
//!
//! "realistic" is the workload of web/package/bench/bench.mjs: profiles answering 20–40
//! facts, one of 48 dates over 2022–2026 per call, a different profile each call.

use criterion::{criterion_group, criterion_main, Criterion};
use skillcalc_engine::{
    decide_all, evaluate, Date, EvaluateOptions, FactType, InputValue, Lang, Profile, RulePack,
};
use std::collections::BTreeMap;
use std::hint::black_box;

/// A profile that answers every fact with a plausible value: every provision is decided,
/// so every condition and amount is computed (the most work one evaluation can do).
pub fn typical_profile(pack: &RulePack) -> BTreeMap<String, InputValue> {
    pack.facts()
        .iter()
        .map(|f| {
            let v = match f.kind {
                FactType::Bool => InputValue::Bool(true),
                FactType::Int => InputValue::Int(
                    f.min
                        .map_or(120, |m| m.max(120.into()).try_into().unwrap_or(120)),
                ),
                FactType::Money | FactType::Decimal => InputValue::Str("3000".into()),
                FactType::Enum => InputValue::Str(f.values[0].id.clone()),
                FactType::EnumSet => {
                    InputValue::List(vec![InputValue::Str(f.values[0].id.clone())])
                }
                FactType::Date => InputValue::Str("2024-06-01".into()),
                FactType::Text => InputValue::Str("P-001".into()),
            };
            (f.id.clone(), v)
        })
        .collect()
}

/// A small seeded generator (the same profiles every run, no dependency).
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// `count` profiles answering 20–40 facts each with plausible values (as bench.mjs's
/// realisticWorkload), those the pack accepts; and 48 dates spread over 2022–2026.
fn realistic(pack: &RulePack, count: usize) -> (Vec<Profile>, Vec<Date>) {
    let mut random = Seeded(7);
    let mut profiles = Vec::with_capacity(count);
    while profiles.len() < count {
        let n = 20 + random.below(21) as usize;
        let mut input = BTreeMap::new();
        while input.len() < n.min(pack.facts().len()) {
            let f = &pack.facts()[random.below(pack.facts().len() as u64) as usize];
            let lo: i64 = f.min.and_then(|m| m.try_into().ok()).unwrap_or(0);
            let hi: i64 = f
                .max
                .and_then(|m| m.try_into().ok())
                .unwrap_or(200_000)
                .min(200_000);
            let number = lo + random.below((hi - lo).clamp(0, 60) as u64 + 1) as i64;
            let v = match f.kind {
                FactType::Bool => InputValue::Bool(random.below(10) < 7),
                FactType::Int => InputValue::Int(number),
                FactType::Money | FactType::Decimal => InputValue::Str(number.to_string()),
                FactType::Enum => {
                    let i = random.below(f.values.len() as u64) as usize;
                    InputValue::Str(f.values[i].id.clone())
                }
                FactType::EnumSet => InputValue::List(
                    (f.values.iter())
                        .filter(|_| random.below(10) < 3)
                        .map(|v| InputValue::Str(v.id.clone()))
                        .collect(),
                ),
                FactType::Date => InputValue::Str(format!(
                    "202{}-0{}-1{}",
                    random.below(7),
                    1 + random.below(9),
                    random.below(10)
                )),
                FactType::Text => InputValue::Str(format!("P-{}", 1 + random.below(9))),
            };
            input.insert(f.id.clone(), v);
        }
        if let Ok(p) = pack.profile(&input) {
            profiles.push(p);
        }
    }
    // Every 38 days from 2022-01-01: 48 dates to 2026-12.
    let mut day = Date::parse("2022-01-01").expect("date");
    let dates = (0..48)
        .map(|_| {
            let this = day;
            for _ in 0..38 {
                day = day.next_day();
            }
            this
        })
        .collect();
    (profiles, dates)
}

fn bench(c: &mut Criterion) {
    let pack = skillcalc_catalog::pack().expect("embedded pack");
    let options = EvaluateOptions::new("2024-06-01", Lang::Zh).expect("date");
    let input = typical_profile(pack);
    // Bounds may reject some generic answers; fall back to an empty profile for those facts.
    let profile = pack
        .profile(&input)
        .unwrap_or_else(|_| pack.profile(&BTreeMap::new()).expect("empty profile"));
    c.bench_function("evaluate whole catalog, typical profile", |b| {
        b.iter(|| evaluate(black_box(pack), black_box(&profile), &options).expect("evaluates"))
    });
    let lean = EvaluateOptions {
        explain: false,
        ..options
    };
    c.bench_function(
        "evaluate whole catalog without explanations, typical profile",
        |b| b.iter(|| evaluate(black_box(pack), black_box(&profile), &lean).expect("evaluates")),
    );
    c.bench_function(
        "decide whole catalog (no explanation), typical profile",
        |b| {
            b.iter(|| {
                (0..pack.provisions().len())
                    .map(|i| {
                        skillcalc_engine::decide(
                            black_box(pack),
                            black_box(&profile),
                            i,
                            options.as_of,
                        )
                        .expect("decides")
                    })
                    .filter(|d| d.status == skillcalc_engine::Status::Eligible)
                    .count()
            })
        },
    );
    c.bench_function(
        "decisions whole catalog (what JS decide returns), typical profile",
        |b| {
            b.iter(|| {
                skillcalc_engine::decisions(black_box(pack), black_box(&profile), &options)
                    .expect("decides")
            })
        },
    );
    let (profiles, dates) = realistic(pack, 2000);
    let mut i = 0;
    c.bench_function(
        "decide_all whole catalog, realistic (what JS decide computes)",
        |b| {
            b.iter(|| {
                i += 1;
                let profile = &profiles[i % profiles.len()];
                decide_all(black_box(pack), profile, dates[i % dates.len()], None).expect("decides")
            })
        },
    );
    c.bench_function("decisions whole catalog, realistic (with texts)", |b| {
        b.iter(|| {
            i += 1;
            let options = EvaluateOptions {
                as_of: dates[i % dates.len()],
                ..options
            };
            let profile = &profiles[i % profiles.len()];
            skillcalc_engine::decisions(black_box(pack), profile, &options).expect("decides")
        })
    });
    let empty = pack.profile(&BTreeMap::new()).expect("empty profile");
    c.bench_function("decisions whole catalog, empty profile", |b| {
        b.iter(|| {
            skillcalc_engine::decisions(black_box(pack), black_box(&empty), &options)
                .expect("decides")
        })
    });
    c.bench_function("evaluate whole catalog, empty profile", |b| {
        b.iter(|| evaluate(black_box(pack), black_box(&empty), &options).expect("evaluates"))
    });
    c.bench_function("parse + evaluate, typical profile", |b| {
        b.iter(|| {
            let p = pack.profile(black_box(&input)).unwrap_or_default();
            evaluate(pack, &p, &options).expect("evaluates")
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
