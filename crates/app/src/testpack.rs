//! The engine's small demo pack (every fact type, condition and amount form), for the state
//! tests: they must not depend on the real catalog, which changes as policies are added. Plus
//! the app's own additions (`testdata/`): a designation and the grant that follows it, and a
//! designation of another district.

use crate::form::Catalog;
use std::sync::OnceLock;

pub fn demo() -> &'static Catalog {
    static CAT: OnceLock<Catalog> = OnceLock::new();
    static PACK: OnceLock<skillcalc_engine::RulePack> = OnceLock::new();
    CAT.get_or_init(|| {
        let files = [
            (
                "demo/facts.toml",
                include_str!("../../engine/tests/fixtures/demo/facts.toml"),
            ),
            (
                "demo/values.toml",
                include_str!("../../engine/tests/fixtures/demo/values.toml"),
            ),
            (
                "demo/goals.toml",
                include_str!("../../engine/tests/fixtures/demo/goals.toml"),
            ),
            ("app/facts.toml", include_str!("testdata/facts.toml")),
            ("app/goals.toml", include_str!("testdata/goals.toml")),
            (
                "app/policies/chain.toml",
                include_str!("testdata/policies/chain.toml"),
            ),
            (
                "demo/policies/demo.toml",
                include_str!("../../engine/tests/fixtures/demo/policies/demo.toml"),
            ),
        ];
        let files: Vec<(String, String)> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let source = skillcalc_engine::pack_from_toml(&files).expect("demo pack parses");
        let pack =
            PACK.get_or_init(|| skillcalc_engine::compile(&source).expect("demo pack compiles"));
        Catalog::new(pack)
    })
}
