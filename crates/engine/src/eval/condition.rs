//! Conditions: the three-valued logic (true, false, unknown) and what a condition decides for
//! a profile, with the facts behind the decision.

use crate::model::{Condition, FactIndex, Literal, Op, Test};
use crate::profile::{FactValue, Profile};
use crate::report::Outcome;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    /// Kleene's three-valued `all` (`is_all`) or `any` of the parts' values, reading only as
    /// many as decide it: the one logic of conditions, for deciding and for explaining.
    pub(crate) fn combine(is_all: bool, parts: impl IntoIterator<Item = Tri>) -> Tri {
        let (decisive, otherwise) = if is_all {
            (Tri::False, Tri::True)
        } else {
            (Tri::True, Tri::False)
        };
        let mut unknown = false;
        for t in parts {
            if t == decisive {
                return decisive;
            }
            unknown |= t == Tri::Unknown;
        }
        if unknown {
            Tri::Unknown
        } else {
            otherwise
        }
    }

    pub(crate) fn not(self) -> Tri {
        match self {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        }
    }

    /// A leaf: unknown when the fact is unanswered.
    pub(crate) fn of_answer(value: Option<&FactValue>, op: &Op) -> Tri {
        match value {
            None => Tri::Unknown,
            Some(v) if test(op, v) => Tri::True,
            Some(_) => Tri::False,
        }
    }

    pub(crate) fn outcome(self) -> Outcome {
        match self {
            Tri::True => Outcome::Met,
            Tri::False => Outcome::NotMet,
            Tri::Unknown => Outcome::Unknown,
        }
    }
}

/// What a condition decides for a profile, and the facts behind it: those whose answers would
/// decide it (when it is unknown), or those that rule it out (when it is false).
#[derive(Debug)]
pub(crate) struct Verdict<'c> {
    pub tri: Tri,
    pub missing: Vec<FactIndex>,
    pub failed: Vec<FactIndex>,
    /// Advisory conditions (a vague word of the text) that are not met: said, never refusing.
    pub advisory_unmet: Vec<&'c Condition>,
}

/// A node's value in one pass over a condition, in pre-order, with the size of its subtree:
/// the facts are then collected from these marks, without deciding any node twice.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    /// What the node counts as for its parent (an advisory node is always met).
    pub tri: Tri,
    /// What the node itself is: differs from `tri` only for an advisory node, whose report
    /// shows whether it is met.
    pub raw: Tri,
    /// The nodes of its subtree, itself included: its next sibling's mark is this far on.
    pub size: u32,
}

/// Decides `c` for `profile` (`marks` is room to work in, kept between calls by the caller).
pub(crate) fn judge<'c>(profile: &Profile, c: &'c Condition, marks: &mut Vec<Mark>) -> Verdict<'c> {
    let mut advisory_unmet = Vec::new();
    let tri = mark_all(profile, c, marks, &mut advisory_unmet);
    let mut verdict = Verdict {
        tri,
        missing: Vec::new(),
        failed: Vec::new(),
        advisory_unmet,
    };
    match tri {
        Tri::Unknown => missing(profile, c, marks, 0, &mut verdict.missing),
        Tri::False => failed(c, marks, 0, false, &mut verdict.failed),
        Tri::True => {}
    }
    verdict
}

/// Marks `c` and every node under it in `marks` (cleared first), in pre-order: what deciding
/// reads, and what a report's tree of conditions words (explain.rs). Returns `c`'s value.
pub(crate) fn mark_all<'c>(
    profile: &Profile,
    c: &'c Condition,
    marks: &mut Vec<Mark>,
    unmet: &mut Vec<&'c Condition>,
) -> Tri {
    marks.clear();
    mark(profile, c, marks, unmet)
}

/// Marks `c` and every node under it (an advisory node's too, so that the walks below can
/// count on the numbering), and returns `c`'s value.
fn mark<'c>(
    profile: &Profile,
    c: &'c Condition,
    marks: &mut Vec<Mark>,
    unmet: &mut Vec<&'c Condition>,
) -> Tri {
    let at = marks.len();
    marks.push(Mark {
        tri: Tri::Unknown,
        raw: Tri::Unknown,
        size: 1,
    });
    let raw = match &c.test {
        Test::All(parts) | Test::Any(parts) => {
            for p in parts {
                mark(profile, p, marks, unmet);
            }
            Tri::combine(matches!(c.test, Test::All(_)), children(marks, at + 1))
        }
        Test::Not(inner) => mark(profile, inner, marks, unmet).not(),
        Test::Leaf { fact, op } => Tri::of_answer(profile.get(*fact), op),
    };
    // An advisory condition (a vague word of the text) never refuses; it is said.
    if c.advisory && raw == Tri::False {
        unmet.push(c);
    }
    let tri = if c.advisory { Tri::True } else { raw };
    marks[at] = Mark {
        tri,
        raw,
        size: (marks.len() - at) as u32,
    };
    tri
}

