//! Compiles the rule pack in `pack/` at build time: validates it (failing the build with every
//! problem, naming file, item and field), embeds it in the compact form the engine reads without
//! a TOML parser, and generates one `#[test]` per scenario.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, root: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
}

fn main() {
    // SKILLCALC_PACK_DIR embeds another pack instead (a portal's own rules, or a test pack).
    println!("cargo:rerun-if-env-changed=SKILLCALC_PACK_DIR");
    let root = match std::env::var("SKILLCALC_PACK_DIR") {
        Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(
            std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
        )
        .join("pack"),
    };
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    for (_, p) in &files {
        println!("cargo:rerun-if-changed={}", p.display());
    }
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|(rel, p)| {
            (
                rel.clone(),
                std::fs::read_to_string(p)
                    .unwrap_or_else(|e| panic!("reading {}: {e}", p.display())),
            )
        })
        .collect();

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    // The source files, for `skillcalc check` and the tests (never referenced by the wasm build).
    let mut list = String::from("pub static PACK_FILES: &[(&str, &str)] = &[\n");
    for (rel, p) in &files {
        let _ = writeln!(
            list,
            "    ({rel:?}, include_str!({:?})),",
            p.display().to_string()
        );
    }
    list.push_str("];\n");
    std::fs::write(out.join("files.rs"), list).expect("writing files.rs");

    let lenient = std::env::var_os("CARGO_FEATURE_LENIENT").is_some();
    // Each problem as a cargo warning, listed once more by `pack()` (lenient) or the panic.
    let report = |e: skillcalc_engine::Error| -> Vec<String> {
        let lines: Vec<String> = match skillcalc_engine::with_positions(e, &texts) {
            skillcalc_engine::Error::InvalidPack { problems } => {
                problems.iter().map(|p| format!("pack/{p}")).collect()
            }
            other => vec![other.to_string()],
        };
        for line in &lines {
            println!("cargo:warning={line}");
        }
        if !lenient {
            panic!("the catalog's rule pack is invalid: {} problem(s), listed above\n(`cargo run -p skillcalc-cli -- check crates/catalog/pack` lists them too)", lines.len());
        }
        lines
    };
    // Lenient (the CLI) goes on: a broken pack embeds nothing and pack() returns its problems;
    // broken scenarios leave the pack as it is. Either way the scenario tests are then one test
    // that fails with the problems.
    let failing_test = |lines: &[String]| {
        format!(
            "#[test]\nfn the_rule_pack_and_its_scenarios_are_valid() {{\n    panic!(\"{{}}\", {:?});\n}}\n",
            lines.join("\n")
        )
    };
    let (bytes, problems, tests) = match compiled(&texts) {
        Err(e) => {
            let lines = report(e);
            (Vec::new(), lines.join("\n"), failing_test(&lines))
        }
        Ok(bytes) => match scenario_tests(&texts) {
            Ok(tests) => (bytes, String::new(), tests),
            Err(e) => (bytes, String::new(), failing_test(&report(e))),
        },
    };
    std::fs::write(out.join("pack.bin"), bytes).expect("writing pack.bin");
    std::fs::write(out.join("problems.txt"), problems).expect("writing problems.txt");
    std::fs::write(out.join("scenario_tests.rs"), tests).expect("writing scenario_tests.rs");
}

/// The compiled pack in compact form.
fn compiled(texts: &[(String, String)]) -> Result<Vec<u8>, skillcalc_engine::Error> {
    let mut source = skillcalc_engine::pack_from_toml(texts)?;
    source.name = Some("shanghai-skills".into()); // skillcalc_catalog::NAME
    source.version = Some(std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
    skillcalc_engine::compile(&source)?.to_compact()
}

/// One `#[test]` per scenario, named after its file and id so that a failure names `file:case`.
fn scenario_tests(texts: &[(String, String)]) -> Result<String, skillcalc_engine::Error> {
    let scenarios = skillcalc_engine::scenarios_from_toml(texts)?;
    let mut tests = String::new();
    for (file, f) in &scenarios {
        let stem = file
            .trim_start_matches("scenarios/")
            .trim_end_matches(".toml");
        for s in &f.scenario {
            let name: String = format!("{stem}__{}", s.id)
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '_'
                    }
                })
                .collect();
            let _ = writeln!(
                tests,
                "#[test]\n#[allow(non_snake_case)]\nfn {name}() {{ run_one({file:?}, {:?}); }}",
                s.id
            );
        }
    }
    Ok(tests)
}
