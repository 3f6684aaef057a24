//! Totals over many rows of one provision, with caps applied once per group
//! (e.g. the training subsidy: at most 100万 per project per year, however many trainees).

use crate::money::{display, fen_string};
use crate::report::{ProvisionReport, Status};
use crate::text::Lang;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

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

#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// Adds one row's result. Only eligible rows count towards money.
    pub fn add(&mut self, report: &ProvisionReport) {
        let (key, cap, min, max) = match &report.amount {
            Some(a) => (
                a.cap_group.clone().unwrap_or_else(|| "*".into()),
                a.cap.as_ref().filter(|_| a.cap_group.is_some()).map(|c| dec(&c.value)),
                dec(a.uncapped_min.as_deref().unwrap_or(&a.min.value)),
                match (&a.uncapped_max, &a.max, &a.cap_group) {
                    (Some(u), _, Some(_)) => Some(dec(u)),
                    (None, _, Some(_)) => None,
                    (_, Some(m), None) => Some(dec(&m.value)),
                    (_, None, None) => None,
                },
            ),
            None => ("*".into(), None, Decimal::ZERO, Some(Decimal::ZERO)),
        };
        let g = self.groups.entry(key).or_insert_with(|| Group { max: Some(Decimal::ZERO), ..Group::default() });
        g.rows += 1;
        if report.status == Status::Eligible {
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
