//! `skillcalc match`: every provision over a list of people or organisations (免申即享: tell
//! each what it qualifies for before it asks), streamed.
//!
//! Reads the rows as `batch` does (rows.rs: CSV or JSON lines). For each valid row, on stdout:
//!   jsonl: {"row": n, "results": [{"id", "status", "amount": {…}|null, "missing": […]}, …],
//!          "total": {"min", "max", "display"}} — only the provisions the row is eligible for or
//!          needs information on; the total sums the eligible ones' amounts;
//!   csv:   row,provision,status,min,max,display,missing — one line per such provision.
//! Then, per provision some row is eligible for or needs information on, the rows counted by
//! status and its totals per cap group with each
//! cap applied once across rows (the training subsidy's 100万 per project and year): jsonl
//! lines {"provision", "eligible_rows", "needs_info_rows", "groups": […]} on stdout, or (csv)
//! a CSV table on stderr, so that stdout stays one table. An invalid row gets no stdout line:
//! `row N: fact: message` goes to stderr and the list goes on, unless `--strict`. Stderr ends
//! with the rows counted: read, valid, invalid, with at least one eligible provision.

use crate::csv_out;
use crate::failure::{profile_problem_line, warn, Failure};
use crate::input;
use crate::rows::{self, Progress, RowFormat};
use crate::{AsOfArg, PackArgs};
use clap::{Args, ValueEnum};
use rust_decimal::Decimal;
use serde::Serialize;
use skillcalc_engine::{
    display_range, Batch, DecidedAmountReport, Error, GroupTotal, Lang, Profile, Status, Subject,
};
use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;
use std::str::FromStr;

#[derive(Args, Debug)]
pub struct MatchArgs {
    #[command(flatten)]
    as_of: AsOfArg,
    #[command(flatten)]
    pack: PackArgs,
    /// Only the provisions for people (`person`) or for organisations (`org`); default: all.
    #[arg(long, value_enum)]
    door: Option<Door>,
    #[command(flatten)]
    list: rows::ListArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Door {
    Person,
    Org,
}

/// One provision of a row, as written (jsonl).
#[derive(Serialize)]
struct RowProvision<'a> {
    id: &'a str,
    status: &'static str,
    amount: Option<&'a DecidedAmountReport>,
    missing: &'a [&'a str],
}

#[derive(Serialize)]
struct RowTotal {
    min: String,
    max: Option<String>,
    display: String,
}

#[derive(Serialize)]
struct ProvisionTotals<'a> {
    provision: &'a str,
    eligible_rows: u64,
    needs_info_rows: u64,
    groups: Vec<GroupTotal>,
}

/// One provision over every row: its decisions summed per cap group (the engine's `Batch`).
struct Column<'a> {
    run: Batch<'a>,
    id: &'a str,
    eligible_rows: u64,
    needs_info_rows: u64,
}

struct Matching<'a, 'w> {
    columns: Vec<Column<'a>>,
    lang: Lang,
    strict: bool,
    format: RowFormat,
    out: BufWriter<StdoutLock<'w>>,
    progress: Progress,
    rows: u64,
    invalid: u64,
    with_eligible: u64,
}

