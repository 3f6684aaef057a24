//! Reading a custom pack from JS (the JSON form of the TOML files, see the engine's FORMAT.md)
//! without ever overflowing the stack or memory.
//!
//! Rust on wasm32 keeps its stack in linear memory: a deep enough recursion traps, the trap
//! leaves the stack pointer and any open borrow where they were, and the module is broken for
//! every later call. So the pack is copied with a bound on depth (which also stops a cycle) and
//! on size before serde reads it.

use crate::js;
use js_sys::JsString;
use serde::Deserialize;
use serde_json::{Map, Number, Value};
use skillcalc_engine::source::{
    FactSource, GroupSource, PolicySource, ProvisionSource, ValueSource,
};
use skillcalc_engine::{Error, PackProblem, PackSource, PolicyFileSource};
use wasm_bindgen::{JsCast, JsValue};

/// Conditions nest `all`/`any`/`not` a few levels; 64 is far beyond any real pack.
const MAX_DEPTH: usize = 64;
/// The catalog is some thousands of values; 200,000 is room for any real pack (and bounds the
/// memory a copy takes: wasm memory, once grown, is never given back).
const MAX_NODES: usize = 200_000;
/// The longest text in a pack is a paragraph.
const MAX_STRING: u32 = 100_000;

/// Reads a custom pack.
///
/// The value is first copied into a `serde_json::Value`, bounded in depth and size, and read
/// from there: serde-wasm-bindgen only looks up the fields a struct knows, so a misspelt key
/// (`ammount`) would be dropped silently, where the CLI's TOML reading refuses it.
pub fn pack(value: &JsValue) -> Result<PackSource, Error> {
    let mut budget = MAX_NODES;
    let tree = copy(value, 0, &mut budget).map_err(|(path, message)| {
        let path = path.trim_start_matches('.');
        // "policies[0].provision[2]" → file "policies[0]", field "provision[2]"
        let (file, field) = match path.find(['.', ']']) {
            Some(i) if path.as_bytes()[i] == b']' => path.split_at(i + 1),
            Some(i) => path.split_at(i),
            None => (path, ""),
        };
        invalid(vec![problem(
            file,
            "",
            field.trim_start_matches('.'),
            &message,
        )])
    })?;
    if !tree.is_object() {
        return Err(invalid(vec![problem(
            "",
            "",
            "",
            "a pack must be an object { facts, groups, values, policies }",
        )]));
    }
    PackSource::deserialize(&tree).map_err(|e| invalid(locate(&tree, e.to_string())))
}

/// serde stops at the first mistake and does not say where it is. To name the file and item
/// as the engine does (`facts`/`values`/`policies[i]`, the id), each item is read on its own;
/// this finds every mistaken item, not just the first.
fn locate(tree: &Value, first: String) -> Vec<PackProblem> {
    let mut out = Vec::new();
    let either = |a: &str, b: &str| tree.get(a).or_else(|| tree.get(b));
    check_each::<FactSource>(either("facts", "fact"), "facts", &mut out);
    check_each::<GroupSource>(either("groups", "group"), "facts", &mut out);
    check_each::<ValueSource>(either("values", "value"), "values", &mut out);
    for (i, file) in list(tree.get("policies"), "policies", &mut out)
        .iter()
        .enumerate()
    {
        let name = format!("policies[{i}]");
        let found = out.len();
        if let Some(policy) = file.get("policy") {
            check::<PolicySource>(policy, &name, &mut out);
        }
        check_each::<ProvisionSource>(
            file.get("provision").or_else(|| file.get("provisions")),
            &name,
            &mut out,
        );
        if out.len() == found {
            check::<PolicyFileSource>(file, &name, &mut out); // e.g. no `policy`, or an unknown key
        }
    }
    if out.is_empty() {
        // The mistake is in the pack's own fields (an unknown key, a name that is not text).
        out.push(problem("", "", named_field(&first), &first));
    }
    out
}

/// The items of a list, or none (and a problem) when it is there but not a list.
fn list<'a>(value: Option<&'a Value>, file: &str, out: &mut Vec<PackProblem>) -> &'a [Value] {
    match value {
        Some(Value::Array(items)) => items,
        Some(_) => {
            out.push(problem(file, "", "", "must be a list"));
            &[]
        }
        None => &[],
    }
}

