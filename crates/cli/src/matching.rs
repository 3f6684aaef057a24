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
use serde::Serialize;
use skillcalc_engine::{
    DecidedAmountReport, Error, Lang, Profile, RowTotal, RulePack, Roster, Subject,
};
use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

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

struct Matching<'a, 'w> {
    pack: &'a RulePack,
    roster: Roster,
    lang: Lang,
    strict: bool,
    format: RowFormat,
    out: BufWriter<StdoutLock<'w>>,
    progress: Progress,
}

pub fn run(args: &MatchArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let roster = Roster::new(&pack, options, |_, p| match args.door {
        None => true,
        Some(Door::Person) => p.audience == Subject::Person,
        Some(Door::Org) => p.audience == Subject::Organisation,
    });
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
        pack: &pack,
        roster,
        lang,
        strict: args.list.strict,
        format: args.list.format,
        out,
        progress: Progress::new(),
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

    /// Decides every provision for one row and writes the ones it is eligible for or needs
    /// information on (the roster counts it towards each provision's totals).
    fn decide(&mut self, row: u64, profile: &Profile) -> Result<(), Error> {
        let matched = self.roster.row(self.pack, profile)?;
        if !matched.errors.is_empty() {
            let lang = self.lang;
            let lines: Vec<String> = (matched.errors.iter())
                .flat_map(|(id, problems)| {
                    problems.iter().map(move |p| {
                        let message = match lang {
                            Lang::Zh => format!("{id}：{}", p.message_zh),
                            Lang::En => format!("{id}: {}", p.message_en),
                        };
                        rows::row_line(row, &message, lang)
                    })
                })
                .collect();
            self.progress.warn(&lines);
        }
        let shown = &matched.results;
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
                    total: matched.total,
                };
                serde_json::to_writer(&mut self.out, &line).map_err(|e| write(e.into()))?;
                self.out.write_all(b"\n").map_err(write)?;
            }
            RowFormat::Csv => {
                let number = row.to_string();
                for d in shown {
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
        self.roster.invalid_row();
        rows::invalid_row(row, problems, self.strict, self.lang, &self.progress)
    }

    /// Per provision: its rows by status and its totals per cap group; then the counts.
    fn finish(mut self) -> Result<(), Failure> {
        let totals = self.roster.totals(self.pack);
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
                                &t.provision,
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
        let c = self.roster.counts();
        warn(&match self.lang {
            Lang::Zh => format!(
                "共 {} 条记录：有效 {}，无效 {}；至少符合一项的 {}",
                c.rows, c.valid, c.invalid, c.with_eligible
            ),
            Lang::En => format!(
                "rows: {} ({} valid, {} invalid); {} eligible for at least one provision",
                c.rows, c.valid, c.invalid, c.with_eligible
            ),
        });
        Ok(())
    }
}
