//! `skillcalc check`, `facts` and `policies`: on test packs, and structural checks on the
//! embedded catalog (whose content is not pinned here).

mod common;
use common::{passed_failed, skillcalc, TempDir, DEMO};
use serde_json::Value;

#[test]
fn check_a_valid_pack_runs_its_scenarios() {
    let run = skillcalc(&["check", "tests/data/mini_pack"]);
    run.expect_code(0);
    assert_eq!(run.last_line(), "3 passed, 0 failed");
}

#[test]
fn check_reports_a_failing_scenario_with_file_and_id() {
    let run = skillcalc(&["check", "tests/data/failing_scenario_pack"]);
    run.expect_code(2);
    assert!(
        run.stdout
            .contains("FAIL scenarios/mini.toml:wrong-amount: amount: expected 9999, got ¥1,500"),
        "{}",
        run.stdout
    );
    assert_eq!(run.last_line(), "1 passed, 1 failed");
}

/// A TOML syntax error is reported at its line and column, as every other problem of the pack.
#[test]
fn check_gives_the_line_and_column_of_a_syntax_error() {
    let dir = TempDir::new("check-syntax");
    copy_dir("tests/data/mini_pack", dir.path());
    let facts = dir.join("facts.toml");
    let text = std::fs::read_to_string(&facts).expect("facts.toml");
    // A value with no closing quote on line 3.
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines.insert(2, "broken = \"no end".into());
    std::fs::write(&facts, lines.join("\n")).expect("write");
    let run = skillcalc(&["check", dir.path().to_str().expect("utf-8 path")]);
    run.expect_code(2);
    assert!(
        run.stdout.lines().any(|l| l.starts_with("facts.toml:3:")),
        "{}",
        run.stdout
    );
    assert_eq!(run.last_line(), "0 passed, 1 failed");
}

/// `--corpus`: once every scenario passes, the JSON corpus is written, and each later run says
/// it is up to date or names exactly the scenarios added, changed and removed.
#[test]
fn check_brings_the_corpus_up_to_date_and_names_what_changed() {
    let dir = TempDir::new("check-corpus");
    let corpus = dir.join("corpus.json");
    let path = corpus.to_str().expect("utf-8 path");
    let run = skillcalc(&["check", "tests/data/mini_pack", "--corpus", path]);
    run.expect_code(0);
    let ids: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("corpus: added "))
        .collect();
    assert_eq!(ids.len(), 3, "{}", run.stdout);
    assert!(
        run.stdout.contains(&format!("corpus {path} written")),
        "{}",
        run.stdout
    );

    let run = skillcalc(&["check", "tests/data/mini_pack", "--corpus", path]);
    assert!(
        run.stdout.contains(&format!("corpus {path} is up to date")),
        "{}",
        run.stdout
    );

    // A stale corpus: one case's expectation differs, one is missing, one is left over.
    let mut cases: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&corpus).expect("corpus")).expect("JSON");
    cases[0]["expect"]["status"] = Value::from("not_eligible");
    let missing = cases.remove(1);
    let mut extra = cases[0].clone();
    extra["id"] = Value::from("gone");
    cases.push(extra);
    std::fs::write(&corpus, serde_json::to_string_pretty(&cases).expect("JSON")).expect("write");
    let run = skillcalc(&["check", "tests/data/mini_pack", "--corpus", path]);
    run.expect_code(0);
    let file = cases[0]["file"].as_str().expect("file");
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("corpus: "))
        .collect();
    assert_eq!(
        lines,
        [
            format!(
                "corpus: changed {file}:{}",
                cases[0]["id"].as_str().expect("id")
            ),
            format!(
                "corpus: added {file}:{}",
                missing["id"].as_str().expect("id")
            ),
            format!("corpus: removed {file}:gone"),
        ],
        "{}",
        run.stdout
    );
    let run = skillcalc(&["check", "tests/data/mini_pack", "--corpus", path]);
    assert!(run.stdout.contains("is up to date"), "{}", run.stdout);

    // Failing scenarios leave the corpus alone.
    let run = skillcalc(&[
        "check",
        "tests/data/failing_scenario_pack",
        "--corpus",
        path,
    ]);
    run.expect_code(2);
    assert!(
        run.stdout
            .contains(&format!("corpus {path} not written: scenarios fail")),
        "{}",
        run.stdout
    );
}

