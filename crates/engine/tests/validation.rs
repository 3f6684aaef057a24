//! A rule pack is checked whole: every problem at once, each naming file, item and field.
//! A profile is checked against the registry: each problem names the fact.

mod common;
use common::*;
use skillcalc_engine::{compile, Error, PackProblem};

fn problems(src: &skillcalc_engine::PackSource) -> Vec<PackProblem> {
    match compile(src) {
        Err(Error::InvalidPack { problems }) => problems,
        other => panic!("expected an invalid pack, got {other:?}"),
    }
}

#[test]
fn the_demo_pack_is_valid() {
    let pack = pack();
    assert_eq!(pack.provisions().len(), 6);
    assert_eq!(pack.goals().len(), 3);
}

#[test]
fn goals_grants_and_ratio_bases_are_checked() {
    use skillcalc_engine::Scalar;
    let mut src = source();
    src.files.goals = "goals.toml".into();
    src.files.policies = vec!["policies/demo.toml".into()];
    src.goal[0].provisions.push("demo.nope".into()); // unknown provision
    src.goal[0].provisions.push("demo.college".into()); // another audience
    src.goal[1].provisions.push("demo.college".into()); // named twice
    src.goal[2].audience = "everyone".into(); // unknown audience
    let policy = &mut src.policies[0];
    let training = policy
        .provision
        .iter_mut()
        .find(|p| p.id == "demo.training")
        .unwrap();
    training.grants = Some(skillcalc_engine::source::GrantSource {
        fact: "org.industries".into(),
        is: Scalar::Str("software".into()),
    }); // not a designation
    let college = policy
        .provision
        .iter_mut()
        .find(|p| p.id == "demo.college")
        .unwrap();
    college.grants = Some(skillcalc_engine::source::GrantSource {
        fact: "org.partners".into(),
        is: Scalar::Int(3),
    }); // not a yes/no or choice fact
    let award = policy
        .provision
        .iter_mut()
        .find(|p| p.id == "demo.award")
        .unwrap();
    let cases = award.amount.as_mut().unwrap().cases.as_mut().unwrap();
    cases.get_mut("city").unwrap().of = Some("@demo.nope".into()); // unknown dated value
    let found = problems(&src);
    let has = |file: &str, item: &str, field: &str, text: &str| {
        found.iter().any(|p| {
            p.file == file && p.item == item && p.field == field && p.message.contains(text)
        })
    };
    assert!(
        has(
            "goals.toml",
            "award",
            "provisions[2]",
            "unknown provision 'demo.nope'"
        ),
        "{found:#?}"
    );
    assert!(
        has("goals.toml", "award", "provisions[3]", "another audience"),
        "{found:#?}"
    );
    assert!(
        has("goals.toml", "college", "provisions[2]", "named twice"),
        "{found:#?}"
    );
    assert!(
        has(
            "goals.toml",
            "money",
            "audience",
            "unknown audience 'everyone'"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            "policies/demo.toml",
            "demo.training",
            "grants",
            "only a designation"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            "policies/demo.toml",
            "demo.college",
            "grants.fact",
            "not a yes/no or choice fact"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            "policies/demo.toml",
            "demo.award",
            "amount.cases.city.of",
            "unknown dated value 'demo.nope'"
        ),
        "{found:#?}"
    );
}

#[test]
fn every_problem_is_reported_at_once_with_file_item_and_field() {
    let mut src = source();
    src.files.policies = vec!["policies/demo.toml".into()];
    let policy = &mut src.policies[0];
    policy.policy.until = Some("2021-01-01".into()); // before `from`
    policy.provision[1].id = policy.provision[0].id.clone(); // duplicate id
    policy.provision[2].clause = "".into(); // missing clause
    let award = &mut policy.provision[0];
    award.when.as_mut().unwrap().all.as_mut().unwrap()[0].fact = Some("person.nope".into()); // unknown fact
    let amount = award.amount.as_mut().unwrap();
    amount.cases.as_mut().unwrap().get_mut("city").unwrap().cap =
        Some(skillcalc_engine::Scalar::Str("-5".into())); // negative cap
    amount
        .cases
        .as_mut()
        .unwrap()
        .get_mut("district")
        .unwrap()
        .range = Some(vec![
        skillcalc_engine::Scalar::Str("1000".into()),
        skillcalc_engine::Scalar::Str("600".into()),
    ]); // min > max
    let found = problems(&src);
    let has = |item: &str, field: &str, text: &str| {
        found.iter().any(|p| {
            p.file == "policies/demo.toml"
                && p.item == item
                && p.field == field
                && p.message.contains(text)
        })
    };
    assert!(
        has("demo", "policy.until", "before it starts"),
        "{found:#?}"
    );
    assert!(
        has("demo.award", "id", "duplicate provision id"),
        "{found:#?}"
    );
    assert!(
        has(
            "demo.award",
            "when.all[0].fact",
            "unknown fact 'person.nope'"
        ),
        "{found:#?}"
    );
    assert!(
        has("demo.award", "amount.cases.city.cap", "negative"),
        "{found:#?}"
    );
    assert!(
        has(
            "demo.award",
            "amount.cases.district.range",
            "greater than max"
        ),
        "{found:#?}"
    );
    assert!(
        has("demo.training", "clause", "cites its clause"),
        "{found:#?}"
    );
    assert!(found.len() >= 6);
}

