//! The JS functions (feature `wasm`): `readFirstSheet` and `writeWorkbook`, shapes in the crate
//! documentation.

use crate::{read_first_sheet, write_workbook, Cell, Sheet, SheetError};
use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

/// The first worksheet of an XLSX file as `string[][]` (see `read_first_sheet`).
#[wasm_bindgen(js_name = readFirstSheet)]
pub fn read_first_sheet_js(bytes: &[u8]) -> Result<Array, JsValue> {
    let rows = read_first_sheet(bytes).map_err(|e| error("invalid_sheet", &e))?;
    Ok(rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| JsValue::from_str(cell))
                .collect::<Array>()
        })
        .collect())
}

/// An XLSX file of `sheets` (`[{name, header, rows}]`, see the crate documentation).
#[wasm_bindgen(js_name = writeWorkbook)]
pub fn write_workbook_js(sheets: JsValue) -> Result<Vec<u8>, JsValue> {
    let sheets =
        sheets_from_js(&sheets).map_err(|(zh, en)| js_error("invalid_workbook", &zh, &en))?;
    write_workbook(&sheets).map_err(|e| error("invalid_workbook", &e))
}

fn error(code: &str, e: &SheetError) -> JsValue {
    js_error(code, &e.message_zh(), &e.message_en())
}

/// An `Error` (its message in English) with the properties `code`, `message_zh`, `message_en`.
fn js_error(code: &str, zh: &str, en: &str) -> JsValue {
    let e = js_sys::Error::new(en);
    for (key, value) in [("code", code), ("message_zh", zh), ("message_en", en)] {
        // Setting a property of a fresh Error cannot fail.
        let _ = Reflect::set(&e, &key.into(), &value.into());
    }
    e.into()
}

type Problem = (String, String);

fn problem(zh: String, en: String) -> Problem {
    (zh, en)
}

fn sheets_from_js(value: &JsValue) -> Result<Vec<Sheet>, Problem> {
    let list = value.dyn_ref::<Array>().ok_or_else(|| {
        problem(
            "sheets 应为数组 [{name, header, rows}]".into(),
            "sheets must be an array [{name, header, rows}]".into(),
        )
    })?;
    list.iter()
        .enumerate()
        .map(|(i, sheet)| sheet_from_js(i, &sheet))
        .collect()
}

fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        Reflect::get(object, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn sheet_from_js(i: usize, sheet: &JsValue) -> Result<Sheet, Problem> {
    let at =
        |zh: &str, en: &str| problem(format!("sheets[{i}]：{zh}"), format!("sheets[{i}]: {en}"));
    if !sheet.is_object() || sheet.is_null() {
        return Err(at(
            "应为对象 {name, header, rows}",
            "must be an object {name, header, rows}",
        ));
    }
    let name = get(sheet, "name")
        .as_string()
        .ok_or_else(|| at("name 应为字符串", "name must be a string"))?;
    let header = get(sheet, "header");
    let header = header.dyn_ref::<Array>().ok_or_else(|| {
        at(
            "header 应为字符串数组",
            "header must be an array of strings",
        )
    })?;
    let header = header
        .iter()
        .map(|h| h.as_string())
        .collect::<Option<Vec<String>>>()
        .ok_or_else(|| {
            at(
                "header 应为字符串数组",
                "header must be an array of strings",
            )
        })?;
    let rows = get(sheet, "rows");
    let rows = rows
        .dyn_ref::<Array>()
        .ok_or_else(|| at("rows 应为数组的数组", "rows must be an array of arrays"))?;
    let mut out = Vec::with_capacity(rows.length() as usize);
    for (r, row) in rows.iter().enumerate() {
        let row = row.dyn_ref::<Array>().ok_or_else(|| {
            problem(
                format!("sheets[{i}].rows[{r}]：应为数组"),
                format!("sheets[{i}].rows[{r}]: must be an array"),
            )
        })?;
        let cells = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                cell_from_js(&cell).ok_or_else(|| {
                    problem(
                        format!("sheets[{i}].rows[{r}][{c}]：应为字符串、{{n: \"十进制数\"}}、有限数值或 null"),
                        format!("sheets[{i}].rows[{r}][{c}]: must be a string, {{n: \"decimal\"}}, a finite number or null"),
                    )
                })
            })
            .collect::<Result<Vec<Cell>, Problem>>()?;
        out.push(cells);
    }
    Ok(Sheet {
        name,
        header,
        rows: out,
    })
}

fn cell_from_js(cell: &JsValue) -> Option<Cell> {
    if cell.is_null() || cell.is_undefined() {
        return Some(Cell::Empty);
    }
    if let Some(text) = cell.as_string() {
        return Some(Cell::Text(text));
    }
    if let Some(n) = cell.as_f64() {
        // Rust's shortest round-trip form; -0 is 0.
        return n
            .is_finite()
            .then(|| Cell::Number(if n == 0.0 { "0".into() } else { n.to_string() }));
    }
    if cell.is_object() && !Array::is_array(cell) {
        let n = get(cell, "n").as_string()?;
        return Some(Cell::Number(n));
    }
    None
}
