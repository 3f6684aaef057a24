//! Input is bounded: a profile is at most 16 MiB and a batch line at most 1 MiB. Beyond that
//! the command stops with exit code 2 and a short message, having read little more than the
//! limit (so memory stays flat however much is piped in), and it never echoes the input back.

mod common;
use common::{demo_training_batch_args, skillcalc_with_stdin, skillcalc_with_stream, DEMO};

const MIB: usize = 1 << 20;

#[test]
fn an_endless_profile_on_stdin_stops_at_16_mib() {
    // `yes | skillcalc evaluate -`
    let (run, given) = skillcalc_with_stream(
        &["evaluate", "--pack", DEMO, "--lang", "en", "-"],
        &b"y\n".repeat(32 * 1024),
        64 * MIB,
    );
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("error: -: larger than 16 MiB, the most a profile may be"),
        "{}",
        run.stderr
    );
    assert!(given < 64 * MIB, "it read the whole stream ({given} bytes)");
    assert!(
        run.stderr.len() < 200,
        "{} bytes of stderr",
        run.stderr.len()
    );
}

#[test]
fn a_profile_of_exactly_16_mib_is_read() {
    let padding = " ".repeat(16 * MIB - 2);
    let run = skillcalc_with_stdin(
        &["evaluate", "--pack", DEMO, "--as-of", "2024-06-01", "-"],
        &format!("{{{padding}}}"),
    );
    run.expect_code(0);
}

#[test]
fn a_batch_without_line_breaks_stops_at_1_mib_without_echoing_it() {
    // 1 GB without a newline took 4.2 GB and echoed the whole "header".
    for format in ["csv", "jsonl"] {
        let (run, given) = skillcalc_with_stream(
            &demo_training_batch_args(&["--input-format", format, "-"]),
            &[b'a'; 64 * 1024],
            64 * MIB,
        );
        run.expect_code(2);
        assert_eq!(
            run.stderr,
            "error: line 1: longer than 1 MiB, the most one line may be; stopped, the lines after it were not read\n",
            "{format}"
        );
        assert!(given < 64 * MIB, "{format}: it read the whole stream");
    }
}

#[test]
fn a_long_line_in_the_middle_stops_the_batch_after_the_rows_before_it() {
    let rows = format!(
        "org.trainees,org.project,org.year\n1,P1,2024\n1,{},2024\n1,P1,2024\n",
        "P".repeat(MIB)
    );
    let run = skillcalc_with_stdin(&demo_training_batch_args(&["-"]), &rows);
    run.expect_code(2);
    assert_eq!(run.stdout.lines().count(), 1, "row 1 only: {}", run.stdout);
    assert!(
        run.stderr.contains("error: line 3: longer than 1 MiB"),
        "{}",
        run.stderr
    );
    // A line of exactly 1 MiB is read (and this one's cell is then refused as too long a text).
    let rows = format!(
        "org.trainees,org.project,org.year\n1,{},2024\n",
        "P".repeat(MIB - "1,,2024".len())
    );
    let run = skillcalc_with_stdin(&demo_training_batch_args(&["-"]), &rows);
    run.expect_code(0);
    assert!(run.stderr.contains("row 1: org.project:"), "{}", run.stderr);
}

#[test]
fn a_long_column_name_is_quoted_only_in_part() {
    let rows = format!("{},org.project\n", "x".repeat(1000));
    let run = skillcalc_with_stdin(&demo_training_batch_args(&["--strict", "-"]), &rows);
    run.expect_code(2);
    let quoted = format!("there is no fact named '{}…'", "x".repeat(80));
    assert!(run.stderr.contains(&quoted), "{}", run.stderr);
}
