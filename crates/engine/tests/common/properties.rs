//! The properties every pack must keep, checked on random profiles. Shared by the engine
//! (demo pack) and the catalog (real pack).

use rust_decimal::Decimal;
use skillcalc_engine::{
    evaluate, EvaluateOptions, InputValue, Lang, Outcome, Report, RulePack, Status,
};
use std::collections::BTreeMap;

fn dec(s: &str) -> Decimal {
    s.parse().expect("money strings are decimals")
}

fn report(pack: &RulePack, answers: &BTreeMap<String, InputValue>, as_of: &str) -> Report {
    let profile = pack.profile(answers).expect("generated answers are valid");
    evaluate(
        pack,
        &profile,
        &EvaluateOptions::new(as_of, Lang::En).expect("date"),
    )
    .expect("evaluates")
}

/// Caps never exceeded, min ≤ max, money to the fen.
pub fn check_amounts(pack: &RulePack, answers: &BTreeMap<String, InputValue>, as_of: &str) {
    for p in report(pack, answers, as_of).provisions {
        let Some(a) = &p.amount else { continue };
        for m in [Some(&a.min), a.max.as_ref(), a.cap.as_ref()]
            .into_iter()
            .flatten()
        {
            let (_, fen) = m.value.split_once('.').expect("two decimals");
            assert_eq!(fen.len(), 2, "{}: {} is not to the fen", p.id, m.value);
            assert!(
                !m.value.starts_with('-'),
                "{}: negative money {}",
                p.id,
                m.value
            );
        }
        let min = dec(&a.min.value);
        if let Some(max) = &a.max {
            assert!(
                min <= dec(&max.value),
                "{}: min {} > max {}",
                p.id,
                a.min.value,
                max.value
            );
        }
        if let Some(cap) = &a.cap {
            let cap = dec(&cap.value);
            let max = a.max.as_ref().map(|m| dec(&m.value));
            assert!(
                max.is_some_and(|m| m <= cap),
                "{}: max {:?} exceeds cap {cap}",
                p.id,
                max
            );
            assert!(min <= cap, "{}: min {min} exceeds cap {cap}", p.id);
        }
    }
}

/// Answering more never turns "not eligible" into "eligible", never reopens a decided
/// provision, and only narrows an amount's range (for rules without user-entered rates).
pub fn check_monotone(
    pack: &RulePack,
    full: &BTreeMap<String, InputValue>,
    mask: &[bool],
    as_of: &str,
) {
    let partial: BTreeMap<String, InputValue> = full
        .iter()
        .zip(mask)
        .filter(|(_, keep)| **keep)
        .map(|((k, v), _)| (k.clone(), v.clone()))
        .collect();
    let before = report(pack, &partial, as_of);
    let after = report(pack, full, as_of);
    for (b, a) in before.provisions.iter().zip(&after.provisions) {
        match b.decision {
            Status::NotEligible | Status::Eligible => {
                assert_eq!(
                    b.decision, a.decision,
                    "{}: decided {:?} with fewer facts, {:?} with more",
                    b.id, b.decision, a.decision
                )
            }
            _ => {}
        }
        assert_ne!(
            a.decision,
            Status::NeedsInfo,
            "{}: every fact answered but still needs info: {:?}",
            a.id,
            a.missing
        );
        if let (Some(x), Some(y)) = (&b.amount, &a.amount) {
            if x.not_published.is_some() || !b.warnings.is_empty() || !a.warnings.is_empty() {
                continue;
            }
            assert!(
                dec(&x.min.value) <= dec(&y.min.value),
                "{}: range widened below: {} then {}",
                a.id,
                x.min.value,
                y.min.value
            );
            if let Some(xm) = &x.max {
                let ym = y.max.as_ref().map(|m| dec(&m.value));
                assert!(
                    ym.is_some_and(|m| m <= dec(&xm.value)),
                    "{}: range widened above: {} then {:?}",
                    a.id,
                    xm.value,
                    ym
                );
            }
        }
    }
}

