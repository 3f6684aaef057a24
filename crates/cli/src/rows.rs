//! Reading a list of rows (CSV, XLSX or JSON lines) into profiles, streamed: what `batch` (one
//! provision) and `match` (every provision) both read.
//!
//! CSV and XLSX: the header row names the facts, each column by the fact's id or its label (in
//! Chinese, or in English without regard to case); an empty cell is unknown; every cell goes to
//! the engine as text, which parses it for the fact's type. JSON lines: one profile object per
//! line. Rows are numbered from 1, not counting the header or blank lines. A line is at most
//! 1 MiB (exit 2 beyond). A CSV cell cannot span lines: a quote still open at the end of a line
//! stops the reading (exit 2) rather than swallow the rows after it.
//!
//! XLSX: the first worksheet (skillcalc-sheets reads it: numbers as their shortest decimal,
//! dates `YYYY-MM-DD`, formulas their cached value). A problem in a cell names it (`cell F3`).
//! A workbook is a zip file, read whole: not from standard input, and at most 256 MiB.
//!
//! Memory does not grow with the file: rows are read one line at a time into reused buffers
//! (an XLSX: the file and its shared strings, then one row at a time).

use crate::csv_in::{Cells, CsvLines};
use crate::failure::{pick, profile_problem_line, warn, Failure, BAD_INPUT};
use crate::input::{self, Lines};
use crate::printable;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressStyle};
use skillcalc_engine::{parse_answer, Error, InputValue, Lang, Profile, ProfileProblem, RulePack};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read};
use std::path::PathBuf;

/// How the rows are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RowFormat {
    Jsonl,
    Csv,
    /// Text for a person (the default when stdout is a terminal).
    Table,
}

/// How the list is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Jsonl,
    Csv,
    Xlsx,
}

/// The most an XLSX file may be (256 MiB): it is read whole (a zip file cannot be streamed).
pub const MAX_XLSX: u64 = 256 << 20;

/// How a command reads a list and writes its rows (`batch` and `match` take the same).
#[derive(clap::Args, Debug)]
pub struct ListArgs {
    /// Stop at the first invalid row, or at a column that names no fact (exit code 2), instead
    /// of reporting it and going on (such a column is then not used).
    #[arg(long)]
    pub strict: bool,
    /// Output format on stdout (default: a table when stdout is a terminal, else jsonl).
    #[arg(long, value_enum)]
    pub format: Option<RowFormat>,
    /// Write the results to FILE instead of stdout, in the format its extension names: .xlsx
    /// (a workbook: the results, and the totals on a second sheet), .csv (the totals to
    /// <name>.totals.csv beside it) or .jsonl.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Input format (default: from the file extension; for - or another extension, from the
    /// first bytes: `{` means JSON lines, a zip file XLSX, else CSV).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// The rows: a .csv, .xlsx or .jsonl file, or - for standard input (not XLSX).
    #[arg(value_name = "FILE.csv|FILE.xlsx|FILE.jsonl|-")]
    pub input: String,
}

/// A row read: its profile, or what is wrong with it (each problem one line).
pub type Outcome<'p> = Result<&'p Profile, Vec<String>>;

/// Opens the rows (a file, or `-` for standard input) and says their format: `format` if
/// given, else from the extension, else from the first bytes (`{`: JSON lines, a zip file:
/// XLSX).
pub fn open(
    path: &str,
    format: Option<InputFormat>,
    lang: Lang,
) -> Result<(Box<dyn BufRead>, InputFormat), Failure> {
    if path == "-" && format == Some(InputFormat::Xlsx) {
        return Err(xlsx_from_stdin(lang));
    }
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
    if path == "-" && format == InputFormat::Xlsx {
        return Err(xlsx_from_stdin(lang));
    }
    Ok((reader, format))
}

fn xlsx_from_stdin(lang: Lang) -> Failure {
    Failure::bad_input(pick(
        lang,
        "XLSX 工作簿不能从标准输入读取（它是 zip 文件，须整体读取）：请给出文件路径，或另存为 CSV",
        "an XLSX workbook cannot be read from standard input (it is a zip file, read whole): give its path, or save it as CSV",
    ))
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
) -> Result<InputFormat, Failure> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        return Ok(InputFormat::Csv);
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return Ok(InputFormat::Jsonl);
    }
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        return Ok(InputFormat::Xlsx);
    }
    // Peek without consuming: the buffer stays in the reader.
    let bytes = reader.fill_buf().map_err(|e| cannot_read(path, &e, lang))?;
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(InputFormat::Xlsx);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(Failure::bad_input(match lang {
            Lang::Zh => format!("{path}：这是旧版 Excel（.xls）文件：请另存为 .xlsx 或 CSV"),
            Lang::En => format!("{path}: an old Excel (.xls) file: save it as .xlsx or CSV"),
        }));
    }
    let start = input::without_bom(bytes);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    Ok(if first == Some(&b'{') {
        InputFormat::Jsonl
    } else {
        InputFormat::Csv
    })
}

