//! `skillcalc batch`: rows, per-group caps across rows, bad rows, --strict.
//!
//! tests/data/training_rows.csv: 600 one-trainee rows of project P1 (row 301, between them, says
//! "two" trainees: invalid), then 2 rows of P2. At 1000–3000 per trainee, P1 comes to
//! 600,000–1,800,000 and is capped at the 1,000,000 per project per year.

mod common;
use common::{
    demo_training_batch, demo_training_batch_args, skillcalc, skillcalc_with_stdin, DEMO,
};
use serde_json::Value;

const CSV: &str = "tests/data/training_rows.csv";
const JSONL: &str = "tests/data/training_rows.jsonl";

fn batch(extra: &[&str]) -> common::Run {
    skillcalc(&demo_training_batch_args(extra))
}

fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn csv_rows_to_jsonl_with_group_totals_capped_across_rows() {
    let run = batch(&[CSV]);
    run.expect_code(0);
    let lines = json_lines(&run.stdout);
    let (rows, groups): (Vec<&Value>, Vec<&Value>) =
        lines.iter().partition(|v| v.get("row").is_some());
    assert_eq!(rows.len(), 602, "one line per valid row");
    assert_eq!(rows[0]["row"], 1);
    assert_eq!(rows[0]["status"], "eligible");
    assert_eq!(rows[0]["amount"]["min"], "1000.00");
    assert_eq!(rows[0]["amount"]["max"], "3000.00");
    assert_eq!(rows[0]["amount"]["cap_group"], "P1|2024");
    assert_eq!(rows[0]["missing"], Value::Array(vec![]));
    assert_eq!(rows[0]["failed"], Value::Array(vec![]));
    // Row 301 is invalid: it has no line, and numbering goes on.
    assert_eq!(rows[299]["row"], 300);
    assert_eq!(rows[300]["row"], 302);

    assert_eq!(groups.len(), 2);
    let p1 = groups
        .iter()
        .find(|g| g["group"] == "P1|2024")
        .expect("group P1|2024");
    assert_eq!(p1["rows"], 600);
    assert_eq!(p1["eligible_rows"], 600);
    assert_eq!(p1["min"], "600000.00");
    assert_eq!(p1["max"], "1000000.00");
    assert_eq!(p1["capped"], true);
    let p2 = groups
        .iter()
        .find(|g| g["group"] == "P2|2024")
        .expect("group P2|2024");
    assert_eq!(
        (
            p2["min"].as_str(),
            p2["max"].as_str(),
            p2["capped"].as_bool()
        ),
        (Some("2000.00"), Some("6000.00"), Some(false))
    );

    // The bad row names its row number and fact; the batch went on.
    assert!(
        run.stderr.contains("row 301: org.trainees: 'Trainees who passed' (org.trainees) must be a whole number: two"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(
        "rows: 603 (602 eligible, 0 not eligible, 0 need information, 0 not in force, 1 invalid)"
    ));
}

#[test]
fn csv_output_puts_rows_on_stdout_and_totals_on_stderr() {
    let run = batch(&["--format", "csv", CSV]);
    run.expect_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "row,status,min,max,display");
    assert_eq!(lines[1], r#"1,eligible,1000.00,3000.00,"¥1,000–¥3,000""#);
    assert_eq!(lines.len(), 1 + 602);
    assert!(
        run.stderr
            .contains("group,rows,eligible_rows,min,max,cap,capped,scope_unknown,display"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            r#"P1|2024,600,600,600000.00,1000000.00,1000000.00,true,false,"¥600,000–¥1,000,000""#
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("row 301: org.trainees:"),
        "{}",
        run.stderr
    );
}

#[test]
fn jsonl_input_with_a_bad_row() {
    let run = batch(&[JSONL]);
    run.expect_code(0);
    let lines = json_lines(&run.stdout);
    let rows: Vec<&Value> = lines.iter().filter(|v| v.get("row").is_some()).collect();
    // 8 rows (the blank line is skipped), row 4 is invalid.
    assert_eq!(
        rows.iter()
            .map(|r| r["row"].as_u64().unwrap_or(0))
            .collect::<Vec<_>>(),
        [1, 2, 3, 5, 6, 7, 8]
    );
    let p1 = lines
        .iter()
        .find(|g| g["group"] == "P1|2024")
        .expect("group P1|2024");
    assert_eq!(
        (p1["min"].as_str(), p1["max"].as_str()),
        (Some("600000.00"), Some("1000000.00"))
    );
    assert_eq!(p1["capped"], true);
    assert!(
        run.stderr.contains(
            "row 4: org.trainees: 'Trainees who passed' (org.trainees) cannot be negative: -5"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn strict_stops_at_the_first_bad_row_with_exit_2() {
    let run = batch(&["--strict", "--format", "csv", CSV]);
    run.expect_code(2);
    // The rows before it were written; nothing after it.
    assert_eq!(run.stdout.lines().count(), 1 + 300);
    assert!(
        run.stderr.contains("error: row 301: org.trainees:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("stopped at the first invalid row (--strict)"),
        "{}",
        run.stderr
    );
}

#[test]
fn statuses_unknowns_and_broken_csv_rows() {
    let input = "org.trainees,org.project,org.year\n\
                 3,A,2024\n\
                 0,A,2024\n\
                 ,B,2024\n\
                 5,C\n";
    let run = demo_training_batch(&[], input);
    run.expect_code(0);
    let rows = json_lines(&run.stdout);
    assert_eq!(rows[0]["status"], "eligible");
    assert_eq!(rows[1]["status"], "not_eligible");
    assert_eq!(rows[1]["failed"], serde_json::json!(["org.trainees"]));
    assert_eq!(rows[1]["amount"], Value::Null);
    // An empty cell is unknown, not zero.
    assert_eq!(rows[2]["status"], "needs_info");
    assert_eq!(rows[2]["missing"], serde_json::json!(["org.trainees"]));
    assert!(
        run.stderr
            .contains("row 4: line 5: expected 3 cells, found 2"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_policy_out_of_force_is_reported_per_row() {
    let run = skillcalc(&[
        "batch",
        "--pack",
        DEMO,
        "--provision",
        "demo.training",
        "--as-of",
        "2026-01-01",
        JSONL,
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(r#""status":"not_in_force""#),
        "{}",
        run.stdout
    );
}

/// A list's own columns (a name, a staff number) are not questions: such a column is named and
/// not used, and the rows are decided on the others; `--strict` stops at it.
#[test]
fn an_unknown_column_is_named_and_not_used_unless_strict() {
    let run = batch(&["tests/data/unknown_column.csv"]);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "tests/data/unknown_column.csv: header: there is no fact named 'org.members': not used"
        ),
        "{}",
        run.stderr
    );
    let lines = json_lines(&run.stdout);
    assert_eq!(lines[0]["row"], 1, "{}", run.stdout);
    let strict = batch(&["--strict", "tests/data/unknown_column.csv"]);
    strict.expect_code(2);
    assert!(
        strict.stderr.contains(
            "tests/data/unknown_column.csv: header: there is no fact named 'org.members'"
        ),
        "{}",
        strict.stderr
    );
    assert_eq!(strict.stdout, "");
}

#[test]
fn an_unknown_provision_or_missing_file_is_bad_input() {
    let run = skillcalc(&[
        "batch",
        "--pack",
        DEMO,
        "--provision",
        "demo.nothing",
        "--lang",
        "en",
        CSV,
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("unknown provision 'demo.nothing'"),
        "{}",
        run.stderr
    );
    let run = batch(&["tests/data/no_such_rows.csv"]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("tests/data/no_such_rows.csv: cannot read"),
        "{}",
        run.stderr
    );
}

/// Rows that do not say their project may belong to different projects: each is capped on its
/// own and their sum is not capped again, nor mixed with a project literally named "?".
#[test]
fn rows_without_a_project_are_not_capped_as_one_group() {
    let rows = "org.trainees,org.project,org.year\n400,,2024\n400,,2024\n1,?,2024\n";
    let run = demo_training_batch(&[], rows);
    run.expect_code(0);
    let lines = json_lines(&run.stdout);
    let groups: Vec<&Value> = lines.iter().filter(|v| v.get("group").is_some()).collect();
    assert_eq!(groups.len(), 2, "{}", run.stdout);
    let unknown = groups
        .iter()
        .find(|g| g["scope_unknown"] == true)
        .expect("the rows without a project");
    assert_eq!(
        (unknown["group"].as_str(), unknown["rows"].as_u64()),
        (Some("?|2024"), Some(2))
    );
    // 400 × 1000–3000 each, capped at 1,000,000 each: 800,000–2,000,000, not capped again.
    assert_eq!(
        (unknown["min"].as_str(), unknown["max"].as_str()),
        (Some("800000.00"), Some("2000000.00"))
    );
    assert_eq!(unknown["capped"], false);
    // A project literally named "?" is a group of its own, and its name says so (`\?`).
    let literal = groups
        .iter()
        .find(|g| g["scope_unknown"] == false)
        .expect("project '?'");
    assert_eq!(
        (literal["group"].as_str(), literal["rows"].as_u64()),
        (Some(r"\?|2024"), Some(1))
    );
}

/// "PT-1", "pt-1" and "ＰＴ-1" were three groups, each capped at 1,000,000: one project paid
/// three times the cap. They are one group now, and the output says which spellings it merged.
#[test]
fn spellings_of_one_project_are_one_group_capped_once() {
    let rows = "org.trainees,org.project,org.year\n\
                400,PT-1,2024\n\
                400,pt-1,2024\n\
                400,ＰＴ-1,2024\n\
                400, Pt-1 ,2024\n\
                400,PT-2,2024\n";
    let run = demo_training_batch(&["--format", "jsonl"], rows);
    run.expect_code(0);
    let lines = json_lines(&run.stdout);
    let groups: Vec<&Value> = lines.iter().filter(|v| v.get("group").is_some()).collect();
    assert_eq!(groups.len(), 2, "{}", run.stdout);
    let pt1 = groups[0];
    assert_eq!(pt1["group"], "PT-1|2024");
    assert_eq!(pt1["rows"], 4);
    // 4 × 400 trainees × 1000–3000, capped once.
    assert_eq!(
        (
            pt1["min"].as_str(),
            pt1["max"].as_str(),
            pt1["capped"].as_bool()
        ),
        (Some("1000000.00"), Some("1000000.00"), Some(true))
    );
    assert_eq!(
        pt1["spellings"],
        serde_json::json!(["PT-1|2024", "Pt-1|2024", "pt-1|2024", "ＰＴ-1|2024"])
    );
    assert_eq!(groups[1]["spellings"], serde_json::json!(["PT-2|2024"]));

    let run = demo_training_batch(&["--format", "csv"], rows);
    run.expect_code(0);
    assert!(
        run.stderr.contains(
            "group,rows,eligible_rows,min,max,cap,capped,scope_unknown,display,spellings\n\
             PT-1|2024,4,4,1000000.00,1000000.00,1000000.00,true,false,\"¥1,000,000\",\"PT-1|2024; Pt-1|2024; pt-1|2024; ＰＴ-1|2024\"\n\
             PT-2|2024,1,1,400000.00,1000000.00,1000000.00,true,false,\"¥400,000–¥1,000,000\",PT-2|2024\n"
        ),
        "{}",
        run.stderr
    );
}

/// A quote left open swallowed every later row into one cell: rows 3–5 vanished and the batch
/// still said "done" (exit 0) with "rows: 2". Now it stops there, naming the line.
#[test]
fn an_unterminated_quote_stops_the_batch_naming_its_line() {
    let rows = "org.trainees,org.project,org.year\n\
                1,P1,2024\n\
                1,\"P1,2024\n\
                1,P1,2024\n\
                1,P1,2024\n\
                1,P1,2024\n";
    for format in ["jsonl", "csv"] {
        let run = demo_training_batch(&["--format", format], rows);
        run.expect_code(2);
        assert_eq!(
            run.stderr,
            "error: line 3: a quoted cell is still open at the end of the line (a cell cannot span lines); stopped, the lines after it were not read\n"
        );
        // Row 1 was written (after the CSV header), and no total claims to cover the file.
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(
            lines.len(),
            if format == "csv" { 2 } else { 1 },
            "{}",
            run.stdout
        );
        assert!(!run.stdout.contains("{\"group\""), "{}", run.stdout);
    }
}

/// Also on the last line, where nothing follows to be swallowed: the row is not read as if the
/// quote were closed.
#[test]
fn an_unterminated_quote_on_the_last_line_stops_too() {
    let run = skillcalc_with_stdin(
        &[
            "batch",
            "--pack",
            DEMO,
            "--provision",
            "demo.training",
            "--lang",
            "en",
            "-",
        ],
        "org.trainees,org.project,org.year\n1,P1,\"2024",
    );
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("error: line 2: a quoted cell is still open"),
        "{}",
        run.stderr
    );
}

/// Quoted cells, doubled quotes, CRLF line ends, a byte-order mark and blank lines are read as
/// before (rows numbered without the header and blank lines).
#[test]
fn quoted_cells_crlf_and_blank_lines() {
    let rows = "\u{feff}org.trainees,\"org.project\",org.year\r\n\
                1,\"P \"\"1\"\", Ltd\",2024\r\n\
                \r\n\
                2,P2,2024\r\n";
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
        rows,
    );
    run.expect_code(0);
    let lines = json_lines(&run.stdout);
    assert_eq!(lines[0]["row"], 1);
    assert_eq!(lines[0]["amount"]["cap_group"], "P \"1\", Ltd|2024");
    assert_eq!(lines[1]["row"], 2);
    assert_eq!(lines[1]["amount"]["cap_group"], "P2|2024");
}
