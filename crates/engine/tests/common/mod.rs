#![allow(dead_code)]
//! Loads the demo fixture pack (every fact type, condition and amount form) for the tests.

use skillcalc_engine::source::{FactsFile, GoalsFile, PolicyFileSource, ValuesFile};
use skillcalc_engine::{
    compile, evaluate, EvaluateOptions, InputValue, Lang, PackSource, ProvisionReport, RulePack,
};
use std::collections::BTreeMap;

pub const FACTS: &str = include_str!("../fixtures/demo/facts.toml");
pub const VALUES: &str = include_str!("../fixtures/demo/values.toml");
pub const POLICY: &str = include_str!("../fixtures/demo/policies/demo.toml");
pub const GOALS: &str = include_str!("../fixtures/demo/goals.toml");

pub fn source() -> PackSource {
    let facts: FactsFile = toml::from_str(FACTS).expect("facts.toml");
    let values: ValuesFile = toml::from_str(VALUES).expect("values.toml");
    let policy: PolicyFileSource = toml::from_str(POLICY).expect("demo.toml");
    let goals: GoalsFile = toml::from_str(GOALS).expect("goals.toml");
    PackSource {
        fact: facts.fact,
        group: facts.group,
        value: values.value,
        goal: goals.goal,
        policies: vec![policy],
        ..PackSource::default()
    }
}

pub fn pack() -> RulePack {
    compile(&source()).expect("demo pack compiles")
}

pub fn answers(json: &str) -> BTreeMap<String, InputValue> {
    serde_json::from_str(json).expect("test profile JSON")
}

/// Evaluates one provision of the demo pack on a date.
pub fn run(pack: &RulePack, id: &str, json: &str, as_of: &str) -> ProvisionReport {
    let profile = pack.profile(&answers(json)).expect("valid profile");
    let options = EvaluateOptions::new(as_of, Lang::En).expect("date");
    let report = evaluate(pack, &profile, &options).expect("evaluates");
    report
        .provisions
        .into_iter()
        .find(|p| p.id == id)
        .expect("provision")
}
