//! Text printed for a person never carries a control character from the input: an ESC/OSC
//! sequence in an answer or id would retitle or clear the terminal. JSON output stays JSON.

mod common;
use common::{demo_training_batch, skillcalc, skillcalc_with_stdin, DEMO};

/// Retitles the terminal (OSC 0 … BEL), then clears the screen (CSI 2J).
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}P1\u{1b}[2J";

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n')
}

fn assert_no_control(what: &str, s: &str) {
    assert!(!has_control(s), "{what} holds a control character:\n{s:?}");
}

fn profile(project: &str) -> String {
    serde_json::json!({"org.trainees": 1, "org.project": project, "org.year": 2024}).to_string()
}

#[test]
fn explain_shows_escape_sequences_in_answers_instead_of_obeying_them() {
    let run = skillcalc_with_stdin(
        &[
            "explain",
            "--pack",
            DEMO,
            "--as-of",
            "2024-06-01",
            "--lang",
            "en",
            "-",
        ],
        &profile(&format!("{HOSTILE}\nforged line")),
    );
    run.expect_code(0);
    assert_no_control("explain", &run.stdout);
    assert!(
        run.stdout.contains(
            r"cap shared by the group: \u{1b}]0;pwned\u{7}P1\u{1b}[2J\u{a}forged line|2024"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn json_output_keeps_the_answer_exactly_as_valid_json() {
    let run = skillcalc_with_stdin(
        &["evaluate", "--pack", DEMO, "--as-of", "2024-06-01", "-"],
        &profile(HOSTILE),
    );
    run.expect_code(0);
    assert!(!run.stdout.contains('\u{1b}'), "serde escapes it");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let training = report["provisions"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["id"] == "demo.training"))
        .expect("demo.training");
    assert_eq!(
        training["amount"]["cap_group"],
        format!("{HOSTILE}|2024").as_str()
    );
}

#[test]
fn errors_show_escape_sequences_in_ids_and_values() {
    // A fact id, a provision id and a refused value, each carrying the sequence.
    let run = skillcalc_with_stdin(
        &["evaluate", "--pack", DEMO, "--lang", "en", "-"],
        &serde_json::json!({ HOSTILE: 1 }).to_string(),
    );
    run.expect_code(2);
    assert_no_control("stderr", &run.stderr);
    assert!(
        run.stderr.contains(r"\u{1b}]0;pwned\u{7}P1"),
        "{}",
        run.stderr
    );

    let run = skillcalc(&[
        "evaluate",
        "--provision",
        HOSTILE,
        "tests/data/profile_city.json",
    ]);
    run.expect_code(2);
    assert_no_control("stderr", &run.stderr);
    assert!(run.stderr.contains(r"\u{1b}[2J"), "{}", run.stderr);

    let run = demo_training_batch(
        &[],
        &format!("org.trainees,org.project,org.year\n{HOSTILE},P1,2024\n"),
    );
    run.expect_code(0);
    assert_no_control("stderr", &run.stderr);
    assert!(
        run.stderr
            .contains(r"must be a whole number: \u{1b}]0;pwned\u{7}P1\u{1b}[2J"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_huge_refused_value_is_not_echoed_whole() {
    let huge = "9".repeat(100_000) + "x";
    let rows = format!("org.trainees,org.project,org.year\n{huge},P1,2024\n");
    let run = demo_training_batch(&[], &rows);
    run.expect_code(0);
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("row 1:"))
        .expect("the row's error");
    assert!(line.chars().count() <= 301, "{} chars", line.len());
    assert!(line.ends_with('…'), "{line}");
}

#[test]
fn the_group_totals_csv_on_stderr_shows_escape_sequences() {
    let run = demo_training_batch(
        &["--format", "csv"],
        &format!("org.trainees,org.project,org.year\n1,{HOSTILE},2024\n"),
    );
    run.expect_code(0);
    assert_no_control("stderr", &run.stderr);
    assert!(
        run.stderr
            .contains(r#""\u{1b}]0;pwned\u{7}P1\u{1b}[2J|2024",1,1,"#),
        "{}",
        run.stderr
    );
}
