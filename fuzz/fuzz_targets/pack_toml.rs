//! Arbitrary bytes as one file of a rule pack (facts.toml, values.toml or a policy file, the
//! others being the demo pack's): parsing and compiling must never panic, and a pack that
//! compiles must evaluate an empty profile without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use skillcalc_engine::{compile, evaluate, pack_from_toml, EvaluateOptions, Lang};

#[path = "demo.rs"]
mod demo;

fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let files = match which % 3 {
        0 => demo::files(text, demo::VALUES, demo::POLICY),
        1 => demo::files(demo::FACTS, text, demo::POLICY),
        _ => demo::files(demo::FACTS, demo::VALUES, text),
    };
    let Ok(source) = pack_from_toml(&files) else { return };
    let Ok(pack) = compile(&source) else { return };
    let profile = pack.profile(&Default::default()).expect("an empty profile is always valid");
    for (as_of, lang) in [("2024-06-01", Lang::En), ("1900-01-01", Lang::Zh)] {
        let options = EvaluateOptions::new(as_of, lang).expect("a real date");
        let _ = evaluate(&pack, &profile, &options);
    }
});
