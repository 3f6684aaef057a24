//! The CSV the CLI writes (`batch --format csv`: the rows, and the group totals on stderr).
//!
//! Its cells can hold other people's text (a project id from the input), and a spreadsheet runs
//! a cell that starts with = + - @ as a formula: `=HYPERLINK(…)` leaks data, `+cmd|' /C calc'!A0`
//! starts a program. Every cell therefore goes through [`cell`].

use crate::printable;
use std::borrow::Cow;
use std::io::{self, Write};

/// One record, each cell through [`cell`], ended by `\n`.
pub fn write_record(out: &mut impl Write, cells: &[&str]) -> io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(cell(c).as_bytes())?;
    }
    out.write_all(b"\n")
}

/// One cell, neutralised as OWASP advises ("CSV Injection"): a cell a spreadsheet would read as a
/// formula — it starts with = + - @, tab or CR, also after leading spaces, which spreadsheets
/// trim — gets a `'` before it and quotes around it. A cell holding a quote, comma or semicolon
/// (the separator where the decimal mark is a comma) is quoted too, so it stays one cell.
/// Control characters are shown escaped, as on a terminal: the group totals go to stderr, and a
/// spreadsheet has no use for them either.
pub fn cell(text: &str) -> Cow<'_, str> {
    let formula =
        text.starts_with(['\t', '\r']) || text.trim_start().starts_with(['=', '+', '-', '@']);
    let text = printable::line(text);
    if !formula && !text.contains(['"', ',', ';']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 4);
    out.push('"');
    if formula {
        out.push('\'');
    }
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
    Cow::Owned(out)
}
