//! The properties every pack must keep, checked on random profiles. Shared by the engine
//! (demo pack) and the catalog (real pack).

use rust_decimal::Decimal;
use skillcalc_engine::{evaluate, EvaluateOptions, InputValue, Lang, Report, RulePack, Status};
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

/// The fast path (`decide` for batches, `decisions` for the JS package) agrees with the report
/// on every provision: statuses, amounts and their texts, missing and failed facts, totals.
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
            let (mut a, mut b) = (d.failed.clone(), p.failed.clone());
            a.sort();
            b.sort();
            assert_eq!(a, b, "{}", p.id);
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

/// A provision that reads none of a profile's answers decides as for the empty profile, so
/// `decisions_beside` may leave it out (the JS package's `decide` reuses the empty profile's
/// decision); the totals still count it.
pub fn check_unanswered_reused(
    pack: &RulePack,
    answers: &BTreeMap<String, InputValue>,
    as_of: &str,
) {
    let profile = pack.profile(answers).expect("generated answers are valid");
    let empty = pack.profile(&BTreeMap::new()).expect("empty profile");
    for lang in [Lang::En, Lang::Zh] {
        let options = EvaluateOptions::new(as_of, lang).expect("date");
        let all = skillcalc_engine::decisions(pack, &profile, &options).expect("decides");
        let blank = skillcalc_engine::decisions(pack, &empty, &options).expect("decides");
        let unanswered = skillcalc_engine::Unanswered::new(pack, options.as_of).expect("decides");
        let (some, totals) =
            skillcalc_engine::decisions_beside(pack, &profile, &options, Some(&unanswered))
                .expect("decides");
        assert_eq!(totals, all.totals);
        for (i, d) in some.iter().enumerate() {
            let reads_answers = pack.provisions[i]
                .facts
                .iter()
                .any(|&f| profile.is_known(f));
            assert_eq!(d.is_some(), reads_answers, "{}", all.provisions[i].id);
            assert_eq!(
                d.as_ref().unwrap_or(&blank.provisions[i]),
                &all.provisions[i]
            );
        }
        let other_day = EvaluateOptions::new("2019-01-01", lang).expect("date");
        if other_day.as_of != options.as_of {
            let (some, _) =
                skillcalc_engine::decisions_beside(pack, &profile, &other_day, Some(&unanswered))
                    .expect("decides");
            assert!(
                some.iter().all(Option::is_some),
                "kept decisions of another date are not reused"
            );
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
