//! Reading the first worksheet of an XLSX workbook as text (calamine, streamed cell by cell).

use crate::error::{cell_name, SheetError};
use crate::number::number_text;
use calamine::{DataRef, ExcelDateTime, Reader, SheetType, SheetVisible, Xlsx};
use std::io::Cursor;

/// Excel's limits: a cell beyond them is a broken file, and would make a row's vector huge.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 16_384;

/// The cells of the first worksheet as text, row by row as in the sheet: row `i` of the result
/// is the sheet's row `i + 1`. Every row has the same length (the last column holding a value);
/// an empty cell is `""`; empty rows after the last value are left out (an empty row before it
/// is kept, as a row of `""`).
///
/// Text: numbers in their shortest decimal form (`60000`, `0.8`, never an exponent; a computed
/// value's binary noise past Excel's 15 significant digits is rounded off, as Excel shows it),
/// dates `YYYY-MM-DD` (`YYYY-MM-DDTHH:MM:SS` when not at midnight; a time alone `HH:MM:SS`),
/// booleans `true`/`false`, formulas their cached value. A cell holding an error value
/// (`#DIV/0!`) is an error naming the cell.
///
/// The first worksheet is the first visible one in the workbook's tab order (or the first
/// worksheet when all are hidden); chart sheets are passed over.
pub fn read_first_sheet(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let mut rows = Rows::default();
    let stopped: Result<(), ()> = for_each_row(bytes, |row, cells| {
        rows.push(row, cells);
        Ok(())
    })?;
    // The closure never stops the reading.
    let () = stopped.unwrap_or(());
    Ok(rows.finish())
}

/// Streams the first worksheet (see [`read_first_sheet`]): calls `each` with the 0-based sheet
/// row and its cells' text for every row holding at least one value, in order. A row's cells
/// run to its last value (earlier empty cells are `""`), so rows may differ in length. `each`
/// stops the reading by returning `Err`, which comes back as `Ok(Err(…))`; a sheet that cannot
/// be read is the outer `Err`. Memory holds the file, its shared strings and one row.
pub fn for_each_row<E>(
    bytes: &[u8],
    each: impl FnMut(u32, &[String]) -> Result<(), E>,
) -> Result<Result<(), E>, SheetError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let name = first_worksheet(&workbook)?;
    sheet_rows(&mut workbook, &name, each)
}

/// A worksheet's name and its cells' text, row by row.
pub type NamedSheet = (String, Vec<Vec<String>>);

/// Every worksheet (chart sheets passed over), in the workbook's order, with its name and its
/// cells read as [`read_first_sheet`] reads the first.
pub fn read_all_sheets(bytes: &[u8]) -> Result<Vec<NamedSheet>, SheetError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let names: Vec<String> = (workbook.sheets_metadata().iter())
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        let mut rows = Rows::default();
        let stopped: Result<(), ()> = sheet_rows(&mut workbook, &name, |row, cells| {
            rows.push(row, cells);
            Ok(())
        })?;
        let () = stopped.unwrap_or(());
        sheets.push((name, rows.finish()));
    }
    Ok(sheets)
}

/// Rows gathered into a rectangle (see [`read_first_sheet`]).
#[derive(Default)]
struct Rows {
    rows: Vec<Vec<String>>,
    width: usize,
}

impl Rows {
    fn push(&mut self, row: u32, cells: &[String]) {
        // Only rows holding a value arrive, in order: the ones skipped are empty.
        self.rows.resize_with(row as usize, Vec::new);
        self.width = self.width.max(cells.len());
        self.rows.push(cells.to_vec());
    }

    fn finish(mut self) -> Vec<Vec<String>> {
        for row in &mut self.rows {
            row.resize(self.width, String::new());
        }
        self.rows
    }
}

