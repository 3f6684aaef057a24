//! Spreadsheets (XLSX) in and out: the one place that reads and writes them. The CLI links it
//! natively (`skillcalc match`/`batch` read a list from an XLSX and write results to one); with
//! the feature `wasm` it is compiled to WebAssembly for the browser's list page.
//!
//! - [`read_first_sheet`]: the first worksheet's cells as text ([`for_each_row`] streams it);
//! - [`write_workbook`]: a workbook of [`Sheet`]s, text cells always written as text (never
//!   formulas), exact decimals as numbers, the header bold, frozen and filterable.
//!
//! Errors are [`SheetError`]s, in English ([`std::fmt::Display`]) and Chinese
//! ([`SheetError::message`]). No input makes these functions panic.
//!
//! # JavaScript (feature `wasm`)
//!
//! ```js
//! // bytes: Uint8Array of an .xlsx file. Returns string[][] (rows of cell texts, as
//! // read_first_sheet: every row the same length, "" for an empty cell).
//! const rows = readFirstSheet(bytes);
//!
//! // sheets: [{ name: string, header: string[], rows: Cell[][] }], where a Cell is
//! //   a string            -> text, written as text (a leading = + - @ stays text),
//! //   { n: "123.45" }     -> an exact decimal, written as a number when exact, else as text,
//! //   a finite number     -> a number (as JS holds it),
//! //   null / undefined    -> an empty cell.
//! // Returns a Uint8Array: the .xlsx file.
//! const xlsx = writeWorkbook([{ name: "结果", header: ["row", "id"], rows: [[{ n: "1" }, "a"]] }]);
//! ```
//!
//! Both throw an `Error` whose `message` is English, with the properties `code`
//! (`"invalid_sheet"` for a file that cannot be read, `"invalid_workbook"` for sheets that
//! cannot be written or are not given in the shape above), `message_zh` and `message_en`.

#![forbid(unsafe_code)]

mod error;
mod number;
mod read;
#[cfg(feature = "wasm")]
mod wasm;
mod write;

