//! `skillcalc batch`: one provision over many rows, streamed.
//!
//! Input: CSV (header row = fact ids; an empty cell is unknown; every cell goes to the engine as
//! text, which parses it for the fact's type) or JSON lines (one profile object per line).
//! Output on stdout, one line per valid row:
//!   jsonl: {"row": n, "status": …, "amount": {…}|null, "missing": […], "failed": […]}
//!          then one line per cap group: {"group": …, "rows": …, "min": …, "max": …, "capped": …,
//!          "spellings": […]} (the engine merges answers differing only in case or width)
//!   csv:   row,status,min,max,display — the per-group totals then go to stderr (as CSV), so
//!          stdout stays one table.
//! Rows are numbered from 1, not counting the CSV header or blank JSONL lines. An invalid row
//! (a profile error) gets no stdout line: its problems go to stderr as `row N: fact: message`
//! and the batch goes on, unless `--strict`, which stops at it with exit code 2. A count of
//! rows by status ends stderr.
//!
//! Rows take the engine's fast path (`decide`): status, amount, missing and failed facts, without
//! the explanation (run `skillcalc explain` on one row for that).
//!
//! Memory does not grow with the file: rows are read one line at a time (at most 1 MiB, else
//! exit 2) into reused buffers and written through a buffer; only the per-group totals grow
//! (with the number of groups and of their spellings). A CSV cell cannot span lines: a quote still open at the end of
//! a line stops the batch (exit 2) rather than swallow the rows after it.

use crate::csv_out;
use crate::failure::{profile_problem_line, unknown_provision, warn, Failure};
use crate::input;
use crate::rows::{self, Progress, RowFormat};
use crate::{AsOfArg, PackArgs};
use clap::Args;
use serde::Serialize;
use skillcalc_engine::{DecidedAmountReport, Error, Lang, Profile, ProvisionDecision, Status};
use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// The provision to evaluate for every row.
    #[arg(long, value_name = "ID")]
    provision: String,
    #[command(flatten)]
    as_of: AsOfArg,
    #[command(flatten)]
    pack: PackArgs,
    #[command(flatten)]
    list: rows::ListArgs,
}

pub fn run(args: &BatchArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let run = skillcalc_engine::Batch::new(&pack, &args.provision, options)
        .map_err(|_| Failure::bad_input(unknown_provision(&args.provision, lang)))?;
    let (reader, input_format) = rows::open(&args.list.input, args.list.input_format, lang)?;

    let mut rows = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if args.list.format == RowFormat::Csv {
        csv_out::write_record(&mut rows, &["row", "status", "min", "max", "display"])?;
    }
    let mut batch = Batch {
        run,
        strict: args.list.strict,
        format: args.list.format,
        rows,
        counts: Counts::default(),
        progress: Progress::new(),
    };
    let result = rows::read(
        &pack,
        lang,
        reader,
        &args.list.input,
        input_format,
        &mut |row, outcome| batch.row(row, outcome),
    );
    batch.progress.clear();
    // Rows written so far stay written, even when --strict stops the batch.
    batch.rows.flush()?;
    result?;
    batch.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// One row's result on stdout (jsonl): the engine's decision, without the provision's id
/// (the same for every row) and what the conditions decide apart from the as-of date.
#[derive(Serialize)]
struct RowResult<'a> {
    row: u64,
    status: &'static str,
    amount: Option<&'a DecidedAmountReport>,
    missing: &'a [&'a str],
    failed: &'a [&'a str],
}

#[derive(Default)]
struct Counts {
    rows: u64,
    eligible: u64,
    not_eligible: u64,
    needs_info: u64,
    not_in_force: u64,
    invalid: u64,
}

struct Batch<'a, 'w> {
    /// Decides the rows and sums them per cap group.
    run: skillcalc_engine::Batch<'a>,
    strict: bool,
    format: RowFormat,
    rows: BufWriter<StdoutLock<'w>>,
    counts: Counts,
    progress: Progress,
}

