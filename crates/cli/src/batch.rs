//! `skillcalc batch`: one provision over many rows, streamed.
//!
//! Input: CSV or XLSX (header row = fact ids or labels; an empty cell is unknown; every cell goes
//! to the engine as text, which parses it for the fact's type) or JSON lines (one profile object
//! per line). Output on stdout (or the file given with `--out`: .xlsx, .csv, .jsonl), one line
//! per valid row:
//!   jsonl: {"row": n, "status": …, "amount": {…}|null, "missing": […], "failed": […]}
//!          then one line per cap group: {"group": …, "rows": …, "min": …, "max": …, "capped": …,
//!          "spellings": […]} (the engine merges answers differing only in case or width)
//!   csv:   row,status,min,max,display — the per-group totals then go to stderr (as CSV), so
//!          stdout stays one table (with `--out FILE.csv`: to FILE.totals.csv);
//!   table: for a person (the default when stdout is a terminal), the totals after the rows;
//!   xlsx:  a workbook with the rows (status in words) and the group totals.
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
use crate::failure::{pick, profile_problem_line, unknown_provision, warn, Failure};
use crate::input;
use crate::labels::status_label;
use crate::output::{self, Kind, Output};
use crate::printable;
use crate::rows::{self, Progress};
use crate::table::{self, Table};
use crate::{AsOfArg, PackArgs};
use clap::Args;
use serde::Serialize;
use skillcalc_engine::{
    DecidedAmountReport, Error, FactList, GroupTotal, Lang, Profile, ProvisionDecision, RulePack,
    Status,
};
use skillcalc_sheets::{Cell, Sheet};
use std::io::{self, Write};
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
    let mut output = output::open(&args.list, lang)?;
    match output.kind {
        Kind::Csv => {
            csv_out::write_record(&mut output.out, &["row", "status", "min", "max", "display"])?
        }
        Kind::Table => {
            let header = table_header(lang).map(String::from);
            table::write_line(&mut output.out, &header, &TABLE_WIDTHS)?;
            let rule = TABLE_WIDTHS.map(|w| "-".repeat(w));
            table::write_line(&mut output.out, &rule, &TABLE_WIDTHS)?;
        }
        Kind::Jsonl | Kind::Xlsx => {}
    }
    let mut batch = Batch {
        run,
        pack: &pack,
        strict: args.list.strict,
        progress: if output.kind == Kind::Table && output.path.is_none() {
            Progress::hidden()
        } else {
            Progress::new()
        },
        output,
        sheet: Vec::new(),
        counts: Counts::default(),
    };
    let result = rows::read(
        &pack,
        lang,
        reader,
        &args.list.input,
        input_format,
        args.list.strict,
        &mut |row, outcome| batch.row(row, outcome),
    );
    batch.progress.clear();
    // Rows written so far stay written, even when --strict stops the batch.
    batch.output.out.flush()?;
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
    missing: &'a FactList<'a>,
    failed: &'a FactList<'a>,
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

struct Batch<'a> {
    /// Decides the rows and sums them per cap group.
    run: skillcalc_engine::Batch<'a>,
    pack: &'a RulePack,
    strict: bool,
    output: Output,
    /// The lines of the results sheet (xlsx), kept until the end.
    sheet: Vec<Vec<Cell>>,
    counts: Counts,
    progress: Progress,
}

/// The table's widths: row, status, amount (then the missing facts).
const TABLE_WIDTHS: [usize; 3] = [6, 12, 16];

fn table_header(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["行", "状态", "金额", "待补充信息"],
        Lang::En => ["row", "status", "amount", "missing information"],
    }
}

