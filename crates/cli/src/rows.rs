//! Reading a list of rows (CSV or JSON lines) into profiles, streamed: what `batch` (one
//! provision) and `match` (every provision) both read.
//!
//! CSV: the header row names the facts; an empty cell is unknown; every cell goes to the engine
//! as text, which parses it for the fact's type. JSON lines: one profile object per line. Rows
//! are numbered from 1, not counting the CSV header or blank lines. A line is at most 1 MiB
//! (exit 2 beyond). A CSV cell cannot span lines: a quote still open at the end of a line stops
//! the reading (exit 2) rather than swallow the rows after it.
//!
//! Memory does not grow with the file: rows are read one line at a time into reused buffers.

use crate::csv_in::{Cells, CsvLines};
use crate::failure::{pick, profile_problem_line, Failure, BAD_INPUT};
use crate::input::{self, Lines};
use crate::printable;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use skillcalc_engine::{parse_answer, Error, InputValue, Lang, Profile, RulePack};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RowFormat {
    Jsonl,
    Csv,
}

/// How a command reads a list and writes its rows (`batch` and `match` take the same).
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Stop at the first invalid row (exit code 2) instead of reporting it and going on.
    #[arg(long)]
    pub strict: bool,
    /// Output format of the rows.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: RowFormat,
    /// Input format (default: from the file extension; for - or another extension, from the
    /// first character: `{` means JSON lines).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<RowFormat>,
    /// The rows: a .csv or .jsonl file, or - for standard input.
    #[arg(value_name = "FILE.csv|FILE.jsonl|-")]
    pub input: String,
}

/// A row read: its profile, or what is wrong with it (each problem one line).
pub type Outcome<'p> = Result<&'p Profile, Vec<String>>;

/// Opens the rows (a file, or `-` for standard input) and says their format: `format` if
/// given, else from the extension, else from the first character (`{`: JSON lines).
pub fn open(
    path: &str,
    format: Option<RowFormat>,
    lang: Lang,
) -> Result<(Box<dyn BufRead>, RowFormat), Failure> {
    let mut reader: Box<dyn BufRead> = if path == "-" {
        Box::new(BufReader::with_capacity(1 << 16, io::stdin().lock()))
    } else {
        let file = File::open(path).map_err(|e| cannot_read(path, &e, lang))?;
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    let format = match format {
        Some(f) => f,
        None => detect_format(path, &mut reader, lang)?,
    };
    Ok((reader, format))
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

/// Reads every row, calling `each` with its number and its profile (or its problems). `each`
/// may stop the reading by returning an error (`--strict`).
pub fn read(
    pack: &RulePack,
    lang: Lang,
    input: Box<dyn BufRead>,
    path: &str,
    format: RowFormat,
    each: &mut dyn FnMut(u64, Outcome) -> Result<(), Failure>,
) -> Result<(), Failure> {
    match format {
        RowFormat::Csv => read_csv(pack, lang, input, path, each),
        RowFormat::Jsonl => read_jsonl(pack, lang, input, each),
    }
}

fn read_csv(
    pack: &RulePack,
    lang: Lang,
    input: Box<dyn BufRead>,
    path: &str,
    each: &mut dyn FnMut(u64, Outcome) -> Result<(), Failure>,
) -> Result<(), Failure> {
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
                break columns(pack, lang, &cells, lines.number, path)?;
            }
        }
    };

    // Reused for every row: one text value per column, and the profile itself (every row
    // answers the same columns, so each row overwrites the last one's answers).
    let mut values: Vec<InputValue> = vec![InputValue::Str(String::new()); columns.len()];
    let mut profile = Profile::default();
    let mut row = 0;
    while let Some(line) = lines.next_line()? {
        if line.is_empty() {
            continue;
        }
        let cells = csv
            .split(line)
            .ok_or_else(|| open_quote(lines.number, lang))?;
        row += 1;
        // A broken row (wrong number of cells, not UTF-8) is one bad row.
        let problems = if cells.len() == columns.len() {
            csv_row(
                pack,
                lang,
                &cells,
                lines.number,
                &columns,
                &mut values,
                &mut profile,
            )
        } else {
            vec![at_line(
                lines.number,
                &match lang {
                    Lang::Zh => format!("应有 {} 个单元格，实际 {} 个", columns.len(), cells.len()),
                    Lang::En => format!("expected {} cells, found {}", columns.len(), cells.len()),
                },
                lang,
            )]
        };
        if problems.is_empty() {
            each(row, Ok(&profile))?;
        } else {
            each(row, Err(problems))?;
        }
    }
    Ok(())
}