/// Reads every row, calling `each` with its number and its profile (or its problems). `each`
/// may stop the reading by returning an error (`--strict`).
pub fn read(
    pack: &RulePack,
    lang: Lang,
    input: Box<dyn BufRead>,
    path: &str,
    format: InputFormat,
    strict: bool,
    each: &mut dyn FnMut(u64, Outcome) -> Result<(), Failure>,
) -> Result<(), Failure> {
    match format {
        InputFormat::Csv => read_csv(pack, lang, input, path, strict, each),
        InputFormat::Jsonl => read_jsonl(pack, lang, input, each),
        InputFormat::Xlsx => read_xlsx(pack, lang, input, path, strict, each),
    }
}

fn read_csv(
    pack: &RulePack,
    lang: Lang,
    input: Box<dyn BufRead>,
    path: &str,
    strict: bool,
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
                let names: Vec<&str> = cells
                    .iter()
                    .map(std::str::from_utf8)
                    .collect::<Result<_, _>>()
                    .map_err(|_| {
                        Failure::bad_input(format!(
                            "{path}: {}",
                            at_line(
                                lines.number,
                                pick(
                                    lang,
                                    "表头不是有效的 UTF-8 文本",
                                    "the header is not valid UTF-8 text"
                                ),
                                lang
                            )
                        ))
                    })?;
                break columns(pack, lang, &names, path, strict)?;
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

/// The fact of each column of the header (named by the fact's id or label), or every problem
/// with it. A column that names no fact is not used (a list's name or staff number column):
/// it is named on stderr, or with `strict` it stops the list.
fn columns(
    pack: &RulePack,
    lang: Lang,
    header: &[&str],
    path: &str,
    strict: bool,
) -> Result<Vec<Option<usize>>, Failure> {
    let names = FactNames::new(pack);
    let mut columns = Vec::with_capacity(header.len());
    let mut problems = Vec::new();
    let mut unused = Vec::new();
    for name in header {
        let name = name.trim();
        let quoted = printable::shorten(name, printable::QUOTE_CHARS);
        match names.find(name) {
            Found::One(i) if columns.contains(&Some(i)) => problems.push(match lang {
                Lang::Zh => format!("{path}：表头：“{quoted}”列重复"),
                Lang::En => format!("{path}: header: column '{quoted}' appears twice"),
            }),
            Found::One(i) => columns.push(Some(i)),
            Found::Several => problems.push(match lang {
                Lang::Zh => format!("{path}：表头：“{quoted}”是多个事实项的名称，请改用事实编号"),
                Lang::En => format!(
                    "{path}: header: '{quoted}' is the label of more than one fact: use the fact id"
                ),
            }),
            Found::None if strict => problems.push(match lang {
                Lang::Zh => format!("{path}：表头：没有名为“{quoted}”的事实项"),
                Lang::En => format!("{path}: header: there is no fact named '{quoted}'"),
            }),
            Found::None => {
                unused.push(quoted);
                columns.push(None);
            }
        }
    }
    if !unused.is_empty() && problems.is_empty() {
        warn(&match lang {
            Lang::Zh => format!(
                "{path}：表头：没有名为“{}”的事实项，这些列不参与计算",
                unused.join("”“")
            ),
            Lang::En => format!(
                "{path}: header: there is no fact named '{}': not used",
                unused.join("', '")
            ),
        });
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

/// What a column's name is: a fact's id, or its label in Chinese, or in English (any case).
struct FactNames<'p> {
    pack: &'p RulePack,
    /// Label -> the fact, or `None` when two facts share it.
    zh: HashMap<&'p str, Option<usize>>,
    en: HashMap<String, Option<usize>>,
}

enum Found {
    One(usize),
    Several,
    None,
}

impl<'p> FactNames<'p> {
    fn new(pack: &'p RulePack) -> FactNames<'p> {
        let mut zh: HashMap<&str, Option<usize>> = HashMap::new();
        let mut en: HashMap<String, Option<usize>> = HashMap::new();
        for (i, fact) in pack.facts().iter().enumerate() {
            zh.entry(fact.label.get(Lang::Zh).trim())
                .and_modify(|f| *f = None)
                .or_insert(Some(i));
            en.entry(fact.label.get(Lang::En).trim().to_lowercase())
                .and_modify(|f| *f = None)
                .or_insert(Some(i));
        }
        FactNames { pack, zh, en }
    }

    fn find(&self, name: &str) -> Found {
        if let Some(i) = self.pack.fact_index(name) {
            return Found::One(i);
        }
        let label = self
            .zh
            .get(name)
            .or_else(|| self.en.get(&name.to_lowercase()));
        match label {
            Some(Some(i)) => Found::One(*i),
            Some(None) => Found::Several,
            None => Found::None,
        }
    }
}

/// One cell's answer into the profile (`value`, reused, holds its text).
fn answer(
    pack: &RulePack,
    fact: usize,
    cell: &str,
    value: &mut InputValue,
    profile: &mut Profile,
) -> Result<(), ProfileProblem> {
    if let InputValue::Str(text) = value {
        text.clear();
        text.push_str(cell);
    }
    profile.set(fact, parse_answer(&pack.facts()[fact], value)?);
    Ok(())
}

/// Parses one CSV row into the (reused) profile; returns its problems (none: it is valid).
fn csv_row(
    pack: &RulePack,
    lang: Lang,
    cells: &Cells,
    line: u64,
    columns: &[Option<usize>],
    values: &mut [InputValue],
    profile: &mut Profile,
) -> Vec<String> {
    let mut problems = Vec::new();
    for ((cell, &fact), value) in cells.iter().zip(columns).zip(values.iter_mut()) {
        let Some(fact) = fact else { continue };
        let Ok(cell) = std::str::from_utf8(cell) else {
            let message = pick(lang, "不是有效的 UTF-8 文本", "not valid UTF-8 text");
            return vec![at_line(line, message, lang)];
        };
        if let Err(p) = answer(pack, fact, cell, value, profile) {
            problems.push(profile_problem_line(&p, lang));
        }
    }
    problems
}

fn read_xlsx(
    pack: &RulePack,
    lang: Lang,
    input: Box<dyn BufRead>,
    path: &str,
    strict: bool,
    each: &mut dyn FnMut(u64, Outcome) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut bytes = Vec::new();
    // One byte more than allowed tells "too large" from "exactly the limit".
    input
        .take(MAX_XLSX + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(path, &e, lang))?;
    if bytes.len() as u64 > MAX_XLSX {
        return Err(Failure::bad_input(match lang {
            Lang::Zh => format!("{path}：超过 256 MiB，XLSX 文件最大 256 MiB（更大的名单请用 CSV）"),
            Lang::En => format!(
                "{path}: larger than 256 MiB, the most an XLSX file may be (use CSV for larger lists)"
            ),
        }));
    }
    let mut header: Option<Vec<Option<usize>>> = None;
    let mut values: Vec<InputValue> = Vec::new();
    let mut profile = Profile::default();
    let mut row = 0;
    let read = skillcalc_sheets::for_each_row(&bytes, |sheet_row, cells| {
        // The first row holding a value is the header.
        let Some(facts) = &header else {
            let names: Vec<&str> = cells.iter().map(String::as_str).collect();
            let found = columns(pack, lang, &names, path, strict)?;
            values = vec![InputValue::Str(String::new()); found.len()];
            header = Some(found);
            return Ok(());
        };
        row += 1;
        let problems = xlsx_row(
            pack,
            lang,
            cells,
            sheet_row,
            facts,
            &mut values,
            &mut profile,
        );
        if problems.is_empty() {
            each(row, Ok(&profile))
        } else {
            each(row, Err(problems))
        }
    });
    match read {
        Ok(result) => result,
        Err(e) => Err(Failure::bad_input(match lang {
            Lang::Zh => format!("{path}：{}", e.message_zh()),
            Lang::En => format!("{path}: {}", e.message_en()),
        })),
    }
}

/// Parses one XLSX row into the (reused) profile; returns its problems, each naming its cell.
fn xlsx_row(
    pack: &RulePack,
    lang: Lang,
    cells: &[String],
    sheet_row: u32,
    columns: &[Option<usize>],
    values: &mut [InputValue],
    profile: &mut Profile,
) -> Vec<String> {
    let mut problems = Vec::new();
    // Every column is answered, the ones after the row's last value too (empty: unknown), so
    // nothing of the row before stays in the profile.
    for (i, (&fact, value)) in columns.iter().zip(values.iter_mut()).enumerate() {
        let Some(fact) = fact else { continue };
        let cell = cells.get(i).map_or("", String::as_str);
        if let Err(p) = answer(pack, fact, cell, value, profile) {
            problems.push(in_cell(sheet_row, i, &profile_problem_line(&p, lang), lang));
        }
    }
    if let Some(extra) = (cells.iter().enumerate().skip(columns.len())).find(|(_, c)| !c.is_empty())
    {
        problems.push(in_cell(
            sheet_row,
            extra.0,
            pick(
                lang,
                "表头最后一列之后还有数据",
                "a value after the header's last column",
            ),
            lang,
        ));
    }
    problems
}

/// "cell F3: message".
fn in_cell(sheet_row: u32, column: usize, message: &str, lang: Lang) -> String {
    let cell = skillcalc_sheets::cell_name(sheet_row, u32::try_from(column).unwrap_or(u32::MAX));
    match lang {
        Lang::Zh => format!("单元格 {cell}：{message}"),
        Lang::En => format!("cell {cell}: {message}"),
    }
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

    /// No counter (the rows themselves go to the terminal).
    pub fn hidden() -> Progress {
        Progress {
            bar: ProgressBar::hidden(),
        }
    }

    /// Counts a row (the drawing itself happens a few times a second at most).
    pub fn tick(&mut self, rows: u64) {
        if rows.is_multiple_of(256) {
            self.bar.set_position(rows);
        }
    }

    /// Says `row` rows were read (from the thread that writes them, in order).
    pub fn at(&mut self, row: u64) {
        self.bar.set_position(row);
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
