//! Totals over many rows of one provision, with caps applied once per group
//! (e.g. the training subsidy: at most 100万 per project per year, however many trainees).

use crate::error::Error;
use crate::eval::{
    cap_group, decide, decision_with_texts, range_display, AmountTexts, Decision, EvaluateOptions,
};
use crate::model::RulePack;
use crate::money::fen_string;
use crate::profile::Profile;
use crate::report::{ProvisionDecision, Status};
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
    last: Option<AmountTexts<'a>>,
}

impl<'a> Batch<'a> {
    /// `provision`: the provision's id.
    pub fn new(
        pack: &'a RulePack,
        provision: &str,
        options: EvaluateOptions,
    ) -> Result<Batch<'a>, Error> {
        let provision = pack
            .provisions
            .iter()
            .position(|p| p.id == provision)
            .ok_or_else(|| Error::UnknownProvision {
                id: provision.to_string(),
            })?;
        Ok(Batch {
            pack,
            provision,
            options,
            totals: GroupTotals::default(),
            last: None,
        })
    }

    pub fn options(&self) -> &EvaluateOptions {
        &self.options
    }

    /// Decides one row and counts it towards its group's total. An error (numbers too large)
    /// concerns this row only.
    pub fn row(&mut self, profile: &Profile) -> Result<ProvisionDecision<'a>, Error> {
        let d = decide(self.pack, profile, self.provision, self.options.as_of)?;
        let group = cap_group(self.pack, profile, self.provision);
        let scope = self.pack.provisions[self.provision]
            .amount
            .as_ref()
            .map_or(&[][..], |a| &a.cap_scope[..]);
        self.totals.add(
            group.as_deref(),
            scope.iter().all(|&f| profile.is_known(f)),
            &d,
        );
        Ok(decision_with_texts(
            self.pack,
            self.provision,
            &d,
            group,
            self.options.lang,
            &mut self.last,
        ))
    }

    /// The totals per cap group, each group's cap applied once (one group "*" for rows whose
    /// amount has no cap across rows).
    pub fn groups(&self) -> Vec<GroupTotal> {
        self.totals.totals(self.options.lang)
    }
}

/// Rows summed per cap group (one group "*" for rows whose amount has no cap across rows).
#[derive(Clone, Debug, Default)]
struct GroupTotals {
    /// By group; rows with an unanswered scope fact ("?|2024") in `scope_unknown`, apart from a
    /// group whose answer is literally "?".
    groups: BTreeMap<String, Group>,
    scope_unknown: BTreeMap<String, Group>,
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
    /// The cap scope's answers, e.g. "P001|2024" (project and year); "*" for rows whose amount
    /// has no cap across rows.
    pub group: String,
    pub rows: usize,
    pub eligible_rows: usize,
    pub min: String,
    pub max: Option<String>,
    pub cap: Option<String>,
    /// Whether the cap lowered the sum.
    pub capped: bool,
    /// Some rows did not say which group (project, year) they belong to ("?" in `group`): they
    /// may belong to different groups, so each is capped on its own and their sum is not capped
    /// again — an upper bound, not a group's total.
    pub scope_unknown: bool,
    pub display: String,
}

impl GroupTotals {
    /// Adds one row's decision; `group` from `engine::cap_group`, `scope_known` whether every
    /// fact of the group was answered.
    fn add(&mut self, group: Option<&str>, scope_known: bool, d: &Decision) {
        let (min, max, cap) = match (&d.amount, group) {
            (Some(a), Some(_)) if scope_known => (a.uncapped_min, a.uncapped_max, a.cap),
            (Some(a), _) => (a.min, a.max, None),
            (None, _) => (Decimal::ZERO, Some(Decimal::ZERO), None),
        };
        let groups = if scope_known {
            &mut self.groups
        } else {
            &mut self.scope_unknown
        };
        let name = group.unwrap_or("*");
        // Most rows join a group that exists: look it up before making a key to insert.
        if !groups.contains_key(name) {
            groups.insert(
                name.to_string(),
                Group {
                    max: Some(Decimal::ZERO),
                    ..Group::default()
                },
            );
        }
        let Some(g) = groups.get_mut(name) else {
            return;
        };
        g.rows += 1;
        if d.status == Status::Eligible {
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

    fn totals(&self, lang: Lang) -> Vec<GroupTotal> {
        let known = self.groups.iter().map(|(k, g)| (false, k, g));
        known
            .chain(self.scope_unknown.iter().map(|(k, g)| (true, k, g)))
            .map(|(scope_unknown, k, g)| {
                let (min, max, capped) = match g.cap {
                    Some(c) => (
                        g.min.min(c),
                        Some(g.max.map_or(c, |m| m.min(c))),
                        g.max.is_none_or(|m| m > c),
                    ),
                    None => (g.min, g.max, false),
                };
                GroupTotal {
                    group: k.clone(),
                    rows: g.rows,
                    eligible_rows: g.eligible_rows,
                    min: fen_string(min),
                    max: max.map(fen_string),
                    cap: g.cap.map(fen_string),
                    capped,
                    scope_unknown,
                    display: range_display(min, max, lang),
                }
            })
            .collect()
    }
}