/// The facts whose answers would settle an open condition, read off the tree a report writes:
/// the unanswered leaves under its open (unknown), non-advisory nodes.
fn missing_in_tree(c: &skillcalc_engine::ConditionReport, out: &mut Vec<String>) {
    if c.advisory || c.outcome != Outcome::Unknown {
        return;
    }
    match (c.kind, &c.fact) {
        (skillcalc_engine::ConditionKind::Fact, Some(f)) => {
            if c.given.is_none() && !out.contains(f) {
                out.push(f.clone());
            }
        }
        _ => c.parts.iter().for_each(|p| missing_in_tree(p, out)),
    }
}

/// A decision agrees with its explanation: the condition tree the report writes (walked on its
/// own, every branch) has the decision's outcome and blames the decision's failed facts; and
/// `decisions` (the JS package's `decide`) says what the report says, texts and totals too.
pub fn check_decide_agrees(pack: &RulePack, answers: &BTreeMap<String, InputValue>, as_of: &str) {
    let profile = pack.profile(answers).expect("generated answers are valid");
    for lang in [Lang::En, Lang::Zh] {
        let options = EvaluateOptions::new(as_of, lang).expect("date");
        let report = evaluate(pack, &profile, &options).expect("evaluates");
        let decisions = skillcalc_engine::decisions(pack, &profile, &options).expect("decides");
        assert_eq!(
            (&decisions.as_of, decisions.lang),
            (&report.as_of, report.lang)
        );
        assert_eq!(decisions.totals, report.totals);
        assert_eq!(decisions.provisions.len(), report.provisions.len());
        for (i, (d, p)) in decisions
            .provisions
            .iter()
            .zip(&report.provisions)
            .enumerate()
        {
            assert_eq!(d.id, p.id);
            assert_eq!((d.status, d.decision), (p.status, p.decision), "{}", p.id);
            assert_eq!(d.missing, p.missing, "{}", p.id);
            if p.decision == Status::NeedsInfo {
                let mut from_tree = Vec::new();
                for c in &p.conditions {
                    missing_in_tree(c, &mut from_tree);
                }
                assert_eq!(d.missing, from_tree, "{}: missing, as the tree reads", p.id);
            }
            let (mut a, mut b) = (d.failed.to_vec(), p.failed_facts());
            a.sort();
            b.sort();
            assert_eq!(a, b, "{}", p.id);
            // (An advisory root is shown with its own outcome but never refuses.)
            if let Some(tree) = p.conditions.first().filter(|t| !t.advisory) {
                let decided = match tree.outcome {
                    Outcome::Met => Status::Eligible,
                    Outcome::NotMet => Status::NotEligible,
                    Outcome::Unknown => Status::NeedsInfo,
                };
                assert_eq!(d.decision, decided, "{}", p.id);
            }
            match (&d.amount, &p.amount) {
                (None, None) => {}
                (Some(a), Some(r)) => {
                    assert_eq!(a.min, r.min.value, "{}", p.id);
                    assert_eq!(a.max.as_ref(), r.max.as_ref().map(|m| &m.value), "{}", p.id);
                    assert_eq!(
                        (a.exact, &a.display, &a.cap_group),
                        (r.exact, &r.display, &r.cap_group),
                        "{}",
                        p.id
                    );
                    let cap = skillcalc_engine::decide(pack, &profile, i, options.as_of)
                        .expect("decides")
                        .amount
                        .and_then(|a| a.cap);
                    assert_eq!(cap, r.cap.as_ref().map(|m| dec(&m.value)), "{}", p.id);
                }
                other => panic!(
                    "{}: decide and report disagree on the amount: {other:?}",
                    p.id
                ),
            }
        }
    }
}