/// The values of the nodes from `first` on that are siblings (each after the previous one's
/// subtree), to the end of `marks`: a node's children, while it is being marked.
fn children(marks: &[Mark], first: usize) -> impl Iterator<Item = Tri> + '_ {
    let mut next = first;
    core::iter::from_fn(move || {
        let here = marks.get(next)?;
        next += here.size as usize;
        Some(here.tri)
    })
}

/// The facts of the unknown, non-advisory leaves on the paths that leave the node at `at`
/// (unknown) open.
fn missing(profile: &Profile, c: &Condition, marks: &[Mark], at: usize, out: &mut Vec<FactIndex>) {
    if c.advisory {
        return;
    }
    match &c.test {
        Test::All(parts) | Test::Any(parts) => {
            let mut child = at + 1;
            for p in parts {
                if marks[child].tri == Tri::Unknown {
                    missing(profile, p, marks, child, out);
                }
                child += marks[child].size as usize;
            }
        }
        Test::Not(inner) => missing(profile, inner, marks, at + 1, out),
        Test::Leaf { fact, .. } => {
            if !profile.is_known(*fact) && !out.contains(fact) {
                out.push(*fact);
            }
        }
    }
}

/// The facts of the leaves that rule the node at `at` out: a node is blamed when it fails in
/// its polarity (a met condition under a `not` fails), as `ProvisionReport::failed_facts`
/// reads a report.
fn failed(c: &Condition, marks: &[Mark], at: usize, negated: bool, out: &mut Vec<FactIndex>) {
    let failing = if negated { Tri::True } else { Tri::False };
    if c.advisory || marks[at].tri != failing {
        return;
    }
    match &c.test {
        Test::All(parts) | Test::Any(parts) => {
            let mut child = at + 1;
            for p in parts {
                failed(p, marks, child, negated, out);
                child += marks[child].size as usize;
            }
        }
        Test::Not(inner) => failed(inner, marks, at + 1, !negated, out),
        Test::Leaf { fact, .. } => {
            if !out.contains(fact) {
                out.push(*fact);
            }
        }
    }
}

/// A condition's value without the facts behind it (requirement lines ask this of trial
/// answers).
pub(crate) fn tri_of(profile: &Profile, c: &Condition) -> Tri {
    // An advisory condition (a vague word of the text) never refuses.
    if c.advisory {
        return Tri::True;
    }
    match &c.test {
        Test::All(parts) => Tri::combine(true, parts.iter().map(|p| tri_of(profile, p))),
        Test::Any(parts) => Tri::combine(false, parts.iter().map(|p| tri_of(profile, p))),
        Test::Not(inner) => tri_of(profile, inner).not(),
        Test::Leaf { fact, op } => Tri::of_answer(profile.get(*fact), op),
    }
}

fn literal_eq(l: &Literal, v: &FactValue) -> bool {
    match (l, v) {
        (Literal::Bool(a), FactValue::Bool(b)) => a == b,
        (Literal::Number(a), FactValue::Number(b)) => a == b,
        (Literal::Enum(a), FactValue::Enum(b)) => a == b,
        (Literal::Date(a), FactValue::Date(b)) => a == b,
        (Literal::Text(a), FactValue::Text(b)) => a == b,
        _ => false,
    }
}

fn compare(v: &FactValue, l: &Literal) -> Option<core::cmp::Ordering> {
    match (v, l) {
        (FactValue::Number(a), Literal::Number(b)) => Some(a.cmp(b)),
        (FactValue::Date(a), Literal::Date(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

fn test(op: &Op, v: &FactValue) -> bool {
    use core::cmp::Ordering::*;
    match op {
        Op::Is(l) => literal_eq(l, v),
        Op::OneOf(ls) => ls.iter().any(|l| literal_eq(l, v)),
        Op::AtLeast(l) => matches!(compare(v, l), Some(Greater | Equal)),
        Op::AtMost(l) => matches!(compare(v, l), Some(Less | Equal)),
        Op::Between(a, b) => {
            matches!(compare(v, a), Some(Greater | Equal))
                && matches!(compare(v, b), Some(Less | Equal))
        }
        Op::Contains(i) => matches!(v, FactValue::Set(s) if s.contains(i)),
        Op::Intersects(is) => matches!(v, FactValue::Set(s) if is.iter().any(|i| s.contains(i))),
    }
}
