//! `skillcalc match`: every provision over a list. The scenario corpus (which the policy texts
//! hold) as a roster, one row per scenario, must give through `match` what each scenario expects.

mod common;
use common::{skillcalc, skillcalc_with_stdin, TempDir};
use serde_json::Value;

fn money(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s != "none" => Some(format!("{:.2}", s.parse::<f64>().ok()?)),
        Value::Number(n) => Some(format!("{:.2}", n.as_f64()?)),
        _ => None,
    }
}

#[test]
fn the_scenario_corpus_as_a_roster_gives_each_scenario_s_expected_decision() {
    let corpus: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string("../../tests/corpus/scenarios.json").expect("corpus"),
    )
    .expect("JSON");
    // One date for the whole list, as a roster has: the scenarios of the commonest date.
    let cases: Vec<&Value> = corpus
        .iter()
        .filter(|c| c["as_of"] == "2024-06-01" && c["known_gap"].is_null())
        .collect();
    assert!(cases.len() > 100, "{}", cases.len());
    let roster: String = cases
        .iter()
        .map(|c| serde_json::to_string(&c["profile"]).expect("JSON") + "\n")
        .collect();
    // A file, not standard input: the output is far larger than a pipe holds.
    let dir = TempDir::new("match-roster");
    let path = dir.join("roster.jsonl");
    std::fs::write(&path, &roster).expect("roster");
    let run = skillcalc(&[
        "match",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        path.to_str().expect("utf-8"),
    ]);
    run.expect_code(0);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let rows: Vec<&Value> = lines.iter().filter(|l| l.get("row").is_some()).collect();
    assert_eq!(rows.len(), cases.len(), "one line per row");
    for (case, row) in cases.iter().zip(&rows) {
        let name = format!("{}:{}", case["file"], case["id"]);
        let expect = &case["expect"];
        let status = expect["status"].as_str().expect("status");
        let found = row["results"]
            .as_array()
            .expect("results")
            .iter()
            .find(|r| r["id"] == case["provision"]);
        match status {
            "eligible" | "needs_info" => {
                let found = found.unwrap_or_else(|| panic!("{name}: {status}, not listed"));
                assert_eq!(found["status"], status, "{name}");
                let amount = &found["amount"];
                if let Some(exact) = money(&expect["amount"]) {
                    assert_eq!(amount["min"].as_str(), Some(exact.as_str()), "{name}");
                    assert_eq!(amount["max"].as_str(), Some(exact.as_str()), "{name}");
                }
                if let Some(min) = money(&expect["min"]) {
                    assert_eq!(amount["min"].as_str(), Some(min.as_str()), "{name}");
                }
                if let Some(max) = money(&expect["max"]) {
                    assert_eq!(amount["max"].as_str(), Some(max.as_str()), "{name}");
                }
                if expect["max"] == "none" {
                    assert!(amount["max"].is_null(), "{name}");
                }
            }
            _ => assert!(found.is_none(), "{name}: {status}, yet listed"),
        }
    }
    // Each provision's totals follow the rows.
    let totals: Vec<&Value> = lines
        .iter()
        .filter(|l| l.get("provision").is_some())
        .collect();
    assert!(totals
        .iter()
        .any(|t| t["provision"] == "putuo.training_subsidy"
            && t["groups"].as_array().is_some_and(|g| !g.is_empty())));
    assert!(
        run.stderr.contains(&format!(
            "rows: {} ({} valid, 0 invalid)",
            cases.len(),
            cases.len()
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn match_caps_across_rows_names_bad_rows_and_goes_on() {
    let list = "\
org.putuo_college,training.in_putuo_catalogue,training.trainees_target_group,training.project_id,training.year,training.passed_trainees
institution,true,true,P1,2024,300
institution,true,true,P1,2024,nope
institution,true,true,P1,2024,200
";
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
        list,
    );
    run.expect_code(0);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let rows: Vec<u64> = lines.iter().filter_map(|l| l["row"].as_u64()).collect();
    assert_eq!(rows, [1, 3], "the bad row has no line; the others go on");
    assert!(
        run.stderr.contains("row 2: training.passed_trainees:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("rows: 3 (2 valid, 1 invalid)"),
        "{}",
        run.stderr
    );
    // 300 + 200 trainees at 1000–3000 each, capped at 1,000,000 for the project and year.
    let training = lines
        .iter()
        .find(|l| l["provision"] == "putuo.training_subsidy")
        .expect("totals");
    let group = &training["groups"][0];
    assert_eq!(
        (
            group["group"].as_str(),
            group["min"].as_str(),
            group["max"].as_str()
        ),
        (Some("P1|2024"), Some("500000.00"), Some("1000000.00"))
    );
    assert_eq!(group["capped"], true);
    // Only the organisations' provisions.
    assert!(lines
        .iter()
        .filter_map(|l| l["provision"].as_str())
        .all(|p| !p.starts_with("putuo.competition_award")));

    let strict = skillcalc_with_stdin(
        &[
            "match",
            "--strict",
            "--as-of",
            "2024-06-01",
            "--lang",
            "en",
            "--input-format",
            "csv",
            "-",
        ],
        list,
    );
    strict.expect_code(2);
    assert!(
        strict
            .stderr
            .contains("stopped at the first invalid row (--strict)"),
        "{}",
        strict.stderr
    );
}

#[test]
fn match_writes_csv_one_line_per_provision_of_a_row() {
    let run = skillcalc(&[
        "match",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        "--format",
        "csv",
        "tests/data/match_people.jsonl",
    ]);
    run.expect_code(0);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("row,provision,status,min,max,display,missing")
    );
    let award = lines
        .find(|l| l.starts_with("1,putuo.competition_award,"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(
        award,
        "1,putuo.competition_award,eligible,30000.00,30000.00,\"¥30,000\","
    );
}

/// A provision whose arithmetic overflows is that provision's error: the row stays valid, the
/// other provisions are written and counted, the overflowing one is not, and nothing aborts.
#[test]
fn an_overflowing_provision_does_not_invalidate_the_row_or_the_totals() {
    let dir = TempDir::new("match-overflow");
    std::fs::create_dir_all(dir.join("policies")).expect("dir");
    std::fs::copy("tests/data/mini_pack/facts.toml", dir.join("facts.toml")).expect("facts");
    let provision = |id: &str, rate: &str| {
        format!(
            "[[provision]]\nid = \"{id}\"\nkind = \"subsidy\"\naudience = \"organisation\"\nrecipient = \"organisation\"\nunit = \"per_organisation\"\nclause = \"一\"\ntitle = {{ zh = \"{id}\", en = \"{id}\" }}\nexplain = {{ zh = \"说明\", en = \"Explanation\" }}\n[provision.when]\nfact = \"team.members\"\nat_least = 1\n[provision.amount]\nper_unit = {{ count = [\"team.members\"], rate = \"{rate}\" }}\n\n"
        )
    };
    let policy = format!(
        "[policy]\nid = \"big\"\ndocument = \"Big〔2024〕1号\"\ntitle = {{ zh = \"大\", en = \"Big\" }}\nissuer = {{ zh = \"测试局\", en = \"Test bureau\" }}\nfrom = \"2024-01-01\"\n\n{}{}",
        provision("big.small", "1000"),
        provision("big.huge", "30000000000000000000000000000")
    );
    std::fs::write(dir.join("policies/big.toml"), policy).expect("policy");
    let rows = dir.join("rows.jsonl");
    std::fs::write(&rows, "{\"team.members\": 1000}\n{\"team.members\": 2}\n").expect("rows");
    let run = skillcalc(&[
        "match",
        "--pack",
        dir.path().to_str().expect("utf-8"),
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        rows.to_str().expect("utf-8"),
    ]);
    run.expect_code(0);
    assert!(run.stderr.contains("row 1: big.huge:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("rows: 2 (2 valid, 0 invalid)"),
        "{}",
        run.stderr
    );
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let first = &lines[0];
    assert_eq!(first["row"], 1);
    let ids: Vec<&str> = first["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        ["big.small"],
        "the overflowing provision is left out of the row"
    );
    assert_eq!(first["total"]["min"], "1000000.00");
    let small = lines
        .iter()
        .find(|l| l["provision"] == "big.small")
        .expect("totals");
    assert_eq!(small["eligible_rows"], 2);
    let huge = lines
        .iter()
        .find(|l| l["provision"] == "big.huge")
        .expect("totals");
    assert_eq!(
        huge["eligible_rows"], 1,
        "only the row it could be computed for"
    );
}

/// A list longer than one part (1,024 rows), decided on several threads: the rows come out in
/// the list's order, an invalid row is reported where it is, each row is what it is alone, and
/// the totals with caps across rows are those of the whole list (as `batch` gives them).
#[test]
fn a_long_list_comes_out_in_order_with_the_whole_list_s_totals() {
    let mut rows = String::new();
    for i in 0..3000 {
        if i == 1500 {
            rows.push_str("{\"training.passed_trainees\": -3}\n");
            continue;
        }
        rows.push_str(&format!(
            "{{\"org.district\": \"putuo\", \"org.putuo_college\": \"institution\", \"training.project_id\": \"P{}\", \"training.year\": 2024, \"training.in_putuo_catalogue\": true, \"training.trainees_target_group\": true, \"training.passed_trainees\": {}}}\n",
            i % 7,
            20 + i % 50
        ));
    }
    let dir = TempDir::new("match-long");
    let path = dir.join("long.jsonl");
    std::fs::write(&path, &rows).expect("list");
    let file = path.to_str().expect("utf-8");
    let run = skillcalc(&["match", "--as-of", "2024-06-01", "--lang", "en", file]);
    run.expect_code(0);
    let lines: Vec<Value> = (run.stdout.lines())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let numbers: Vec<u64> = (lines.iter())
        .filter_map(|l| l.get("row").and_then(Value::as_u64))
        .collect();
    let expected: Vec<u64> = (1..=3000).filter(|&n| n != 1501).collect();
    assert!(
        numbers == expected,
        "every valid row once, in order: {}",
        run.stderr
    );
    assert!(run.stderr.contains("row 1501: "), "{}", run.stderr);
    assert!(
        run.stderr.contains("rows: 3000 (2999 valid, 1 invalid)"),
        "{}",
        run.stderr
    );
    // The training subsidy's totals: per project and year, capped once, as batch sums them.
    let training = (lines.iter())
        .find(|l| l["provision"] == "putuo.training_subsidy")
        .expect("the training subsidy's totals");
    let batch = skillcalc(&[
        "batch",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        "--provision",
        "putuo.training_subsidy",
        file,
    ]);
    batch.expect_code(0);
    let groups: Vec<Value> = (batch.stdout.lines())
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|l| l.get("group").is_some())
        .collect();
    assert_eq!(training["groups"], Value::Array(groups));
    assert!(
        (training["groups"].as_array().expect("groups").iter()).any(|g| g["capped"] == true),
        "the 100万 cap binds on some project"
    );
}