/// Without explanations a report keeps every status, amount, missing and failed fact.
pub fn check_unexplained_agrees(
    pack: &RulePack,
    answers: &BTreeMap<String, InputValue>,
    as_of: &str,
) {
    let profile = pack.profile(answers).expect("generated answers are valid");
    let full = EvaluateOptions::new(as_of, Lang::En).expect("date");
    let lean = EvaluateOptions {
        explain: false,
        ..full
    };
    let a = evaluate(pack, &profile, &full).expect("evaluates");
    let b = evaluate(pack, &profile, &lean).expect("evaluates");
    assert_eq!(a.totals, b.totals);
    assert_eq!(a.questions, b.questions);
    for (x, y) in a.provisions.iter().zip(&b.provisions) {
        assert_eq!(
            (x.status, &x.missing, &x.amount_missing),
            (y.status, &y.missing, &y.amount_missing),
            "{}",
            x.id
        );
        let (mut f, mut g) = (x.failed.clone(), y.failed.clone());
        f.sort();
        g.sort();
        assert_eq!(f, g, "{}", x.id);
        assert_eq!(
            x.amount.as_ref().map(|m| (&m.min, &m.max, &m.cap)),
            y.amount.as_ref().map(|m| (&m.min, &m.max, &m.cap)),
            "{}",
            x.id
        );
        assert!(y.conditions.is_empty() && y.amount.as_ref().is_none_or(|m| m.steps.is_empty()));
    }
}

/// The "required" line of every question of every provision: the answers it admits are exactly
/// those that keep the provision possible (tried one by one against `decide`), and its words in
/// both languages name what it admits. So answering what the line names never rules the
/// provision out, and a line never hides an answer that would do.
pub fn check_requirements(pack: &RulePack, answers: &BTreeMap<String, InputValue>, as_of: &str) {
    use skillcalc_engine::{
        decide, describe_requirement, requirement, Accepts, Date, FactType, FactValue,
    };
    let base = pack.profile(answers).expect("generated answers are valid");
    let date = Date::parse(as_of).expect("date");
    for (index, prov) in pack.provisions().iter().enumerate() {
        for &fact in &prov.facts {
            let f = &pack.facts()[fact];
            let accepts = requirement(pack, index, &base, fact);
            for v in trial_values(pack, prov, fact) {
                let mut profile = base.clone();
                profile.set(fact, Some(v.clone()));
                let d = decide(pack, &profile, index, date).expect("decides");
                let possible = d.decision != Status::NotEligible;
                let exact =
                    !matches!((&f.kind, &v), (FactType::EnumSet, FactValue::Set(s)) if s.len() > 1);
                if exact {
                    assert_eq!(
                        accepts.admits(&v),
                        possible,
                        "{}: {} = {v:?} gives {:?}, but the requirement {accepts:?} says otherwise",
                        prov.id,
                        f.id,
                        d.decision
                    );
                } else if accepts.admits(&v) {
                    assert!(
                        possible,
                        "{}: {} = {v:?} is admitted by {accepts:?} but rules it out",
                        prov.id, f.id
                    );
                }
            }
            for lang in [Lang::Zh, Lang::En] {
                let words = describe_requirement(f, &accepts, lang);
                match &accepts {
                    Accepts::Anything | Accepts::Nothing => assert!(words.is_none()),
                    Accepts::Values(vs) => {
                        let w = words.expect("a line");
                        let negated = w.starts_with("不是") || w.starts_with("not ");
                        for (i, e) in f.values.iter().enumerate() {
                            let admitted = vs.contains(&FactValue::Enum(i as u16));
                            let named = w.contains(e.label.get(lang));
                            if negated && !admitted {
                                assert!(
                                    named,
                                    "{}: '{w}' does not name excluded {}",
                                    prov.id, e.id
                                );
                            }
                            if !negated && admitted {
                                assert!(
                                    named,
                                    "{}: '{w}' does not name admitted {}",
                                    prov.id, e.id
                                );
                            }
                        }
                        if f.kind == FactType::Bool {
                            let yes = if lang == Lang::Zh { "是" } else { "yes" };
                            assert_eq!(
                                w == yes,
                                vs == &vec![FactValue::Bool(true)],
                                "{}: {} reads '{w}' for {vs:?}",
                                prov.id,
                                f.id
                            );
                        }
                    }
                    _ => assert!(words.is_some_and(|w| !w.is_empty())),
                }
            }
        }
    }
}

