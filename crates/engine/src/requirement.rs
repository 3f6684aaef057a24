//! What answer to one question keeps a provision possible, given the other answers: the
//! "required" line a form shows beside a question that still decides a result.
//!
//! It is found by trying the question's possible answers against the provision's conditions
//! with the evaluator's own three-valued logic, not by reading the condition's text. So a
//! negation reads as a negation, every alternative of an `any` counts, a branch that other
//! answers already settled does not, and the line can never name an answer that rules the
//! provision out (the catalogue's property tests check this for every condition).

use crate::date::Date;
use crate::eval::{describe_value, tri_of, Tri};
use crate::model::{Condition, Fact, FactIndex, FactType, Literal, Op, RulePack, Test};
use crate::profile::{FactValue, Profile};
use crate::text::Lang;
use rust_decimal::Decimal;

/// The answers to one question that keep a provision possible.
#[derive(Clone, Debug, PartialEq)]
pub enum Accepts {
    /// Every answer does: the question decides nothing alone (or only the amount).
    Anything,
    /// No answer does: the other answers already rule the provision out.
    Nothing,
    /// A yes/no or a choice: these answers.
    Values(Vec<FactValue>),
    /// A set of options: one that includes any of `any_of`; or, when `none_ok`, one that
    /// leaves out every option outside `any_of`.
    Sets { any_of: Vec<u16>, none_ok: bool },
    /// A number or a date: inside one of these ranges.
    Ranges(Vec<Span>),
}

/// A range of numbers or dates; an open end is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    pub low: Option<(FactValue, Closed)>,
    pub high: Option<(FactValue, Closed)>,
}

/// Whether a range's end belongs to it.
pub type Closed = bool;

impl Accepts {
    /// Whether this answer keeps the provision possible.
    pub fn admits(&self, v: &FactValue) -> bool {
        match self {
            Accepts::Anything => true,
            Accepts::Nothing => false,
            Accepts::Values(vs) => vs.contains(v),
            Accepts::Sets { any_of, none_ok } => match v {
                FactValue::Set(s) if s.is_empty() => *none_ok,
                FactValue::Set(s) if *none_ok => s.iter().all(|i| any_of.contains(i)),
                FactValue::Set(s) => s.iter().any(|i| any_of.contains(i)),
                _ => false,
            },
            Accepts::Ranges(spans) => spans.iter().any(|s| s.contains(v)),
        }
    }
}

impl Span {
    pub fn contains(&self, v: &FactValue) -> bool {
        let above = match &self.low {
            None => true,
            Some((l, closed)) => match order(v, l) {
                Some(core::cmp::Ordering::Greater) => true,
                Some(core::cmp::Ordering::Equal) => *closed,
                _ => false,
            },
        };
        let below = match &self.high {
            None => true,
            Some((h, closed)) => match order(v, h) {
                Some(core::cmp::Ordering::Less) => true,
                Some(core::cmp::Ordering::Equal) => *closed,
                _ => false,
            },
        };
        above && below
    }
}

