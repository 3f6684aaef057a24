//! Property tests on the demo pack (every amount form): caps never exceeded, min ≤ max,
//! rounding to the fen, unknown never becomes false, answering more only narrows.

#[path = "common/arbitrary.rs"]
mod arbitrary;
mod common;
#[path = "common/properties.rs"]
mod properties;

use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn amounts_respect_caps_order_and_fen((full, mask) in arbitrary::full_and_mask(&common::pack()), as_of in arbitrary::as_of()) {
        let pack = common::pack();
        properties::check_amounts(&pack, &full, &as_of);
        properties::check_decide_agrees(&pack, &full, &as_of);
        properties::check_unexplained_agrees(&pack, &full, &as_of);
        let partial = full.iter().zip(&mask).filter(|(_, k)| **k).map(|((a, b), _)| (a.clone(), b.clone())).collect();
        properties::check_amounts(&pack, &partial, &as_of);
        properties::check_decide_agrees(&pack, &partial, &as_of);
    }

    #[test]
    fn requirement_lines_admit_exactly_what_keeps_a_result_possible((full, mask) in arbitrary::full_and_mask(&common::pack()), as_of in arbitrary::as_of()) {
        let partial = full.iter().zip(&mask).filter(|(_, k)| **k).map(|((a, b), _)| (a.clone(), b.clone())).collect();
        properties::check_requirements(&common::pack(), &partial, &as_of);
    }

    #[test]
    fn answering_more_only_narrows((full, mask) in arbitrary::full_and_mask(&common::pack()), as_of in arbitrary::as_of()) {
        properties::check_monotone(&common::pack(), &full, &mask, &as_of);
    }
}
