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

use crate::csv_in::{Cells, CsvLines};
use crate::csv_out;
use crate::failure::{pick, profile_problem_line, unknown_provision, warn, Failure, BAD_INPUT};
use crate::input::{self, Lines};
use crate::printable;
use crate::{AsOfArg, PackArgs};
use clap::{Args, ValueEnum};
use serde::Serialize;
use skillcalc_engine::{
    parse_answer, DecidedAmountReport, Error, InputValue, Lang, Profile, ProvisionDecision,
    RulePack, Status,
};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, StdoutLock, Write};
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
    /// Stop at the first invalid row (exit code 2) instead of reporting it and going on.
    #[arg(long)]
    strict: bool,
    /// Output format of the rows.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: RowFormat,
    /// Input format (default: from the file extension; for - or another extension, from the
    /// first character: `{` means JSON lines).
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<RowFormat>,
    /// The rows: a .csv or .jsonl file, or - for standard input.
    #[arg(value_name = "FILE.csv|FILE.jsonl|-")]
    input: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RowFormat {
    Jsonl,
    Csv,
}

pub fn run(args: &BatchArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let run = skillcalc_engine::Batch::new(&pack, &args.provision, options)
        .map_err(|_| Failure::bad_input(unknown_provision(&args.provision, lang)))?;

    let mut reader = open(&args.input, lang)?;
    let input_format = match args.input_format {
        Some(f) => f,
        None => detect_format(&args.input, &mut reader, lang)?,
    };

    let mut rows = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    if args.format == RowFormat::Csv {
        csv_out::write_record(&mut rows, &["row", "status", "min", "max", "display"])?;
    }
    let mut batch = Batch {
        pack: &pack,
        run,
        strict: args.strict,
        format: args.format,
        rows,
        counts: Counts::default(),
        progress: Progress::new(),
    };
    let result = match input_format {
        RowFormat::Csv => batch.read_csv(reader, &args.input),
        RowFormat::Jsonl => batch.read_jsonl(reader),
    };
    batch.progress.clear();
    // Rows written so far stay written, even when --strict stops the batch.
    batch.rows.flush()?;
    result?;
    batch.finish()?;
    Ok(ExitCode::SUCCESS)
}

fn open(path: &str, lang: Lang) -> Result<Box<dyn BufRead>, Failure> {
    if path == "-" {
        return Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            io::stdin().lock(),
        )));
    }
    let file = File::open(path).map_err(|e| cannot_read(path, &e, lang))?;
    Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
}

fn cannot_read(path: &str, e: &dyn std::fmt::Display, lang: Lang) -> Failure {
    Failure::bad_input(match lang {
        Lang::Zh => format!("{path}：无法读取：{e}"),
        Lang::En => format!("{path}: cannot read: {e}"),
    })
}

