//! Every amount form and the three-valued logic, on the demo pack.

mod common;
use common::*;
use skillcalc_engine::{evaluate, EvaluateOptions, InForce, Lang, Outcome, Status};

fn amount(p: &skillcalc_engine::ProvisionReport) -> (String, Option<String>) {
    let a = p.amount.as_ref().expect("an amount");
    (a.min.value.clone(), a.max.as_ref().map(|m| m.value.clone()))
}

#[test]
fn ratio_with_cap_below_at_and_above() {
    let pack = pack();
    let city = |award: &str| {
        run(
            &pack,
            "demo.award",
            &format!(
                r#"{{"person.local":true,"person.prize_level":"city","person.city_award":"{award}"}}"#
            ),
            "2024-06-01",
        )
    };
    assert_eq!(
        amount(&city("80000")),
        ("40000.00".into(), Some("40000.00".into()))
    );
    assert_eq!(
        amount(&city("100000")),
        ("50000.00".into(), Some("50000.00".into()))
    );
    let above = city("120000");
    assert_eq!(amount(&above), ("50000.00".into(), Some("50000.00".into())));
    let steps = &above.amount.as_ref().unwrap().steps;
    assert!(
        steps.iter().any(|s| s == "50% × ¥120,000 = ¥60,000"),
        "{steps:?}"
    );
    assert!(
        steps.iter().any(|s| s == "¥60,000, capped at ¥50,000"),
        "{steps:?}"
    );
    assert_eq!(
        above.amount.as_ref().unwrap().cap.as_ref().unwrap().value,
        "50000.00"
    );
}

#[test]
fn one_to_one_ratio_and_a_range_from_the_text() {
    let pack = pack();
    let national = run(
        &pack,
        "demo.award",
        r#"{"person.local":true,"person.prize_level":"national","person.city_award":"123456.78"}"#,
        "2024-06-01",
    );
    assert_eq!(
        amount(&national),
        ("123456.78".into(), Some("123456.78".into()))
    );
    assert!(national.amount.as_ref().unwrap().exact);
    let district = run(
        &pack,
        "demo.award",
        r#"{"person.local":true,"person.prize_level":"district"}"#,
        "2024-06-01",
    );
    assert_eq!(amount(&district), ("600.00".into(), Some("1000.00".into())));
    assert!(!district.amount.as_ref().unwrap().exact);
}

#[test]
fn unknown_inputs_leave_a_range_with_the_cap_stated() {
    let pack = pack();
    let p = run(
        &pack,
        "demo.award",
        r#"{"person.local":true,"person.prize_level":"city"}"#,
        "2024-06-01",
    );
    assert_eq!(p.status, Status::Eligible);
    assert_eq!(amount(&p), ("0.00".into(), Some("50000.00".into())));
    assert_eq!(p.amount_missing, vec!["person.city_award"]);
    // Level unknown: the union of every case; national has no cap, so no upper limit.
    let p = run(
        &pack,
        "demo.award",
        r#"{"person.local":true}"#,
        "2024-06-01",
    );
    assert_eq!(p.status, Status::NeedsInfo);
    assert_eq!(p.missing, vec!["person.prize_level"]);
    assert_eq!(amount(&p), ("0.00".into(), None));
}

