//! The report: the stable JSON contract shared by the CLI, the JS package and the app.
//! Money is always a decimal string plus a display string, never a float.

use crate::model::{Fact, FactIndex, ProvisionKind, Subject, Unit};
use crate::text::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    pub as_of: String,
    pub lang: Lang,
    pub pack: PackInfo,
    pub policies: Vec<PolicyReport>,
    pub provisions: Vec<ProvisionReport>,
    /// Sums per recipient: what is eligible now, and what is possible once open questions are answered.
    pub totals: Vec<TotalReport>,
    /// Facts that would decide open provisions, the most useful first: the questions to ask next.
    pub questions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackInfo {
    pub name: String,
    pub version: String,
    /// Whether the pack is the catalogue built into this program or package. A pack loaded at
    /// run time (`loadPack`, `--pack`) is never the embedded one, whatever it calls itself.
    #[serde(default)]
    pub embedded: bool,
    /// Who published the pack, in the report's language, as the pack says (`null`: not said;
    /// the embedded catalogue names none: it is this project's own compilation).
    #[serde(default)]
    pub issuer: Option<String>,
    /// The day the pack was published, `YYYY-MM-DD` (`null`: not said).
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum InForce {
    InForce,
    Expired,
    NotYet,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyReport {
    pub id: String,
    pub document: String,
    pub title: String,
    pub issuer: String,
    pub from: Option<String>,
    pub until: Option<String>,
    pub in_force: InForce,
    pub source: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Status {
    Eligible,
    NotEligible,
    NeedsInfo,
    /// The policy is not in force on the as-of date; `decision` says what the conditions give.
    NotInForce,
}

impl Status {
    /// Every status, in the order of their declaration (a compact encoding writes a status as
    /// its place in this list).
    pub const ALL: [Status; 4] = [
        Status::Eligible,
        Status::NotEligible,
        Status::NeedsInfo,
        Status::NotInForce,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::NotEligible => "not_eligible",
            Status::NeedsInfo => "needs_info",
            Status::NotInForce => "not_in_force",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "eligible" => Status::Eligible,
            "not_eligible" => Status::NotEligible,
            "needs_info" => Status::NeedsInfo,
            "not_in_force" => Status::NotInForce,
            _ => return None,
        })
    }
}

/// What a condition is: all or any of its parts met, its one part not met, or a test of one
/// fact's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ConditionKind {
    All,
    Any,
    Not,
    Fact,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Outcome {
    Met,
    NotMet,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvisionReport {
    pub id: String,
    pub policy: String,
    pub document: String,
    pub kind: ProvisionKind,
    pub audience: Subject,
    pub recipient: Subject,
    pub unit: Unit,
    pub unit_label: String,
    pub clause: String,
    pub title: String,
    pub explain: String,
    pub status: Status,
    /// What the conditions decide, whether or not the policy is in force.
    pub decision: Status,
    pub amount: Option<AmountReport>,
    pub conditions: Vec<ConditionReport>,
    /// Facts of the conditions that rule the provision out: what the applicant lacks.
    pub failed: Vec<String>,
    /// Facts whose answers would decide eligibility (for `needs_info`).
    pub missing: Vec<String>,
    /// Facts whose answers would narrow the amount.
    pub amount_missing: Vec<String>,
    pub warnings: Vec<String>,
    pub benefits: Vec<String>,
    pub process: Vec<String>,
    pub values_used: Vec<ValueUsed>,
    /// Why the provision could not be decided in full (its amount is then `null`, left out of
    /// the totals, and the message is among the warnings too); the rest of the report stands.
    #[serde(default)]
    pub error: Option<ProvisionError>,
}

/// What went wrong in one provision, which the rest of the report does not share.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvisionError {
    /// `too_large`: the amount's arithmetic overflowed (answers far beyond any real amount).
    pub code: String,
    /// In the report's language, naming the provision and the calculation.
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Money {
    /// Exact, two decimals: "50000.00".
    pub value: String,
    /// For people: "5万元" / "¥50,000".
    pub display: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AmountReport {
    pub min: Money,
    /// `None`: no upper limit can be stated yet (an unknown count or base with no cap).
    pub max: Option<Money>,
    pub exact: bool,
    pub cap: Option<Money>,
    /// "50% × 120000 = 60000, capped at 50000"
    pub steps: Vec<String>,
    /// The text provides money but publishes no amount.
    pub not_published: Option<String>,
    /// "5万元", "1000元–3000元", "最多 5万元", "至少 20万元", "金额待定"
    pub display: String,
    /// For caps that apply across rows (per project per year): the group this row belongs to,
    /// as a list's totals name it (a `\` before a `\` or `|` in an answer, and before an answer
    /// that is just "?").
    pub cap_group: Option<String>,
    /// The amount before a cross-row cap, so a batch can sum rows and cap the group once.
    pub uncapped_min: Option<String>,
    pub uncapped_max: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConditionReport {
    pub kind: ConditionKind,
    pub fact: Option<String>,
    pub label: Option<String>,
    pub outcome: Outcome,
    pub required: String,
    pub given: Option<String>,
    pub clause: String,
    pub advisory: bool,
    pub parts: Vec<ConditionReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ValueUsed {
    pub id: String,
    pub label: String,
    pub amount: Money,
    pub from: String,
    pub document: String,
    pub source: String,
    pub confidence: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TotalReport {
    pub recipient: Subject,
    /// Provisions eligible now.
    pub eligible: Range,
    /// Eligible now plus those still needing information.
    pub possible: Range,
    pub eligible_count: usize,
    pub needs_info_count: usize,
    /// Amounts exist but are not published for some provisions.
    pub unpublished_count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Range {
    pub min: Money,
    pub max: Option<Money>,
    pub display: String,
}

/// Every provision's status and amount without the explanation (the engine's `decisions()`,
/// the JS package's `decide()`): what lists,
/// batches and portals that show results need, at a fraction of the cost of a [`Report`].
/// Each field means what it means in the report; a test holds the two together.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decisions<'a> {
    pub as_of: String,
    pub lang: Lang,
    pub provisions: Vec<ProvisionDecision<'a>>,
    pub totals: Vec<TotalReport>,
}

/// One provision's decision: the report's `ProvisionReport` without texts and explanations.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvisionDecision<'a> {
    /// The provision's place in the pack (not serialized: JSON names it by `id`).
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub index: usize,
    pub id: &'a str,
    pub status: Status,
    pub decision: Status,
    pub amount: Option<DecidedAmountReport>,
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub missing: FactList<'a>,
    #[cfg_attr(feature = "ts", ts(as = "Vec<String>"))]
    pub failed: FactList<'a>,
    /// As in the report, except the sentence that the policy is not in force (the status
    /// `not_in_force` says it): what a person should know that does not change the decision
    /// (an advisory condition not met, a value not yet set, an answer outside the allowed
    /// range), in the result's language.
    pub warnings: Vec<String>,
    /// As in the report: why the provision could not be decided in full.
    pub error: Option<ProvisionError>,
}

/// Facts of a pack by their place in it, serialized as their ids: a compact encoding (the JS
/// package's) writes the places, JSON the ids, and neither builds a list of strings to do so.
#[derive(Clone)]
pub struct FactList<'a> {
    facts: &'a [Fact],
    at: Vec<FactIndex>,
}

impl<'a> FactList<'a> {
    pub fn new(facts: &'a [Fact], at: Vec<FactIndex>) -> FactList<'a> {
        FactList { facts, at }
    }

    /// The facts' places in the pack.
    pub fn indexes(&self) -> &[FactIndex] {
        &self.at
    }

    pub fn ids(&self) -> impl ExactSizeIterator<Item = &'a str> + Clone + '_ {
        self.at.iter().map(|&i| self.facts[i].id.as_str())
    }

    pub fn to_vec(&self) -> Vec<&'a str> {
        self.ids().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }
}

impl core::fmt::Debug for FactList<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list().entries(self.ids()).finish()
    }
}

impl PartialEq for FactList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.ids().eq(other.ids())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for FactList<'_> {
    fn eq(&self, other: &Vec<S>) -> bool {
        self.ids().eq(other.iter().map(AsRef::as_ref))
    }
}

impl Serialize for FactList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.ids())
    }
}

