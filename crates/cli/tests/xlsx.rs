//! Spreadsheets in and out of `skillcalc match` and `batch`: an XLSX list reads as the same CSV
//! list does, columns may be named by label, a broken cell or file is named, and `--out
//! FILE.xlsx` writes a workbook (text never a formula).

mod common;
use common::{skillcalc, skillcalc_with_stdin, TempDir};
use serde_json::Value;
use skillcalc_sheets::{read_all_sheets, read_first_sheet, write_workbook, Cell, Sheet};
fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("utf-8")
}

/// A one-sheet workbook: the header, then rows where a cell that parses as a number is written
/// as a number (as a person's spreadsheet has it), others as text.
fn xlsx(header: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let cell = |c: &String| {
        if c.is_empty() {
            Cell::Empty
        } else if skillcalc_sheets::exact_number(c).is_some() {
            Cell::Number(c.clone())
        } else {
            Cell::Text(c.clone())
        }
    };
    write_workbook(&[Sheet {
        name: "Sheet1".into(),
        header: header.iter().map(|h| h.to_string()).collect(),
        rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
    }])
    .expect("workbook")
}

/// The scenario corpus of one date as a list: the header (every fact any scenario answers) and
/// one row of cell texts per scenario.
fn corpus_list() -> (Vec<String>, Vec<Vec<String>>) {
    let corpus: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string("../../tests/corpus/scenarios.json").expect("corpus"),
    )
    .expect("JSON");
    let cases: Vec<&Value> = corpus
        .iter()
        .filter(|c| c["as_of"] == "2024-06-01" && c["known_gap"].is_null())
        .collect();
    let mut header: Vec<String> = Vec::new();
    for c in &cases {
        for key in c["profile"].as_object().expect("profile").keys() {
            if !header.contains(key) {
                header.push(key.clone());
            }
        }
    }
    let rows = cases
        .iter()
        .map(|c| {
            header
                .iter()
                .map(|fact| match &c["profile"][fact] {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    Value::Array(items) => items
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(";"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    (header, rows)
}

fn csv_text(header: &[String], rows: &[Vec<String>]) -> String {
    let quote = |c: &String| {
        if c.contains([',', '"']) {
            format!("\"{}\"", c.replace('"', "\"\""))
        } else {
            c.clone()
        }
    };
    let mut text = header.join(",") + "\n";
    for row in rows {
        text += &row.iter().map(quote).collect::<Vec<_>>().join(",");
        text += "\n";
    }
    text
}

fn run_match(extra: &[&str]) -> common::Run {
    let mut args = vec!["match", "--as-of", "2024-06-01", "--lang", "en"];
    args.extend_from_slice(extra);
    skillcalc(&args)
}

fn last_line(s: &str) -> &str {
    s.lines().last().unwrap_or("")
}

#[test]
fn the_corpus_as_an_xlsx_list_matches_as_the_same_csv_list_does() {
    let dir = TempDir::new("xlsx-corpus");
    let (header, rows) = corpus_list();
    assert!(rows.len() > 100, "{}", rows.len());
    let csv = dir.join("corpus.csv");
    std::fs::write(&csv, csv_text(&header, &rows)).expect("csv");
    let book = dir.join("corpus.xlsx");
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    std::fs::write(&book, xlsx(&names, &rows)).expect("xlsx");
    for format in ["jsonl", "csv"] {
        let from_csv = run_match(&["--format", format, path(&csv)]);
        from_csv.expect_code(0);
        let from_xlsx = run_match(&["--format", format, path(&book)]);
        from_xlsx.expect_code(0);
        assert!(
            from_csv.stdout.lines().count() > rows.len(),
            "{}",
            from_csv.stdout
        );
        assert_eq!(from_xlsx.stdout, from_csv.stdout, "{format}");
        assert_eq!(last_line(&from_xlsx.stderr), last_line(&from_csv.stderr));
    }
    // The format also comes from the first bytes, and from --input-format.
    let unnamed = dir.join("corpus.list");
    std::fs::copy(&book, &unnamed).expect("copy");
    let sniffed = run_match(&[path(&unnamed)]);
    sniffed.expect_code(0);
    let named = run_match(&["--input-format", "xlsx", path(&unnamed)]);
    assert_eq!(sniffed.stdout, named.stdout);
    assert_eq!(
        sniffed.stdout,
        run_match(&["--format", "jsonl", path(&csv)]).stdout
    );
}

const TRAINING_IDS: [&str; 6] = [
    "org.putuo_college",
    "training.in_putuo_catalogue",
    "training.trainees_target_group",
    "training.project_id",
    "training.year",
    "training.passed_trainees",
];

fn training_rows(trainees: &[&str]) -> Vec<Vec<String>> {
    trainees
        .iter()
        .map(|t| {
            ["institution", "true", "true", "P1", "2024", t]
                .iter()
                .map(|c| c.to_string())
                .collect()
        })
        .collect()
}

/// Each fact's label in `lang`, from `skillcalc facts`.
fn labels(lang: &str, ids: &[&str]) -> Vec<String> {
    let run = skillcalc(&["facts", "--format", "json", "--lang", lang]);
    run.expect_code(0);
    let facts: Vec<Value> = serde_json::from_str(&run.stdout).expect("JSON");
    ids.iter()
        .map(|id| {
            facts
                .iter()
                .find(|f| f["id"] == *id)
                .and_then(|f| f["label"].as_str())
                .expect("label")
                .to_string()
        })
        .collect()
}

#[test]
fn columns_may_be_named_by_their_chinese_or_english_label() {
    let dir = TempDir::new("xlsx-labels");
    let rows = training_rows(&["300", "200"]);
    let by_id = dir.join("ids.xlsx");
    std::fs::write(&by_id, xlsx(&TRAINING_IDS, &rows)).expect("xlsx");
    let expected = run_match(&["--door", "org", path(&by_id)]);
    expected.expect_code(0);
    assert!(
        expected.stdout.contains("putuo.training_subsidy"),
        "{}",
        expected.stdout
    );

    let zh = labels("zh", &TRAINING_IDS);
    assert!(zh.iter().all(|l| !l.is_ascii()), "{zh:?}");
    let zh_refs: Vec<&str> = zh.iter().map(String::as_str).collect();
    let by_label = dir.join("labels.xlsx");
    std::fs::write(&by_label, xlsx(&zh_refs, &rows)).expect("xlsx");
    let run = run_match(&["--door", "org", path(&by_label)]);
    run.expect_code(0);
    assert_eq!(run.stdout, expected.stdout);

    // English labels in CSV, in another case and with spaces around.
    let en: Vec<String> = labels("en", &TRAINING_IDS)
        .iter()
        .map(|l| format!(" {} ", l.to_uppercase()))
        .collect();
    let run = skillcalc_with_stdin(
        &[
            "match",
            "--door",
            "org",
            "--as-of",
            "2024-06-01",
            "--lang",
            "en",
            "--input-format",
            "csv",
            "-",
        ],
        &csv_text(&en, &rows),
    );
    run.expect_code(0);
    assert_eq!(run.stdout, expected.stdout);

    // An unknown column is still named (and not used; --strict stops at it).
    let mut header = zh_refs.clone();
    header[2] = "培训人数（不存在）";
    let unknown = dir.join("unknown.xlsx");
    std::fs::write(&unknown, xlsx(&header, &rows)).expect("xlsx");
    let run = run_match(&["--strict", path(&unknown)]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("header: there is no fact named '培训人数（不存在）'"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bad_cell_names_its_row_and_cell_and_the_list_goes_on() {
    let dir = TempDir::new("xlsx-bad-cell");
    let book = dir.join("bad-cell.xlsx");
    std::fs::write(
        &book,
        xlsx(&TRAINING_IDS, &training_rows(&["300", "nope", "200"])),
    )
    .expect("xlsx");
    let run = run_match(&["--door", "org", path(&book)]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("row 2: cell F3: training.passed_trainees:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("rows: 3 (2 valid, 1 invalid)"),
        "{}",
        run.stderr
    );
    let zh = skillcalc(&[
        "match",
        "--door",
        "org",
        "--as-of",
        "2024-06-01",
        path(&book),
    ]);
    assert!(
        zh.stderr
            .contains("第 2 条记录：单元格 F3：training.passed_trainees:"),
        "{}",
        zh.stderr
    );
}

#[test]
fn an_unreadable_workbook_stops_with_exit_2_naming_the_file() {
    let dir = TempDir::new("xlsx-unreadable");
    let garbage = dir.join("garbage.xlsx");
    std::fs::write(&garbage, b"org.putuo_college\ninstitution\n").expect("file");
    let run = run_match(&[path(&garbage)]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains(&format!("{}: not a readable XLSX workbook", path(&garbage))),
        "{}",
        run.stderr
    );
    let zh = skillcalc(&["match", path(&garbage)]);
    zh.expect_code(2);
    assert!(
        zh.stderr
            .contains(&format!("{}：不是可读取的 XLSX 工作簿", path(&garbage))),
        "{}",
        zh.stderr
    );
    let stdin = skillcalc_with_stdin(
        &["match", "--lang", "en", "--input-format", "xlsx", "-"],
        "",
    );
    stdin.expect_code(2);
    assert!(
        stdin
            .stderr
            .contains("an XLSX workbook cannot be read from standard input"),
        "{}",
        stdin.stderr
    );
}

#[test]
fn out_xlsx_writes_the_results_and_totals_as_a_workbook_with_text_kept_as_text() {
    let dir = TempDir::new("xlsx-out-xlsx");
    let mut rows = training_rows(&["300", "200"]);
    // A project id a spreadsheet would run as a formula, were it written as one.
    rows[1][3] = "=1+1".into();
    let book = dir.join("in.xlsx");
    std::fs::write(&book, xlsx(&TRAINING_IDS, &rows)).expect("xlsx");
    let out = dir.join("out.xlsx");
    let run = skillcalc(&[
        "match",
        "--door",
        "org",
        "--as-of",
        "2024-06-01",
        "--out",
        path(&out),
        path(&book),
    ]);
    run.expect_code(0);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!("结果已写入 {}", path(&out))),
        "{}",
        run.stderr
    );
    let bytes = std::fs::read(&out).expect("written");
    let results = read_first_sheet(&bytes).expect("a workbook");
    assert_eq!(
        results[0],
        [
            "行",
            "条款编号",
            "条款",
            "状态",
            "最低金额",
            "最高金额",
            "金额",
            "待补充信息"
        ]
    );
    let training: Vec<&Vec<String>> = results
        .iter()
        .filter(|r| r[1] == "putuo.training_subsidy")
        .collect();
    assert_eq!(
        training[0],
        &[
            "1",
            "putuo.training_subsidy",
            "重点产业职业技能培训补贴",
            "符合",
            "300000",
            "900000",
            "30万元–90万元",
            ""
        ]
    );
    assert_eq!(training[1][0], "2");
    // A provision that needs information lists the missing facts by label.
    let needs = results
        .iter()
        .find(|r| r[3] == "待补充信息")
        .expect("a provision needing information");
    assert!(!needs[7].is_empty() && !needs[7].contains('.'), "{needs:?}");

    let sheets = read_all_sheets(&bytes).expect("a workbook");
    assert_eq!(
        sheets.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        ["结果", "合计"]
    );
    let totals = &sheets[1].1;
    assert_eq!(totals[0][0], "条款编号");
    let groups: Vec<&str> = totals
        .iter()
        .filter(|r| r[0] == "putuo.training_subsidy")
        .map(|r| r[4].as_str())
        .collect();
    // Read back as the text it was: a formula would read as its value (or nothing).
    assert_eq!(groups, ["=1+1|2024", "P1|2024"]);

    // English: the sheets' names and words follow --lang.
    let run = skillcalc(&[
        "match",
        "--door",
        "org",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        "--out",
        path(&out),
        path(&book),
    ]);
    run.expect_code(0);
    let sheets = read_all_sheets(&std::fs::read(&out).expect("written")).expect("workbook");
    assert_eq!(sheets[0].0, "Results");
    assert_eq!(sheets[1].0, "Totals");
    assert!(sheets[0].1.iter().any(|r| r[3] == "eligible"));
}

#[test]
fn out_csv_writes_the_totals_beside_it_and_out_jsonl_what_stdout_has() {
    let dir = TempDir::new("xlsx-out-csv");
    let book = dir.join("csv-in.xlsx");
    std::fs::write(&book, xlsx(&TRAINING_IDS, &training_rows(&["300"]))).expect("xlsx");
    let out = dir.join("res.csv");
    let run = run_match(&["--door", "org", "--out", path(&out), path(&book)]);
    run.expect_code(0);
    let rows = std::fs::read_to_string(&out).expect("rows");
    let stdout_csv = run_match(&["--door", "org", "--format", "csv", path(&book)]);
    assert_eq!(rows, stdout_csv.stdout);
    let totals =
        std::fs::read_to_string(out.with_file_name("res.totals.csv")).expect("totals file");
    assert!(
        totals.starts_with("provision,eligible_rows,needs_info_rows,group,"),
        "{totals}"
    );
    assert!(stdout_csv.stderr.contains("provision,eligible_rows"));
    assert!(
        !run.stderr.contains("provision,eligible_rows"),
        "{}",
        run.stderr
    );

    let jsonl = dir.join("res.jsonl");
    run_match(&["--door", "org", "--out", path(&jsonl), path(&book)]).expect_code(0);
    assert_eq!(
        std::fs::read_to_string(&jsonl).expect("jsonl"),
        run_match(&["--door", "org", "--format", "jsonl", path(&book)]).stdout
    );

    let unknown = run_match(&["--out", "results.txt", path(&book)]);
    unknown.expect_code(2);
    assert!(
        unknown.stderr.contains("use .xlsx, .csv or .jsonl"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn the_table_format_is_for_a_person() {
    let dir = TempDir::new("xlsx-table");
    let book = dir.join("table.xlsx");
    std::fs::write(&book, xlsx(&TRAINING_IDS, &training_rows(&["300"]))).expect("xlsx");
    let run = run_match(&["--door", "org", "--format", "table", path(&book)]);
    run.expect_code(0);
    let mut lines = run.stdout.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("row    provision"), "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("1      putuo.training_subsidy")
                && l.contains("eligible")
                && l.contains("Key-industry skills training subsidy")),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l.starts_with("1 ") && l.contains("total")),
        "{}",
        run.stdout
    );

    // batch too, and --out for it.
    let batch = skillcalc(&[
        "batch",
        "--provision",
        "putuo.training_subsidy",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        "--format",
        "table",
        path(&book),
    ]);
    batch.expect_code(0);
    assert!(
        batch
            .stdout
            .lines()
            .any(|l| l.starts_with("1 ") && l.contains("eligible")),
        "{}",
        batch.stdout
    );
    let out = dir.join("batch.xlsx");
    skillcalc(&[
        "batch",
        "--provision",
        "putuo.training_subsidy",
        "--as-of",
        "2024-06-01",
        "--out",
        path(&out),
        path(&book),
    ])
    .expect_code(0);
    let sheets = read_all_sheets(&std::fs::read(&out).expect("written")).expect("workbook");
    assert_eq!(sheets[0].1[1][..2], ["1", "符合"]);
    assert_eq!(sheets[1].1[1][0], "P1|2024");
}