#[test]
fn per_unit_with_a_cap_per_project_and_a_user_rate_checked_against_a_dated_floor() {
    let pack = pack();
    let p = run(
        &pack,
        "demo.training",
        r#"{"org.trainees":100,"org.project":"P1","org.year":2024}"#,
        "2024-06-01",
    );
    assert_eq!(amount(&p), ("100000.00".into(), Some("300000.00".into())));
    let a = p.amount.as_ref().unwrap();
    assert_eq!(a.cap_group.as_deref(), Some("P1|2024"));
    let p = run(
        &pack,
        "demo.training",
        r#"{"org.trainees":500}"#,
        "2024-06-01",
    );
    let a = p.amount.as_ref().unwrap();
    assert_eq!(amount(&p), ("500000.00".into(), Some("1000000.00".into())));
    assert_eq!(a.uncapped_max.as_deref(), Some("1500000.00"));

    let p = run(
        &pack,
        "demo.apprentice",
        r#"{"org.trainees":10,"org.years":2,"org.rate":"6000"}"#,
        "2024-06-01",
    );
    assert_eq!(amount(&p), ("120000.00".into(), Some("120000.00".into())));
    assert!(p.warnings.is_empty());
    assert_eq!(p.values_used[0].amount.value, "5000.00");
    assert_eq!(p.values_used[0].document, "Demo doc 2");
    // The floor in force on the as-of date decides the warning.
    let before = run(
        &pack,
        "demo.apprentice",
        r#"{"org.trainees":10,"org.years":2,"org.rate":"4500"}"#,
        "2022-12-31",
    );
    assert!(before.warnings.is_empty());
    assert_eq!(before.values_used[0].amount.value, "4000.00");
    let after = run(
        &pack,
        "demo.apprentice",
        r#"{"org.trainees":10,"org.years":2,"org.rate":"4500"}"#,
        "2023-01-01",
    );
    assert_eq!(after.warnings.len(), 1, "{:?}", after.warnings);
    // Rate unknown: the allowed range times the counts.
    let open = run(
        &pack,
        "demo.apprentice",
        r#"{"org.trainees":10,"org.years":2}"#,
        "2024-06-01",
    );
    assert_eq!(
        amount(&open),
        ("100000.00".into(), Some("2000000.00".into()))
    );
}

#[test]
fn sum_fixed_and_not_published() {
    let pack = pack();
    let p = run(
        &pack,
        "demo.grant",
        r#"{"org.industries":["software"]}"#,
        "2024-06-01",
    );
    assert_eq!(amount(&p), ("205000.00".into(), Some("205000.00".into())));
    assert_eq!(p.process, vec!["5 working days of public notice"]);
    let p = run(
        &pack,
        "demo.unpublished",
        r#"{"person.birth_date":"1990-01-01"}"#,
        "2024-06-01",
    );
    let a = p.amount.as_ref().unwrap();
    assert_eq!(
        a.not_published.as_deref(),
        Some("The text does not publish the amount")
    );
    assert!(!a.exact);
    assert_eq!(p.benefits, vec!["Honorary title"]);
}