fn sheet_rows<R: std::io::Read + std::io::Seek, E>(
    workbook: &mut Xlsx<R>,
    name: &str,
    mut each: impl FnMut(u32, &[String]) -> Result<(), E>,
) -> Result<Result<(), E>, SheetError> {
    let mut reader = workbook.worksheet_cells_reader(name).map_err(not_xlsx)?;
    let mut current: Option<u32> = None;
    let mut cells: Vec<String> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(not_xlsx)? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(SheetError::CellOutOfRange { row, column });
        }
        let text = cell_text(cell.get_value(), row, column)?;
        if text.is_empty() {
            continue;
        }
        if current != Some(row) {
            if let Some(previous) = current {
                if row < previous {
                    return Err(SheetError::RowsOutOfOrder { row });
                }
                if let Err(e) = each(previous, &cells) {
                    return Ok(Err(e));
                }
            }
            cells.clear();
            current = Some(row);
        }
        let column = column as usize;
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
    }
    if let Some(row) = current {
        if let Err(e) = each(row, &cells) {
            return Ok(Err(e));
        }
    }
    Ok(Ok(()))
}

fn not_xlsx(e: calamine::XlsxError) -> SheetError {
    SheetError::NotXlsx {
        detail: e.to_string(),
    }
}

fn first_worksheet<R: std::io::Read + std::io::Seek>(
    workbook: &Xlsx<R>,
) -> Result<String, SheetError> {
    let sheets = workbook.sheets_metadata();
    let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
    worksheets()
        .find(|s| s.visible == SheetVisible::Visible)
        .or_else(|| worksheets().next())
        .map(|s| s.name.clone())
        .ok_or(SheetError::NoWorksheet)
}

/// One cell's value as text ("" for an empty one).
fn cell_text(value: &DataRef, row: u32, column: u32) -> Result<String, SheetError> {
    Ok(match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => if *b { "true" } else { "false" }.to_string(),
        DataRef::DateTime(d) => date_text(d),
        DataRef::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_string(),
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => {
            return Err(SheetError::ErrorCell {
                cell: cell_name(row, column),
                error: e.to_string(),
            })
        }
        DataRef::Empty => String::new(),
    })
}

/// A date or time cell: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, a time of day alone `HH:MM:SS`, a
/// duration `H:MM:SS` (hours past 24 kept). Rounded to the second.
fn date_text(d: &ExcelDateTime) -> String {
    let value = d.as_f64();
    if !value.is_finite() {
        return number_text(value);
    }
    if d.is_duration() || (0.0..1.0).contains(&value) {
        let seconds = (value.abs() * 86_400.0).round();
        // Bounded: far beyond any real duration is shown as a number instead.
        if seconds > 1e12 {
            return number_text(value);
        }
        let seconds = seconds as u64;
        let sign = if value < 0.0 && seconds > 0 { "-" } else { "" };
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return if d.is_duration() {
            format!("{sign}{h}:{m:02}:{s:02}")
        } else {
            format!("{h:02}:{m:02}:{s:02}")
        };
    }
    let (mut year, mut month, mut day, mut hour, mut minute, mut second, milli) =
        d.to_ymd_hms_milli();
    if milli >= 500 {
        second += 1;
        if second == 60 {
            second = 0;
            minute += 1;
        }
        if minute == 60 {
            minute = 0;
            hour += 1;
        }
        if hour == 24 {
            hour = 0;
            (year, month, day) = next_day(year, month, day);
        }
    }
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }
}

fn next_day(year: u16, month: u8, day: u8) -> (u16, u8, u8) {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < days {
        (year, month, day + 1)
    } else if month < 12 {
        (year, month + 1, 1)
    } else {
        (year.saturating_add(1), 1, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn date(value: f64) -> String {
        date_text(&ExcelDateTime::new(
            value,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn dates_are_iso_and_midnight_drops_the_time() {
        assert_eq!(date(45449.0), "2024-06-06");
        assert_eq!(date(45449.5), "2024-06-06T12:00:00");
        // A second short of midnight, in binary noise, rounds up to the next day.
        assert_eq!(date(45449.0 + 86_399.999_9 / 86_400.0), "2024-06-07");
        assert_eq!(date(45657.0 + 86_399.999_9 / 86_400.0), "2025-01-01");
        assert_eq!(date(0.75), "18:00:00");
        assert_eq!(
            date_text(&ExcelDateTime::new(
                1.5,
                ExcelDateTimeType::TimeDelta,
                false
            )),
            "36:00:00"
        );
        assert_eq!(next_day(2024, 2, 28), (2024, 2, 29));
        assert_eq!(next_day(2023, 2, 28), (2023, 3, 1));
        assert_eq!(next_day(1900, 2, 28), (1900, 3, 1));
    }
}
