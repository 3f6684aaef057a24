//! Random but valid answers for any rule pack, driven by its fact registry. Shared by the
//! engine's property tests (demo pack) and the catalog's (the real pack).

use proptest::prelude::*;
use rust_decimal::Decimal;
use skillcalc_engine::{FactType, InputValue, RulePack};
use std::collections::BTreeMap;

fn bounded(min: Option<Decimal>, max: Option<Decimal>, default_max: i64) -> (i64, i64) {
    let lo = min
        .and_then(|m| i64::try_from(m.ceil()).ok())
        .unwrap_or(0)
        .max(-1_000_000);
    let hi = max
        .and_then(|m| i64::try_from(m.floor()).ok())
        .unwrap_or(default_max)
        .min(lo.saturating_add(default_max));
    (lo, hi.max(lo))
}

/// A strategy for one answer to one fact (never invalid).
pub fn answer(pack: &RulePack, index: usize) -> BoxedStrategy<InputValue> {
    let f = &pack.facts()[index];
    match f.kind {
        FactType::Bool => any::<bool>().prop_map(InputValue::Bool).boxed(),
        FactType::Int => {
            let (lo, hi) = bounded(f.min, f.max, 2_000);
            (lo..=hi).prop_map(InputValue::Int).boxed()
        }
        FactType::Money | FactType::Decimal => {
            let (lo, hi) = bounded(f.min, f.max, 2_000_000);
            // Whole yuan or with fen, inside the bounds.
            (lo..=hi, 0i64..100)
                .prop_map(move |(y, fen)| {
                    let v = Decimal::new(y * 100 + if y < hi { fen } else { 0 }, 2);
                    InputValue::Str(v.to_string())
                })
                .boxed()
        }
        FactType::Enum => {
            let ids: Vec<String> = f.values.iter().map(|v| v.id.clone()).collect();
            proptest::sample::select(ids)
                .prop_map(InputValue::Str)
                .boxed()
        }
        FactType::EnumSet => {
            let ids: Vec<String> = f.values.iter().map(|v| v.id.clone()).collect();
            proptest::sample::subsequence(ids.clone(), 0..=ids.len())
                .prop_map(|v| InputValue::List(v.into_iter().map(InputValue::Str).collect()))
                .boxed()
        }
        FactType::Date => (1950i32..2030, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| InputValue::Str(format!("{y:04}-{m:02}-{d:02}")))
            .prop_filter("inside the fact's bounds", {
                let (lo, hi) = (f.min_date, f.max_date);
                move |v| match v {
                    InputValue::Str(s) => {
                        let d = skillcalc_engine::Date::parse(s).expect("generated date");
                        lo.is_none_or(|l| d >= l) && hi.is_none_or(|h| d <= h)
                    }
                    _ => false,
                }
            })
            .boxed(),
        FactType::Text => proptest::sample::select(vec!["P1".to_string(), "P2".to_string()])
            .prop_map(InputValue::Str)
            .boxed(),
    }
}

/// A full profile (every fact answered) and, for each fact, whether a partial profile keeps it.
pub fn full_and_mask(pack: &RulePack) -> BoxedStrategy<(BTreeMap<String, InputValue>, Vec<bool>)> {
    let n = pack.facts().len();
    let strategies: Vec<BoxedStrategy<InputValue>> = (0..n).map(|i| answer(pack, i)).collect();
    let ids: Vec<String> = pack.facts().iter().map(|f| f.id.clone()).collect();
    (strategies, proptest::collection::vec(any::<bool>(), n))
        .prop_map(move |(values, mask)| (ids.iter().cloned().zip(values).collect(), mask))
        .boxed()
}

/// An as-of date across the years the policies cover and beyond.
pub fn as_of() -> impl Strategy<Value = String> {
    (2019i32..2032, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}
