//! Where `match` and `batch` write their results: stdout (jsonl, csv, or a table for a person
//! when stdout is a terminal), or a file given with `--out`, in the format its extension names
//! (.xlsx, .csv, .jsonl).

use crate::failure::{pick, warn, Failure};
use crate::rows::{ListArgs, RowFormat};
use skillcalc_engine::Lang;
use skillcalc_sheets::{Cell, Sheet};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Jsonl,
    Csv,
    Table,
    /// A workbook, written at the end (`--out FILE.xlsx` only).
    Xlsx,
}

pub struct Output {
    pub kind: Kind,
    /// The file given with `--out`; `None`: stdout.
    pub path: Option<PathBuf>,
    // Send: `match` writes its rows from another thread than the one reading them.
    pub out: BufWriter<Box<dyn Write + Send>>,
}

/// The output `list` asks for. A file is created at once, so a path that cannot be written
/// stops the command before any row is read.
pub fn open(list: &ListArgs, lang: Lang) -> Result<Output, Failure> {
    let Some(path) = &list.out else {
        let kind = match list.format {
            Some(RowFormat::Jsonl) => Kind::Jsonl,
            Some(RowFormat::Csv) => Kind::Csv,
            Some(RowFormat::Table) => Kind::Table,
            None if io::stdout().is_terminal() => Kind::Table,
            None => Kind::Jsonl,
        };
        return Ok(Output {
            kind,
            path: None,
            out: BufWriter::with_capacity(1 << 16, Box::new(io::stdout())),
        });
    };
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let kind = match extension.as_deref() {
        Some("xlsx") => Kind::Xlsx,
        Some("csv") => Kind::Csv,
        Some("jsonl" | "ndjson") => Kind::Jsonl,
        _ => {
            return Err(Failure::bad_input(match lang {
                Lang::Zh => format!(
                    "--out {}：无法从扩展名判断格式：请用 .xlsx、.csv 或 .jsonl",
                    path.display()
                ),
                Lang::En => format!(
                    "--out {}: the extension names no format: use .xlsx, .csv or .jsonl",
                    path.display()
                ),
            }))
        }
    };
    let file = create(path, lang)?;
    Ok(Output {
        kind,
        path: Some(path.clone()),
        out: BufWriter::with_capacity(1 << 16, Box::new(file)),
    })
}

pub fn create(path: &Path, lang: Lang) -> Result<File, Failure> {
    File::create(path).map_err(|e| {
        Failure::bad_input(match lang {
            Lang::Zh => format!("{}：无法写入：{e}", path.display()),
            Lang::En => format!("{}: cannot write: {e}", path.display()),
        })
    })
}

/// Writes the totals of a CSV output (`write` writes them as CSV): beside its file, in
/// `….totals.csv` (said on stderr), or on stderr when the rows go to stdout, so that stdout
/// stays one table. `batch` and `match` both end so.
pub fn write_csv_totals(
    output: &Output,
    lang: Lang,
    write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
) -> Result<(), Failure> {
    let mut csv = Vec::new();
    write(&mut csv)?;
    match &output.path {
        None => {
            // Errors ignored: with stderr gone there is nowhere left to say anything.
            let mut err = io::stderr().lock();
            let _ = err.write_all(&csv);
            let _ = err.flush();
        }
        Some(path) => {
            let path = totals_path(path);
            let mut file = create(&path, lang)?;
            file.write_all(&csv)?;
            file.flush()?;
            warn(&match lang {
                Lang::Zh => format!("合计已写入 {}", path.display()),
                Lang::En => format!("totals written to {}", path.display()),
            });
        }
    }
    Ok(())
}

/// Says on stderr where the results went, when they went to a file (`--out`).
pub fn say_written(output: &Output, lang: Lang) {
    if let Some(path) = &output.path {
        warn(&match lang {
            Lang::Zh => format!("结果已写入 {}", path.display()),
            Lang::En => format!("results written to {}", path.display()),
        });
    }
}

/// Where the totals of a CSV written to `path` go: `results.csv` → `results.totals.csv`.
pub fn totals_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.totals.csv"))
}

/// The rows a worksheet holds after its header.
pub const SHEET_ROWS: usize = skillcalc_sheets::MAX_ROWS as usize - 1;

/// More results than a worksheet holds: stop, rather than write a workbook missing some.
pub fn too_many_rows(lang: Lang) -> Failure {
    Failure::bad_input(pick(
        lang,
        "结果超过 1,048,575 行，一个工作表放不下：请改为输出 .csv 或 .jsonl",
        "more than 1,048,575 result lines, more than a worksheet holds: write .csv or .jsonl instead",
    ))
}

/// Writes the workbook of `sheets` to the output (its file, created at the start).
pub fn write_workbook(output: &mut Output, sheets: &[Sheet], lang: Lang) -> Result<(), Failure> {
    let bytes = skillcalc_sheets::write_workbook(sheets).map_err(|e| {
        Failure::internal(match lang {
            Lang::Zh => e.message_zh(),
            Lang::En => e.message_en(),
        })
    })?;
    output.out.write_all(&bytes)?;
    output.out.flush()?;
    Ok(())
}

/// A text cell.
pub fn text(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// A number cell (an exact decimal), or an empty one.
pub fn number(s: Option<&str>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Number(s.to_string()))
}