fn check_each<'a, T: Deserialize<'a>>(
    value: Option<&'a Value>,
    file: &str,
    out: &mut Vec<PackProblem>,
) {
    for item in list(value, file, out) {
        check::<T>(item, file, out);
    }
}

fn check<'a, T: Deserialize<'a>>(item: &'a Value, file: &str, out: &mut Vec<PackProblem>) {
    if let Err(e) = T::deserialize(item) {
        let id = item
            .get("id")
            .or_else(|| item.get("policy")?.get("id"))
            .and_then(Value::as_str);
        let message = e.to_string();
        out.push(problem(
            file,
            id.unwrap_or_default(),
            named_field(&message),
            &message,
        ));
    }
}

/// serde's messages name the field in backquotes: "unknown field `ammount`, expected …".
fn named_field(message: &str) -> &str {
    message
        .split_once("field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map_or("", |(name, _)| name)
}

fn problem(file: &str, item: &str, field: &str, message: &str) -> PackProblem {
    PackProblem::new(file, item, field, message)
}

fn invalid(problems: Vec<PackProblem>) -> Error {
    Error::InvalidPack { problems }
}

type CopyError = (String, String);

/// Copies a JS value into a `Value`: objects by their own enumerable keys, arrays by index.
/// Refuses more than `MAX_DEPTH` levels (which also stops a cycle), more than `MAX_NODES`
/// values in all, functions and symbols. NaN and ±Infinity become text ("NaN"), which the
/// engine refuses as a decimal, naming the field (JSON would have turned them into null).
fn copy(v: &JsValue, depth: usize, budget: &mut usize) -> Result<Value, CopyError> {
    let fail = |m: &str| Err((String::new(), m.to_string()));
    if *budget == 0 {
        return fail("the pack is too large (more than 200000 values)");
    }
    *budget -= 1;
    if depth > MAX_DEPTH {
        return fail("nested too deeply (more than 64 levels), or refers to itself");
    }
    if v.is_undefined() || v.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Ok(if js_sys::Number::is_safe_integer(v) {
            Value::Number((n as i64).into())
        } else {
            Number::from_f64(n)
                .map(Value::Number)
                .unwrap_or_else(|| Value::String(number_text(n)))
        });
    }
    if let Some(s) = v.dyn_ref::<JsString>() {
        if s.length() > MAX_STRING {
            return fail("a text longer than 100000 characters");
        }
        return Ok(Value::String(s.as_string().unwrap_or_default()));
    }
    if v.is_bigint() {
        // Exact as text; the engine reads decimals from text anyway.
        let text = v
            .unchecked_ref::<js_sys::BigInt>()
            .to_string(10)
            .ok()
            .and_then(|t| t.as_string());
        return Ok(Value::String(text.unwrap_or_default()));
    }
    if v.is_function() || v.is_symbol() {
        return fail("a function or symbol where a value belongs");
    }
    let threw = |at: String| (at, "reading this threw an exception".to_string());
    if js::is_array(v) {
        let len = js::length(v) as usize;
        if len > *budget {
            return fail("the pack is too large (more than 200000 values)");
        }
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            let item = js::get(v, &JsValue::from(i as u32)).map_err(|_| threw(format!("[{i}]")))?;
            out.push(copy(&item, depth + 1, budget).map_err(|(p, m)| (format!("[{i}]{p}"), m))?);
        }
        return Ok(Value::Array(out));
    }
    let mut out = Map::new();
    for key in js::keys(v).map_err(|_| threw(String::new()))?.iter() {
        let name = key.as_string().unwrap_or_default();
        let item = js::get(v, &key).map_err(|_| threw(format!(".{name}")))?;
        if item.is_undefined() {
            continue; // as JSON does: `{ note: undefined }` is no note
        }
        let copied = copy(&item, depth + 1, budget).map_err(|(p, m)| (format!(".{name}{p}"), m))?;
        out.insert(name, copied);
    }
    Ok(Value::Object(out))
}

fn number_text(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n > 0.0 {
        "Infinity".into()
    } else {
        "-Infinity".into()
    }
}
