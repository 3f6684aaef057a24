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

    let fail = |e: skillcalc_engine::Error| -> ! {
        let e = skillcalc_engine::with_positions(e, &texts);
        if let skillcalc_engine::Error::InvalidPack { problems } = &e {
            for p in problems {
                println!("cargo:warning=pack/{p}");
            }
        }
        panic!("the catalog's rule pack is invalid: {e}\n(run `cargo run -p skillcalc-cli -- check crates/catalog/pack` for the full list)");
    };
    let mut source = skillcalc_engine::pack_from_toml(&texts).unwrap_or_else(|e| fail(e));
    source.name = Some("shanghai-skills".into());
    source.version = Some(std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
    let pack = skillcalc_engine::compile(&source).unwrap_or_else(|e| fail(e));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let bytes = pack.to_compact().unwrap_or_else(|e| fail(e));
    std::fs::write(out.join("pack.bin"), bytes).expect("writing pack.bin");

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

    // One test per scenario, named after its file and id, so a failure names `file:case`.
    let scenarios = skillcalc_engine::scenarios_from_toml(&texts).unwrap_or_else(|e| fail(e));
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
    std::fs::write(out.join("scenario_tests.rs"), tests).expect("writing scenario_tests.rs");
}
