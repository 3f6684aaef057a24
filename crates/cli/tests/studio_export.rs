//! The studio page exports a pack with `skillcalc_engine::publish_json` (in its wasm,
//! crates/studio-wasm); `skillcalc export` must write the very same bytes, so that a pack
//! published from the studio and one published from the command line are one and the same
//! (and so carry the same integrity value).

mod common;
use common::TempDir;
use std::process::Command;

#[test]
fn skillcalc_export_writes_what_the_studio_exports() {
    let dir = TempDir::new("studio-export");
    let out = dir.join("pack.json");
    let status = Command::new(env!("CARGO_BIN_EXE_skillcalc"))
        .args(["export", "--name", "my-rules", "--version", "1.2", "--out"])
        .arg(&out)
        .output()
        .expect("skillcalc runs");
    assert!(status.status.success());
    let cli = std::fs::read_to_string(&out).unwrap();
    let files: Vec<(String, String)> = skillcalc_catalog::source_files()
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let studio = skillcalc_engine::publish_json(&files, "my-rules", "1.2").expect("valid pack");
    assert!(cli == studio, "skillcalc export and the studio differ");
}
