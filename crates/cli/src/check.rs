//! `skillcalc check [DIR] [--corpus FILE]`: validate a rule pack, run its scenarios, end with
//! `N passed, M failed`. With `--corpus`, once every scenario passes, bring the JSON corpus the
//! other faces run up to date, naming each scenario added, changed or removed.
//!
//! Everything goes to stdout (it is the command's report). When the pack itself is invalid no
//! scenario can run; each pack problem then counts as one failure, so the closing line never
//! reads "0 failed" for a broken pack.

use crate::failure::Failure;
use crate::printable;
use skillcalc_engine::{
    compile, pack_from_toml, run_scenarios, scenario_corpus, scenarios_from_toml, with_positions,
    Error, Lang,
};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: Option<&Path>, corpus: Option<&Path>) -> Result<ExitCode, Failure> {
    let files: Vec<(String, String)> = match dir {
        Some(dir) => crate::input::read_toml_dir(dir, Lang::En)?,
        None => skillcalc_catalog::source_files()
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect(),
    };
    // Problems quote the pack's files: printed for a person, through `printable`.
    let mut text = Vec::new();
    let code = check(&files, corpus, &mut text)?;
    let mut out = BufWriter::new(io::stdout().lock());
    printable::write_text(&mut out, &text)?;
    out.flush()?;
    Ok(code)
}

fn check(
    files: &[(String, String)],
    corpus: Option<&Path>,
    out: &mut Vec<u8>,
) -> io::Result<ExitCode> {
    let pack = pack_from_toml(files)
        .and_then(|source| compile(&source))
        .map_err(|e| with_positions(e, files));
    let scenarios = scenarios_from_toml(files);
    let (pack, scenarios) = match (pack, scenarios) {
        (Ok(pack), Ok(scenarios)) => (pack, scenarios),
        (pack, scenarios) => {
            let mut problems = 0;
            for e in [pack.err(), scenarios.err()].into_iter().flatten() {
                problems += write_problems(out, &e)?;
            }
            writeln!(
                out,
                "the rule pack is invalid: {problems} problem(s); no scenario was run"
            )?;
            writeln!(out, "0 passed, {problems} failed")?;
            return Ok(ExitCode::from(crate::failure::BAD_INPUT));
        }
    };

    let results = run_scenarios(&pack, &scenarios);
    let mut passed = 0;
    let mut failed = 0;
    for r in &results {
        if r.passed {
            passed += 1;
            if r.known_gap {
                writeln!(out, "gap  {}: {}", r.name, r.message)?;
            }
        } else {
            failed += 1;
            writeln!(out, "FAIL {}: {}", r.name, r.message)?;
        }
    }
    writeln!(
        out,
        "{} facts, {} policies, {} provisions, {} scenario files",
        pack.facts().len(),
        pack.policies().len(),
        pack.provisions().len(),
        scenarios.len()
    )?;
    if let Some(path) = corpus {
        if failed == 0 {
            update_corpus(path, &scenario_corpus(&scenarios), out)?;
        } else {
            writeln!(out, "corpus {} not written: scenarios fail", path.display())?;
        }
    }
    writeln!(out, "{passed} passed, {failed} failed")?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::failure::BAD_INPUT)
    })
}

/// Writes `fresh` to `path` unless it holds it already, and says which scenarios (by file and
/// id) were added, changed or removed.
fn update_corpus(path: &Path, fresh: &str, out: &mut Vec<u8>) -> io::Result<()> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    if old == fresh {
        return writeln!(out, "corpus {} is up to date", path.display());
    }
    let cases = |text: &str| -> Vec<(String, serde_json::Value)> {
        let list: Vec<serde_json::Value> = serde_json::from_str(text).unwrap_or_default();
        list.into_iter()
            .map(|case| {
                let name = format!(
                    "{}:{}",
                    case["file"].as_str().unwrap_or("?"),
                    case["id"].as_str().unwrap_or("?")
                );
                (name, case)
            })
            .collect()
    };
    let (before, after) = (cases(&old), cases(fresh));
    let find = |list: &[(String, serde_json::Value)], name: &str| {
        list.iter().find(|(n, _)| n == name).map(|(_, c)| c.clone())
    };
    for (name, case) in &after {
        match find(&before, name) {
            None => writeln!(out, "corpus: added {name}")?,
            Some(was) if &was != case => writeln!(out, "corpus: changed {name}")?,
            Some(_) => {}
        }
    }
    for (name, _) in &before {
        if find(&after, name).is_none() {
            writeln!(out, "corpus: removed {name}")?;
        }
    }
    std::fs::write(path, fresh)?;
    writeln!(out, "corpus {} written", path.display())
}

/// `file:line:column: item: field: message`, one per line; returns how many.
fn write_problems(out: &mut impl Write, e: &Error) -> io::Result<usize> {
    match e {
        Error::InvalidPack { problems } => {
            for p in problems {
                writeln!(out, "{p}")?;
            }
            Ok(problems.len())
        }
        other => {
            writeln!(out, "{other}")?;
            Ok(1)
        }
    }
}
