//! What `facts()`, `policies()` and `version()` return: the rows of `skillcalc facts` and
//! `skillcalc policies --format json`, so the CLI and JS list a pack the same way.

use serde::Serialize;
use skillcalc_engine::{
    policy_in_force, EvaluateOptions, Fact, FactType, InForce, RulePack, Subject,
};

/// One fact: one question of the form.
#[derive(Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct FactInfo<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: FactKind,
    pub subject: FactSubject,
    pub group: &'a str,
    pub label: &'a str,
    pub help: Option<&'a str>,
    /// The options of an `enum` or `enum_set`.
    pub values: Vec<OptionInfo<'a>>,
    /// Bounds of a number (inclusive), as decimal strings.
    pub min: Option<String>,
    pub max: Option<String>,
    /// Bounds of a date (inclusive), `YYYY-MM-DD`.
    pub min_date: Option<String>,
    pub max_date: Option<String>,
}

#[derive(Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct OptionInfo<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

/// The engine's fact types (FORMAT.md); the match in `kind` keeps this list complete.
#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum FactKind {
    Bool,
    Int,
    Money,
    Decimal,
    Enum,
    EnumSet,
    Date,
    Text,
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum FactSubject {
    Person,
    Organisation,
}

fn kind(t: FactType) -> FactKind {
    match t {
        FactType::Bool => FactKind::Bool,
        FactType::Int => FactKind::Int,
        FactType::Money => FactKind::Money,
        FactType::Decimal => FactKind::Decimal,
        FactType::Enum => FactKind::Enum,
        FactType::EnumSet => FactKind::EnumSet,
        FactType::Date => FactKind::Date,
        FactType::Text => FactKind::Text,
    }
}

pub fn facts<'a>(pack: &'a RulePack, options: &EvaluateOptions) -> Vec<FactInfo<'a>> {
    let lang = options.lang;
    pack.facts
        .iter()
        .map(|f: &Fact| FactInfo {
            id: &f.id,
            kind: kind(f.kind),
            subject: match f.subject {
                Subject::Person => FactSubject::Person,
                Subject::Organisation => FactSubject::Organisation,
            },
            group: &f.group,
            label: f.label.get(lang),
            help: f.help.as_ref().map(|h| h.get(lang)),
            values: f
                .values
                .iter()
                .map(|v| OptionInfo {
                    id: &v.id,
                    label: v.label.get(lang),
                })
                .collect(),
            min: f.min.map(|d| d.normalize().to_string()),
            max: f.max.map(|d| d.normalize().to_string()),
            min_date: f.min_date.map(|d| d.to_string()),
            max_date: f.max_date.map(|d| d.to_string()),
        })
        .collect()
}

/// One policy document and its provisions.
#[derive(Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct PolicyInfo<'a> {
    pub id: &'a str,
    pub document: &'a str,
    pub title: &'a str,
    pub issuer: &'a str,
    /// In force from (inclusive), `YYYY-MM-DD`.
    pub from: Option<String>,
    /// In force until (inclusive), `YYYY-MM-DD`.
    pub until: Option<String>,
    /// On the `asOf` date of the options.
    pub in_force: InForce,
    /// The ids of its provisions.
    pub provisions: Vec<&'a str>,
}

pub fn policies<'a>(pack: &'a RulePack, options: &EvaluateOptions) -> Vec<PolicyInfo<'a>> {
    let lang = options.lang;
    pack.policies
        .iter()
        .enumerate()
        .map(|(i, p)| PolicyInfo {
            id: &p.id,
            document: &p.document,
            title: p.title.get(lang),
            issuer: p.issuer.get(lang),
            from: p.from.map(|d| d.to_string()),
            until: p.until.map(|d| d.to_string()),
            in_force: policy_in_force(p, options.as_of),
            provisions: pack
                .provisions
                .iter()
                .filter(|v| v.policy == i)
                .map(|v| v.id.as_str())
                .collect(),
        })
        .collect()
}

/// Versions of what answers: the npm package, the engine, and the embedded catalog.
#[derive(Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Version {
    pub package: &'static str,
    pub engine: &'static str,
    pub catalog: &'static str,
}

pub fn version() -> Version {
    Version {
        package: env!("CARGO_PKG_VERSION"),
        // The engine has no version constant; the workspace gives every crate the same version
        // (version.workspace = true), so this crate's version is the engine's.
        engine: env!("CARGO_PKG_VERSION"),
        catalog: skillcalc_catalog::VERSION,
    }
}
