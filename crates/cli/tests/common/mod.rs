//! Runs the built `skillcalc` binary from the crate folder, so paths like `tests/data/…` work.
#![allow(dead_code)] // each test file uses a different part of this helper

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh, empty folder under the system temp dir, removed with all it holds when dropped.
///
/// Tests must not leave files behind, and `Drop` runs when a test panics too, so a failing
/// test cleans up as a passing one does. Keep it alive (`let dir = TempDir::new(…)`) for as
/// long as the test uses its files. The folder is `skillcalc-<name>-<process id>`: tests that
/// run at the same time in one process must each give a different name.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("skillcalc-{name}-{}", std::process::id()));
        // A leftover of the same name (a killed run whose process id came round again).
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    pub fn join(&self, name: impl AsRef<Path>) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The demo pack of the engine's tests: every fact type, condition and amount form.
pub const DEMO: &str = "../engine/tests/fixtures/demo";

/// The arguments of `skillcalc batch` on the demo pack's training subsidy, as of 2024-06-01, in
/// English, then `extra` (more options, and the input: a file or `-`).
pub fn demo_training_batch_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "batch",
        "--pack",
        DEMO,
        "--provision",
        "demo.training",
        "--as-of",
        "2024-06-01",
        "--lang",
        "en",
    ];
    args.extend_from_slice(extra);
    args
}

/// That batch, with `extra` options, reading `rows` from standard input.
pub fn demo_training_batch(extra: &[&str], rows: &str) -> Run {
    let mut extra = extra.to_vec();
    extra.push("-");
    skillcalc_with_stdin(&demo_training_batch_args(&extra), rows)
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            // No code means killed by a signal (a panic under panic=abort): never acceptable.
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    pub fn last_line(&self) -> &str {
        self.stdout.lines().last().unwrap_or("")
    }

    /// Fails the test with everything the command said.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

fn command(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_skillcalc"));
    c.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

pub fn skillcalc(args: &[&str]) -> Run {
    Run::from(
        command(args)
            .stdin(Stdio::null())
            .output()
            .expect("running skillcalc"),
    )
}

pub fn skillcalc_with_stdin(args: &[&str], stdin: &str) -> Run {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running skillcalc");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writing stdin");
    Run::from(child.wait_with_output().expect("waiting for skillcalc"))
}

/// `N passed, M failed` -> (N, M)
pub fn passed_failed(line: &str) -> (usize, usize) {
    let (passed, failed) = line
        .split_once(" passed, ")
        .unwrap_or_else(|| panic!("not a closing line: {line}"));
    let failed = failed
        .strip_suffix(" failed")
        .unwrap_or_else(|| panic!("not a closing line: {line}"));
    (
        passed.parse().expect("passed count"),
        failed.parse().expect("failed count"),
    )
}

/// Runs skillcalc with `chunk` written to its standard input again and again, up to `limit`
/// bytes or until it stops reading (a closed pipe). Returns the run and how much it was given.
pub fn skillcalc_with_stream(args: &[&str], chunk: &[u8], limit: usize) -> (Run, usize) {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running skillcalc");
    let mut stdin = child.stdin.take().expect("stdin");
    let chunk = chunk.to_vec();
    let writer = std::thread::spawn(move || {
        let mut written = 0;
        while written < limit && stdin.write_all(&chunk).is_ok() {
            written += chunk.len();
        }
        written
    });
    let run = Run::from(child.wait_with_output().expect("waiting for skillcalc"));
    (run, writer.join().expect("the writer thread"))
}