/// The fact of each column of the header, or every problem with it.
fn columns(
    pack: &RulePack,
    lang: Lang,
    header: &Cells,
    line: u64,
    path: &str,
) -> Result<Vec<usize>, Failure> {
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
        match pack.fact_index(name) {
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

/// Parses one CSV row into the (reused) profile; returns its problems (none: it is valid).
fn csv_row(
    pack: &RulePack,
    lang: Lang,
    cells: &Cells,
    line: u64,
    columns: &[usize],
    values: &mut [InputValue],
    profile: &mut Profile,
) -> Vec<String> {
    let mut problems = Vec::new();
    for ((cell, &fact), value) in cells.iter().zip(columns).zip(values.iter_mut()) {
        let Ok(cell) = std::str::from_utf8(cell) else {
            let message = pick(lang, "不是有效的 UTF-8 文本", "not valid UTF-8 text");
            return vec![at_line(line, message, lang)];
        };
        if let InputValue::Str(text) = value {
            text.clear();
            text.push_str(cell);
        }
        match parse_answer(&pack.facts[fact], value) {
            Ok(v) => profile.set(fact, v),
            Err(p) => problems.push(profile_problem_line(&p, lang)),
        }
    }
    problems
}

fn read_jsonl(
    pack: &RulePack,
    lang: Lang,
    input: Box<dyn BufRead>,
    each: &mut dyn FnMut(u64, Outcome) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut lines = Lines::new(input, lang);
    let mut row = 0;
    while let Some(line) = lines.next_line()? {
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        row += 1;
        match serde_json::from_slice::<BTreeMap<String, InputValue>>(line) {
            Err(e) => {
                let problem = at_line(
                    lines.number,
                    &match lang {
                        Lang::Zh => format!("不是有效的 JSON 对象（{e}）"),
                        Lang::En => format!("not a valid JSON object ({e})"),
                    },
                    lang,
                );
                each(row, Err(vec![problem]))?;
            }
            Ok(answers) => match pack.profile(&answers) {
                Ok(profile) => each(row, Ok(&profile))?,
                Err(Error::InvalidProfile { problems }) => each(
                    row,
                    Err(problems
                        .iter()
                        .map(|p| profile_problem_line(p, lang))
                        .collect()),
                )?,
                Err(e) => return Err(Failure::engine(&e, lang)),
            },
        }
    }
    Ok(())
}

/// "row N: message" (rows counted from 1, without the header and blank lines).
pub fn row_line(row: u64, message: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {row} 条记录：{message}"),
        Lang::En => format!("row {row}: {message}"),
    }
}

/// An invalid row: its problems written as warnings (above the counter) and the reading goes
/// on; with `strict`, the failure that stops it.
pub fn invalid_row(
    row: u64,
    problems: &[String],
    strict: bool,
    lang: Lang,
    progress: &Progress,
) -> Result<(), Failure> {
    let mut lines: Vec<String> = problems.iter().map(|p| row_line(row, p, lang)).collect();
    if strict {
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
    progress.warn(&lines);
    Ok(())
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

/// A row counter on stderr while a long list runs (rows read, rows a second, time taken), only
/// when a person is watching (stderr is a terminal). indicatif draws it: it limits redrawing
/// to a few times a second, and prints messages above the counter without garbling it.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new() -> Progress {
        let bar = if io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            // The template is fixed and valid: the fallback is never used.
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} {human_pos} rows ({per_sec}, {elapsed})")
            {
                bar.set_style(style);
            }
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// Counts a row (the drawing itself happens a few times a second at most).
    pub fn tick(&mut self, rows: u64) {
        if rows.is_multiple_of(256) {
            self.bar.set_position(rows);
        }
    }

    /// Writes `lines` as warnings above the counter.
    pub fn warn(&self, lines: &[String]) {
        self.bar.suspend(|| {
            for line in lines {
                crate::failure::warn(line);
            }
        });
    }

    /// Takes the counter away (at the end).
    pub fn clear(&mut self) {
        self.bar.finish_and_clear();
    }
}
