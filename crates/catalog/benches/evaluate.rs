//! Speed of the whole embedded catalog for one profile (target: ≤ 10 µs median natively).
//! Run: cargo bench -p skillcalc-catalog

use criterion::{criterion_group, criterion_main, Criterion};
use skillcalc_engine::{evaluate, EvaluateOptions, FactType, InputValue, Lang, RulePack};
use std::collections::BTreeMap;
use std::hint::black_box;

/// A profile that answers every fact with a plausible value: every provision is decided,
/// so every condition and amount is computed (the most work one evaluation can do).
pub fn typical_profile(pack: &RulePack) -> BTreeMap<String, InputValue> {
    pack.facts
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
                (0..pack.provisions.len())
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
