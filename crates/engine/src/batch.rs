//! Totals over many rows of one provision, with caps applied once per group
//! (e.g. the training subsidy: at most 100万 per project per year, however many trainees).

use crate::error::Error;
use crate::eval::{cap_group, decide, decision_with_texts, AmountTexts, Decision, EvaluateOptions};
use crate::model::RulePack;
use crate::money::{display, fen_string};
use crate::profile::Profile;
use crate::report::{ProvisionDecision, ProvisionReport, Status};
use crate::text::Lang;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// One provision decided for many rows (an enterprise's list of trainees): each row's decision,
/// and the totals per cap group. The CLI's `batch` and the JS package's `batch()`.
pub struct Batch<'a> {
    pack: &'a RulePack,
    provision: usize,
    options: EvaluateOptions,
    totals: GroupTotals,
    last: Option<AmountTexts>,
}

impl<'a> Batch<'a> {
    /// `provision`: the provision's id.
    pub fn new(pack: &'a RulePack, provision: &str, options: EvaluateOptions) -> Result<Batch<'a>, Error> {
        let provision = pack
            .provisions
            .iter()
            .position(|p| p.id == provision)
            .ok_or_else(|| Error::UnknownProvision { id: provision.to_string() })?;
        Ok(Batch { pack, provision, options, totals: GroupTotals::default(), last: None })
    }

    pub fn options(&self) -> &EvaluateOptions {
        &self.options
    }

    /// Decides one row and counts it towards its group's total. An error (numbers too large)
    /// concerns this row only.
    pub fn row(&mut self, profile: &Profile) -> Result<ProvisionDecision<'a>, Error> {
        let d = decide(self.pack, profile, self.provision, self.options.as_of)?;
        let group = cap_group(self.pack, profile, self.provision);
        self.totals.add_decision(group.as_deref(), &d);
        Ok(decision_with_texts(self.pack, self.provision, &d, group, self.options.lang, &mut self.last))
    }

    /// The totals per cap group, each group's cap applied once (one group "*" for rows whose
    /// amount has no cap across rows).
    pub fn groups(&self) -> Vec<GroupTotal> {
        self.totals.totals(self.options.lang)
    }
}

#[derive(Clone, Debug, Default)]
pub struct GroupTotals {
    groups: BTreeMap<String, Group>,
}

#[derive(Clone, Debug, Default)]
struct Group {
    rows: usize,
    eligible_rows: usize,
    min: Decimal,
    max: Option<Decimal>,
    cap: Option<Decimal>,
}

/// A group's total in a batch: its rows summed, then its cap applied once.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupTotal {
    pub group: String,
    pub rows: usize,
    pub eligible_rows: usize,
    pub min: String,
    pub max: Option<String>,
    pub cap: Option<String>,
    pub capped: bool,
    pub display: String,
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap_or(Decimal::ZERO)
}

impl GroupTotals {
    /// Adds one row's report. Only eligible rows count towards money.
    pub fn add(&mut self, report: &ProvisionReport) {
        let amount = report.amount.as_ref();
        let group = amount.and_then(|a| a.cap_group.as_deref());
        let (min, max, cap) = match amount {
            Some(a) if group.is_some() => (
                dec(a.uncapped_min.as_deref().unwrap_or(&a.min.value)),
                a.uncapped_max.as_deref().map(dec),
                a.cap.as_ref().map(|c| dec(&c.value)),
            ),
            Some(a) => (dec(&a.min.value), a.max.as_ref().map(|m| dec(&m.value)), None),
            None => (Decimal::ZERO, Some(Decimal::ZERO), None),
        };
        self.add_row(group, report.status == Status::Eligible, min, max, cap);
    }

    /// Adds one row's decision (the fast path of a batch); `group` from `engine::cap_group`.
    pub fn add_decision(&mut self, group: Option<&str>, d: &Decision) {
        let (min, max, cap) = match (&d.amount, group) {
            (Some(a), Some(_)) => (a.uncapped_min, a.uncapped_max, a.cap),
            (Some(a), None) => (a.min, a.max, None),
            (None, _) => (Decimal::ZERO, Some(Decimal::ZERO), None),
        };
        self.add_row(group, d.status == Status::Eligible, min, max, cap);
    }

    fn add_row(&mut self, group: Option<&str>, eligible: bool, min: Decimal, max: Option<Decimal>, cap: Option<Decimal>) {
        let key = group.unwrap_or("*");
        if !self.groups.contains_key(key) {
            self.groups.insert(key.to_string(), Group { max: Some(Decimal::ZERO), ..Group::default() });
        }
        let Some(g) = self.groups.get_mut(key) else { return };
        g.rows += 1;
        if eligible {
            g.eligible_rows += 1;
            g.min = g.min.saturating_add(min);
            g.max = match (g.max, max) {
                (Some(a), Some(b)) => a.checked_add(b),
                _ => None,
            };
            if cap.is_some() {
                g.cap = cap;
            }
        }
    }

    pub fn totals(&self, lang: Lang) -> Vec<GroupTotal> {
        self.groups
            .iter()
            .map(|(k, g)| {
                let (min, max, capped) = match g.cap {
                    Some(c) => (g.min.min(c), Some(g.max.map_or(c, |m| m.min(c))), g.max.is_none_or(|m| m > c)),
                    None => (g.min, g.max, false),
                };
                let shown = match max {
                    Some(m) if m == min => display(m, lang),
                    Some(m) => format!("{}–{}", display(min, lang), display(m, lang)),
                    None => format!("≥ {}", display(min, lang)),
                };
                GroupTotal {
                    group: k.clone(),
                    rows: g.rows,
                    eligible_rows: g.eligible_rows,
                    min: fen_string(min),
                    max: max.map(fen_string),
                    cap: g.cap.map(fen_string),
                    capped,
                    display: shown,
                }
            })
            .collect()
    }
}
