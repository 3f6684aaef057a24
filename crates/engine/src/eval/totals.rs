//! Totals: each recipient's eligible and possible sums, as numbers (written in words by
//! [`Total::report`]).

use super::*;

/// What the totals need of a provision's result (a report's or a decision's).
#[derive(Clone, Copy)]
pub(super) struct Counted {
    pub(super) recipient: Subject,
    pub(super) status: Status,
    /// `None`: no amount; `Some(None)`: an amount the text does not publish.
    pub(super) amount: Option<Option<Iv>>,
}

impl Counted {
    pub(super) fn amount(iv: Iv, not_published: bool) -> Option<Iv> {
        (!not_published).then_some(iv)
    }
}

/// A recipient's totals as numbers: what [`TotalReport`] says in words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Total {
    pub recipient: Subject,
    /// Provisions eligible now: (min, max; `None` no upper limit known).
    pub eligible: (Decimal, Option<Decimal>),
    /// Eligible now plus those still needing information.
    pub possible: (Decimal, Option<Decimal>),
    pub eligible_count: usize,
    pub needs_info_count: usize,
    pub unpublished_count: usize,
}

impl Total {
    pub fn report(&self, lang: Lang) -> TotalReport {
        let range = |(min, max): (Decimal, Option<Decimal>)| Range {
            min: money(min, lang),
            max: max.map(|m| money(m, lang)),
            display: range_display(min, max, lang),
        };
        TotalReport {
            recipient: self.recipient,
            eligible: range(self.eligible),
            possible: range(self.possible),
            eligible_count: self.eligible_count,
            needs_info_count: self.needs_info_count,
            unpublished_count: self.unpublished_count,
        }
    }
}

pub(super) fn sum_totals(provisions: impl Iterator<Item = Counted>) -> Vec<Total> {
    // The person's first, as reports always listed them; a recipient without provisions has none.
    let mut slots: [Option<Total>; 2] = [None, None];
    for p in provisions {
        let slot = match p.recipient {
            Subject::Person => 0,
            Subject::Organisation => 1,
        };
        let t = slots[slot].get_or_insert(Total {
            recipient: p.recipient,
            eligible: (Decimal::ZERO, Some(Decimal::ZERO)),
            possible: (Decimal::ZERO, Some(Decimal::ZERO)),
            eligible_count: 0,
            needs_info_count: 0,
            unpublished_count: 0,
        });
        let Some(amount) = p.amount else {
            match p.status {
                Status::Eligible => t.eligible_count += 1,
                Status::NeedsInfo => t.needs_info_count += 1,
                _ => {}
            }
            continue;
        };
        let Some(iv) = amount else {
            if matches!(p.status, Status::Eligible | Status::NeedsInfo) {
                t.unpublished_count += 1;
            }
            continue;
        };
        let sum = |(min, max): (Decimal, Option<Decimal>)| {
            (
                min.saturating_add(iv.min),
                match (max, iv.max) {
                    (Some(x), Some(y)) => x.checked_add(y),
                    _ => None,
                },
            )
        };
        match p.status {
            Status::Eligible => {
                t.eligible_count += 1;
                t.eligible = sum(t.eligible);
                t.possible = sum(t.possible);
            }
            Status::NeedsInfo => {
                t.needs_info_count += 1;
                // Not yet certain: it may turn out to be nothing.
                t.possible = (t.possible.0, sum(t.possible).1);
            }
            _ => {}
        }
    }
    slots.into_iter().flatten().collect()
}