/// A pack given with --pack may not call itself the embedded catalogue, and reports say which
/// pack they come from.
#[test]
fn a_pack_cannot_pass_as_the_embedded_catalogue() {
    let tmp = TempDir::new("check-name");
    let dir = tmp.join("shanghai-skills");
    // The profile as a file: the refusal comes before any input is read.
    let empty = dir.with_file_name("empty.json");
    std::fs::write(&empty, "{}").expect("profile");
    let empty = empty.to_str().expect("utf-8");
    std::fs::create_dir_all(&dir).expect("dir");
    copy_dir("tests/data/mini_pack", &dir);
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        dir.to_str().expect("utf-8"),
        "--lang",
        "en",
        "--format",
        "json",
        empty,
    ]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("may not take the embedded catalogue's name"),
        "{}",
        run.stderr
    );

    let run = skillcalc(&["evaluate", "--lang", "en", "--format", "json", empty]);
    run.expect_code(0);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["pack"]["name"], "shanghai-skills");
    assert_eq!(report["pack"]["embedded"], true);
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        "tests/data/mini_pack",
        "--lang",
        "en",
        "--format",
        "json",
        empty,
    ]);
    run.expect_code(0);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["pack"]["embedded"], false);
}

fn copy_dir(from: &str, to: &std::path::Path) {
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(from);
    for entry in std::fs::read_dir(&from).expect("fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            std::fs::create_dir_all(&target).expect("dir");
            copy_dir(entry.path().to_str().expect("utf-8"), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn check_names_file_item_and_field_of_every_pack_problem() {
    let run = skillcalc(&["check", "tests/data/broken_pack"]);
    run.expect_code(2);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.contains(
            &"policies/broken.toml:19:1: broken.bonus: when.fact: unknown fact 'team.size'"
        ),
        "{}",
        run.stdout
    );
    assert!(
        lines.contains(
            &"policies/broken.toml:22:1: broken.bonus: amount.range: min 3000 is greater than max 1000"
        ),
        "{}",
        run.stdout
    );
    assert_eq!(run.last_line(), "0 passed, 2 failed");
}

#[test]
fn check_the_demo_pack() {
    // Count the demo's scenarios here rather than pinning a number the fixture may change.
    let scenarios: usize =
        std::fs::read_dir(format!("{}/{DEMO}/scenarios", env!("CARGO_MANIFEST_DIR")))
            .expect("demo scenarios")
            .flatten()
            .map(|e| {
                std::fs::read_to_string(e.path())
                    .unwrap_or_default()
                    .matches("[[scenario]]")
                    .count()
            })
            .sum();
    assert!(scenarios >= 10);
    let run = skillcalc(&["check", DEMO]);
    let (passed, failed) = passed_failed(run.last_line());
    assert_eq!(passed + failed, scenarios, "{}", run.stdout);
    run.expect_code(if failed == 0 { 0 } else { 2 });
}

#[test]
fn check_a_missing_folder_is_bad_input() {
    let run = skillcalc(&["check", "tests/data/no_such_pack"]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("tests/data/no_such_pack"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_the_catalog_sources_on_disk() {
    let run = skillcalc(&["check", "../catalog/pack"]);
    let (passed, failed) = passed_failed(run.last_line());
    assert_eq!(failed, 0, "{}", run.stdout);
    assert!(passed >= 1, "{}", run.stdout);
    run.expect_code(0);
}

#[test]
fn check_without_a_folder_checks_the_embedded_catalog() {
    let run = skillcalc(&["check"]);
    // The closing line is always there; whether it passes is the catalog's own test.
    passed_failed(run.last_line());
    assert!(run.code == 0 || run.code == 2, "{}", run.stderr);
}

#[test]
fn facts_lists_the_registry() {
    let run = skillcalc(&["facts", "--pack", DEMO, "--lang", "en", "--format", "json"]);
    run.expect_code(0);
    let facts: Vec<Value> = serde_json::from_str(&run.stdout).expect("a JSON array");
    assert_eq!(facts.len(), 11);
    let industries = facts
        .iter()
        .find(|f| f["id"] == "org.industries")
        .expect("org.industries");
    assert_eq!(industries["type"], "enum_set");
    assert_eq!(industries["subject"], "organisation");
    assert_eq!(industries["group"], "org");
    assert_eq!(industries["label"], "Industries");
    assert_eq!(
        industries["values"][0],
        serde_json::json!({ "id": "software", "label": "Software" })
    );
    let years = facts
        .iter()
        .find(|f| f["id"] == "org.years")
        .expect("org.years");
    assert_eq!(
        (years["min"].as_str(), years["max"].as_str()),
        (Some("0"), Some("3"))
    );

    let run = skillcalc(&["facts", "--pack", DEMO, "--lang", "en"]);
    run.expect_code(0);
    assert!(run.stdout.starts_with("id "), "{}", run.stdout);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("org.industries"))
        .expect("a row");
    assert!(
        line.contains("enum_set") && line.contains("software, finance, other"),
        "{line}"
    );
}

#[test]
fn policies_lists_documents_dates_and_in_force_status() {
    let run = skillcalc(&[
        "policies",
        "--pack",
        DEMO,
        "--as-of",
        "2026-01-01",
        "--format",
        "json",
    ]);
    run.expect_code(0);
    let policies: Vec<Value> = serde_json::from_str(&run.stdout).expect("a JSON array");
    assert_eq!(policies.len(), 1);
    assert_eq!(policies[0]["document"], "Demo〔2022〕1号");
    assert_eq!(policies[0]["until"], "2025-12-31");
    assert_eq!(policies[0]["in_force"], "expired");
    assert_eq!(policies[0]["provisions"].as_array().map(Vec::len), Some(6));

    let run = skillcalc(&[
        "policies",
        "--pack",
        DEMO,
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
    ]);
    run.expect_code(0);
    assert!(run.stdout.contains("in force"), "{}", run.stdout);
    assert!(
        run.stdout.contains("demo.award, demo.college"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_embedded_catalog_lists_its_policies_and_facts() {
    let run = skillcalc(&["policies", "--format", "json"]);
    run.expect_code(0);
    let policies: Vec<Value> = serde_json::from_str(&run.stdout).expect("a JSON array");
    // A build may embed another pack (SKILLCALC_PACK_DIR); the real catalog has at least 5.
    let minimum = if option_env!("SKILLCALC_PACK_DIR").is_some_and(|d| !d.is_empty()) {
        1
    } else {
        5
    };
    assert!(policies.len() >= minimum, "{} policies", policies.len());
    assert!(policies
        .iter()
        .all(|p| p["provisions"].as_array().is_some_and(|v| !v.is_empty())));

    let run = skillcalc(&["facts", "--format", "json", "--lang", "en"]);
    run.expect_code(0);
    let facts: Vec<Value> = serde_json::from_str(&run.stdout).expect("a JSON array");
    assert!(!facts.is_empty());
    assert!(facts
        .iter()
        .all(|f| f["label"].as_str().is_some_and(|l| !l.is_empty())));
}

#[test]
fn an_empty_profile_against_the_embedded_catalog_needs_information() {
    let run = common::skillcalc_with_stdin(
        &["evaluate", "--as-of", "2025-06-01", "--lang", "en", "-"],
        "{}",
    );
    run.expect_code(0);
    let report: skillcalc_engine::Report = serde_json::from_str(&run.stdout).expect("JSON report");
    assert!(!report.provisions.is_empty());
    assert!(
        !report.questions.is_empty(),
        "with nothing answered there are questions to ask"
    );
}
