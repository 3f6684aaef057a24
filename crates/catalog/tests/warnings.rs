//! A decision's warnings: what a person should know that does not change it. `decisions` (the
//! JS package's `decide`) says them, in the same words as the report, with or without its
//! explanations.

use skillcalc_engine::{decisions, evaluate, EvaluateOptions, InputValue, Lang, Status};
use std::collections::BTreeMap;

fn craftsman(frontline: bool, as_of: &str, lang: Lang) -> (Vec<String>, Status, Vec<Vec<String>>) {
    let pack = skillcalc_catalog::pack().expect("embedded pack");
    let answers: BTreeMap<String, InputValue> = [
        ("person.works_in_lingang", InputValue::Bool(true)),
        ("person.lingang_craftsman_approved", InputValue::Bool(true)),
        ("person.frontline", InputValue::Bool(frontline)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let profile = pack.profile(&answers).expect("valid answers");
    let options = EvaluateOptions::new(as_of, lang).expect("date");
    let decided = decisions(pack, &profile, &options).expect("decides");
    let d = (decided.provisions.iter())
        .find(|p| p.id == "lingang.craftsman")
        .expect("the Lingang craftsman title");
    let reports = [true, false].map(|explain| {
        let report =
            evaluate(pack, &profile, &EvaluateOptions { explain, ..options }).expect("evaluates");
        let p = report
            .provisions
            .into_iter()
            .find(|p| p.id == "lingang.craftsman")
            .expect("in the report");
        p.warnings
    });
    (d.warnings.clone(), d.status, reports.to_vec())
}

#[test]
fn an_advisory_condition_not_met_is_said_and_refuses_nothing() {
    let (warnings, decision, reports) = craftsman(false, "2021-06-01", Lang::Zh);
    assert_eq!(decision, Status::Eligible);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("未满足倡导性条件（不作否决）：重点面向一线职工"),
        "{warnings:?}"
    );
    assert_eq!(
        reports,
        [warnings.clone(), warnings],
        "the report says the same, explained or not"
    );

    let (warnings, _, _) = craftsman(false, "2021-06-01", Lang::En);
    assert!(
        warnings[0]
            .starts_with("Advisory condition not met (not a refusal): Focus on frontline workers"),
        "{warnings:?}"
    );

    let (warnings, decision, _) = craftsman(true, "2021-06-01", Lang::Zh);
    assert_eq!(
        (warnings.len(), decision),
        (0, Status::Eligible),
        "{warnings:?}"
    );
}

#[test]
fn a_policy_out_of_force_is_said_by_the_status_and_in_words_by_the_report() {
    let (warnings, status, reports) = craftsman(false, "2030-01-01", Lang::Zh);
    assert_eq!(status, Status::NotInForce);
    assert_eq!(warnings.len(), 1, "only the advisory one: {warnings:?}");
    for said in reports {
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(said[0], warnings[0], "the conditions' first");
        assert!(
            said[1].contains("到期") && said[1].contains("2030-01-01"),
            "{said:?}"
        );
    }
}
