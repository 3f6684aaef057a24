//! A catalogue edit that breaks the pack must not break the tool that finds what is wrong:
//! `skillcalc` built from a broken catalogue still builds (crates/catalog's `lenient`), `check`
//! lists every problem at its line and column and checks any other pack, and the commands
//! that need the embedded catalogue say why they cannot run. The catalogue alone (what the
//! app and the npm package build) refuses to build.
//!
//! Builds into its own target folder (target/broken-catalogue), so the usual build is untouched.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn cargo_build(package: &str, target: &Path) -> Output {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--offline", "-p", package])
        .current_dir(manifest)
        .env("CARGO_TARGET_DIR", target)
        .env(
            "SKILLCALC_PACK_DIR",
            manifest.join("tests/data/broken_pack"),
        )
        .stdin(Stdio::null())
        .output()
        .expect("cargo runs")
}

fn run(binary: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(binary)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("skillcalc runs");
    // The command may stop before it reads its input (that is the point here): a closed pipe
    // is not a failure of the test.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("skillcalc ends");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_works_in_a_build_whose_embedded_catalogue_is_broken() {
    let target: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/broken-catalogue");

    // The CLI builds, warning with each problem at its place.
    let built = cargo_build("skillcalc-cli", &target);
    let log = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{log}");
    assert!(
        log.contains(
            "pack/policies/broken.toml:19:1: broken.bonus: when.fact: unknown fact 'team.size'"
        ),
        "{log}"
    );
    let skillcalc = target
        .join("debug")
        .join(format!("skillcalc{}", std::env::consts::EXE_SUFFIX));

    // Another pack is checked as in any build.
    let (code, out, _) = run(&skillcalc, &["check", "tests/data/mini_pack"], "");
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("3 passed, 0 failed\n"), "{out}");

    // The embedded catalogue's own files: every problem, at its line and column.
    let (code, out, _) = run(&skillcalc, &["check"], "");
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains(
            "policies/broken.toml:19:1: broken.bonus: when.fact: unknown fact 'team.size'\n"
        ),
        "{out}"
    );
    assert!(out.contains("policies/broken.toml:22:1: broken.bonus: amount.range: min 3000 is greater than max 1000\n"), "{out}");
    assert!(out.ends_with("0 passed, 2 failed\n"), "{out}");

    // What needs the catalogue says why it cannot run, and where to look.
    let (code, _, err) = run(&skillcalc, &["evaluate", "-", "--lang", "en"], "{}");
    assert_eq!(code, 2, "{err}");
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.contains("built from an invalid catalogue") && first.contains("skillcalc check"),
        "{err}"
    );
    assert!(err.contains("policies/broken.toml:19:1"), "{err}");

    // The catalogue on its own (as the app and the npm package build it) refuses to build.
    let strict = cargo_build("skillcalc-catalog", &target);
    let log = String::from_utf8_lossy(&strict.stderr);
    assert!(
        !strict.status.success(),
        "a broken catalogue must not build for the app: {log}"
    );
    assert!(
        log.contains("the catalog's rule pack is invalid: 2 problem(s)"),
        "{log}"
    );
}