#[test]
fn type_mismatches_and_registry_problems() {
    let mut src = source();
    src.policies[0].provision[0]
        .when
        .as_mut()
        .unwrap()
        .all
        .as_mut()
        .unwrap()[0]
        .is = Some(skillcalc_engine::Scalar::Str("yes".into())); // a bool fact compared with text
    src.fact[0].kind = "colour".into();
    src.fact[1].min = Some(skillcalc_engine::Scalar::Str("10".into()));
    src.fact[1].max = Some(skillcalc_engine::Scalar::Str("5".into()));
    let dup = src.fact[2].clone();
    src.fact.push(dup);
    src.value[0].history.swap(0, 1); // dates out of order
    let found = problems(&src);
    let has = |item: &str, field: &str, text: &str| {
        found
            .iter()
            .any(|p| p.item == item && p.field == field && p.message.contains(text))
    };
    assert!(
        has("demo.award", "when.all[0].is", "does not fit"),
        "{found:#?}"
    );
    assert!(
        has("person.prize_level", "type", "unknown type"),
        "{found:#?}"
    );
    assert!(
        has("person.city_award", "max", "greater than max"),
        "{found:#?}"
    );
    assert!(has("person.local", "id", "duplicate fact id"), "{found:#?}");
    assert!(
        has("demo.floor", "history[1].from", "out of order"),
        "{found:#?}"
    );
}

#[test]
fn decimals_too_large_are_an_error_not_an_overflow() {
    let mut src = source();
    src.policies[0].provision[4]
        .amount
        .as_mut()
        .unwrap()
        .sum
        .as_mut()
        .unwrap()[0]
        .fixed = Some(skillcalc_engine::Scalar::Str(
        "99999999999999999999999999999999999".into(),
    ));
    let found = problems(&src);
    assert!(
        found
            .iter()
            .any(|p| p.field == "amount.sum[0].fixed" && p.message.contains("too large")),
        "{found:#?}"
    );
}

fn profile_problem(json: &str) -> (String, String, String) {
    let pack = pack();
    match pack.profile(&answers(json)) {
        Err(Error::InvalidProfile { problems }) => {
            let p = &problems[0];
            (p.code.clone(), p.fact.clone(), p.message_zh.clone())
        }
        other => panic!("expected an invalid profile for {json}, got {other:?}"),
    }
}

