//! A pack's registry and policies as rows for people and forms: what `skillcalc facts` /
//! `skillcalc policies --format json` print and what the JS package's `facts()` / `policies()`
//! return (one type, so the two faces list a pack the same way).

use crate::eval::{policy_in_force, EvaluateOptions};
use crate::model::{Fact, FactType, RulePack, Subject};
use crate::report::InForce;
use crate::text::Lang;
use serde::Serialize;

/// One fact: one question of the form.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FactInfo<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: FactType,
    pub subject: Subject,
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OptionInfo<'a> {
    pub id: &'a str,
    pub label: &'a str,
}

pub fn facts(pack: &RulePack, lang: Lang) -> Vec<FactInfo<'_>> {
    pack.facts
        .iter()
        .map(|f: &Fact| FactInfo {
            id: &f.id,
            kind: f.kind,
            subject: f.subject,
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
