//! `skillcalc check [DIR]`: validate a rule pack, run its scenarios, end with `N passed, M failed`.
//!
//! Everything goes to stdout (it is the command's report). When the pack itself is invalid no
//! scenario can run; each pack problem then counts as one failure, so the closing line never
//! reads "0 failed" for a broken pack.

use crate::failure::Failure;
use crate::printable;
use skillcalc_engine::{
    compile, pack_from_toml, run_scenarios, scenarios_from_toml, with_positions, Error, Lang,
};
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(dir: Option<&Path>) -> Result<ExitCode, Failure> {
    let files: Vec<(String, String)> = match dir {
        Some(dir) => crate::input::read_toml_dir(dir, Lang::En)?,
        None => skillcalc_catalog::source_files()
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect(),
    };
    // Problems quote the pack's files: printed for a person, through `printable`.
    let mut text = Vec::new();
    let code = check(&files, &mut text)?;
    let mut out = BufWriter::new(io::stdout().lock());
    printable::write_text(&mut out, &text)?;
    out.flush()?;
    Ok(code)
}

fn check(files: &[(String, String)], out: &mut Vec<u8>) -> io::Result<ExitCode> {
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
        pack.facts.len(),
        pack.policies.len(),
        pack.provisions.len(),
        scenarios.len()
    )?;
    writeln!(out, "{passed} passed, {failed} failed")?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::failure::BAD_INPUT)
    })
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
