//! # skillcalc-engine
//!
//! A rule engine for subsidy and designation rules: three-valued (an unanswered fact is
//! *unknown*, never *false*), exact money (rust_decimal, rounded to the fen), ranges where a
//! text gives a range or an input is missing, caps shown as applied, and every condition's
//! outcome with the clause it comes from. It knows nothing of Shanghai, the web or files:
//! rule packs arrive as data.
//!
//! ```
//! use skillcalc_engine::{compile, evaluate, EvaluateOptions, Lang, PackSource, Status};
//!
//! let pack: PackSource = serde_json::from_str(r#"{
//!   "facts": [
//!     { "id": "prize_level", "type": "enum", "subject": "person",
//!       "label": { "zh": "获奖级别", "en": "Prize level" },
//!       "values": [ { "id": "city", "zh": "市级", "en": "City" },
//!                   { "id": "national", "zh": "国家级", "en": "National" } ] },
//!     { "id": "city_award", "type": "money", "subject": "person",
//!       "label": { "zh": "市级奖励金额", "en": "City award" } }
//!   ],
//!   "policies": [ {
//!     "policy": { "id": "demo", "document": "Demo 1", "from": "2022-01-01", "until": "2025-12-31",
//!                 "title": { "zh": "示例", "en": "Demo" }, "issuer": { "zh": "示例", "en": "Demo" } },
//!     "provision": [ {
//!       "id": "match", "kind": "award", "audience": "person", "recipient": "person",
//!       "unit": "per_person", "clause": "4",
//!       "title": { "zh": "配套奖励", "en": "Matching award" },
//!       "explain": { "zh": "按市奖励50%配套", "en": "50% of the city award" },
//!       "when": { "fact": "prize_level", "is": "city" },
//!       "amount": { "ratio": "0.5", "of": "city_award", "cap": "50000" }
//!     } ]
//!   } ]
//! }"#).unwrap();
//! let pack = compile(&pack).unwrap();
//! let options = EvaluateOptions::new("2024-06-01", Lang::En).unwrap();
//!
//! // Nothing answered: needs info, and the amount can still be anything up to the cap.
//! let report = evaluate(&pack, &pack.profile(&Default::default()).unwrap(), &options).unwrap();
//! let p = &report.provisions[0];
//! assert_eq!(p.status, Status::NeedsInfo);
//! assert_eq!(p.missing, vec!["prize_level"]);
//! assert_eq!(p.amount.as_ref().unwrap().max.as_ref().unwrap().value, "50000.00");
//!
//! // A city prize with a city award of 120000: 50% is 60000, capped at 50000.
//! let answers = serde_json::from_str(r#"{ "prize_level": "city", "city_award": "120000" }"#).unwrap();
//! let report = evaluate(&pack, &pack.profile(&answers).unwrap(), &options).unwrap();
//! let amount = report.provisions[0].amount.as_ref().unwrap();
//! assert_eq!(report.provisions[0].status, Status::Eligible);
//! assert_eq!(amount.min.value, "50000.00");
//! assert_eq!(amount.steps, vec!["50% × ¥120,000 = ¥60,000", "¥60,000, capped at ¥50,000"]);
//! ```

#![forbid(unsafe_code)]

/// The engine's version (reported by the JS package's `version()`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

mod batch;
mod compile;
mod date;
mod error;
mod eval;
mod group;
mod listing;
mod model;
mod money;
mod profile;
#[cfg(feature = "toml")]
mod publish;
mod report;
mod requirement;
mod roster;
mod scenario;
pub mod source;
mod text;

