//! `skillcalc evaluate` and `explain` on real files, and the exit codes 0 / 1 / 2.

mod common;
use common::{skillcalc, skillcalc_with_stdin, DEMO};
use skillcalc_engine::{Report, Status};

const CITY: &str = "tests/data/profile_city.json";

fn evaluate_json(extra: &[&str]) -> Report {
    let mut args = vec![
        "evaluate",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
    ];
    args.extend_from_slice(extra);
    let run = skillcalc(&args);
    run.expect_code(0);
    serde_json::from_str(&run.stdout).expect("stdout is the engine's Report as JSON")
}

#[test]
fn evaluate_prints_the_report_as_json() {
    let report = evaluate_json(&[CITY]);
    assert_eq!(report.as_of, "2024-06-01");
    assert_eq!(report.provisions.len(), 6);
    let award = report
        .provisions
        .iter()
        .find(|p| p.id == "demo.award")
        .expect("demo.award");
    assert_eq!(award.status, Status::Eligible);
    let amount = award.amount.as_ref().expect("an amount");
    assert_eq!(amount.min.value, "50000.00");
    assert_eq!(
        amount.steps.last().map(String::as_str),
        Some("¥60,000, capped at ¥50,000")
    );
    // null is "unknown": the birth date stays a question.
    let bonus = report
        .provisions
        .iter()
        .find(|p| p.id == "demo.unpublished")
        .expect("demo.unpublished");
    assert_eq!(bonus.status, Status::NeedsInfo);
    assert_eq!(bonus.missing, vec!["person.birth_date"]);
}

#[test]
fn evaluate_reads_the_profile_from_stdin() {
    let run = skillcalc_with_stdin(
        &[
            "evaluate",
            "--pack",
            DEMO,
            "--as-of",
            "2024-06-01",
            "--lang",
            "en",
            "-",
        ],
        r#"{"org.trainees": 500, "org.project": "P1", "org.year": 2024}"#,
    );
    run.expect_code(0);
    let report: Report = serde_json::from_str(&run.stdout).expect("JSON report");
    let training = report
        .provisions
        .iter()
        .find(|p| p.id == "demo.training")
        .expect("demo.training");
    assert_eq!(training.status, Status::Eligible);
    assert_eq!(
        training
            .amount
            .as_ref()
            .and_then(|a| a.max.as_ref())
            .map(|m| m.value.as_str()),
        Some("1000000.00")
    );
}

#[test]
fn provision_option_limits_the_report_and_its_totals() {
    let report = evaluate_json(&[
        "--provision",
        "demo.award",
        "--provision",
        "demo.grant",
        CITY,
    ]);
    let ids: Vec<&str> = report.provisions.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["demo.award", "demo.grant"]);
    assert_eq!(report.policies.len(), 1);
    let person = report
        .totals
        .iter()
        .find(|t| t.recipient == skillcalc_engine::Subject::Person)
        .expect("person total");
    assert_eq!(person.eligible.min.value, "50000.00");
    // Only the questions of the chosen provisions.
    assert_eq!(report.questions, vec!["org.industries"]);
}

#[test]
fn evaluate_prints_a_table() {
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        "--format",
        "table",
        CITY,
    ]);
    run.expect_code(0);
    let award = run
        .stdout
        .lines()
        .find(|l| l.starts_with("demo.award"))
        .expect("a row for demo.award");
    for part in [
        "eligible",
        "¥50,000",
        "per person",
        "4.4",
        "Competition matching award",
    ] {
        assert!(award.contains(part), "{part:?} missing from {award:?}");
    }
    let training = run
        .stdout
        .lines()
        .find(|l| l.starts_with("demo.training"))
        .expect("a row for demo.training");
    assert!(
        training.contains("needs info") && training.contains("up to ¥1,000,000"),
        "{training}"
    );
    assert!(
        run.stdout.contains("to the person: eligible ¥50,000"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("Questions to answer next:"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_table_speaks_chinese_by_default() {
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "--format",
        "table",
        CITY,
    ]);
    run.expect_code(0);
    let award = run
        .stdout
        .lines()
        .find(|l| l.starts_with("demo.award"))
        .expect("a row for demo.award");
    assert!(
        award.contains("符合") && award.contains("5万元") && award.contains("竞赛配套奖励"),
        "{award}"
    );
}

#[test]
fn explain_shows_conditions_steps_values_and_dates() {
    let run = skillcalc(&[
        "explain",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        CITY,
    ]);
    run.expect_code(0);
    let text = &run.stdout;
    for part in [
        // the policy, its dates and in-force status
        "Demo〔2022〕1号 Demo policy (Demo bureau)",
        "in force 2022-01-01 – 2025-12-31: in force",
        // status, amount and the arithmetic
        "[eligible] demo.award — Competition matching award",
        "Amount: ¥50,000 (cap ¥50,000)",
        "= 50% × ¥120,000 = ¥60,000",
        "= ¥60,000, capped at ¥50,000",
        // conditions: met, not met, unknown, nested, with what was given and the clause
        "✓ All of the following · clause 4.4",
        "  ✓ Represented the district",
        "given: yes [person.local] · clause 4.4",
        "✗ Partner enterprises: at least 5",
        "? Industries include Software",
        "given: not answered [org.industries]",
        "(advisory: never refuses)",
        // what is missing, with labels; benefits, process, values with provenance
        "Missing (would decide eligibility):",
        "? org.industries  Industries",
        "? person.birth_date  Date of birth",
        "- Honorary title",
        "- 5 working days of public notice",
        "demo.floor (Floor): ¥5,000 from 2023-01-01",
        "document: Demo doc 2; source: test fixture; confidence: confirmed",
        "cap shared by the group: ?|?",
    ] {
        assert!(text.contains(part), "{part:?} missing from:\n{text}");
    }
}

#[test]
fn explain_shows_a_policy_out_of_force() {
    let run = skillcalc(&[
        "explain",
        "--pack",
        DEMO,
        "--as-of",
        "2026-01-01",
        "--lang",
        "en",
        CITY,
    ]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("in force 2022-01-01 – 2025-12-31: expired"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("[not in force] demo.award"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("conditions alone give: eligible"),
        "{}",
        run.stdout
    );
}

#[test]
fn malformed_profile_json_is_bad_input() {
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        "tests/data/profile_malformed.json",
    ]);
    run.expect_code(2);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr
            .contains("tests/data/profile_malformed.json: not a valid JSON object"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("line 1 column"), "{}", run.stderr);
}

#[test]
fn a_profile_that_is_not_an_object_is_bad_input() {
    let run = skillcalc_with_stdin(
        &[
            "evaluate",
            "--pack",
            DEMO,
            "--as-of",
            "2024-06-01",
            "--lang",
            "en",
            "-",
        ],
        "[1, 2]",
    );
    run.expect_code(2);
    assert!(
        run.stderr.contains("-: not a valid JSON object"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_fact_is_named() {
    let args = [
        "evaluate",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "tests/data/profile_unknown_fact.json",
    ];
    let run = skillcalc(&[&args[..], &["--lang", "en"]].concat());
    run.expect_code(2);
    assert_eq!(
        run.stderr.trim(),
        "error: person.nickname: there is no fact named 'person.nickname'"
    );
    let run = skillcalc(&[&args[..], &["--lang", "zh"]].concat());
    run.expect_code(2);
    assert_eq!(
        run.stderr.trim(),
        "error: person.nickname: 没有名为“person.nickname”的事实项"
    );
}

#[test]
fn every_bad_value_is_reported_once_per_fact() {
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        "tests/data/profile_bad_values.json",
    ]);
    run.expect_code(2);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("error: org.trainees: ") && l.contains("whole number")),
        "{}",
        run.stderr
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("error: person.birth_date: ") && l.contains("2023-02-29")),
        "{}",
        run.stderr
    );
}

