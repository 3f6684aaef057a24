//! Arbitrary bytes as a profile against the demo pack: as a JSON object (what `evaluate`
//! reads), and as one CSV cell for every fact (what `batch` passes). Parsing and evaluating
//! must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skillcalc_engine::{
    compile, evaluate, evaluate_provision, pack_from_toml, parse_answer, EvaluateOptions, InputValue, Lang, Profile,
    RulePack,
};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[path = "demo.rs"]
mod demo;

fn pack() -> &'static RulePack {
    static PACK: OnceLock<RulePack> = OnceLock::new();
    PACK.get_or_init(|| {
        let files = demo::files(demo::FACTS, demo::VALUES, demo::POLICY);
        compile(&pack_from_toml(&files).expect("demo pack parses")).expect("demo pack compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let pack = pack();
    let options = EvaluateOptions::new("2024-06-01", Lang::En).expect("a real date");

    if let Ok(answers) = serde_json::from_slice::<BTreeMap<String, InputValue>>(data) {
        if let Ok(profile) = pack.profile(&answers) {
            let _ = evaluate(pack, &profile, &options);
        }
    }

    // The batch path: the same text as the cell of every fact.
    let Ok(cell) = std::str::from_utf8(data) else { return };
    let cell = InputValue::Str(cell.to_string());
    let mut profile = Profile::default();
    for (index, fact) in pack.facts.iter().enumerate() {
        if let Ok(value) = parse_answer(fact, &cell) {
            profile.set(index, value);
        }
    }
    for index in 0..pack.provisions.len() {
        let _ = evaluate_provision(pack, &profile, index, &options);
    }
});