pub fn run(args: &MatchArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let columns = pack
        .provisions
        .iter()
        .filter(|p| match args.door {
            None => true,
            Some(Door::Person) => p.audience == Subject::Person,
            Some(Door::Org) => p.audience == Subject::Organisation,
        })
        .map(|p| {
            Ok(Column {
                run: Batch::new(&pack, &p.id, options).map_err(|e| Failure::engine(&e, lang))?,
                id: &p.id,
                eligible_rows: 0,
                needs_info_rows: 0,
            })
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    let (reader, input_format) = rows::open(&args.list.input, args.list.input_format, lang)?;
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if args.list.format == RowFormat::Csv {
        csv_out::write_record(
            &mut out,
            &[
                "row",
                "provision",
                "status",
                "min",
                "max",
                "display",
                "missing",
            ],
        )?;
    }
    let mut matching = Matching {
        columns,
        lang,
        strict: args.list.strict,
        format: args.list.format,
        out,
        progress: Progress::new(),
        rows: 0,
        invalid: 0,
        with_eligible: 0,
    };
    let result = rows::read(
        &pack,
        lang,
        reader,
        &args.list.input,
        input_format,
        &mut |row, outcome| matching.row(row, outcome),
    );
    matching.progress.clear();
    matching.out.flush()?;
    result?;
    matching.finish()?;
    Ok(ExitCode::SUCCESS)
}

impl Matching<'_, '_> {
    fn row(&mut self, row: u64, outcome: rows::Outcome) -> Result<(), Failure> {
        self.rows = row;
        self.progress.tick(row);
        let profile = match outcome {
            Ok(profile) => profile,
            Err(problems) => return self.invalid_row(row, &problems),
        };
        match self.decide(row, profile) {
            Ok(()) => Ok(()),
            Err(Error::InvalidProfile { problems }) => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| profile_problem_line(p, self.lang))
                    .collect();
                self.invalid_row(row, &lines)
            }
            Err(e) => Err(Failure::engine(&e, self.lang)),
        }
    }

    /// Decides every provision for one row, writes the ones it is eligible for or needs
    /// information on, and counts it towards each provision's totals.
    fn decide(&mut self, row: u64, profile: &Profile) -> Result<(), Error> {
        let mut decided = Vec::with_capacity(self.columns.len());
        let mut errors = Vec::new();
        for column in &mut self.columns {
            // A provision whose arithmetic overflows is that provision's error, not the row's:
            // the others stand (and nothing of it was counted: the engine counts a row once
            // decided).
            let d = match column.run.row(profile) {
                Ok(d) => d,
                Err(Error::InvalidProfile { problems }) => {
                    errors.extend(problems.iter().map(|p| {
                        let message = match self.lang {
                            Lang::Zh => format!("{}：{}", column.id, p.message_zh),
                            Lang::En => format!("{}: {}", column.id, p.message_en),
                        };
                        rows::row_line(row, &message, self.lang)
                    }));
                    continue;
                }
                Err(e) => return Err(e),
            };
            match d.status {
                Status::Eligible => column.eligible_rows += 1,
                Status::NeedsInfo => column.needs_info_rows += 1,
                _ => {}
            }
            decided.push(d);
        }
        if !errors.is_empty() {
            self.progress.warn(&errors);
        }
        let shown: Vec<_> = decided
            .iter()
            .filter(|d| matches!(d.status, Status::Eligible | Status::NeedsInfo))
            .collect();
        // The row's total: the eligible provisions' amounts added up, whoever receives them; no
        // upper limit once one has none (or a sum would overflow).
        let (mut min, mut max) = (Decimal::ZERO, Some(Decimal::ZERO));
        let mut any_eligible = false;
        for d in shown.iter().filter(|d| d.status == Status::Eligible) {
            any_eligible = true;
            if let Some(a) = &d.amount {
                match Decimal::from_str(&a.min) {
                    Ok(v) => min = min.saturating_add(v),
                    Err(_) => max = None,
                }
                let top = a.max.as_deref().and_then(|m| Decimal::from_str(m).ok());
                max = max.zip(top).and_then(|(m, x)| m.checked_add(x));
            }
        }
        if any_eligible {
            self.with_eligible += 1;
        }
        let write = |e: io::Error| Error::Internal {
            message: e.to_string(),
        };
        match self.format {
            RowFormat::Jsonl => {
                #[derive(Serialize)]
                struct RowLine<'a> {
                    row: u64,
                    results: Vec<RowProvision<'a>>,
                    total: RowTotal,
                }
                let line = RowLine {
                    row,
                    results: shown
                        .iter()
                        .map(|d| RowProvision {
                            id: d.id,
                            status: d.status.as_str(),
                            amount: d.amount.as_ref(),
                            missing: &d.missing,
                        })
                        .collect(),
                    total: RowTotal {
                        min: format!("{:.2}", min),
                        max: max.map(|m| format!("{m:.2}")),
                        display: display_range(min, max, self.lang),
                    },
                };
                serde_json::to_writer(&mut self.out, &line).map_err(|e| write(e.into()))?;
                self.out.write_all(b"\n").map_err(write)?;
            }
            RowFormat::Csv => {
                let number = row.to_string();
                for d in &shown {
                    let amount = d.amount.as_ref();
                    csv_out::write_record(
                        &mut self.out,
                        &[
                            &number,
                            d.id,
                            d.status.as_str(),
                            amount.map_or("", |a| &a.min),
                            amount.and_then(|a| a.max.as_deref()).unwrap_or(""),
                            amount.map_or("", |a| &a.display),
                            &d.missing.join(" "),
                        ],
                    )
                    .map_err(write)?;
                }
            }
        }
        Ok(())
    }

    fn invalid_row(&mut self, row: u64, problems: &[String]) -> Result<(), Failure> {
        self.invalid += 1;
        rows::invalid_row(row, problems, self.strict, self.lang, &self.progress)
    }

    /// Per provision: its rows by status and its totals per cap group; then the counts.
    fn finish(mut self) -> Result<(), Failure> {
        // Only the provisions some row is eligible for or needs information on.
        let totals: Vec<ProvisionTotals> = self
            .columns
            .iter()
            .filter(|c| c.eligible_rows + c.needs_info_rows > 0)
            .map(|c| ProvisionTotals {
                provision: c.id,
                eligible_rows: c.eligible_rows,
                needs_info_rows: c.needs_info_rows,
                groups: c.run.groups(),
            })
            .collect();
        match self.format {
            RowFormat::Jsonl => {
                for t in &totals {
                    serde_json::to_writer(&mut self.out, t)
                        .map_err(|e| Failure::output(e.into()))?;
                    self.out.write_all(b"\n")?;
                }
                self.out.flush()?;
            }
            RowFormat::Csv => {
                self.out.flush()?;
                // Errors ignored: with stderr gone there is nowhere left to say anything.
                let mut err = BufWriter::new(io::stderr().lock());
                let _ = csv_out::write_record(
                    &mut err,
                    &[
                        "provision",
                        "eligible_rows",
                        "needs_info_rows",
                        "group",
                        "rows",
                        "min",
                        "max",
                        "cap",
                        "capped",
                        "display",
                    ],
                );
                for t in &totals {
                    let (eligible, needs) =
                        (t.eligible_rows.to_string(), t.needs_info_rows.to_string());
                    for g in &t.groups {
                        let rows = g.rows.to_string();
                        let _ = csv_out::write_record(
                            &mut err,
                            &[
                                t.provision,
                                &eligible,
                                &needs,
                                &g.group,
                                &rows,
                                &g.min,
                                g.max.as_deref().unwrap_or(""),
                                g.cap.as_deref().unwrap_or(""),
                                if g.capped { "true" } else { "false" },
                                &g.display,
                            ],
                        );
                    }
                }
                let _ = err.flush();
            }
        }
        let valid = self.rows - self.invalid;
        warn(&match self.lang {
            Lang::Zh => format!(
                "共 {} 条记录：有效 {valid}，无效 {}；至少符合一项的 {}",
                self.rows, self.invalid, self.with_eligible
            ),
            Lang::En => format!(
                "rows: {} ({valid} valid, {} invalid); {} eligible for at least one provision",
                self.rows, self.invalid, self.with_eligible
            ),
        });
        Ok(())
    }
}