#[test]
fn an_impossible_as_of_date_is_bad_input() {
    for date in ["2023-02-29", "2024-13-01", "yesterday"] {
        let run = skillcalc(&[
            "evaluate", "--pack", DEMO, "--as-of", date, "--lang", "en", CITY,
        ]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("as_of is not a real date") && run.stderr.contains(date),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn the_default_as_of_is_today() {
    let run = skillcalc(&["evaluate", "--pack", DEMO, "--lang", "en", CITY]);
    run.expect_code(0);
    let report: Report = serde_json::from_str(&run.stdout).expect("JSON report");
    assert_eq!(report.as_of.len(), 10);
    assert!(report.as_of.as_str() >= "2025-01-01", "{}", report.as_of);
}

#[test]
fn an_unknown_provision_is_bad_input() {
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        DEMO,
        "--lang",
        "en",
        "--provision",
        "demo.nothing",
        CITY,
    ]);
    run.expect_code(2);
    assert_eq!(run.stderr.trim(), "error: unknown provision 'demo.nothing'");
}

#[test]
fn an_unreadable_file_is_bad_input() {
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        DEMO,
        "--lang",
        "en",
        "tests/data/no_such_profile.json",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("tests/data/no_such_profile.json: cannot read"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    skillcalc(&["evaluate", "--frobnicate", CITY]).expect_code(2);
    skillcalc(&["evaluate", "--lang", "fr", CITY]).expect_code(2);
    skillcalc(&["evaluate"]).expect_code(2);
    skillcalc(&["no-such-command"]).expect_code(2);
    let help = skillcalc(&["--help"]);
    help.expect_code(0);
    for command in ["evaluate", "explain", "batch", "check", "facts", "policies"] {
        assert!(
            help.stdout.contains(command),
            "{command} missing from --help"
        );
    }
}

#[test]
fn an_invalid_pack_is_bad_input_naming_file_item_and_field() {
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        "tests/data/broken_pack",
        "--lang",
        "en",
        CITY,
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "error: policies/broken.toml: broken.bonus: when.fact: unknown fact 'team.size'"
        ),
        "{}",
        run.stderr
    );
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        "tests/data/no_such_pack",
        "--lang",
        "en",
        CITY,
    ]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("tests/data/no_such_pack: cannot read the rule-pack folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_failed_write_is_an_internal_error() {
    // Writing to /dev/full fails with "no space left": not the user's input, so exit code 1.
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        return;
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_skillcalc"))
        .args([
            "evaluate",
            "--pack",
            DEMO,
            "--as-of",
            "2024-06-01",
            "--lang",
            "en",
            CITY,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(full)
        .output()
        .expect("running skillcalc");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("writing the output failed"));
}

/// Windows editors start UTF-8 files with a byte-order mark; the CSV reader always skipped it.
#[test]
fn a_profile_starting_with_a_byte_order_mark_is_read() {
    let report = evaluate_json(&["tests/data/profile_bom.json"]);
    let training = report
        .provisions
        .iter()
        .find(|p| p.id == "demo.training")
        .expect("demo.training");
    assert_eq!(training.status, Status::Eligible);
    // And JSON lines from standard input: still recognised as JSON lines.
    let run = skillcalc_with_stdin(
        &[
            "batch",
            "--pack",
            DEMO,
            "--provision",
            "demo.training",
            "--as-of",
            "2024-06-01",
            "-",
        ],
        "\u{feff}{\"org.trainees\": 1, \"org.project\": \"P1\", \"org.year\": 2024}\n",
    );
    run.expect_code(0);
    assert!(
        run.stdout.starts_with(r#"{"row":1,"status":"eligible""#),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
}
