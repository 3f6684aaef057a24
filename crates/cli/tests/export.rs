//! `skillcalc export`: a valid pack as one JSON file for publishing, with the integrity value
//! (SHA-256, base64) the npm package's loadPack(url, { integrity }) checks.

mod common;
use base64::Engine as _;
use common::{skillcalc, TempDir, DEMO};
use sha2::{Digest, Sha256};

#[test]
fn export_writes_the_pack_and_its_integrity() {
    let dir = TempDir::new("export-demo");
    let out = dir.join("demo.json");
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
    let dir = TempDir::new("export-broken");
    let out = dir.join("broken.json");
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

/// The demo pack copied into `tmp`'s folder `tag`, with `pack_toml` as its pack.toml.
fn demo_with_pack_toml(tmp: &TempDir, tag: &str, pack_toml: &str) -> std::path::PathBuf {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("dir");
        for e in std::fs::read_dir(from).expect("read").flatten() {
            let p = e.path();
            if p.is_dir() {
                copy(&p, &to.join(e.file_name()));
            } else {
                std::fs::copy(&p, to.join(e.file_name())).expect("copy");
            }
        }
    }
    let dir = tmp.join(tag);
    copy(std::path::Path::new(DEMO), &dir);
    std::fs::write(dir.join("pack.toml"), pack_toml).expect("pack.toml");
    dir
}

#[test]
fn pack_toml_gives_the_issuer_and_date_every_report_carries() {
    let tmp = TempDir::new("export-issued");
    let dir = demo_with_pack_toml(
        &tmp,
        "issued",
        "name = \"portal-rules\"\nversion = \"3\"\nissuer = { zh = \"示例区人社局\", en = \"Example District HR Bureau\" }\ndate = \"2026-03-01\"\n",
    );
    let d = dir.to_str().expect("utf-8");
    let out = tmp.join("issued.json");
    let run = skillcalc(&["export", d, "--out", out.to_str().expect("utf-8")]);
    run.expect_code(0);
    let pack: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    assert_eq!(pack["name"], "portal-rules");
    assert_eq!(pack["version"], "3");
    assert_eq!(pack["issuer"]["en"], "Example District HR Bureau");
    assert_eq!(pack["date"], "2026-03-01");

    let profile = tmp.join("empty-profile.json");
    std::fs::write(&profile, "{}").expect("profile");
    let p = profile.to_str().expect("utf-8");
    let run = skillcalc(&[
        "evaluate",
        "--pack",
        d,
        "--as-of",
        "2024-06-01",
        "--format",
        "json",
        "--lang",
        "zh",
        p,
    ]);
    run.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        report["pack"],
        serde_json::json!({ "name": "portal-rules", "version": "3", "embedded": false,
                            "issuer": "示例区人社局", "date": "2026-03-01" })
    );
    let run = skillcalc(&[
        "explain",
        "--pack",
        d,
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
        p,
    ]);
    run.expect_code(0);
    assert!(
        run.stdout.contains(
            "rule pack portal-rules 3 (Example District HR Bureau, 2026-03-01) — not the built-in catalogue"
        ),
        "{}",
        run.stdout
    );

    // The embedded catalogue names no issuer or date: it is this project's own compilation.
    let run = skillcalc(&["evaluate", "--as-of", "2024-06-01", "--format", "json", p]);
    run.expect_code(0);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(report["pack"]["embedded"], true);
    assert!(report["pack"]["issuer"].is_null() && report["pack"]["date"].is_null());
}

#[test]
fn a_bad_publication_date_is_refused_naming_the_field() {
    let tmp = TempDir::new("export-bad-date");
    let dir = demo_with_pack_toml(
        &tmp,
        "bad-date",
        "name = \"portal-rules\"\ndate = \"2026-02-30\"\n",
    );
    let out = tmp.join("bad-date.json");
    let run = skillcalc(&[
        "export",
        dir.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("pack.toml: portal-rules: date: '2026-02-30' is not a real date"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}
