//! Every provision over a list of people or organisations (免申即享: tell each what it
//! qualifies for before it asks). The CLI's `match` and the JS package's `match()`.

use crate::batch::Column;
use crate::error::{Error, ProfileProblem};
use crate::eval::{range_display, Decision, EvaluateOptions};
use crate::model::{Provision, RulePack};
use crate::money::fen_string;
use crate::profile::Profile;
use crate::report::{ProvisionDecision, Status};
use crate::GroupTotal;
use rust_decimal::Decimal;
use serde::Serialize;

/// The provisions chosen for a list and their totals over the rows read so far.
///
/// It borrows no pack: each call is given the pack it was made with, so a roster can be kept
/// between calls (the JS package reads a long list in chunks). Rows from another pack are a
/// caller's mistake that [`Roster::row`] reports instead of deciding.
#[derive(Clone, Debug)]
pub struct Roster {
    options: EvaluateOptions,
    columns: Vec<Column>,
    /// The pack's name and number of provisions: a cheap check that rows come with it.
    pack: (String, usize),
    counts: RosterCounts,
}

/// One valid row's provisions and total.
#[derive(Debug)]
pub struct RowMatch<'a> {
    /// The provisions the row is eligible for or needs information on, in the pack's order.
    pub results: Vec<ProvisionDecision<'a>>,
    /// Provisions whose arithmetic failed for this row (numbers too large), with the problems:
    /// nothing of them is counted; the others stand.
    pub errors: Vec<(&'a str, Vec<ProfileProblem>)>,
    pub total: RowTotal,
}

/// A row of a list decided, as numbers: [`RowMatch`] without its texts.
#[derive(Clone, Debug)]
pub struct RowDecided<'a> {
    /// The columns (see [`Roster::provision`]) the row is eligible for or needs information
    /// on, in the pack's order, and their decisions.
    pub results: Vec<(usize, Decision<'a>)>,
    pub errors: Vec<(&'a str, Vec<ProfileProblem>)>,
    /// The amounts it is eligible for, added up: (min, max; `None` no upper limit known).
    pub total: (Decimal, Option<Decimal>),
}

/// A row's total: the amounts of the provisions it is eligible for, added up whoever receives
/// them.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowTotal {
    /// Exact, two decimals.
    pub min: String,
    /// `null`: no upper limit can be stated yet.
    pub max: Option<String>,
    /// "3万元", "至少 20万元".
    pub display: String,
}

/// One provision over the whole list.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProvisionTotals {
    pub provision: String,
    pub eligible_rows: u64,
    pub needs_info_rows: u64,
    /// Its amounts summed per cap group, each cap applied once across rows.
    pub groups: Vec<GroupTotal>,
}

/// Every row read, counted: nothing is dropped without a word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RosterCounts {
    pub rows: u64,
    pub valid: u64,
    pub invalid: u64,
    /// Valid rows eligible for at least one provision.
    pub with_eligible: u64,
}

impl Roster {
    /// The provisions `keep` chooses (given each one's index and provision), in the pack's
    /// order.
    pub fn new(
        pack: &RulePack,
        options: EvaluateOptions,
        mut keep: impl FnMut(usize, &Provision) -> bool,
    ) -> Roster {
        let columns = (pack.provisions.iter().enumerate())
            .filter(|(i, p)| keep(*i, p))
            .map(|(i, _)| Column::new(i))
            .collect();
        Roster {
            options,
            columns,
            pack: (pack.name.clone(), pack.provisions.len()),
            counts: RosterCounts::default(),
        }
    }

    pub fn options(&self) -> &EvaluateOptions {
        &self.options
    }