#[test]
fn profile_problems_name_the_fact() {
    assert_eq!(profile_problem(r#"{"nope":1}"#).0, "unknown_fact");
    assert_eq!(
        profile_problem(r#"{"person.local":"maybe"}"#).0,
        "wrong_type"
    );
    assert_eq!(profile_problem(r#"{"org.trainees":-3}"#).0, "negative");
    assert_eq!(profile_problem(r#"{"org.trainees":2.5}"#).0, "not_whole");
    assert_eq!(profile_problem(r#"{"org.years":4}"#).0, "out_of_bounds");
    assert_eq!(
        profile_problem(r#"{"person.birth_date":"2023-02-29"}"#).0,
        "impossible_date"
    );
    assert_eq!(
        profile_problem(r#"{"person.prize_level":"galactic"}"#).0,
        "not_allowed"
    );
    assert_eq!(
        profile_problem(r#"{"person.city_award":1e308}"#).0,
        "too_large"
    );
    assert_eq!(
        profile_problem(r#"{"person.city_award":"12.345"}"#).0,
        "too_many_decimals"
    );
    assert_eq!(
        profile_problem(r#"{"person.city_award":{"a":1}}"#).0,
        "wrong_type"
    );
    assert_eq!(
        profile_problem(r#"{"person.city_award":"123456789012345678901234567890123"}"#).0,
        "too_large"
    );
    let (_, fact, zh) = profile_problem(r#"{"org.trainees":"abc"}"#);
    assert_eq!(fact, "org.trainees");
    assert!(zh.contains("考核合格人数"), "{zh}");
}

#[test]
fn every_profile_problem_is_reported_at_once() {
    let pack = pack();
    match pack.profile(&answers(r#"{"nope":1,"org.trainees":-1,"person.local":3}"#)) {
        Err(Error::InvalidProfile { problems }) => assert_eq!(problems.len(), 3),
        other => panic!("{other:?}"),
    }
}

/// Amounts as people type them: grouping commas, 元, ¥/￥, 万, and the full-width digits of a
/// Chinese input method. Each reads as exactly one number, or is refused naming the fact.
#[test]
fn amounts_read_as_people_type_them() {
    let pack = pack();
    let award = pack.fact_index("person.city_award").expect("fact");
    let read = |text: &str| match pack
        .profile(&answers(&format!(r#"{{"person.city_award": "{text}"}}"#)))
    {
        Ok(p) => Ok(match p.get(award) {
            Some(skillcalc_engine::FactValue::Number(d)) => d.to_string(),
            other => panic!("{text}: {other:?}"),
        }),
        Err(Error::InvalidProfile { problems }) => Err(problems[0].code.clone()),
        Err(e) => panic!("{e}"),
    };
    for (text, value) in [
        ("120000", "120000"),
        ("120,000", "120000"),
        ("120，000元", "120000"),
        ("12万", "120000"),
        ("12万元", "120000"),
        ("1.5万", "15000"),
        ("0.0001万", "1"),
        ("¥120000", "120000"),
        ("￥12万元", "120000"),
        ("１２００００", "120000"),
        ("１２．５万", "125000"),
        ("　12万　", "120000"),
        ("1234.56", "1234.56"),
    ] {
        assert_eq!(read(text), Ok(value.to_string()), "{text}");
    }
    for (text, code) in [
        ("12万abc", "wrong_type"),
        ("万", "wrong_type"),
        ("12万万", "wrong_type"),
        ("12千", "wrong_type"),
        ("1.2345678万", "too_many_decimals"),
        ("－12万", "negative"),
        ("¥", "wrong_type"),
    ] {
        assert_eq!(read(text), Err(code.to_string()), "{text}");
    }
    // 万 is money's only: a count of trainees stays a plain number.
    let trainees = |text: &str| {
        pack.profile(&answers(&format!(r#"{{"org.trainees": "{text}"}}"#)))
            .map(|p| p.answered())
    };
    assert!(trainees("１２").is_ok());
    assert!(trainees("1万").is_err());
}

#[test]
fn null_and_empty_are_unknown_and_csv_strings_parse() {
    let pack = pack();
    let p = pack.profile(&answers(r#"{"person.local":null,"org.trainees":"","org.partners":"12","person.local":"是","org.industries":"software;finance"}"#)).unwrap();
    assert_eq!(p.answered(), 3);
}

#[test]
fn the_compact_form_round_trips() {
    let pack = pack();
    let bytes = pack.to_compact().unwrap();
    let back = skillcalc_engine::RulePack::from_compact(&bytes).unwrap();
    assert_eq!(back.to_compact().unwrap(), bytes);
    assert!(back.fact("person.city_award").is_some());
    assert!(skillcalc_engine::RulePack::from_compact(&bytes[..bytes.len() / 2]).is_err());
}

#[test]
fn a_subset_keeps_its_policies_and_renumbers_its_goals() {
    let pack = pack();
    let sub = pack.retain_provisions(|p| p.id == "demo.grant" || p.id == "demo.award");
    let ids: Vec<&str> = sub.provisions().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["demo.award", "demo.grant"]);
    assert_eq!(sub.policies().len(), 1);
    assert!(sub.provisions().iter().all(|p| p.policy == 0));
    let named = |g: &str| -> Vec<&str> {
        let goal = sub.goals().iter().find(|x| x.id == g).unwrap();
        goal.provisions
            .iter()
            .map(|&i| sub.provisions()[i].id.as_str())
            .collect()
    };
    assert_eq!(named("award"), ["demo.award"]);
    assert_eq!(named("college"), ["demo.grant"]);
    assert!(named("money").is_empty());
}

#[test]
fn a_packs_issuer_and_date_are_carried_into_every_report() {
    use skillcalc_engine::{evaluate, EvaluateOptions, Lang, RulePack, Text};
    let mut src = source();
    src.name = Some("portal-rules".into());
    src.version = Some("3".into());
    src.issuer = Some(Text {
        zh: "示例区人社局".into(),
        en: "Example District HR Bureau".into(),
    });
    src.date = Some("2026-03-01".into());
    let pack = compile(&src).expect("valid");
    let report = |pack: &RulePack, lang| {
        let options = EvaluateOptions::new("2024-06-01", lang).unwrap();
        evaluate(pack, &pack.profile(&Default::default()).unwrap(), &options)
            .unwrap()
            .pack
    };
    let zh = report(&pack, Lang::Zh);
    assert_eq!(
        (zh.name.as_str(), zh.version.as_str(), zh.embedded),
        ("portal-rules", "3", false)
    );
    assert_eq!(zh.issuer.as_deref(), Some("示例区人社局"));
    assert_eq!(zh.date.as_deref(), Some("2026-03-01"));
    let en = report(&pack, Lang::En);
    assert_eq!(en.issuer.as_deref(), Some("Example District HR Bureau"));
    // Through the compact form (how the app and the package receive a compiled pack).
    let back = RulePack::from_compact(&pack.to_compact().unwrap()).unwrap();
    assert_eq!(report(&back, Lang::En), en);
    let json = serde_json::to_value(&en).unwrap();
    assert_eq!(json["issuer"], "Example District HR Bureau");
    assert_eq!(json["date"], "2026-03-01");

    // Neither said: null in the report.
    let plain = report(&pack_with(|_| {}), Lang::En);
    assert_eq!((plain.issuer, plain.date), (None, None));
    let json = serde_json::to_value(report(&pack_with(|_| {}), Lang::En)).unwrap();
    assert!(json["issuer"].is_null() && json["date"].is_null());
}

fn pack_with(change: impl FnOnce(&mut skillcalc_engine::PackSource)) -> skillcalc_engine::RulePack {
    let mut src = source();
    change(&mut src);
    compile(&src).expect("valid")
}

#[test]
fn a_bad_publication_date_or_a_blank_issuer_is_a_problem_naming_the_field() {
    use skillcalc_engine::Text;
    for bad in ["2026-02-30", "1 March 2026", "", "2026-3-1"] {
        let mut src = source();
        src.name = Some("portal-rules".into());
        src.date = Some(bad.into());
        let found = problems(&src);
        assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
        assert_eq!(
            (
                found[0].file.as_str(),
                found[0].item.as_str(),
                found[0].field.as_str()
            ),
            ("pack", "portal-rules", "date"),
            "{bad:?}"
        );
        assert!(found[0].message.contains("not a real date"), "{found:?}");
    }
    let mut src = source();
    src.files.pack = "pack.toml".into();
    src.issuer = Some(Text {
        zh: " ".into(),
        en: String::new(),
    });
    let found = problems(&src);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].file.as_str(), found[0].field.as_str()),
        ("pack.toml", "issuer")
    );
}

/// A batch reads every row into one profile (`RulePack::answers`): each row holds its own
/// answers and none of the rows before it, however they were answered, and equals the profile
/// read on its own.
#[test]
fn rows_read_into_one_profile_hold_only_their_own_answers() {
    let pack = pack();
    let rows = [
        r#"{"person.local": true, "person.prize_level": "city", "person.city_award": 120000}"#,
        r#"{"org.trainees": 3}"#,
        r#"{"person.local": false, "person.local": null}"#,
        r#"{}"#,
        r#"{"person.prize_level": "national", "person.city_award": "abc"}"#,
        r#"{"person.city_award": 5000}"#,
    ];
    let mut reused = skillcalc_engine::Profile::default();
    for row in rows {
        let alone = pack.profile(&answers(row));
        let mut read = pack.answers(&mut reused);
        for (id, value) in &answers(row) {
            read.add(id, value);
        }
        match (read.finish(), alone) {
            (Ok(()), Ok(alone)) => {
                assert_eq!(reused, alone, "{row}");
                assert_eq!(reused.answered(), alone.answered(), "{row}");
            }
            (Err(e), Err(alone)) => assert_eq!(e.to_string(), alone.to_string(), "{row}"),
            (reused, alone) => panic!("{row}: {reused:?} against {alone:?}"),
        }
    }
}
