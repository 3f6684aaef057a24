//! Scenario tests written next to the rules (like OpenFisca's YAML tests): a profile, a date,
//! a provision and what must come out.

use crate::eval::{evaluate_provision, EvaluateOptions};
use crate::model::RulePack;
use crate::report::Status;
use crate::source::{Scalar, ScenarioFile};
use crate::text::Lang;
use rust_decimal::Decimal;
use std::str::FromStr;

#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioResult {
    /// `file:scenario-id`
    pub name: String,
    pub passed: bool,
    /// Why it failed (or, for a known gap, why it is still a gap).
    pub message: String,
    pub known_gap: bool,
}

/// Runs every scenario of every file; a known gap passes only while it still fails.
pub fn run_scenarios(pack: &RulePack, files: &[(String, ScenarioFile)]) -> Vec<ScenarioResult> {
    let mut out = Vec::new();
    for (file, f) in files {
        for s in &f.scenario {
            let name = format!("{file}:{}", s.id);
            let failures = check(pack, s);
            let known_gap = s.known_gap.is_some();
            let (passed, message) = match (known_gap, failures.is_empty()) {
                (false, true) => (true, String::new()),
                (false, false) => (false, failures.join("; ")),
                (true, false) => (
                    true,
                    format!("known gap: {}", s.known_gap.clone().unwrap_or_default()),
                ),
                (true, true) => (
                    false,
                    "marked as a known gap but now passes: remove known_gap".into(),
                ),
            };
            out.push(ScenarioResult {
                name,
                passed,
                message,
                known_gap,
            });
        }
    }
    out
}

fn dec(s: &Scalar) -> Option<Decimal> {
    match s {
        Scalar::Int(i) => Some(Decimal::from(*i)),
        Scalar::Float(f) => Decimal::from_str(&f.to_string()).ok(),
        Scalar::Str(t) => Decimal::from_str(t.trim()).ok(),
        Scalar::Bool(_) => None,
    }
}

fn check(pack: &RulePack, s: &crate::source::ScenarioSource) -> Vec<String> {
    let mut failures = Vec::new();
    let options = match EvaluateOptions::new(&s.as_of, Lang::En) {
        Ok(o) => o,
        Err(e) => return vec![e.to_string()],
    };
    let Some(index) = pack.provisions.iter().position(|p| p.id == s.provision) else {
        return vec![format!("unknown provision '{}'", s.provision)];
    };
    let profile = match pack.profile(&s.profile) {
        Ok(p) => p,
        Err(e) => return vec![format!("bad profile: {e}")],
    };
    let report = match evaluate_provision(pack, &profile, index, &options) {
        Ok(r) => r,
        Err(e) => return vec![e.to_string()],
    };
    match Status::parse(&s.expect.status) {
        None => failures.push(format!("unknown expected status '{}'", s.expect.status)),
        Some(st) if st != report.status => failures.push(format!(
            "status: expected {}, got {}",
            s.expect.status,
            report.status.as_str()
        )),
        _ => {}
    }
    let amount = report.amount.as_ref();
    let got_min = amount.map(|a| a.min.value.parse::<Decimal>().unwrap_or_default());
    let got_max = amount.and_then(|a| {
        a.max
            .as_ref()
            .map(|m| m.value.parse::<Decimal>().unwrap_or_default())
    });
    if let Some(want) = &s.expect.amount {
        match (dec(want), amount) {
            (None, _) => failures.push(format!(
                "expect.amount '{}' is not a number",
                want.to_text()
            )),
            (Some(_), None) => failures.push("expected an amount, got none".into()),
            (Some(w), Some(a)) => {
                if !a.exact || got_min != Some(w) {
                    failures.push(format!("amount: expected {w}, got {}", a.display));
                }
            }
        }
    }
    if let Some(want) = &s.expect.min {
        match dec(want) {
            Some(w) if got_min == Some(w) => {}
            _ => failures.push(format!(
                "min: expected {}, got {:?}",
                want.to_text(),
                got_min.map(|d| d.to_string())
            )),
        }
    }
    if let Some(want) = &s.expect.max {
        let unbounded = matches!(want, Scalar::Str(t) if t == "none");
        let ok = if unbounded {
            amount.is_some() && got_max.is_none()
        } else {
            dec(want).is_some() && got_max == dec(want)
        };
        if !ok {
            failures.push(format!(
                "max: expected {}, got {:?}",
                want.to_text(),
                got_max.map(|d| d.to_string())
            ));
        }
    }
    if let Some(want) = &s.expect.failed {
        let mut got = report.failed.clone();
        let mut w = want.clone();
        w.sort();
        got.sort();
        got.dedup();
        if w != got {
            failures.push(format!("failed conditions: expected {w:?}, got {got:?}"));
        }
    }
    if let Some(want) = &s.expect.missing {
        let mut w = want.clone();
        w.sort();
        // Everything still unanswered that matters: for eligibility or for the amount.
        let mut got: Vec<String> = report
            .missing
            .iter()
            .chain(&report.amount_missing)
            .cloned()
            .collect();
        got.sort();
        got.dedup();
        if w != got {
            failures.push(format!("missing facts: expected {w:?}, got {got:?}"));
        }
    }
    if let Some(n) = s.expect.warnings {
        if report.warnings.len() != n {
            failures.push(format!(
                "warnings: expected {n}, got {} ({:?})",
                report.warnings.len(),
                report.warnings
            ));
        }
    }
    failures
}
