//! A plain text table whose columns line up with Chinese text (two columns per character).

use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.width());
                }
            }
        }
        write_line(out, &self.headers, &widths)?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        write_line(out, &rule, &widths)?;
        for row in &self.rows {
            write_line(out, row, &widths)?;
        }
        Ok(())
    }
}

pub fn write_line(out: &mut impl Write, cells: &[String], widths: &[usize]) -> io::Result<()> {
    let mut line = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        // The last column is not padded, so lines carry no trailing spaces.
        if i + 1 < cells.len() {
            let width = widths.get(i).copied().unwrap_or(0);
            line.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.width())));
        }
    }
    writeln!(out, "{line}")
}
