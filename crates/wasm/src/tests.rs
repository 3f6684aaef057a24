//! The wasm tests: `wasm-pack test --node crates/wasm`, and in headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome crates/wasm`.
//!
//! They call the exports as JS would (JsValues in, JsValues out). Tests on the embedded pack
//! hold whatever the catalog contains (inputs are built from its facts); exact amounts are
//! checked on tests/demo-pack.json, compiled by the pack compiler. The malformed inputs come
//! from tests/malformed.js, the corpus the npm package's tests use too.

use crate::calculator::{embedded_pack, version, Pack};
use crate::compiler::compile_pack;
use js_sys::{Array, Reflect, JSON};
use skillcalc_engine::{Report, Status};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

#[wasm_bindgen(module = "/tests/malformed.js")]
extern "C" {
    #[wasm_bindgen(js_name = malformedProfiles)]
    fn malformed_profiles(facts: &JsValue) -> Array;
    #[wasm_bindgen(js_name = malformedOptions)]
    fn malformed_options() -> Array;
    #[wasm_bindgen(js_name = malformedPacks)]
    fn malformed_packs(good: &JsValue) -> Array;
}

const DEMO: &str = include_str!("../tests/demo-pack.json");

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON parses")
}

fn field(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(v: &JsValue, key: &str) -> String {
    field(v, key).as_string().unwrap_or_default()
}

fn demo() -> Pack {
    let bytes = compile_pack(&js(DEMO))
        .unwrap_or_else(|e| panic!("demo pack compiles: {}", text(&e, "message_en")));
    Pack::from_compiled(&bytes).unwrap_or_else(|_| panic!("demo pack loads"))
}

fn embedded() -> Pack {
    embedded_pack().unwrap_or_else(|_| panic!("the embedded pack decodes"))
}

fn on(date: &str) -> JsValue {
    js(&format!(r#"{{ "asOf": "{date}", "lang": "en" }}"#))
}

fn report(v: JsValue) -> Report {
    serde_wasm_bindgen::from_value(v).expect("a report reads back as the engine's Report")
}

/// The code of what a failed call threw (an ErrorData object), or "" when it is not one.
fn code(e: &JsValue) -> String {
    text(e, "code")
}

/// decide of one profile handed over as the object (the form's `o`, how the wrapper sends what
/// its compact form cannot say).
fn decide_object(pack: &Pack, profile: &JsValue, options: &JsValue) -> Result<String, JsValue> {
    pack.decide_encoded("o\u{1f}\u{1e}", &[], &Array::of1(profile), options)
}

/// An ordinary call that must work: run after every malformed input.
fn still_works(pack: &Pack) {
    let r = pack.evaluate(&js("{}"), &on("2024-06-01"));
    assert!(r.is_ok(), "the module no longer works");
}

/// Money is exact decimal text with two decimals, never a float.
fn assert_money(v: &str) {
    let (units, cents) = v
        .split_once('.')
        .unwrap_or_else(|| panic!("money {v:?} has no decimals"));
    assert!(
        !units.is_empty() && units.bytes().all(|b| b.is_ascii_digit()),
        "money {v:?}"
    );
    assert!(
        cents.len() == 2 && cents.bytes().all(|b| b.is_ascii_digit()),
        "money {v:?}"
    );
}

/// A plausible answer for every fact, inside its bounds.
fn typical_profile(pack: &Pack) -> JsValue {
    let facts = pack.facts(&JsValue::from_str("en")).expect("facts");
    let profile = js_sys::Object::new();
    for fact in Array::from(&facts).iter() {
        let options = Array::from(&field(&fact, "values"));
        let first_option = field(&options.get(0), "id");
        let bound = |key: &str| text(&fact, key).parse::<f64>().ok();
        let number = match (bound("min"), bound("max")) {
            (Some(min), _) => min.max(1.0),
            (None, Some(max)) => max.min(1.0),
            (None, None) => 1.0,
        };
        let value = match text(&fact, "type").as_str() {
            "bool" => JsValue::TRUE,
            "int" => JsValue::from(number.ceil()),
            "money" | "decimal" => JsValue::from_str(&number.to_string()),
            "enum" => first_option,
            "enum_set" => Array::of1(&first_option).into(),
            "date" => JsValue::from_str(&text(&fact, "min_date").max("2000-01-01".into())),
            _ => JsValue::from_str("P-001"),
        };
        Reflect::set(&profile, &field(&fact, "id"), &value).expect("set");
    }
    profile.into()
}

#[wasm_bindgen_test]
fn version_names_the_package_the_engine_and_the_catalog() {
    let v = version();
    for key in ["package", "engine", "catalog"] {
        assert!(!text(&v, key).is_empty(), "version().{key}");
    }
    assert_eq!(text(&v, "package"), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn the_embedded_pack_evaluates_an_empty_and_a_typical_profile() {
    let pack = embedded();
    let provisions = Array::from(&pack.policies(&JsValue::UNDEFINED).expect("policies"))
        .iter()
        .map(|p| Array::from(&field(&p, "provisions")).length())
        .sum::<u32>();
    for profile in [js("{}"), typical_profile(&pack)] {
        let r = pack.evaluate(&profile, &on("2024-06-01"));
        let r = report(r.unwrap_or_else(|e| panic!("evaluates: {}", text(&e, "message_en"))));
        assert_eq!(r.provisions.len() as u32, provisions);
        assert_eq!(r.as_of, "2024-06-01");
        for p in &r.provisions {
            if let Some(a) = &p.amount {
                assert_money(&a.min.value);
                a.max
                    .iter()
                    .chain(a.cap.iter())
                    .for_each(|m| assert_money(&m.value));
            }
        }
        for t in &r.totals {
            assert_money(&t.eligible.min.value);
            assert_money(&t.possible.min.value);
        }
    }
}

#[wasm_bindgen_test]
fn a_city_prize_of_120000_gives_50000_capped() {
    let pack = demo();
    let profile = js(
        r#"{ "person.local": true, "person.prize_level": "city", "person.city_award": "120000" }"#,
    );
    let r = report(
        pack.evaluate(&profile, &on("2024-06-01"))
            .unwrap_or_else(|_| panic!("evaluates")),
    );
    let award = r
        .provisions
        .iter()
        .find(|p| p.id == "demo.award")
        .expect("demo.award");
    assert_eq!(award.status, Status::Eligible);
    let amount = award.amount.as_ref().expect("an amount");
    assert_eq!(amount.min.value, "50000.00");
    assert_eq!(amount.min.display, "¥50,000");
    assert_eq!(
        amount.max.as_ref().map(|m| m.value.as_str()),
        Some("50000.00")
    );
    assert!(amount.exact);
    assert_eq!(
        amount.steps.last().map(String::as_str),
        Some("¥60,000, capped at ¥50,000")
    );
    assert_eq!(r.pack.name, "demo");

    // The same in Chinese, and money given as a number is the same money.
    let zh = js(r#"{ "asOf": "2024-06-01", "lang": "zh" }"#);
    let profile = js(
        r#"{ "person.local": true, "person.prize_level": "city", "person.city_award": 120000 }"#,
    );
    let r = report(
        pack.evaluate(&profile, &zh)
            .unwrap_or_else(|_| panic!("evaluates")),
    );
    let amount = r.provisions[0].amount.as_ref().expect("an amount");
    assert_eq!(amount.min.value, "50000.00");
    assert_eq!(amount.min.display, "5万元");
}

#[wasm_bindgen_test]
fn unanswered_facts_are_unknown_not_false() {
    let r = report(
        demo()
            .evaluate(&js("{}"), &on("2024-06-01"))
            .unwrap_or_else(|_| panic!("evaluates")),
    );
    let award = &r.provisions[0];
    assert_eq!(award.status, Status::NeedsInfo);
    assert_eq!(award.missing, vec!["person.local", "person.prize_level"]);
    // The next questions: what decides eligibility, and what narrows the amount.
    for fact in ["person.local", "person.prize_level", "person.city_award"] {
        assert!(
            r.questions.iter().any(|q| q == fact),
            "{fact} in {:?}",
            r.questions
        );
    }
}

#[wasm_bindgen_test]
fn options_default_to_today_in_chinese() {
    let r = report(
        demo()
            .evaluate(&js("{}"), &JsValue::UNDEFINED)
            .unwrap_or_else(|_| panic!("evaluates")),
    );
    let now = js_sys::Date::new_0();
    let today = format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    );
    assert_eq!(r.as_of, today);
    assert_eq!(r.provisions[0].title, "竞赛配套奖励");
    // A language alone is accepted for options.
    let en = report(
        demo()
            .evaluate(&js("{}"), &JsValue::from_str("en"))
            .unwrap_or_else(|_| panic!("evaluates")),
    );
    assert_eq!(en.provisions[0].title, "Competition matching award");
}

#[wasm_bindgen_test]
fn after_the_policy_ends_it_is_not_in_force() {
    let profile = js(
        r#"{ "person.local": true, "person.prize_level": "city", "person.city_award": "1000" }"#,
    );
    let r = report(
        demo()
            .evaluate(&profile, &on("2026-01-01"))
            .unwrap_or_else(|_| panic!("evaluates")),
    );
    assert_eq!(r.provisions[0].status, Status::NotInForce);
    assert_eq!(r.provisions[0].decision, Status::Eligible);
}

#[wasm_bindgen_test]
fn facts_and_policies_are_listed_in_either_language() {
    let pack = demo();
    let facts = Array::from(
        &pack
            .facts(&JsValue::from_str("en"))
            .unwrap_or_else(|_| panic!("facts")),
    );
    assert_eq!(text(&facts.get(0), "id"), "person.prize_level");
    assert_eq!(text(&facts.get(0), "type"), "enum");
    assert_eq!(text(&facts.get(0), "label"), "Prize level");
    let zh = Array::from(
        &pack
            .facts(&JsValue::UNDEFINED)
            .unwrap_or_else(|_| panic!("facts")),
    );
    assert_eq!(text(&zh.get(0), "label"), "获奖级别");
    let policies = Array::from(
        &pack
            .policies(&on("2024-06-01"))
            .unwrap_or_else(|_| panic!("policies")),
    );
    assert_eq!(text(&policies.get(0), "in_force"), "in_force");
    assert_eq!(
        Array::from(&field(&policies.get(0), "provisions"))
            .get(0)
            .as_string()
            .as_deref(),
        Some("demo.award")
    );
    // Absent values are null, as in the CLI's JSON (not undefined).
    assert!(field(&facts.get(0), "help").is_null());
}

#[wasm_bindgen_test]
fn a_bad_profile_names_every_fact_in_both_languages() {
    let e = demo()
        .evaluate(
            &js(r#"{ "person.city_award": "-5", "nope": 1 }"#),
            &on("2024-06-01"),
        )
        .expect_err("fails");
    assert_eq!(code(&e), "invalid_profile");
    assert_eq!(text(&e, "field"), "nope"); // the engine lists answers by fact id
    let problems = Array::from(&field(&e, "problems"));
    assert_eq!(problems.length(), 2);
    let money = problems
        .iter()
        .find(|p| text(p, "fact") == "person.city_award")
        .expect("the money problem");
    assert_eq!(text(&money, "code"), "negative");
    assert!(text(&money, "message_zh").contains("市级奖励金额"));
    assert!(text(&money, "message_en").contains("City award"));
    assert!(text(&e, "message_zh").starts_with("档案有 2 个问题"));
}

#[wasm_bindgen_test]
fn a_bad_option_is_named() {
    let e = demo()
        .evaluate(&js("{}"), &js(r#"{ "asOf": "2023-02-29" }"#))
        .expect_err("fails");
    assert_eq!(code(&e), "invalid_option");
    assert_eq!(text(&e, "field"), "asOf");
    assert!(text(&e, "message_en").contains("2023-02-29"));
    let e = demo()
        .evaluate(&js("{}"), &js(r#"{ "asof": "2024-01-01" }"#))
        .expect_err("fails");
    assert_eq!(text(&e, "field"), "asof");
}

#[wasm_bindgen_test]
fn a_bad_pack_names_file_item_and_field_of_every_problem() {
    let mut pack: serde_json::Value = serde_json::from_str(DEMO).expect("demo JSON");
    pack["facts"][1]["lable"] = pack["facts"][1]["label"].clone();
    pack["policies"][0]["provision"][0]["amount"]["cases"]["city"]["ratio"] = "half".into();
    let e = compile_pack(&js(&pack.to_string())).expect_err("fails");
    assert_eq!(code(&e), "invalid_pack");
    let problems = Array::from(&field(&e, "problems"));
    let first = problems.get(0);
    assert_eq!(
        (
            text(&first, "file"),
            text(&first, "item"),
            text(&first, "field")
        ),
        ("facts".into(), "person.city_award".into(), "lable".into())
    );
    assert_eq!(text(&e, "field"), "facts: person.city_award: lable");

    // Once it reads, the engine's own checks name the field as a path.
    pack["facts"][1].as_object_mut().map(|f| f.remove("lable"));
    let e = compile_pack(&js(&pack.to_string())).expect_err("fails");
    let first = Array::from(&field(&e, "problems")).get(0);
    assert_eq!(text(&first, "item"), "demo.award");
    assert!(
        text(&first, "field").contains("ratio"),
        "{}",
        text(&first, "field")
    );
}

#[wasm_bindgen_test]
fn a_batch_gives_one_report_per_profile_in_order() {
    let pack = demo();
    let profiles = js(r#"[
        { "person.local": true, "person.prize_level": "city", "person.city_award": "120000" },
        {},
        { "person.local": false }
    ]"#);
    let out = Array::from(
        &pack
            .evaluate_batch(&profiles, &on("2024-06-01"))
            .unwrap_or_else(|_| panic!("batch")),
    );
    let statuses: Vec<Status> = out.iter().map(|r| report(r).provisions[0].status).collect();
    assert_eq!(
        statuses,
        vec![Status::Eligible, Status::NeedsInfo, Status::NotEligible]
    );

    let profiles = js(r#"[ {}, {}, { "person.contests": -1 } ]"#);
    let e = pack
        .evaluate_batch(&profiles, &on("2024-06-01"))
        .expect_err("fails");
    assert_eq!(code(&e), "invalid_profile");
    assert_eq!(field(&e, "row").as_f64(), Some(2.0));
    let e = pack
        .evaluate_batch(&js("{}"), &on("2024-06-01"))
        .expect_err("fails");
    assert_eq!(code(&e), "invalid_profile");
    assert!(
        Array::from(
            &pack
                .evaluate_batch(&js("[]"), &JsValue::UNDEFINED)
                .unwrap_or_else(|_| panic!("empty"))
        )
        .length()
            == 0
    );
}

/// Runs every case; each must end as it says (or succeed when it says null), and the module
/// must still work after it.
fn run_corpus(cases: Array, pack: &Pack, call: impl Fn(&JsValue) -> Result<JsValue, JsValue>) {
    assert!(cases.length() > 10, "the corpus is there");
    for case in cases.iter() {
        let name = text(&case, "name");
        let expected = field(&case, "code").as_string();
        match (call(&field(&case, "value")), expected) {
            (Err(e), Some(want)) => assert_eq!(code(&e), want, "{name}"),
            (Ok(_), None) => {}
            (Err(e), None) if !code(&e).is_empty() => {} // allowed to fail, if typed
            (got, want) => panic!(
                "{name}: expected {want:?}, got {:?}",
                got.map_err(|e| code(&e))
            ),
        }
        still_works(pack);
    }
}

#[wasm_bindgen_test]
fn malformed_profiles_fail_cleanly_and_the_module_goes_on() {
    for pack in [demo(), embedded()] {
        let facts = pack
            .facts(&JsValue::UNDEFINED)
            .unwrap_or_else(|_| panic!("facts"));
        run_corpus(malformed_profiles(&facts), &pack, |v| {
            pack.evaluate(v, &on("2024-06-01"))
        });
        // And inside a batch, and through decide.
        run_corpus(malformed_profiles(&facts), &pack, |v| {
            pack.evaluate_batch(&Array::of2(&js("{}"), v), &on("2024-06-01"))
        });
        run_corpus(malformed_profiles(&facts), &pack, |v| {
            decide_object(&pack, v, &on("2024-06-01")).map(JsValue::from)
        });
    }
}

#[wasm_bindgen_test]
fn malformed_options_fail_cleanly_and_the_module_goes_on() {
    let pack = demo();
    run_corpus(malformed_options(), &pack, |o| pack.evaluate(&js("{}"), o));
    run_corpus(malformed_options(), &pack, |o| {
        pack.evaluate_batch(&js("[{}]"), o)
    });
    run_corpus(malformed_options(), &pack, |o| {
        decide_object(&pack, &js("{}"), o).map(JsValue::from)
    });
    run_corpus(malformed_options(), &pack, |o| pack.facts(o));
    run_corpus(malformed_options(), &pack, |o| pack.policies(o));
}

#[wasm_bindgen_test]
fn malformed_packs_fail_cleanly_and_the_module_goes_on() {
    let pack = demo();
    run_corpus(malformed_packs(&js(DEMO)), &pack, |p| {
        compile_pack(p).map(|b| JsValue::from(b.len()))
    });
    assert!(compile_pack(&js(DEMO)).is_ok(), "the compiler still works");
}

#[wasm_bindgen_test]
fn throwing_getters_do_not_leak_the_stack() {
    // Before js.rs, each exception unwound through Rust frames and leaked their stack; the
    // module died after about 450 calls.
    let pack = demo();
    let facts = pack
        .facts(&JsValue::UNDEFINED)
        .unwrap_or_else(|_| panic!("facts"));
    let getter = malformed_profiles(&facts)
        .iter()
        .find(|c| text(c, "name").ends_with("a throwing getter"))
        .map(|c| field(&c, "value"))
        .expect("the corpus has a throwing getter");
    for _ in 0..3000 {
        assert_eq!(
            code(
                &pack
                    .evaluate(&getter, &JsValue::UNDEFINED)
                    .expect_err("fails")
            ),
            "invalid_profile"
        );
    }
    still_works(&pack);
}

/// decide's compact form has the layout encode.rs describes: as_of, lang, n, n decisions (a
/// head of four places: provision, status, decision, shape; 5 amount fields if the shape has 1,
/// missing, failed, warnings, 2 error fields if the shape has 2), t, t totals of 14 fields,
/// each field ended by U+001F; places name what `names()` lists.
#[wasm_bindgen_test]
fn decide_writes_the_layout_the_wrapper_reads() {
    let pack = embedded();
    for profile in [js("{}"), typical_profile(&pack)] {
        let encoded = decide_object(&pack, &profile, &on("2024-06-01"))
            .unwrap_or_else(|e| panic!("decides: {}", text(&e, "message_en")));
        let fields: Vec<&str> = encoded.split('\u{1f}').collect();
        assert_eq!((fields[0], fields[1]), ("2024-06-01", "en"));
        let n: usize = fields[2].parse().expect("a count");
        let provisions = report(
            pack.evaluate(&profile, &on("2024-06-01"))
                .expect("evaluates"),
        )
        .provisions;
        assert_eq!(n, provisions.len());
        let names = pack.names();
        let lists: Vec<Vec<&str>> = (names.split('\u{1f}'))
            .map(|l| l.split_terminator('\u{1e}').collect())
            .collect();
        let place = |c: char| c as usize - 0x20;
        let mut at = 3;
        for p in &provisions {
            let head: Vec<usize> = fields[at].chars().map(place).collect();
            assert_eq!(head.len(), 4, "{}", p.id);
            assert_eq!(
                (lists[0][head[0]], lists[2][head[1]], lists[2][head[2]]),
                (p.id.as_str(), p.status.as_str(), p.decision.as_str())
            );
            assert_eq!(head[3] & 1 == 1, p.amount.is_some(), "{}", p.id);
            assert_eq!(head[3] & 2 == 2, p.error.is_some(), "{}", p.id);
            at += 1;
            if let Some(a) = &p.amount {
                assert_eq!(fields[at], a.min.value.as_str());
                at += 5;
            }
            let missing: Vec<&str> = fields[at].chars().map(|c| lists[1][place(c)]).collect();
            assert_eq!(missing, p.missing, "{}", p.id);
            // The report's warnings, but for the sentence that the policy is not in force
            // (the status says it).
            let said: Vec<&str> = (p.warnings.iter())
                .filter(|w| p.status != Status::NotInForce || !w.starts_with(&p.document))
                .map(String::as_str)
                .collect();
            assert_eq!(fields[at + 2], said.join("\u{1e}"), "{}", p.id);
            at += 3;
            if p.error.is_some() {
                at += 2;
            }
        }
        let t: usize = fields[at].parse().expect("a count");
        assert_eq!(
            fields.len(),
            at + 1 + 14 * t + 1,
            "every field ends with U+001F"
        );
        assert_eq!(fields.last(), Some(&""));
    }
}

/// A profile in compact form fails as the same object would: every problem, in the same order,
/// NaN refused for its fact as a number; and a text that breaks the form is refused as such.
#[wasm_bindgen_test]
fn decide_in_compact_form_fails_as_from_an_object() {
    let pack = embedded();
    let object = js(
        r#"{"contest.level": "planet", "a.b": 1, "contest.city_award_amount": "lots", "contest.won_prize": 5}"#,
    );
    Reflect::set(
        &object,
        &JsValue::from_str("org.partner_enterprises"),
        &JsValue::from_f64(f64::NAN),
    )
    .expect("set");
    let compact = [
        "p5",
        "contest.level",
        "splanet",
        "a.b",
        "n",
        "contest.city_award_amount",
        "slots",
        "contest.won_prize",
        "n",
        "org.partner_enterprises",
        "n",
        "\u{1e}",
    ]
    .join("\u{1f}");
    let from_object = decide_object(&pack, &object, &on("2024-06-01")).expect_err("refused");
    let from_compact = pack
        .decide_encoded(
            &compact,
            &[1.0, 5.0, f64::NAN],
            &Array::new(),
            &on("2024-06-01"),
        )
        .expect_err("refused");
    assert_eq!(code(&from_object), "invalid_profile");
    let problems = |e: &JsValue| {
        JSON::stringify(&field(e, "problems"))
            .ok()
            .and_then(|s| s.as_string())
            .expect("problems")
    };
    assert_eq!(problems(&from_compact), problems(&from_object));
    assert_eq!(
        Array::from(&field(&from_compact, "problems")).length(),
        5,
        "{}",
        problems(&from_compact)
    );
    let broken = [
        "",
        "\u{1e}",
        "p1\u{1f}\u{1e}",
        "p2\u{1f}contest.level\u{1f}scity\u{1f}\u{1e}",
        "p1\u{1f}contest.won_prize\u{1f}n\u{1f}\u{1e}",
        "p1\u{1f}contest.level\u{1f}x\u{1f}\u{1e}",
        "p1\u{1f}contest.level\u{1f}l2\u{1f}scity\u{1f}\u{1e}",
        "p1\u{1f}contest.level\u{1f}l9999999999\u{1f}\u{1e}",
        "q\u{1f}\u{1e}",
        "p-1\u{1f}\u{1e}",
        "o\u{1f}\u{1e}",
        // the form's ends: missing, misplaced, or more than the profile said
        "p1\u{1f}contest.level\u{1f}scity\u{1f}",
        "p1\u{1f}contest.level\u{1f}scity\u{1e}",
        "p0\u{1f}contest.level\u{1f}scity\u{1f}\u{1e}",
        "p1\u{1f}contest.level\u{1f}scity\u{1f}\u{1f}\u{1e}",
        "p0\u{1f}\u{1e}p0\u{1f}\u{1e}",
        "p0\u{1f}\u{1e}x",
        // a fact by place: none, two characters, a control character, past the pack's facts
        "p1\u{1f}\u{1}\u{1f}scity\u{1f}\u{1e}",
        "p1\u{1f}\u{1}\u{20}\u{20}\u{1f}scity\u{1f}\u{1e}",
        "p1\u{1f}\u{1}\u{5}\u{1f}scity\u{1f}\u{1e}",
        "p1\u{1f}\u{1}\u{d7ff}\u{1f}scity\u{1f}\u{1e}",
    ];
    for text in broken {
        let e = pack
            .decide_encoded(text, &[], &Array::new(), &on("2024-06-01"))
            .expect_err("refused");
        assert_eq!(code(&e), "invalid_profile", "{text:?}");
    }
    still_works(&pack);
}

/// The compact form (the wrapper's fast way in) and the object form of one profile decide the
/// same, on any date, every provision of the catalogue.
#[wasm_bindgen_test]
fn decide_reads_the_compact_form_as_the_object_form() {
    let pack = embedded();
    let profile = js(r#"{ "contest.level": "city" }"#);
    // The fact by id, and by its place (as the wrapper writes a fact of the pack).
    let names = pack.names();
    let facts: Vec<&str> = names
        .split('\u{1f}')
        .nth(1)
        .expect("facts")
        .split_terminator('\u{1e}')
        .collect();
    let at = facts
        .iter()
        .position(|f| *f == "contest.level")
        .expect("a fact of the catalogue");
    let by_place = format!(
        "p1\u{1f}\u{1}{}\u{1f}scity\u{1f}\u{1e}",
        char::from_u32(0x20 + at as u32).expect("a place")
    );
    for day in ["2024-06-01", "2023-01-01", "2024-06-01"] {
        let from_object = decide_object(&pack, &profile, &on(day)).expect("decides");
        for compact in ["p1\u{1f}contest.level\u{1f}scity\u{1f}\u{1e}", &by_place] {
            let from_compact = pack
                .decide_encoded(compact, &[], &Array::new(), &on(day))
                .expect("decides");
            assert_eq!(from_compact, from_object, "{compact:?}");
        }
        let fields: Vec<&str> = from_object.split('\u{1f}').collect();
        assert_eq!(fields[0], day);
        let n: usize = fields[2].parse().expect("a count");
        assert!(n > 20, "every provision of the catalogue");
    }
}

/// batch reads the rows the wrapper writes (profile.rs, `Profiles`): any row at all ends in a
/// decision or a typed error for that row, never in a panic, and the rows after it go on; a row
/// that breaks the form is refused with every row after it (what they meant to read is unknown),
/// and none is read with another row's answers.
#[wasm_bindgen_test]
fn batch_rows_of_any_shape_fail_row_by_row() {
    let pack = demo();
    let mut deep: JsValue = Array::new().into();
    for _ in 0..100_000 {
        deep = Array::of1(&deep).into();
    }
    let nested = js_sys::Object::new();
    Reflect::set(&nested, &JsValue::from_str("person.code"), &deep).expect("set");
    let huge = format!("s{}", "x".repeat(1_000_000));
    let good: &[&str] = &[
        "p3",
        "person.local",
        "t",
        "person.prize_level",
        "scity",
        "person.city_award",
        "s1000",
    ];
    let rows: Vec<Vec<&str>> = vec![
        good.to_vec(),
        vec!["!"],
        vec!["o"],
        vec!["o"],
        vec!["p1", "person.city_award", "n"],
        vec!["p1", "person.nope", "n"],
        vec!["p1", "person.code", huge.as_str()],
        vec!["p1", "person.code", "l2", "sa", "sb"],
        vec!["p0"],
        good.to_vec(),
        vec!["zzz"],
        good.to_vec(),
        vec!["p0"],
    ];
    let mut written = format!("{}\u{1e}", rows.len());
    for row in &rows {
        for field in row {
            written.push_str(field);
            written.push('\u{1f}');
        }
        written.push('\u{1e}');
    }
    let objects = Array::of2(&JsValue::from_str("a string"), &nested);
    let options = js(r#"{ "asOf": "2024-06-01", "lang": "en", "provision": "demo.award" }"#);
    let run = |written: &str| {
        pack.batch_encoded(
            &JsValue::from(written),
            &[f64::NAN, 1.0],
            &objects,
            &options,
        )
    };
    let result = run(&written).unwrap_or_else(|e| {
        panic!(
            "a batch of bad rows is no error: {}",
            text(&e, "message_en")
        )
    });
    let encoded = result.get(0).as_string().expect("the encoded rows");
    let errors = Array::from(&result.get(1));
    let error_rows: Vec<u32> = (0..errors.length())
        .map(|i| field(&errors.get(i), "row").as_f64().unwrap_or(-1.0) as u32)
        .collect();
    assert_eq!(
        error_rows,
        [1, 2, 3, 4, 5, 6, 7, 10, 11, 12],
        "each invalid row on its own; after the malformed row 10, every row"
    );
    for e in errors.iter() {
        assert_eq!(code(&e), "invalid_profile");
    }
    assert!(
        text(&errors.get(7), "message_en").contains("must be an object"),
        "the malformed row: {}",
        text(&errors.get(7), "message_en")
    );
    assert!(
        text(&errors.get(8), "message_en").contains("an earlier profile was malformed"),
        "a good row after it is refused, not read: {}",
        text(&errors.get(8), "message_en")
    );
    // Provision 0 (demo.award), eligible, eligible, an amount: places, a character each.
    let decided: Vec<&str> = encoded.split('\u{1f}').collect();
    assert_eq!(
        decided[..3],
        ["13", "1", "\u{20}\u{20}\u{20}\u{21}"],
        "{encoded}"
    );
    assert_eq!(
        encoded
            .matches("\u{1f}1\u{1f}\u{20}\u{20}\u{20}\u{21}\u{1f}")
            .count(),
        2,
        "rows 0 and 9 decided alike"
    );
    // Not a string (the wrapper passes null for anything but an array), a count no rows follow,
    // a count that leaves rows unread, or no row ends at all.
    for written in [
        JsValue::NULL,
        JsValue::from("1000000\u{1e}p0\u{1f}\u{1e}"),
        JsValue::from("1\u{1e}p0\u{1f}\u{1e}p0\u{1f}\u{1e}"),
        JsValue::from("1\u{1f}p0\u{1f}"),
        JsValue::from(""),
    ] {
        let e = pack
            .batch_encoded(&written, &[], &Array::new(), &options)
            .expect_err("refused");
        assert_eq!(code(&e), "invalid_profile", "{written:?}");
    }
    // A row that breaks the form where the reader stops inside it: a field without its end,
    // more fields than the row said, a value missing, an empty row. Each is that row's error.
    for row in [
        "p0\u{1e}",
        "p0\u{1f}extra\u{1f}\u{1e}",
        "p1\u{1f}person.code\u{1f}\u{1e}",
        "p1\u{1f}person.code\u{1f}sab",
        "\u{1e}",
    ] {
        let result = run(&format!("1\u{1e}{row}")).expect("one row's error, not the call's");
        let errors = Array::from(&result.get(1));
        assert_eq!(errors.length(), 1, "{row:?}");
        assert!(
            text(&errors.get(0), "message_en").contains("must be an object"),
            "{row:?}: {}",
            text(&errors.get(0), "message_en")
        );
    }
    still_works(&pack);
}
