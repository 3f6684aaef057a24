//! What a decision warns of, as data; its words are written only for a report or a result.

use crate::date::Date;
use crate::model::{Condition, FactIndex, Policy, RulePack};
use crate::money::display;
use crate::report::InForce;
use crate::text::Lang;
use rust_decimal::Decimal;

/// Something a person should know about a decision that does not change it.
#[derive(Clone, Copy, Debug)]
pub enum Warning<'a> {
    /// An advisory condition (a vague word of the text, such as “mainly”) is not met: said,
    /// never a refusal.
    Advisory(&'a Condition),
    /// The policy is not in force on the as-of date (expired, or not yet in force). Only a
    /// report says it: a decision's status `not_in_force` says it already.
    NotInForce(&'a Policy, InForce, Date),
    /// A dated value (by its place in the pack) has no entry in force on the as-of date: the
    /// amount stays open rather than guessing.
    NoValue(usize, Date),
    /// An answer is outside the range the text allows (`hi` `None`: no upper bound).
    OutsideRange {
        fact: FactIndex,
        value: Decimal,
        lo: Decimal,
        hi: Option<Decimal>,
    },
}

/// The same warning: of the same condition or policy of the pack (by place in memory: a pack's
/// rules are not compared field by field), or with the same figures.
impl PartialEq for Warning<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Warning::Advisory(a), Warning::Advisory(b)) => core::ptr::eq(*a, *b),
            (Warning::NotInForce(a, x, d), Warning::NotInForce(b, y, e)) => {
                core::ptr::eq(*a, *b) && x == y && d == e
            }
            (Warning::NoValue(a, d), Warning::NoValue(b, e)) => a == b && d == e,
            (
                Warning::OutsideRange {
                    fact,
                    value,
                    lo,
                    hi,
                },
                Warning::OutsideRange {
                    fact: f,
                    value: v,
                    lo: l,
                    hi: h,
                },
            ) => (fact, value, lo, hi) == (f, v, l, h),
            _ => false,
        }
    }
}

impl Warning<'_> {
    /// Whether it comes from the amount's arithmetic (said after the conditions' and the
    /// policy's, as a report lists them).
    pub(crate) fn of_amount(&self) -> bool {
        matches!(self, Warning::NoValue(..) | Warning::OutsideRange { .. })
    }

    /// In words, as a report says it.
    pub fn text(&self, pack: &RulePack, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match *self {
            Warning::Advisory(c) if zh => format!(
                "未满足倡导性条件（不作否决）：{}（{}）",
                c.required.zh, c.clause.zh
            ),
            Warning::Advisory(c) => format!(
                "Advisory condition not met (not a refusal): {} ({})",
                c.required.en, c.clause.en
            ),
            Warning::NotInForce(policy, in_force, as_of) => {
                let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
                match (in_force, zh) {
                    (InForce::Expired, true) => format!(
                        "{}已于 {} 到期，截至 {as_of} 不再执行",
                        policy.document,
                        day(policy.until)
                    ),
                    (InForce::Expired, false) => format!(
                        "{} expired on {}; it is not in force on {as_of}",
                        policy.document,
                        day(policy.until)
                    ),
                    (_, true) => format!(
                        "{}自 {} 起实施，{as_of} 尚未生效",
                        policy.document,
                        day(policy.from)
                    ),
                    (_, false) => format!(
                        "{} takes effect on {}; not yet in force on {as_of}",
                        policy.document,
                        day(policy.from)
                    ),
                }
            }
            Warning::NoValue(i, as_of) => {
                let label = pack.values[i].label.get(lang);
                if zh {
                    format!("“{label}”在 {as_of} 尚无生效的数值")
                } else {
                    format!("'{label}' has no value in force on {as_of}")
                }
            }
            Warning::OutsideRange {
                fact,
                value,
                lo,
                hi,
            } => {
                let label = pack.facts[fact].label.get(lang);
                let money = |d: Decimal| display(d, lang);
                let allowed = match (hi, zh) {
                    (Some(hi), _) => format!("{}–{}", money(lo), money(hi)),
                    (None, true) => format!("不低于 {}", money(lo)),
                    (None, false) => format!("at least {}", money(lo)),
                };
                if zh {
                    format!("“{label}”{} 不在允许范围（{allowed}）内", money(value))
                } else {
                    format!(
                        "'{label}' {} is outside the allowed range ({allowed})",
                        money(value)
                    )
                }
            }
        }
    }
}