impl<'a> Batch<'a, '_> {
    fn lang(&self) -> Lang {
        self.run.options().lang
    }

    /// One row read: decided and written, or reported as invalid.
    fn row(&mut self, row: u64, outcome: rows::Outcome) -> Result<(), Failure> {
        self.counts.rows = row;
        self.progress.tick(row);
        let outcome = match outcome {
            Ok(profile) => self.evaluate(profile)?,
            Err(problems) => Err(problems),
        };
        self.emit(row, &outcome)
    }

    /// The row's decision, or its problems (a profile the engine refuses, e.g. numbers too large).
    fn evaluate(
        &mut self,
        profile: &Profile,
    ) -> Result<Result<ProvisionDecision<'a>, Vec<String>>, Failure> {
        match self.run.row(profile) {
            Ok(decision) => Ok(Ok(decision)),
            Err(Error::InvalidProfile { problems }) => Ok(Err(problems
                .iter()
                .map(|p| profile_problem_line(p, self.lang()))
                .collect())),
            Err(e) => Err(Failure::engine(&e, self.lang())),
        }
    }

    /// Writes a valid row to stdout; reports an invalid one.
    fn emit(
        &mut self,
        row: u64,
        outcome: &Result<ProvisionDecision, Vec<String>>,
    ) -> Result<(), Failure> {
        let d = match outcome {
            Ok(d) => d,
            Err(problems) => return self.invalid_row(row, problems),
        };
        match d.status {
            Status::Eligible => self.counts.eligible += 1,
            Status::NotEligible => self.counts.not_eligible += 1,
            Status::NeedsInfo => self.counts.needs_info += 1,
            Status::NotInForce => self.counts.not_in_force += 1,
        }
        let amount = d.amount.as_ref();
        let out = &mut self.rows;
        match self.format {
            RowFormat::Jsonl => {
                let result = RowResult {
                    row,
                    status: d.status.as_str(),
                    amount,
                    missing: &d.missing,
                    failed: &d.failed,
                };
                serde_json::to_writer(&mut *out, &result).map_err(|e| Failure::output(e.into()))?;
                out.write_all(b"\n")?;
            }
            RowFormat::Csv => {
                let number = row.to_string();
                csv_out::write_record(
                    out,
                    &[
                        &number,
                        d.status.as_str(),
                        amount.map_or("", |a| &a.min),
                        amount.and_then(|a| a.max.as_deref()).unwrap_or(""),
                        amount.map_or("", |a| &a.display),
                    ],
                )?;
            }
        }
        Ok(())
    }

    fn invalid_row(&mut self, row: u64, problems: &[String]) -> Result<(), Failure> {
        self.counts.invalid += 1;
        rows::invalid_row(row, problems, self.strict, self.lang(), &self.progress)
    }

    /// Per-group totals (caps applied across rows), then the counts.
    fn finish(mut self) -> Result<(), Failure> {
        let lang = self.lang();
        let totals = self.run.groups();
        let out = &mut self.rows;
        match self.format {
            RowFormat::Jsonl => {
                for t in &totals {
                    serde_json::to_writer(&mut *out, t).map_err(|e| Failure::output(e.into()))?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
            }
            RowFormat::Csv => {
                out.flush()?;
                // Errors ignored: with stderr gone there is nowhere left to say anything.
                let mut err = BufWriter::new(io::stderr().lock());
                let _ = csv_out::write_record(
                    &mut err,
                    &[
                        "group",
                        "rows",
                        "eligible_rows",
                        "min",
                        "max",
                        "cap",
                        "capped",
                        "scope_unknown",
                        "display",
                        "spellings",
                    ],
                );
                for t in &totals {
                    let (rows, eligible) = (t.rows.to_string(), t.eligible_rows.to_string());
                    // Exact in the JSON lines output, a list; here for reading.
                    let spellings = t.spellings.join("; ");
                    let _ = csv_out::write_record(
                        &mut err,
                        &[
                            t.group.as_str(),
                            &rows,
                            &eligible,
                            &t.min,
                            t.max.as_deref().unwrap_or(""),
                            t.cap.as_deref().unwrap_or(""),
                            if t.capped { "true" } else { "false" },
                            if t.scope_unknown { "true" } else { "false" },
                            &t.display,
                            &spellings,
                        ],
                    );
                }
                let _ = err.flush();
            }
        }
        let c = &self.counts;
        warn(&match lang {
            Lang::Zh => format!(
                "共 {} 条记录：符合 {}，不符合 {}，待补充信息 {}，未生效 {}，无效 {}",
                c.rows, c.eligible, c.not_eligible, c.needs_info, c.not_in_force, c.invalid
            ),
            Lang::En => format!(
                "rows: {} ({} eligible, {} not eligible, {} need information, {} not in force, {} invalid)",
                c.rows, c.eligible, c.not_eligible, c.needs_info, c.not_in_force, c.invalid
            ),
        });
        Ok(())
    }
}
