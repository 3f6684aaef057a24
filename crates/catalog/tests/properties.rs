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

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, ..ProptestConfig::default() })]

    /// A list checked in parts (the CLI's threads, the JS package's chunks) and merged totals as
    /// the whole list checked at once: each cap across rows applied once, every row counted.
    #[test]
    fn catalog_a_list_in_parts_totals_as_the_whole_list(
        rows in proptest::collection::vec(arbitrary::full_and_mask(pack()), 1..24),
        split in any::<proptest::sample::Index>(),
        as_of in arbitrary::as_of(),
    ) {
        use skillcalc_engine::{EvaluateOptions, Lang, Roster};
        let options = EvaluateOptions::new(&as_of, Lang::Zh).expect("date");
        let profiles: Vec<_> = rows
            .iter()
            .filter_map(|(full, mask)| {
                let partial = full.iter().zip(mask).filter(|(_, k)| **k).map(|((a, b), _)| (a.clone(), b.clone())).collect();
                pack().profile(&partial).ok()
            })
            .collect();
        let at = split.index(profiles.len() + 1);
        let mut whole = Roster::new(pack(), options, |_, _| true);
        let (mut first, mut second) = (whole.clone(), whole.clone());
        for p in &profiles {
            whole.row(pack(), p).expect("row");
        }
        for p in &profiles[..at] {
            first.row(pack(), p).expect("row");
        }
        for p in &profiles[at..] {
            second.row(pack(), p).expect("row");
        }
        first.merge(second).expect("same roster");
        prop_assert_eq!(first.totals(pack()), whole.totals(pack()));
        prop_assert_eq!(first.counts(), whole.counts());
    }
}