    /// Decides every chosen provision for one valid row and counts it. A provision whose
    /// arithmetic overflows is that provision's error, in [`RowMatch::errors`]; only a pack
    /// other than the roster's is an error of the call.
    pub fn row<'a>(
        &mut self,
        pack: &'a RulePack,
        profile: &Profile,
    ) -> Result<RowMatch<'a>, Error> {
        let decided = self.decide_row(pack, profile)?;
        let lang = self.options.lang;
        let results = (decided.results.into_iter())
            .map(|(column, d)| self.columns[column].report(pack, &d, lang))
            .collect();
        let (min, max) = decided.total;
        Ok(RowMatch {
            results,
            errors: decided.errors,
            total: RowTotal {
                min: fen_string(min),
                max: max.map(fen_string),
                display: range_display(min, max, lang),
            },
        })
    }

    /// [`Roster::row`] without its texts: what a compact encoding writes from (the JS package).
    pub fn decide_row<'a>(
        &mut self,
        pack: &'a RulePack,
        profile: &Profile,
    ) -> Result<RowDecided<'a>, Error> {
        if (pack.name.as_str(), pack.provisions.len()) != (self.pack.0.as_str(), self.pack.1) {
            return Err(Error::Internal {
                message: format!(
                    "a roster made for pack '{}' was given a row of pack '{}'",
                    self.pack.0, pack.name
                ),
            });
        }
        let mut results = Vec::new();
        let mut errors = Vec::new();
        let (mut min, mut max) = (Decimal::ZERO, Some(Decimal::ZERO));
        let mut any_eligible = false;
        for (at, column) in self.columns.iter_mut().enumerate() {
            let d = match column.decide(pack, profile, &self.options) {
                Ok(d) => d,
                Err(Error::InvalidProfile { problems }) => {
                    errors.push((pack.provisions[column.provision].id.as_str(), problems));
                    continue;
                }
                Err(e) => return Err(e),
            };
            match d.status {
                Status::Eligible => {
                    any_eligible = true;
                    add(
                        &mut min,
                        &mut max,
                        d.amount.as_ref().map(|a| (a.min, a.max)),
                    );
                }
                Status::NeedsInfo => {}
                _ => continue,
            }
            results.push((at, d));
        }
        self.counts.rows += 1;
        self.counts.valid += 1;
        self.counts.with_eligible += u64::from(any_eligible);
        Ok(RowDecided {
            results,
            errors,
            total: (min, max),
        })
    }

    /// The provision of a column of [`RowDecided::results`], by its place in the pack.
    pub fn provision(&self, column: usize) -> usize {
        self.columns[column].provision
    }

    /// The cap group of the row decided last, in a column: what [`crate::cap_group`] says of
    /// it, without writing it again (`None` when the amount has no cap across rows).
    pub fn row_group<'r>(&'r self, pack: &RulePack, column: usize) -> Option<&'r str> {
        self.columns[column].last_group(pack)
    }

    /// Counts a row that could not be read (its problems are the caller's to report).
    pub fn invalid_row(&mut self) {
        self.counts.rows += 1;
        self.counts.invalid += 1;
    }

    /// Per provision some row is eligible for or needs information on: its rows by status and
    /// its totals per cap group.
    pub fn totals(&self, pack: &RulePack) -> Vec<ProvisionTotals> {
        (self.columns.iter())
            .filter(|c| c.eligible_rows + c.needs_info_rows > 0)
            .map(|c| ProvisionTotals {
                provision: (pack.provisions.get(c.provision))
                    .map_or_else(String::new, |p| p.id.clone()),
                eligible_rows: c.eligible_rows,
                needs_info_rows: c.needs_info_rows,
                groups: c.groups(self.options.lang),
            })
            .collect()
    }

    pub fn counts(&self) -> RosterCounts {
        self.counts
    }

    /// Adds the rows another roster counted: a copy of this one (before any row) that was given
    /// other rows of the same list, such as another thread's share. Totals, caps across rows and
    /// counts come out as if every row had been given to this one.
    pub fn merge(&mut self, other: Roster) -> Result<(), Error> {
        let same = self.pack == other.pack
            && self.options == other.options
            && (self.columns.iter().map(|c| c.provision))
                .eq(other.columns.iter().map(|c| c.provision));
        if !same {
            return Err(Error::Internal {
                message: "rosters of different packs, options or provisions cannot be merged"
                    .into(),
            });
        }
        for (mine, theirs) in self.columns.iter_mut().zip(other.columns) {
            mine.merge(theirs);
        }
        let c = other.counts;
        self.counts.rows += c.rows;
        self.counts.valid += c.valid;
        self.counts.invalid += c.invalid;
        self.counts.with_eligible += c.with_eligible;
        Ok(())
    }
}

/// An eligible row's amount as added to its row's total: (min, max; `None` for no upper limit).
type RowAmount = Option<(Decimal, Option<Decimal>)>;

/// Adds an eligible provision's amount to a row's total, exactly: the minimum saturates (it
/// stays a lower bound), and the maximum is gone once one has none or a sum would overflow.
fn add(min: &mut Decimal, max: &mut Option<Decimal>, amount: RowAmount) {
    if let Some((low, high)) = amount {
        *min = min.saturating_add(low);
        *max = max.zip(high).and_then(|(m, h)| m.checked_add(h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_row_total_loses_its_maximum_when_a_sum_would_overflow() {
        let (mut min, mut max) = (Decimal::ZERO, Some(Decimal::ZERO));
        add(&mut min, &mut max, Some((dec("30000"), Some(dec("30000")))));
        assert_eq!((min, max), (dec("30000"), Some(dec("30000"))));
        add(&mut min, &mut max, Some((Decimal::MAX, Some(Decimal::MAX))));
        assert_eq!((min, max), (Decimal::MAX, None));
        add(&mut min, &mut max, Some((dec("1"), Some(dec("1")))));
        assert_eq!(
            (min, max),
            (Decimal::MAX, None),
            "the minimum saturates, never wraps"
        );
    }

    #[test]
    fn an_amount_with_no_upper_limit_leaves_the_total_open() {
        let (mut min, mut max) = (Decimal::ZERO, Some(Decimal::ZERO));
        add(&mut min, &mut max, Some((dec("200000"), None)));
        add(&mut min, &mut max, Some((dec("2000"), Some(dec("2000")))));
        assert_eq!((min, max), (dec("202000"), None));
    }
}