pub use batch::{Batch, GroupTotal};
pub use compile::compile;
pub use date::Date;
pub use error::{Error, PackProblem, ProfileProblem};
pub use eval::range_display as display_range;
pub use eval::{
    decide, decide_all, decisions, describe_value, evaluate, evaluate_only, evaluate_provision,
    push_range_display, warning_texts, Decided, DecidedAmount, Decision, EvaluateOptions, Total,
    Warning,
};
pub use group::cap_group;
pub use listing::{facts, policies, FactInfo, OptionInfo, PolicyInfo};
pub use model::FactIndex;
pub use model::{
    Condition, DatedEntry, DatedValue, EnumValue, Fact, FactType, Goal, Group, Literal, Op, Policy,
    Provision, ProvisionKind, RulePack, Subject, Test, Unit,
};
pub use money::{push_display as push_money, push_fen, push_int};
pub use profile::{not_a_profile, parse_answer, Answers, FactValue, Profile};
#[cfg(feature = "toml")]
pub use publish::publish_json;
pub use report::{
    AmountReport, ConditionKind, ConditionReport, DecidedAmountReport, Decisions, FactList,
    InForce, Money, Outcome, PackInfo, PolicyReport, ProvisionDecision, ProvisionError,
    ProvisionReport, Range, Report, Status, TotalReport, ValueUsed,
};
pub use requirement::{describe_requirement, requirement, Accepts, Span};
pub use roster::{ProvisionTotals, Roster, RosterCounts, RowDecided, RowMatch, RowTotal};
pub use scenario::{run_scenarios, ScenarioResult};
pub use source::{InputValue, PackSource, PolicyFileSource, Scalar, ScenarioFile, ScenarioSource};
pub use text::{Lang, Text};

/// Parses a rule pack from its TOML files (`facts.toml`, `values.toml`, `policies/*.toml`),
/// given as (path, contents). Returns every problem at once.
#[cfg(feature = "toml")]
pub fn pack_from_toml(files: &[(String, String)]) -> Result<PackSource, Error> {
    use source::{FactsFile, GoalsFile, PackFile, ValuesFile};
    let mut pack = PackSource::default();
    let mut problems = Vec::new();
    let mut files: Vec<&(String, String)> = files.iter().collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, text) in files {
        let name = path.replace('\\', "/");
        let syntax = |e: toml::de::Error| syntax_problem(&name, text, &e);
        if (name == "pack.toml" || name.ends_with("/pack.toml"))
            && !name.contains("policies/")
            && !name.contains("scenarios/")
        {
            match toml::from_str::<PackFile>(text) {
                Ok(f) => {
                    pack.name = f.name;
                    pack.version = f.version;
                    pack.issuer = f.issuer;
                    pack.date = f.date;
                    pack.files.pack = name.clone();
                }
                Err(e) => problems.push(syntax(e)),
            }
        } else if name.ends_with("facts.toml") {
            match toml::from_str::<FactsFile>(text) {
                Ok(f) => {
                    pack.fact.extend(f.fact);
                    pack.group.extend(f.group);
                    pack.files.facts = name.clone();
                }
                Err(e) => problems.push(syntax(e)),
            }
        } else if name.ends_with("values.toml") {
            match toml::from_str::<ValuesFile>(text) {
                Ok(f) => {
                    pack.value.extend(f.value);
                    pack.files.values = name.clone();
                }
                Err(e) => problems.push(syntax(e)),
            }
        } else if name.ends_with("goals.toml") {
            match toml::from_str::<GoalsFile>(text) {
                Ok(f) => {
                    pack.goal.extend(f.goal);
                    pack.files.goals = name.clone();
                }
                Err(e) => problems.push(syntax(e)),
            }
        } else if name.contains("policies/") {
            match toml::from_str::<PolicyFileSource>(text) {
                Ok(f) => {
                    pack.policies.push(f);
                    pack.files.policies.push(name.clone());
                }
                Err(e) => problems.push(syntax(e)),
            }
        }
    }
    if problems.is_empty() {
        Ok(pack)
    } else {
        Err(Error::InvalidPack { problems })
    }
}

