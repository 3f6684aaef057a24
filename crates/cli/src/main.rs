//! `skillcalc`: the command-line face of the policy calculator.
//!
//! Thin on purpose: parse the arguments, call the engine (or the embedded catalog), print.
//! Every rule, amount and message about a fact comes from `skillcalc-engine`; this crate only
//! reads files, picks the output format and maps errors to exit codes:
//! 0 done, 2 bad input (arguments, files, profiles, packs), 1 internal error.

#![forbid(unsafe_code)]

mod batch;
mod check;
mod csv_in;
mod csv_out;
mod evaluate;
mod explain;
mod export;
mod failure;
mod input;
mod labels;
mod list;
mod matching;
mod output;
mod printable;
mod rows;
mod table;

use clap::{Args, Parser, Subcommand, ValueEnum};
use failure::Failure;
use std::path::PathBuf;
use std::process::ExitCode;

/// Shanghai skilled-talent policies: who qualifies, for how much, and why.
#[derive(Parser)]
#[command(name = "skillcalc", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a profile (a JSON object {fact id: value}; null = unknown) and print the report.
    Evaluate(EvaluateArgs),
    /// The same report as readable text: every condition, step, value and source.
    Explain(EvaluateArgs),
    /// One provision over many rows (CSV, XLSX or JSON lines), with per-group totals and caps.
    ///
    /// CSV and XLSX input: the header row names the facts (by id, or by label in Chinese or
    /// English); an empty cell is unknown; a CSV cell cannot span lines (a quote open at the end
    /// of a line stops the batch, exit 2). XLSX: the first worksheet, from a file (not stdin).
    /// JSON lines: one profile object per line. A line is at most 1 MiB (exit 2 beyond). Rows
    /// are numbered from 1 (the header and blank lines do not count).
    ///
    /// Output: stdout (a table when it is a terminal, else jsonl; or --format), or --out FILE
    /// in the format its extension names: .xlsx (rows and totals sheets), .csv (totals to
    /// FILE's name + .totals.csv), .jsonl.
    ///
    /// Output, one line per valid row on stdout:
    ///   jsonl: {"row", "status", "amount": {"min", "max", "exact", "display", "cap_group"} | null,
    ///          "missing", "failed", "warnings" (when any)}, then one {"group", "rows", "eligible_rows", "min", "max",
    ///          "cap", "capped", "scope_unknown", "display", "spellings"} line per cap group (caps applied
    ///          across rows; answers differing only in case, full-width forms or spaces are one group);
    ///   csv:   row,status,min,max,display; the group totals go to stderr, as CSV. A cell starting
    ///          with = + - @ is written '= … in quotes: a spreadsheet will not run it.
    /// An invalid row gets no stdout line: `row N: fact: message` goes to stderr and the batch
    /// goes on (exit 0), unless --strict (exit 2 at the first). Stderr ends with counts by status.
    #[command(verbatim_doc_comment)]
    Batch(batch::BatchArgs),
    /// Every provision over a list of people or organisations (CSV, XLSX or JSON lines), with
    /// each row's results and total, then each provision's totals with caps applied across rows.
    ///
    /// Reads the list as batch does. Output on stdout (a table when it is a terminal, else
    /// jsonl; or --format), or --out FILE: .xlsx (sheets 结果/Results, one line per row and
    /// provision with title, status in words and the missing facts' labels, and 合计/Totals),
    /// .csv (the totals to FILE's name + .totals.csv) or .jsonl. Per valid row:
    ///   jsonl: {"row", "results": [{"id", "status", "amount", "missing"} for each provision the
    ///          row is eligible for or needs information on], "total": {"min", "max", "display"}},
    ///          then per provision {"provision", "eligible_rows", "needs_info_rows", "groups"};
    ///   csv:   row,provision,status,min,max,display,missing; the per-provision totals go to
    ///          stderr, as CSV.
    /// Invalid rows are reported on stderr and the list goes on (exit 0), unless --strict.
    #[command(verbatim_doc_comment, name = "match")]
    Match(matching::MatchArgs),
    /// Validate a rule pack and run its scenario tests.
    Check(CheckArgs),
    /// Write a valid rule pack as one JSON file for publishing, and print its integrity value
    /// (for the npm package's loadPack(url, { integrity })).
    Export(export::ExportArgs),
    /// List the fact registry.
    Facts(ListArgs),
    /// List the policies, their dates and provisions.
    Policies(ListArgs),
}

/// Language of the report and of error messages about facts.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for skillcalc_engine::Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => skillcalc_engine::Lang::Zh,
            LangArg::En => skillcalc_engine::Lang::En,
        }
    }
}

/// Options every command that reads a pack shares.
#[derive(Args, Clone, Debug)]
pub struct PackArgs {
    /// A rule-pack folder (facts.toml, values.toml, policies/*.toml) instead of the embedded catalog.
    #[arg(long, value_name = "DIR")]
    pub pack: Option<PathBuf>,
    /// Language of the output.
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
}

#[derive(Args, Clone, Debug)]
pub struct AsOfArg {
    /// The date to evaluate on (default: today, local date).
    #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
    pub as_of: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Table,
}

#[derive(Args, Debug)]
pub struct EvaluateArgs {
    #[command(flatten)]
    pub as_of: AsOfArg,
    #[command(flatten)]
    pub pack: PackArgs,
    /// Output format (explain always prints text).
    #[arg(long, value_enum, default_value = "json")]
    pub format: ReportFormat,
    /// Only these provisions (repeatable); totals and questions then cover only them.
    #[arg(long, value_name = "ID")]
    pub provision: Vec<String>,
    /// The profile: a JSON file, or - for standard input.
    #[arg(value_name = "PROFILE.json|-")]
    pub profile: String,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// A rule-pack folder (default: the embedded catalog's sources).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// When every scenario passes, bring this JSON corpus (what the other faces run, e.g.
    /// tests/corpus/scenarios.json) up to date and list the scenarios added, changed or removed.
    #[arg(long, value_name = "FILE")]
    corpus: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub as_of: AsOfArg,
    #[command(flatten)]
    pub pack: PackArgs,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Evaluate(args) => evaluate::run(&args, false),
        Command::Explain(args) => evaluate::run(&args, true),
        Command::Batch(args) => batch::run(&args),
        Command::Check(args) => check::run(args.dir.as_deref(), args.corpus.as_deref()),
        Command::Export(args) => export::run(&args),
        Command::Match(args) => matching::run(&args),
        Command::Facts(args) => list::facts(&args),
        Command::Policies(args) => list::policies(&args),
    }
}

fn main() -> ExitCode {
    // clap prints its own usage errors and exits with 2 (bad input), or 0 for --help.
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(failure) => failure.report(),
    }
}