fn order(a: &FactValue, b: &FactValue) -> Option<core::cmp::Ordering> {
    match (a, b) {
        (FactValue::Number(x), FactValue::Number(y)) => Some(x.cmp(y)),
        (FactValue::Date(x), FactValue::Date(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

/// The answers to `fact` that keep provision `provision` possible, the other answers being
/// those of `profile` (what `fact` holds there is ignored).
pub fn requirement(
    pack: &RulePack,
    provision: usize,
    profile: &Profile,
    fact: FactIndex,
) -> Accepts {
    let Some(when) = pack.provisions.get(provision).and_then(|p| p.when.as_ref()) else {
        return Accepts::Anything;
    };
    let Some(f) = pack.facts.get(fact) else {
        return Accepts::Anything;
    };
    let mut trial = profile.clone();
    let mut admits = |v: FactValue| {
        trial.set(fact, Some(v));
        tri_of(&trial, when) != Tri::False
    };
    match f.kind {
        FactType::Bool => pick(vec![FactValue::Bool(true), FactValue::Bool(false)], admits),
        FactType::Enum => pick(
            (0..f.values.len() as u16).map(FactValue::Enum).collect(),
            admits,
        ),
        FactType::EnumSet => {
            let none_ok = admits(FactValue::Set(Vec::new()));
            let singles: Vec<u16> = (0..f.values.len() as u16)
                .filter(|&i| admits(FactValue::Set(vec![i])))
                .collect();
            match (none_ok, singles.len()) {
                (true, n) if n == f.values.len() => Accepts::Anything,
                (false, 0) => Accepts::Nothing,
                _ => Accepts::Sets {
                    any_of: singles,
                    none_ok,
                },
            }
        }
        FactType::Int | FactType::Money | FactType::Decimal | FactType::Date => {
            ranges(f, &probes(fact, when), admits)
        }
        FactType::Text => Accepts::Anything,
    }
}

fn pick(all: Vec<FactValue>, mut admits: impl FnMut(FactValue) -> bool) -> Accepts {
    let n = all.len();
    let ok: Vec<FactValue> = all.into_iter().filter(|v| admits(v.clone())).collect();
    match ok.len() {
        0 => Accepts::Nothing,
        k if k == n => Accepts::Anything,
        _ => Accepts::Values(ok),
    }
}

/// The literals the conditions compare `fact` with, in order: between two of them (and beyond
/// the first and the last) every answer gives the same outcome.
fn probes(fact: FactIndex, when: &Condition) -> Vec<FactValue> {
    fn walk(c: &Condition, fact: FactIndex, out: &mut Vec<FactValue>) {
        match &c.test {
            Test::All(parts) | Test::Any(parts) => parts.iter().for_each(|p| walk(p, fact, out)),
            Test::Not(inner) => walk(inner, fact, out),
            Test::Leaf { fact: f, op } if *f == fact => {
                let lits: Vec<&Literal> = match op {
                    Op::Is(l) | Op::AtLeast(l) | Op::AtMost(l) => vec![l],
                    Op::OneOf(ls) => ls.iter().collect(),
                    Op::Between(a, b) => vec![a, b],
                    Op::Contains(_) | Op::Intersects(_) => Vec::new(),
                };
                out.extend(lits.into_iter().filter_map(|l| match l {
                    Literal::Number(n) => Some(FactValue::Number(*n)),
                    Literal::Date(d) => Some(FactValue::Date(*d)),
                    _ => None,
                }));
            }
            Test::Leaf { .. } => {}
        }
    }
    let mut values = Vec::new();
    walk(when, fact, &mut values);
    values.sort_by(|a, b| order(a, b).unwrap_or(core::cmp::Ordering::Equal));
    values.dedup();
    values
}

/// Tries one answer in each stretch the literals cut the fact's range into, and each literal
/// itself, and joins the stretches that keep the provision possible into ranges.
fn ranges(
    fact: &Fact,
    literals: &[FactValue],
    mut admits: impl FnMut(FactValue) -> bool,
) -> Accepts {
    let is_date = fact.kind == FactType::Date;
    let whole = fact.kind == FactType::Int;
    let low_bound: Option<FactValue> = if is_date {
        fact.min_date.map(FactValue::Date)
    } else {
        fact.min.map(FactValue::Number)
    };
    let high_bound: Option<FactValue> = if is_date {
        fact.max_date.map(FactValue::Date)
    } else {
        fact.max.map(FactValue::Number)
    };
    let inside = |v: &FactValue| {
        low_bound
            .as_ref()
            .is_none_or(|l| order(v, l) != Some(core::cmp::Ordering::Less))
            && high_bound
                .as_ref()
                .is_none_or(|h| order(v, h) != Some(core::cmp::Ordering::Greater))
    };
    let literals: Vec<&FactValue> = literals.iter().filter(|l| inside(l)).collect();

    // Pieces in order: (a stretch strictly between two ends, or one literal), each with one
    // answer to try; a stretch that holds no possible answer is left out.
    enum Piece {
        Between(Option<FactValue>, Option<FactValue>),
        At(FactValue),
    }
    let mut pieces: Vec<(Piece, FactValue)> = Vec::new();
    let mut prev: Option<FactValue> = None;
    for l in literals.iter().map(|l| (*l).clone()) {
        if let Some(sample) = sample_between(prev.as_ref(), Some(&l), whole, is_date) {
            if inside(&sample) {
                pieces.push((Piece::Between(prev.clone(), Some(l.clone())), sample));
            }
        }
        pieces.push((Piece::At(l.clone()), l.clone()));
        prev = Some(l);
    }
    if let Some(sample) = sample_between(prev.as_ref(), None, whole, is_date) {
        if inside(&sample) {
            pieces.push((Piece::Between(prev.clone(), None), sample));
        }
    } else if prev.is_none() {
        return Accepts::Anything;
    }

    let ok: Vec<bool> = pieces.iter().map(|(_, s)| admits(s.clone())).collect();
    if ok.iter().all(|k| *k) {
        return Accepts::Anything;
    }
    if !ok.iter().any(|k| *k) {
        return Accepts::Nothing;
    }
    // Join runs of admitted pieces into spans.
    let mut spans: Vec<Span> = Vec::new();
    let mut open: Option<Span> = None;
    for ((piece, _), admitted) in pieces.iter().zip(&ok) {
        let (start, end) = match piece {
            Piece::Between(a, b) => (a.clone().map(|v| (v, false)), b.clone().map(|v| (v, false))),
            Piece::At(v) => (Some((v.clone(), true)), Some((v.clone(), true))),
        };
        if *admitted {
            match &mut open {
                Some(span) => span.high = end,
                None => {
                    open = Some(Span {
                        low: start,
                        high: end,
                    })
                }
            }
        } else if let Some(span) = open.take() {
            spans.push(span);
        }
    }
    spans.extend(open);
    // Ends beyond the fact's own bounds say nothing: "at least 0" of a count is any count.
    for s in &mut spans {
        if s.low.is_none() {
            s.low = low_bound.clone().map(|v| (v, true));
        }
        if let (Some((l, true)), Some(b)) = (&s.low, &low_bound) {
            if l == b {
                s.low = None;
            }
        }
        if s.high.is_none() {
            s.high = high_bound.clone().map(|v| (v, true));
        }
        if let (Some((h, true)), Some(b)) = (&s.high, &high_bound) {
            if h == b {
                s.high = None;
            }
        }
        if whole {
            tighten_whole(s);
        }
    }
    Accepts::Ranges(spans)
}

/// For whole numbers, "more than 2" is "at least 3".
fn tighten_whole(s: &mut Span) {
    if let Some((FactValue::Number(n), false)) = &s.low {
        s.low = Some((FactValue::Number(n.floor() + Decimal::ONE), true));
    }
    if let Some((FactValue::Number(n), false)) = &s.high {
        s.high = Some((FactValue::Number(n.ceil() - Decimal::ONE), true));
    }
}

/// An answer strictly between two ends (either may be open), or `None` when there is none.
fn sample_between(
    a: Option<&FactValue>,
    b: Option<&FactValue>,
    whole: bool,
    is_date: bool,
) -> Option<FactValue> {
    if is_date {
        let d = |v: &FactValue| match v {
            FactValue::Date(d) => Some(*d),
            _ => None,
        };
        return match (a.and_then(d), b.and_then(d)) {
            (None, None) => Date::parse("2000-01-01").map(FactValue::Date),
            (Some(x), None) => Some(FactValue::Date(x.next_day())),
            (None, Some(y)) => Some(FactValue::Date(y.prev_day())),
            (Some(x), Some(y)) => {
                let next = x.next_day();
                (next < y).then_some(FactValue::Date(next))
            }
        };
    }
    let n = |v: &FactValue| match v {
        FactValue::Number(n) => Some(*n),
        _ => None,
    };
    let step = if whole {
        Decimal::ONE
    } else {
        Decimal::new(1, 2)
    };
    match (a.and_then(n), b.and_then(n)) {
        (None, None) => Some(FactValue::Number(Decimal::ONE)),
        (Some(x), None) => x.checked_add(step).map(FactValue::Number),
        (None, Some(y)) => y.checked_sub(step).map(FactValue::Number),
        (Some(x), Some(y)) => {
            let candidate = if whole {
                x.floor() + Decimal::ONE
            } else {
                (x + y) / Decimal::TWO
            };
            (candidate > x && candidate < y).then_some(FactValue::Number(candidate))
        }
    }
}

/// The requirement in words ("市级 或 国家级", "不少于 2", "不包括：其他"); `None` when any
/// answer will do or none will.
pub fn describe_requirement(fact: &Fact, accepts: &Accepts, lang: Lang) -> Option<String> {
    let zh = lang == Lang::Zh;
    let value = |v: &FactValue| describe_value(fact, v, lang);
    let option = |i: &u16| {
        fact.values
            .get(usize::from(*i))
            .map(|v| v.label.get(lang).to_string())
            .unwrap_or_default()
    };
    let list = |items: Vec<String>, last: &str| -> String {
        match items.len() {
            0 => String::new(),
            1 => items[0].clone(),
            n => {
                let sep = if zh { "、" } else { ", " };
                format!("{}{last}{}", items[..n - 1].join(sep), items[n - 1])
            }
        }
    };
    match accepts {
        Accepts::Anything | Accepts::Nothing => None,
        Accepts::Values(vs) => {
            let excluded: Vec<String> = match fact.kind {
                FactType::Enum => (0..fact.values.len() as u16)
                    .filter(|i| !vs.contains(&FactValue::Enum(*i)))
                    .map(|i| option(&i))
                    .collect(),
                _ => Vec::new(),
            };
            // The shorter of "one of these" and "not those".
            if fact.kind == FactType::Enum && excluded.len() < vs.len() {
                let names = list(excluded, if zh { "或" } else { " or " });
                Some(if zh {
                    format!("不是{names}")
                } else {
                    format!("not {names}")
                })
            } else {
                let names = list(
                    vs.iter().map(value).collect(),
                    if zh { "或" } else { " or " },
                );
                Some(names)
            }
        }
        Accepts::Sets { any_of, none_ok } => {
            if *none_ok {
                let excluded: Vec<String> = (0..fact.values.len() as u16)
                    .filter(|i| !any_of.contains(i))
                    .map(|i| option(&i))
                    .collect();
                let names = list(excluded, if zh { "或" } else { " or " });
                Some(if zh {
                    format!("不包括{names}")
                } else {
                    format!("does not include {names}")
                })
            } else {
                let names = list(
                    any_of.iter().map(option).collect(),
                    if zh { "或" } else { " or " },
                );
                Some(if zh {
                    format!("包括{names}（任一即可）")
                } else {
                    format!("includes {names} (any one)")
                })
            }
        }
        Accepts::Ranges(spans) => {
            let is_date = fact.kind == FactType::Date;
            let words: Vec<String> = spans
                .iter()
                .map(|s| span_words(s, is_date, zh, &value))
                .collect();
            Some(words.join(if zh { "，或" } else { ", or " }))
        }
    }
}

fn span_words(s: &Span, is_date: bool, zh: bool, value: &impl Fn(&FactValue) -> String) -> String {
    match (&s.low, &s.high) {
        (Some((a, _)), Some((b, _))) if a == b => value(a),
        (Some((a, ca)), Some((b, cb))) => {
            let (from, to) = (value(a), value(b));
            match (ca, cb, zh) {
                (true, true, true) => format!("{from} 至 {to}"),
                (true, true, false) => format!("from {from} to {to}"),
                (_, _, true) => format!(
                    "{}{from}且{}{to}",
                    if *ca { "不少于" } else { "多于" },
                    if *cb { "不超过" } else { "少于" }
                ),
                (_, _, false) => format!(
                    "{} {from} and {} {to}",
                    if *ca { "at least" } else { "more than" },
                    if *cb { "at most" } else { "less than" }
                ),
            }
        }
        (Some((a, closed)), None) => {
            let a = value(a);
            match (is_date, closed, zh) {
                (true, true, true) => format!("不早于 {a}"),
                (true, false, true) => format!("晚于 {a}"),
                (true, true, false) => format!("on or after {a}"),
                (true, false, false) => format!("after {a}"),
                (false, true, true) => format!("不少于 {a}"),
                (false, false, true) => format!("多于 {a}"),
                (false, true, false) => format!("at least {a}"),
                (false, false, false) => format!("more than {a}"),
            }
        }
        (None, Some((b, closed))) => {
            let b = value(b);
            match (is_date, closed, zh) {
                (true, true, true) => format!("不晚于 {b}"),
                (true, false, true) => format!("早于 {b}"),
                (true, true, false) => format!("on or before {b}"),
                (true, false, false) => format!("before {b}"),
                (false, true, true) => format!("不超过 {b}"),
                (false, false, true) => format!("少于 {b}"),
                (false, true, false) => format!("at most {b}"),
                (false, false, false) => format!("less than {b}"),
            }
        }
        (None, None) => String::new(),
    }
}