/// Parses scenario files (`scenarios/*.toml`) given as (path, contents).
#[cfg(feature = "toml")]
pub fn scenarios_from_toml(
    files: &[(String, String)],
) -> Result<Vec<(String, ScenarioFile)>, Error> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (path, text) in files {
        let name = path.replace('\\', "/");
        if !name.contains("scenarios/") {
            continue;
        }
        match toml::from_str::<ScenarioFile>(text) {
            Ok(f) => out.push((name, f)),
            Err(e) => problems.push(syntax_problem(&name, text, &e)),
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    if problems.is_empty() {
        problems = source::resolve_bases(&mut out);
        locate_problems(files, &mut problems);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(Error::InvalidPack { problems })
    }
}

/// A TOML syntax (or shape) error as a problem at its line and column.
#[cfg(feature = "toml")]
fn syntax_problem(file: &str, text: &str, e: &toml::de::Error) -> PackProblem {
    // toml's own message repeats the position and quotes the line: its first line is the gist.
    let mut problem = PackProblem::new(file, "", "", e.message().trim().replace('\n', " "));
    if let Some(span) = e.span() {
        let (line, column) = position(text, span.start);
        problem.line = Some(line);
        problem.column = Some(column);
    }
    problem
}

/// The 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (u32, u32) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u32, column as u32)
}

/// The scenarios as one JSON corpus (each case its file, id, date, provision, whole profile
/// and expectation), so every face (the JS package in Node, the app in the browser) runs the
/// same cases: `tests/corpus/scenarios.json`, written by `skillcalc check --corpus`.
#[cfg(feature = "toml")]
pub fn scenario_corpus(scenarios: &[(String, ScenarioFile)]) -> String {
    #[derive(serde::Serialize)]
    struct Case<'a> {
        file: &'a str,
        #[serde(flatten)]
        scenario: &'a ScenarioSource,
    }
    let cases: Vec<Case> = scenarios
        .iter()
        .flat_map(|(file, f)| f.scenario.iter().map(move |s| Case { file, scenario: s }))
        .collect();
    // Plain data: serialising it cannot fail.
    serde_json::to_string_pretty(&cases).unwrap_or_default() + "\n"
}

/// `e` with its pack problems located in `files` (see [`locate_problems`]).
pub fn with_positions(e: Error, files: &[(String, String)]) -> Error {
    match e {
        Error::InvalidPack { mut problems } => {
            locate_problems(files, &mut problems);
            Error::InvalidPack { problems }
        }
        other => other,
    }
}

/// Gives each problem without a position the line and column of its field in its file's
/// text (the item's `id = "…"` line, then the field's last key after it, before the next
/// item), so that an editor or the studio can show it in place. A problem whose file or item
/// is not in `files` keeps no position.
pub fn locate_problems(files: &[(String, String)], problems: &mut [PackProblem]) {
    for p in problems.iter_mut().filter(|p| p.line.is_none()) {
        let Some((_, text)) = files
            .iter()
            .find(|(name, _)| name.replace('\\', "/") == p.file)
        else {
            continue;
        };
        if let Some(offset) = field_offset(text, &p.item, &p.field) {
            let (line, column) = position(text, offset);
            p.line = Some(line);
            p.column = Some(column);
        }
    }
}

/// Where `item`'s `field` is written in `text`: its last key (`when.all[1].at_least` →
/// `at_least`) after the item's `id = "item"` line and before the next `[[` table; else the id.
fn field_offset(text: &str, item: &str, field: &str) -> Option<usize> {
    if item.is_empty() {
        return None;
    }
    let id_at = [format!("id = \"{item}\""), format!("id=\"{item}\"")]
        .iter()
        .find_map(|needle| text.find(needle.as_str()))?;
    let end = text[id_at..].find("\n[[").map_or(text.len(), |i| id_at + i);
    let key = field
        .rsplit('.')
        .map(|k| k.split('[').next().unwrap_or(k))
        .find(|k| !k.is_empty() && *k != "zh" && *k != "en")
        .unwrap_or("");
    if key.is_empty() || key == "id" {
        return Some(id_at);
    }
    let block = &text[id_at..end];
    let mut from = 0;
    while let Some(i) = block[from..].find(key) {
        let at = from + i;
        let before = block[..at].chars().next_back();
        let after = block[at + key.len()..].trim_start_matches([' ', '\t']);
        let word_start = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
        if word_start && (after.starts_with('=') || after.starts_with(']')) {
            return Some(id_at + at);
        }
        from = at + key.len();
    }
    Some(id_at)
}