pub use error::{cell_name, SheetError};
pub use number::{exact_number, number_text};
pub use read::{
    for_each_row, read_all_sheets, read_first_sheet, NamedSheet, MAX_COLUMNS, MAX_ROWS,
};
pub use write::{display_width, write_workbook, Cell, Sheet};

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    /// The text of one part of a workbook (a zip entry).
    pub fn part(xlsx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("zip");
        let mut text = String::new();
        zip.by_name(name)
            .expect("part")
            .read_to_string(&mut text)
            .expect("UTF-8");
        text
    }

    /// A workbook made of `parts` (name, text), stored without compression.
    pub fn workbook(parts: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in parts {
            zip.start_file(*name, options).expect("entry");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("zip").into_inner()
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#;
    /// Style 1: a date (numFmt 14), style 2: a date and time (22).
    const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>"#;

    /// A one-sheet workbook whose sheet data is `rows` (the XML inside `<sheetData>`), as Excel
    /// writes it: cached formula values, dates as numbers with a date style, inline strings.
    pub fn sheet_xlsx(rows: &str) -> Vec<u8> {
        let workbook_xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hidden" sheetId="2" state="hidden" r:id="rId9"/><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
        );
        workbook(&[
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            ("xl/workbook.xml", workbook_xml.into()),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
            ("xl/styles.xml", STYLES.into()),
            ("xl/worksheets/sheet1.xml", sheet),
            (
                "xl/worksheets/sheet2.xml",
                r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row></sheetData></worksheet>"#.into(),
            ),
        ])
    }

    #[test]
    fn cells_read_as_excel_shows_them() {
        let xlsx = sheet_xlsx(concat!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c><c r="B1" t="inlineStr"><is><t>salary</t></is></c><c r="C1" t="inlineStr"><is><t>since</t></is></c><c r="D1" t="inlineStr"><is><t>ok</t></is></c><c r="E1" t="inlineStr"><is><t>sum</t></is></c></row>"#,
            r#"<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>60000</v></c><c r="C2" s="1"><v>45449</v></c><c r="D2" t="b"><v>1</v></c><c r="E2"><f>0.1+0.2</f><v>0.30000000000000004</v></c></row>"#,
            r#"<row r="4"><c r="B4"><v>0.8</v></c><c r="C4" s="2"><v>45449.5</v></c><c r="D4" t="b"><v>0</v></c><c r="E4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>"#,
            r#"<row r="5"><c r="A5" s="1"/></row>"#,
            r#"<row r="6"><c r="A6" t="inlineStr"><is><t></t></is></c></row>"#,
        ));
        assert_eq!(
            read_first_sheet(&xlsx).expect("read"),
            [
                ["name", "salary", "since", "ok", "sum"],
                ["张三", "60000", "2024-06-06", "true", "0.3"],
                ["", "", "", "", ""],
                ["", "0.8", "2024-06-06T12:00:00", "false", "ab"],
            ],
            "the hidden sheet is passed over; trailing empty rows are left out"
        );
    }

    #[test]
    fn an_error_cell_is_named() {
        let xlsx = sheet_xlsx(concat!(
            r#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
            r#"<row r="7"><c r="A7"><v>2</v></c><c r="B7" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>"#,
        ));
        assert_eq!(
            read_first_sheet(&xlsx),
            Err(SheetError::ErrorCell {
                cell: "B7".into(),
                error: "#DIV/0!".into()
            })
        );
    }

    #[test]
    fn a_cell_beyond_excel_s_limits_is_refused() {
        let xlsx = sheet_xlsx(r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#);
        assert!(
            matches!(
                read_first_sheet(&xlsx),
                Err(SheetError::CellOutOfRange { .. }) | Err(SheetError::NotXlsx { .. })
            ),
            "{:?}",
            read_first_sheet(&xlsx)
        );
    }

    #[test]
    fn an_empty_workbook_or_sheet() {
        assert_eq!(
            read_first_sheet(&sheet_xlsx("")).expect("read"),
            Vec::<Vec<String>>::new()
        );
        let empty = write_workbook(&[]).expect("written");
        assert_eq!(
            read_first_sheet(&empty).expect("read"),
            Vec::<Vec<String>>::new()
        );
        let no_sheets = workbook(&[
            ("[Content_Types].xml", CONTENT_TYPES.into()),
            ("_rels/.rels", RELS.into()),
            (
                "xl/workbook.xml",
                r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#.into(),
            ),
        ]);
        assert!(read_first_sheet(&no_sheets).is_err());
    }

    #[test]
    fn streaming_stops_when_asked() {
        let xlsx = sheet_xlsx(
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#,
        );
        let mut seen = Vec::new();
        let result = for_each_row(&xlsx, |row, cells| {
            seen.push((row, cells.to_vec()));
            Err("stop")
        });
        assert_eq!(result, Ok(Err("stop")));
        assert_eq!(seen, [(0, vec!["1".to_string()])]);
    }

    /// Whatever the bytes, an error, never a panic.
    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let good = write_workbook(&[Sheet {
            name: "s".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![vec![Cell::Number("1".into()), Cell::Text("x".into())]; 50],
        }])
        .expect("written");
        assert!(read_first_sheet(&good).is_ok());
        assert_eq!(read_all_sheets(&good).expect("read")[0].0, "s");
        for len in (0..good.len()).step_by(7) {
            assert!(
                read_first_sheet(&good[..len]).is_err(),
                "truncated at {len}"
            );
        }
        let csv = b"org.type,training.year\ninstitution,2024\n";
        assert!(matches!(
            read_first_sheet(csv),
            Err(SheetError::NotXlsx { .. })
        ));
        assert!(read_first_sheet(&[]).is_err());
        // A small xorshift generator: random bytes, and the good file with bytes flipped.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..200 {
            let len = (next() % 4096) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            let _ = read_first_sheet(&bytes);
            let mut flipped = good.clone();
            for _ in 0..1 + next() % 8 {
                let i = (next() as usize) % flipped.len();
                flipped[i] = next() as u8;
            }
            let _ = read_first_sheet(&flipped);
        }
    }

    /// The sheet's XML itself mangled (stored uncompressed, so the zip stays valid): broken
    /// tags, references and values give errors or text, never a panic.
    #[test]
    fn a_mangled_sheet_is_an_error_not_a_panic() {
        let rows = concat!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="s"><v>0</v></c></row>"#,
            r#"<row r="2"><c r="A2" s="1"><v>45449</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c></row>"#,
            r#"<row r="3"><c r="A3"><f>1+1</f><v>2</v></c><c r="B3" t="d"><v>2024-06-01T00:00:00</v></c></row>"#,
        );
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pieces = [
            "",
            "<",
            ">",
            "\"",
            "r=\"",
            "ZZZZZZZZ99999999999",
            "-1",
            "t=\"s\"",
            "t=\"e\"",
            "t=\"d\"",
            "s=\"99\"",
            "<v>",
            "</v>",
            "1e309",
            "NaN",
            "&#0;",
            "&bogus;",
            "<c>",
            "</row>",
            "99999999999999999999",
            "\u{0}",
            "é",
        ];
        for _ in 0..500 {
            let mut text = rows.to_string();
            for _ in 0..1 + next() % 4 {
                let at = (next() as usize) % (text.len() + 1);
                let at = (0..=at)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                let cut = (next() as usize) % 8;
                let end = (at..=(at + cut).min(text.len()))
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(at);
                let piece = pieces[(next() as usize) % pieces.len()];
                text.replace_range(at..end, piece);
            }
            let _ = read_first_sheet(&sheet_xlsx(&text));
        }
    }
}