fn detect_format(
    path: &str,
    reader: &mut Box<dyn BufRead>,
    lang: Lang,
) -> Result<RowFormat, Failure> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        return Ok(RowFormat::Csv);
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return Ok(RowFormat::Jsonl);
    }
    // Peek without consuming: the buffer stays in the reader.
    let start = input::without_bom(reader.fill_buf().map_err(|e| cannot_read(path, &e, lang))?);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    Ok(if first == Some(&b'{') {
        RowFormat::Jsonl
    } else {
        RowFormat::Csv
    })
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
    pack: &'a RulePack,
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

    fn read_csv(&mut self, input: Box<dyn BufRead>, path: &str) -> Result<(), Failure> {
        let lang = self.lang();
        let mut lines = Lines::new(input, lang);
        let mut csv = CsvLines::new();
        // The header is the first line that is not empty; map each column to its fact once.
        let columns = loop {
            match lines.next_line()? {
                None => return Ok(()),
                Some([]) => continue,
                Some(line) => {
                    let cells = csv
                        .split(line)
                        .ok_or_else(|| open_quote(lines.number, lang))?;
                    break self.columns(&cells, lines.number, path)?;
                }
            }
        };

        // Reused for every row: one text value per column, and the profile itself.
        let mut values: Vec<InputValue> = vec![InputValue::Str(String::new()); columns.len()];
        let mut profile = Profile::default();
        while let Some(line) = lines.next_line()? {
            if line.is_empty() {
                continue;
            }
            let cells = csv
                .split(line)
                .ok_or_else(|| open_quote(lines.number, lang))?;
            let row = self.next_row();
            // A broken row (wrong number of cells, not UTF-8) is one bad row.
            let outcome = if cells.len() == columns.len() {
                self.csv_row(&cells, lines.number, &columns, &mut values, &mut profile)?
            } else {
                Err(vec![at_line(
                    lines.number,
                    &match lang {
                        Lang::Zh => {
                            format!("应有 {} 个单元格，实际 {} 个", columns.len(), cells.len())
                        }
                        Lang::En => {
                            format!("expected {} cells, found {}", columns.len(), cells.len())
                        }
                    },
                    lang,
                )])
            };
            self.emit(row, &outcome)?;
        }
        Ok(())
    }

    /// The fact of each column of the header, or every problem with it.
    fn columns(&self, header: &Cells, line: u64, path: &str) -> Result<Vec<usize>, Failure> {
        let lang = self.lang();
        let mut columns = Vec::with_capacity(header.len());
        let mut problems = Vec::new();
        for name in header.iter() {
            let Ok(name) = std::str::from_utf8(name) else {
                return Err(Failure::bad_input(format!(
                    "{path}: {}",
                    at_line(
                        line,
                        pick(
                            lang,
                            "表头不是有效的 UTF-8 文本",
                            "the header is not valid UTF-8 text"
                        ),
                        lang
                    )
                )));
            };
            let name = name.trim();
            let quoted = printable::shorten(name, printable::QUOTE_CHARS);
            match self.pack.fact_index(name) {
                Some(i) if columns.contains(&i) => problems.push(match lang {
                    Lang::Zh => format!("{path}：表头：“{quoted}”列重复"),
                    Lang::En => format!("{path}: header: column '{quoted}' appears twice"),
                }),
                Some(i) => columns.push(i),
                None => problems.push(match lang {
                    Lang::Zh => format!("{path}：表头：没有名为“{quoted}”的事实项"),
                    Lang::En => format!("{path}: header: there is no fact named '{quoted}'"),
                }),
            }
        }
        if problems.is_empty() {
            Ok(columns)
        } else {
            Err(Failure {
                exit: BAD_INPUT,
                lines: problems,
            })
        }
    }

    /// Parses one CSV row into the (reused) profile and decides it.
    fn csv_row(
        &mut self,
        cells: &Cells,
        line: u64,
        columns: &[usize],
        values: &mut [InputValue],
        profile: &mut Profile,
    ) -> Result<Result<ProvisionDecision<'a>, Vec<String>>, Failure> {
        let lang = self.lang();
        let mut problems = Vec::new();
        for ((cell, &fact), value) in cells.iter().zip(columns).zip(values.iter_mut()) {
            let Ok(cell) = std::str::from_utf8(cell) else {
                let message = pick(lang, "不是有效的 UTF-8 文本", "not valid UTF-8 text");
                return Ok(Err(vec![at_line(line, message, lang)]));
            };
            if let InputValue::Str(text) = value {
                text.clear();
                text.push_str(cell);
            }
            match parse_answer(&self.pack.facts[fact], value) {
                Ok(v) => profile.set(fact, v),
                Err(p) => problems.push(profile_problem_line(&p, lang)),
            }
        }
        if problems.is_empty() {
            self.evaluate(profile)
        } else {
            Ok(Err(problems))
        }
    }

    fn read_jsonl(&mut self, input: Box<dyn BufRead>) -> Result<(), Failure> {
        let lang = self.lang();
        let mut lines = Lines::new(input, lang);
        while let Some(line) = lines.next_line()? {
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let row = self.next_row();
            let outcome = match serde_json::from_slice::<BTreeMap<String, InputValue>>(line) {
                Err(e) => Err(vec![at_line(
                    lines.number,
                    &match lang {
                        Lang::Zh => format!("不是有效的 JSON 对象（{e}）"),
                        Lang::En => format!("not a valid JSON object ({e})"),
                    },
                    lang,
                )]),
                Ok(answers) => match self.pack.profile(&answers) {
                    Ok(profile) => self.evaluate(&profile)?,
                    Err(Error::InvalidProfile { problems }) => Err(problems
                        .iter()
                        .map(|p| profile_problem_line(p, lang))
                        .collect()),
                    Err(e) => return Err(Failure::engine(&e, lang)),
                },
            };
            self.emit(row, &outcome)?;
        }
        Ok(())
    }

    fn next_row(&mut self) -> u64 {
        self.counts.rows += 1;
        self.progress.tick(self.counts.rows);
        self.counts.rows
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
        let lang = self.lang();
        let lines: Vec<String> = problems
            .iter()
            .map(|p| match lang {
                Lang::Zh => format!("第 {row} 条记录：{p}"),
                Lang::En => format!("row {row}: {p}"),
            })
            .collect();
        if self.strict {
            let mut lines = lines;
            lines.push(
                pick(
                    lang,
                    "遇到无效记录，已停止（--strict）",
                    "stopped at the first invalid row (--strict)",
                )
                .into(),
            );
            return Err(Failure {
                exit: BAD_INPUT,
                lines,
            });
        }
        self.progress.clear();
        for line in &lines {
            warn(line);
        }
        Ok(())
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

/// "line N: message" (the line in the file, counting the header and blank lines).
fn at_line(line: u64, message: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {line} 行：{message}"),
        Lang::En => format!("line {line}: {message}"),
    }
}

/// A quote left open would swallow every later row into one cell: stop, naming its line.
fn open_quote(line: u64, lang: Lang) -> Failure {
    Failure::bad_input(at_line(
        line,
        pick(
            lang,
            "引号内的单元格到行尾仍未结束（单元格不能跨行）；已停止，之后的行未读取",
            "a quoted cell is still open at the end of the line (a cell cannot span lines); stopped, the lines after it were not read",
        ),
        lang,
    ))
}

/// "N rows…" on stderr while the batch runs, only when a person is watching (stderr is a
/// terminal), and only every 100,000 rows so it costs nothing per row.
struct Progress {
    enabled: bool,
    shown: bool,
    next: u64,
}

const PROGRESS_EVERY: u64 = 100_000;

impl Progress {
    fn new() -> Progress {
        Progress {
            enabled: io::stderr().is_terminal(),
            shown: false,
            next: PROGRESS_EVERY,
        }
    }

    fn tick(&mut self, rows: u64) {
        if self.enabled && rows >= self.next {
            self.next += PROGRESS_EVERY;
            self.shown = true;
            let _ = write!(io::stderr().lock(), "\r{rows} rows…");
        }
    }

    /// Erases the counter line (before a message, and at the end).
    fn clear(&mut self) {
        if self.shown {
            self.shown = false;
            let _ = write!(io::stderr().lock(), "\r\x1b[K");
        }
    }
}