/// An amount as a decision gives it: the report's `AmountReport` without steps.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecidedAmountReport {
    /// Exact, two decimals: "50000.00".
    pub min: String,
    /// `None`: no upper limit can be stated yet.
    pub max: Option<String>,
    pub exact: bool,
    /// "5万元", "1000元–3000元", or what the text says when it publishes no amount.
    pub display: String,
    /// For caps that apply across rows (per project per year): the group this row belongs to,
    /// as a list's totals name it (a `\` before a `\` or `|` in an answer, and before an answer
    /// that is just "?").
    pub cap_group: Option<String>,
}

impl ProvisionReport {
    /// The facts of the conditions that rule this provision out (what the applicant lacks).
    pub fn failed_facts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in &self.conditions {
            c.collect_failed(false, &mut out);
        }
        out
    }
}

impl ConditionReport {
    /// A leaf fails when it is not met (or, under a `not`, when it is met); only the parts of a
    /// failing node are blamed, so a met `any` blames nothing.
    fn collect_failed(&self, negated: bool, out: &mut Vec<String>) {
        let failing = if negated {
            Outcome::Met
        } else {
            Outcome::NotMet
        };
        if self.advisory || self.outcome != failing {
            return;
        }
        match self.kind {
            ConditionKind::Fact => {
                if let Some(f) = &self.fact {
                    if !out.contains(f) {
                        out.push(f.clone());
                    }
                }
            }
            ConditionKind::Not => {
                for p in &self.parts {
                    p.collect_failed(!negated, out);
                }
            }
            ConditionKind::All | ConditionKind::Any => {
                for p in &self.parts {
                    p.collect_failed(negated, out);
                }
            }
        }
    }
}