#[test]
fn kleene_and_or_not() {
    let pack = pack();
    // all: one false decides, whatever is unknown.
    let p = run(
        &pack,
        "demo.award",
        r#"{"person.local":false}"#,
        "2024-06-01",
    );
    assert_eq!(p.status, Status::NotEligible);
    assert!(p.missing.is_empty());
    assert_eq!(p.failed_facts(), vec!["person.local"]);
    // any: one true decides.
    let p = run(&pack, "demo.grant", r#"{"org.partners":9}"#, "2024-06-01");
    assert_eq!(p.status, Status::Eligible);
    // any: false and unknown -> unknown, and only the unknown fact is missing.
    let p = run(&pack, "demo.grant", r#"{"org.partners":1}"#, "2024-06-01");
    assert_eq!(p.status, Status::NeedsInfo);
    assert_eq!(p.missing, vec!["org.industries"]);
    // not: an unknown stays unknown; a met inner condition is the failure.
    let p = run(&pack, "demo.college", r#"{"org.partners":3}"#, "2024-06-01");
    assert_eq!(p.status, Status::NeedsInfo);
    assert_eq!(p.missing, vec!["org.industries"]);
    let p = run(
        &pack,
        "demo.college",
        r#"{"org.partners":3,"org.industries":["other"]}"#,
        "2024-06-01",
    );
    assert_eq!(p.status, Status::NotEligible);
    assert_eq!(p.failed_facts(), vec!["org.industries"]);
}

#[test]
fn an_advisory_condition_warns_but_never_refuses() {
    let pack = pack();
    let p = run(
        &pack,
        "demo.college",
        r#"{"org.partners":2,"org.industries":[]}"#,
        "2024-06-01",
    );
    assert_eq!(p.status, Status::Eligible);
    assert_eq!(p.warnings.len(), 1);
    let advisory = &p.conditions[0].parts[1];
    assert!(advisory.advisory);
    assert_eq!(advisory.outcome, Outcome::NotMet);
}

#[test]
fn in_force_window_is_inclusive_at_both_ends() {
    let pack = pack();
    let json = r#"{"person.local":true,"person.prize_level":"district"}"#;
    assert_eq!(
        run(&pack, "demo.award", json, "2021-12-31").status,
        Status::NotInForce
    );
    assert_eq!(
        run(&pack, "demo.award", json, "2022-01-01").status,
        Status::Eligible
    );
    assert_eq!(
        run(&pack, "demo.award", json, "2025-12-31").status,
        Status::Eligible
    );
    let after = run(&pack, "demo.award", json, "2026-01-01");
    assert_eq!(after.status, Status::NotInForce);
    assert_eq!(
        after.decision,
        Status::Eligible,
        "the decision is still shown"
    );
    assert!(after.warnings[0].contains("expired"));
    let options = EvaluateOptions::new("2026-01-01", Lang::Zh).unwrap();
    let report = evaluate(&pack, &pack.profile(&answers(json)).unwrap(), &options).unwrap();
    assert_eq!(report.policies[0].in_force, InForce::Expired);
}

#[test]
fn conditions_say_what_was_required_what_was_given_and_the_clause() {
    let pack = pack();
    let p = run(
        &pack,
        "demo.award",
        r#"{"person.local":true,"person.prize_level":"city"}"#,
        "2024-06-01",
    );
    let all = &p.conditions[0];
    assert_eq!(all.kind, skillcalc_engine::ConditionKind::All);
    assert_eq!(all.parts[0].required, "Represented the district");
    assert_eq!(all.parts[0].given.as_deref(), Some("yes"));
    assert_eq!(all.parts[0].clause, "4.4", "the clause number in English");
    assert_eq!(
        all.parts[1].required,
        "Prize level: National or above or City or District"
    );
    assert_eq!(all.parts[1].given.as_deref(), Some("City"));
}

#[test]
fn chinese_report_and_totals_and_questions() {
    let pack = pack();
    let profile = pack
        .profile(&answers(
            r#"{"person.local":true,"person.prize_level":"city","person.city_award":"120000"}"#,
        ))
        .unwrap();
    let report = evaluate(
        &pack,
        &profile,
        &EvaluateOptions::new("2024-06-01", Lang::Zh).unwrap(),
    )
    .unwrap();
    let award = report
        .provisions
        .iter()
        .find(|p| p.id == "demo.award")
        .unwrap();
    assert_eq!(award.amount.as_ref().unwrap().display, "5万元");
    assert!(award
        .amount
        .as_ref()
        .unwrap()
        .steps
        .iter()
        .any(|s| s.contains("超过上限")));
    let person = report
        .totals
        .iter()
        .find(|t| t.recipient == skillcalc_engine::Subject::Person)
        .unwrap();
    assert_eq!(person.eligible.min.value, "50000.00");
    assert_eq!(person.eligible_count, 1);
    // Questions are ordered by how many open provisions they decide (ties: registry order).
    assert_eq!(
        report.questions[..2],
        ["org.partners".to_string(), "org.industries".to_string()]
    );
}

#[test]
fn a_dated_value_not_yet_in_force_leaves_the_amount_open_with_a_warning() {
    let pack = pack();
    let p = run(&pack, "demo.grant", r#"{"org.partners":9}"#, "2019-06-01");
    // The policy itself is not in force either, but the amount still says why it is open.
    assert_eq!(p.status, Status::NotInForce);
    let p = run(
        &pack,
        "demo.apprentice",
        r#"{"org.trainees":1,"org.years":1}"#,
        "2019-06-01",
    );
    assert_eq!(amount(&p), ("0.00".into(), Some("100000.00".into())));
    assert!(
        p.warnings
            .iter()
            .any(|w| w.contains("no value in force on 2019-06-01")),
        "{:?}",
        p.warnings
    );
}
