//! The engine's properties, on the real catalog: caps never exceeded, min ≤ max, money to the
//! fen, answering more never flips a decision or widens a range.

#[path = "../../engine/tests/common/arbitrary.rs"]
mod arbitrary;
#[path = "../../engine/tests/common/properties.rs"]
mod properties;

use proptest::prelude::*;

fn pack() -> &'static skillcalc_engine::RulePack {
    skillcalc_catalog::pack().expect("embedded pack")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn catalog_amounts_respect_caps_order_and_fen((full, mask) in arbitrary::full_and_mask(pack()), as_of in arbitrary::as_of()) {
        properties::check_amounts(pack(), &full, &as_of);
        properties::check_decide_agrees(pack(), &full, &as_of);
        properties::check_unexplained_agrees(pack(), &full, &as_of);
        let partial = full.iter().zip(&mask).filter(|(_, k)| **k).map(|((a, b), _)| (a.clone(), b.clone())).collect();
        properties::check_amounts(pack(), &partial, &as_of);
        properties::check_decide_agrees(pack(), &partial, &as_of);
    }

    #[test]
    fn catalog_requirement_lines_admit_exactly_what_keeps_a_result_possible((full, mask) in arbitrary::full_and_mask(pack()), as_of in arbitrary::as_of()) {
        let partial = full.iter().zip(&mask).filter(|(_, k)| **k).map(|((a, b), _)| (a.clone(), b.clone())).collect();
        properties::check_requirements(pack(), &partial, &as_of);
    }

    #[test]
    fn catalog_answering_more_only_narrows((full, mask) in arbitrary::full_and_mask(pack()), as_of in arbitrary::as_of()) {
        properties::check_monotone(pack(), &full, &mask, &as_of);
    }
}

/// The first screen: nothing answered yet.
#[test]
fn catalog_requirement_lines_on_an_empty_profile() {
    properties::check_requirements(pack(), &Default::default(), "2025-06-01");
}
