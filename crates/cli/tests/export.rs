//! `skillcalc export`: a valid pack as one JSON file for publishing, with the integrity value
//! (SHA-256, base64) the npm package's loadPack(url, { integrity }) checks.

mod common;
use base64::Engine as _;
use common::{skillcalc, DEMO};
use sha2::{Digest, Sha256};

fn out_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("skillcalc-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

#[test]
fn export_writes_the_pack_and_its_integrity() {
    let out = out_file("demo.json");
    let path = out.to_str().expect("utf-8");
    let run = skillcalc(&[
        "export",
        DEMO,
        "--name",
        "demo-published",
        "--version",
        "2",
        "--out",
        path,
    ]);
    run.expect_code(0);
    let bytes = std::fs::read(&out).expect("written");
    let integrity = format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&bytes))
    );
    assert!(
        run.stdout
            .lines()
            .any(|l| l == format!("integrity {integrity}")),
        "{}",
        run.stdout
    );
    let pack: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(pack["name"], "demo-published");
    assert_eq!(pack["version"], "2");
    assert!(
        pack["fact"].as_array().is_some_and(|f| !f.is_empty()),
        "the facts are there"
    );
}

#[test]
fn export_refuses_a_broken_pack_and_the_catalogue_s_name() {
    let out = out_file("broken.json");
    let path = out.to_str().expect("utf-8");
    let run = skillcalc(&["export", "tests/data/broken_pack", "--out", path]);
    run.expect_code(2);
    assert!(
        run.stderr.contains(
            "policies/broken.toml:19:1: broken.bonus: when.fact: unknown fact 'team.size'"
        ),
        "{}",
        run.stderr
    );
    assert!(!out.exists(), "nothing written for a broken pack");

    let run = skillcalc(&["export", DEMO, "--name", "shanghai-skills", "--out", path]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("may not take the embedded catalogue's name"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