/// Answers worth trying for one fact of one provision: every option, and for numbers and dates
/// each literal the rules compare with, a step either side, and far values.
fn trial_values(
    pack: &RulePack,
    prov: &skillcalc_engine::Provision,
    fact: usize,
) -> Vec<skillcalc_engine::FactValue> {
    use skillcalc_engine::{Date, FactType, FactValue};
    let f = &pack.facts()[fact];
    let n = f.values.len() as u16;
    match f.kind {
        FactType::Bool => vec![FactValue::Bool(true), FactValue::Bool(false)],
        FactType::Enum => (0..n).map(FactValue::Enum).collect(),
        FactType::EnumSet => {
            let mut out = vec![FactValue::Set(Vec::new()), FactValue::Set((0..n).collect())];
            for i in 0..n {
                out.push(FactValue::Set(vec![i]));
                for j in i + 1..n {
                    out.push(FactValue::Set(vec![i, j]));
                }
            }
            out
        }
        FactType::Int | FactType::Money | FactType::Decimal => {
            let lits = literals(prov, fact);
            let mut out: Vec<Decimal> = vec![Decimal::ZERO, Decimal::ONE, dec("1000000000")];
            for l in lits.iter().filter_map(|l| l.parse::<Decimal>().ok()) {
                for d in ["-1", "-0.01", "0", "0.01", "1", "0.5"] {
                    out.push(l + dec(d));
                }
            }
            out.retain(|v| f.min.is_none_or(|m| *v >= m) && f.max.is_none_or(|m| *v <= m));
            if f.kind == FactType::Int {
                out.retain(|v| v.fract().is_zero());
            }
            out.into_iter().map(FactValue::Number).collect()
        }
        FactType::Date => {
            let mut out = vec![
                Date::parse("1990-01-01").expect("date"),
                Date::parse("2060-01-01").expect("date"),
            ];
            for l in literals(prov, fact).iter().filter_map(|l| Date::parse(l)) {
                out.extend([l.prev_day(), l, l.next_day()]);
            }
            out.retain(|d| {
                f.min_date.is_none_or(|m| *d >= m) && f.max_date.is_none_or(|m| *d <= m)
            });
            out.into_iter().map(FactValue::Date).collect()
        }
        FactType::Text => Vec::new(),
    }
}

/// The literals of `prov`'s conditions on `fact`, as text.
fn literals(prov: &skillcalc_engine::Provision, fact: usize) -> Vec<String> {
    fn walk(c: &skillcalc_engine::Condition, fact: usize, out: &mut Vec<String>) {
        use skillcalc_engine::{Literal, Op, Test};
        let text = |l: &Literal| match l {
            Literal::Number(n) => Some(n.to_string()),
            Literal::Date(d) => Some(d.to_string()),
            _ => None,
        };
        match &c.test {
            Test::All(ps) | Test::Any(ps) => ps.iter().for_each(|p| walk(p, fact, out)),
            Test::Not(inner) => walk(inner, fact, out),
            Test::Leaf { fact: f, op } if *f == fact => match op {
                Op::Is(l) | Op::AtLeast(l) | Op::AtMost(l) => out.extend(text(l)),
                Op::OneOf(ls) => out.extend(ls.iter().filter_map(text)),
                Op::Between(a, b) => out.extend(text(a).into_iter().chain(text(b))),
                _ => {}
            },
            Test::Leaf { .. } => {}
        }
    }
    let mut out = Vec::new();
    if let Some(w) = &prov.when {
        walk(w, fact, &mut out);
    }
    out
}
