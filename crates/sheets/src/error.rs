//! What can go wrong reading or writing a spreadsheet, in English and Chinese.

use std::fmt;

/// A spreadsheet that cannot be read, or a workbook that cannot be written. Every message names
/// what it is about (the cell, the sheet); [`SheetError::message`] gives it in either language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SheetError {
    /// The bytes are not an XLSX workbook, or a part of it is broken (not a zip file, no
    /// workbook part, XML that cannot be parsed). `detail` is the reader's own words (English).
    NotXlsx { detail: String },
    /// The workbook has no worksheet (only chart sheets, or none at all).
    NoWorksheet,
    /// A cell holds an error value (`#DIV/0!`, `#N/A`, …) instead of a value.
    ErrorCell { cell: String, error: String },
    /// A cell lies beyond Excel's 1,048,576 rows or 16,384 columns.
    CellOutOfRange { row: u32, column: u32 },
    /// The sheet lists a row after a later one (no spreadsheet program writes that).
    RowsOutOfOrder { row: u32 },
    /// Writing: a sheet name Excel refuses (empty, over 31 characters, `[]:*?/\`, repeated).
    SheetName { name: String, detail: String },
    /// Writing: more rows than a worksheet holds.
    TooManyRows { sheet: String },
    /// Writing: more columns than a worksheet holds.
    TooManyColumns { sheet: String },
    /// Writing: a text over 32,767 characters, the most a cell holds.
    TextTooLong { sheet: String, cell: String },
    /// Writing failed for another reason (the writer's own words, English).
    Write { detail: String },
}

impl SheetError {
    /// The message in Chinese (`zh`) or English.
    pub fn message(&self, zh: bool) -> String {
        if zh {
            self.message_zh()
        } else {
            self.message_en()
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            SheetError::NotXlsx { detail } => {
                format!("not a readable XLSX workbook ({detail})")
            }
            SheetError::NoWorksheet => "the workbook has no worksheet".into(),
            SheetError::ErrorCell { cell, error } => {
                format!("cell {cell} holds the error {error}, not a value")
            }
            SheetError::CellOutOfRange { row, column } => format!(
                "a cell lies beyond a worksheet's limits (row {}, column {})",
                u64::from(*row) + 1,
                u64::from(*column) + 1
            ),
            SheetError::RowsOutOfOrder { row } => format!(
                "row {} comes after a later row: the sheet is broken",
                u64::from(*row) + 1
            ),
            SheetError::SheetName { name, detail } => {
                format!("'{name}' cannot be a sheet name ({detail})")
            }
            SheetError::TooManyRows { sheet } => {
                format!("sheet '{sheet}': more than 1,048,576 rows, the most a worksheet holds")
            }
            SheetError::TooManyColumns { sheet } => {
                format!("sheet '{sheet}': more than 16,384 columns, the most a worksheet holds")
            }
            SheetError::TextTooLong { sheet, cell } => format!(
                "sheet '{sheet}', cell {cell}: more than 32,767 characters, the most a cell holds"
            ),
            SheetError::Write { detail } => format!("the workbook cannot be written ({detail})"),
        }
    }

    pub fn message_zh(&self) -> String {
        match self {
            SheetError::NotXlsx { detail } => format!("不是可读取的 XLSX 工作簿（{detail}）"),
            SheetError::NoWorksheet => "工作簿中没有工作表".into(),
            SheetError::ErrorCell { cell, error } => {
                format!("单元格 {cell} 是错误值 {error}，不是数据")
            }
            SheetError::CellOutOfRange { row, column } => format!(
                "有单元格超出工作表的范围（第 {} 行，第 {} 列）",
                u64::from(*row) + 1,
                u64::from(*column) + 1
            ),
            SheetError::RowsOutOfOrder { row } => {
                format!(
                    "第 {} 行出现在其后的行之后：工作表已损坏",
                    u64::from(*row) + 1
                )
            }
            SheetError::SheetName { name, detail } => {
                format!("“{name}”不能作为工作表名称（{detail}）")
            }
            SheetError::TooManyRows { sheet } => {
                format!("工作表“{sheet}”：超过 1,048,576 行，工作表最多只能容纳这么多行")
            }
            SheetError::TooManyColumns { sheet } => {
                format!("工作表“{sheet}”：超过 16,384 列，工作表最多只能容纳这么多列")
            }
            SheetError::TextTooLong { sheet, cell } => format!(
                "工作表“{sheet}”单元格 {cell}：超过 32,767 个字符，单元格最多只能容纳这么多"
            ),
            SheetError::Write { detail } => format!("无法写出工作簿（{detail}）"),
        }
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_en())
    }
}

impl std::error::Error for SheetError {}

/// A cell's name in A1 style ("B7") from its 0-based row and column.
pub fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(column) + 1;
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    letters.reverse();
    // Only ASCII letters were pushed.
    let mut name = String::from_utf8(letters).unwrap_or_default();
    name.push_str(&(u64::from(row) + 1).to_string());
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_names_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 701), "ZZ10");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_name(u32::MAX, u32::MAX), "MWLQKWV4294967296");
    }

    #[test]
    fn messages_exist_in_both_languages() {
        let e = SheetError::ErrorCell {
            cell: "B7".into(),
            error: "#DIV/0!".into(),
        };
        assert_eq!(
            e.to_string(),
            "cell B7 holds the error #DIV/0!, not a value"
        );
        assert_eq!(e.message(true), "单元格 B7 是错误值 #DIV/0!，不是数据");
        assert_eq!(e.message(false), e.to_string());
    }
}