impl<'a> Batch<'a> {
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
        let lang = self.lang();
        let out = &mut self.output.out;
        match self.output.kind {
            Kind::Jsonl => {
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
            Kind::Csv => {
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
            Kind::Table => {
                let line = [
                    row.to_string(),
                    status_label(d.status, lang).to_string(),
                    amount.map_or_else(String::new, |a| a.display.clone()),
                    self.missing_labels(&d.missing),
                ]
                .map(|c| printable::line(&c).into_owned());
                table::write_line(&mut self.output.out, &line, &TABLE_WIDTHS)?;
            }
            Kind::Xlsx => {
                if self.sheet.len() >= output::SHEET_ROWS {
                    return Err(output::too_many_rows(lang));
                }
                let line = vec![
                    Cell::Number(row.to_string()),
                    output::text(status_label(d.status, lang)),
                    output::number(amount.map(|a| a.min.as_str())),
                    output::number(amount.and_then(|a| a.max.as_deref())),
                    output::text(amount.map_or("", |a| &a.display)),
                    output::text(&self.missing_labels(&d.missing)),
                ];
                self.sheet.push(line);
            }
        }
        Ok(())
    }

    /// The labels of the facts a row is missing, in the output's language.
    fn missing_labels(&self, missing: &FactList) -> String {
        let lang = self.lang();
        let labels: Vec<&str> = (missing.indexes().iter())
            .map(|&i| self.pack.facts()[i].label.get(lang))
            .collect();
        labels.join(pick(lang, "、", "; "))
    }

    fn invalid_row(&mut self, row: u64, problems: &[String]) -> Result<(), Failure> {
        self.counts.invalid += 1;
        rows::invalid_row(row, problems, self.strict, self.lang(), &self.progress)
    }

    /// Per-group totals (caps applied across rows), then the counts.
    fn finish(mut self) -> Result<(), Failure> {
        let lang = self.lang();
        let totals = self.run.groups();
        let out = &mut self.output.out;
        match self.output.kind {
            Kind::Jsonl => {
                for t in &totals {
                    serde_json::to_writer(&mut *out, t).map_err(|e| Failure::output(e.into()))?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
            }
            Kind::Csv => {
                out.flush()?;
                output::write_csv_totals(&self.output, lang, |csv| write_groups_csv(csv, &totals))?;
            }
            Kind::Table => {
                let mut table = Table::new(&match lang {
                    Lang::Zh => ["分组", "行数", "符合", "金额", "封顶"],
                    Lang::En => ["group", "rows", "eligible", "amount", "capped"],
                });
                for t in &totals {
                    table.row(vec![
                        t.group.clone(),
                        t.rows.to_string(),
                        t.eligible_rows.to_string(),
                        t.display.clone(),
                        yes_no(t.capped, lang).into(),
                    ]);
                }
                let mut text = Vec::new();
                writeln!(text)?;
                table.write(&mut text)?;
                printable::write_text(out, &text)?;
                out.flush()?;
            }
            Kind::Xlsx => {
                let sheets = self.workbook(&totals);
                output::write_workbook(&mut self.output, &sheets, lang)?;
            }
        }
        output::say_written(&self.output, lang);
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

    /// The workbook of `--out FILE.xlsx`: the rows, then the group totals.
    fn workbook(&mut self, totals: &[GroupTotal]) -> [Sheet; 2] {
        let lang = self.lang();
        let names = |zh: &[&str], en: &[&str]| -> Vec<String> {
            pick_list(lang, zh, en)
                .iter()
                .map(|n| n.to_string())
                .collect()
        };
        let results = Sheet {
            name: pick(lang, "结果", "Results").into(),
            header: names(
                &["行", "状态", "最低金额", "最高金额", "金额", "待补充信息"],
                &[
                    "row",
                    "status",
                    "min",
                    "max",
                    "amount",
                    "missing information",
                ],
            ),
            rows: std::mem::take(&mut self.sheet),
        };
        let rows = (totals.iter())
            .map(|t| {
                vec![
                    output::text(&t.group),
                    Cell::Number(t.rows.to_string()),
                    Cell::Number(t.eligible_rows.to_string()),
                    output::number(Some(&t.min)),
                    output::number(t.max.as_deref()),
                    output::number(t.cap.as_deref()),
                    output::text(yes_no(t.capped, lang)),
                    output::text(yes_no(t.scope_unknown, lang)),
                    output::text(&t.display),
                    output::text(&t.spellings.join("; ")),
                ]
            })
            .collect();
        let totals = Sheet {
            name: pick(lang, "合计", "Totals").into(),
            header: names(
                &[
                    "分组",
                    "行数",
                    "符合行数",
                    "最低金额",
                    "最高金额",
                    "上限",
                    "已封顶",
                    "分组未定",
                    "金额",
                    "写法",
                ],
                &[
                    "group",
                    "rows",
                    "eligible rows",
                    "min",
                    "max",
                    "cap",
                    "capped",
                    "scope unknown",
                    "amount",
                    "spellings",
                ],
            ),
            rows,
        };
        [results, totals]
    }
}

fn pick_list<'a>(lang: Lang, zh: &'a [&'a str], en: &'a [&'a str]) -> &'a [&'a str] {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

pub fn yes_no(yes: bool, lang: Lang) -> &'static str {
    match (yes, lang) {
        (true, Lang::Zh) => "是",
        (false, Lang::Zh) => "否",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

fn write_groups_csv(out: &mut impl Write, totals: &[GroupTotal]) -> io::Result<()> {
    csv_out::write_record(
        out,
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
    )?;
    for t in totals {
        let (rows, eligible) = (t.rows.to_string(), t.eligible_rows.to_string());
        // Exact in the JSON lines output, a list; here for reading.
        let spellings = t.spellings.join("; ");
        csv_out::write_record(
            out,
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
        )?;
    }
    Ok(())
}
