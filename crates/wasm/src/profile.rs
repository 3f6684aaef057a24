//! Reading a profile from JS: `{ factId: answer }`.
//!
//! Checking each answer is the engine's job (`RulePack::profile`, which names the fact and says
//! what is wrong in both languages); this only copies answers across, and never fails on them.
//! It never follows an answer deeper than a list of scalars (a deeper or cyclic value would
//! take recursion, and a stack overflow traps and breaks the module for good), never reads a
//! list past the longest the engine accepts, and reads objects only through `catch` imports
//! (see js.rs).

use crate::js;
use skillcalc_engine::{not_a_profile, Error, InputValue, Profile, ProfileProblem, RulePack};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// More answers than any pack has facts: refused before the engine lists each as unknown.
const MAX_ANSWERS: u32 = 10_000;
/// The engine refuses an `enum_set` answer longer than its options × 4 + 16; no fact has 250
/// options, so a longer list is not copied.
const MAX_LIST: u32 = 1_000;

/// A profile: `{ factId: answer }`. `null`, `""` or leaving a fact out means "unknown".
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "Profile"))]
#[allow(dead_code)] // only its shape is used: the TypeScript declaration is generated from it
pub struct Answers(pub BTreeMap<String, InputValue>);

pub fn profile(value: &JsValue) -> Result<BTreeMap<String, InputValue>, Error> {
    if !js::is_record(value) {
        return Err(not_a_profile());
    }
    let entries = js::entries(value).map_err(|_| {
        shape(
            "读取档案时出现异常",
            "reading the profile threw an exception",
        )
    })?;
    if entries.length() > MAX_ANSWERS {
        return Err(shape("档案的回答过多", "the profile has too many answers"));
    }
    let mut answers = BTreeMap::new();
    for pair in entries.iter() {
        // Object.entries made these [key, value] arrays itself: reading them runs no user code.
        let pair: js_sys::Array = pair.unchecked_into();
        answers.insert(
            pair.get(0).as_string().unwrap_or_default(),
            answer(&pair.get(1)),
        );
    }
    Ok(answers)
}

/// One profile of a batch, as the wrapper wrote it (web/package/src/api.js, `jsonLines`), read
/// into `profile`: a JSON object, or `!` when reading the caller's object threw. What JSON
/// cannot say (NaN, Infinity, functions, symbols) the wrapper writes as an object, which the
/// engine refuses for the fact it was given for, as it does here for single profiles.
pub fn read_json_line(pack: &RulePack, line: &str, profile: &mut Profile) -> Result<(), Error> {
    if line == "!" {
        return Err(shape("读取档案时出现异常", "reading the profile threw an exception"));
    }
    let mut de = serde_json::Deserializer::from_str(line);
    pack.read_answers(&mut de, profile)?;
    de.end().map_err(|_| not_a_profile())
}

/// One answer: a scalar, or a list of scalars (an `enum_set`).
fn answer(value: &JsValue) -> InputValue {
    if let Some(v) = scalar(value) {
        return v;
    }
    if !js::is_array(value) {
        return not_an_answer();
    }
    let length = js::length(value);
    if length > MAX_LIST {
        // Too long for any fact: the engine says so, naming the fact, from the length alone.
        return InputValue::List(vec![InputValue::Null; MAX_LIST as usize + 1]);
    }
    let mut items = Vec::with_capacity(length as usize);
    for i in 0..length {
        match js::get(value, &JsValue::from(i)) {
            Ok(item) => items.push(scalar(&item).unwrap_or_else(not_an_answer)),
            Err(()) => return not_an_answer(),
        }
    }
    InputValue::List(items)
}

fn scalar(value: &JsValue) -> Option<InputValue> {
    Some(if value.is_null() || value.is_undefined() {
        InputValue::Null
    } else if let Some(b) = value.as_bool() {
        InputValue::Bool(b)
    } else if let Some(n) = value.as_f64() {
        // NaN, ±Infinity and 1e308 go on as they are: the engine names the fact and says why.
        if js_sys::Number::is_safe_integer(value) {
            InputValue::Int(n as i64)
        } else {
            InputValue::Float(n)
        }
    } else if let Some(s) = value.as_string() {
        InputValue::Str(s)
    } else if value.is_bigint() {
        // Exact as text: the engine reads decimals from text (and says "too large" when it is).
        let text = value.unchecked_ref::<js_sys::BigInt>().to_string(10).ok()?;
        InputValue::Str(text.as_string()?)
    } else {
        return None;
    })
}

/// Stands for a value that is no answer at all (an object, a nested list, a function): the
/// engine reports it as the wrong type for the fact it was given for.
fn not_an_answer() -> InputValue {
    InputValue::Map(BTreeMap::new())
}

/// A profile that is not an object of answers at all (there is no fact to name).
pub fn shape(zh: &str, en: &str) -> Error {
    Error::InvalidProfile {
        problems: vec![ProfileProblem {
            code: "wrong_type".into(),
            fact: String::new(),
            message_zh: zh.to_string(),
            message_en: en.to_string(),
        }],
    }
}
