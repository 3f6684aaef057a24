//! Reading a profile from JS: `{ factId: answer }`.
//!
//! Checking each answer is the engine's job (`RulePack::profile`, which names the fact and says
//! what is wrong in both languages); this only copies answers across, and fails only on a
//! profile too large to copy. It never follows an answer deeper than a list of scalars (a
//! deeper or cyclic value would take recursion, and a stack overflow traps and breaks the
//! module for good), never reads a list past the longest the engine accepts, never copies more
//! than [`MAX_CHARS`], and reads objects only through `catch` imports (see js.rs).

use crate::js;
use js_sys::JsString;
use skillcalc_engine::{not_a_profile, Error, InputValue, Profile, ProfileProblem, RulePack};
use std::collections::BTreeMap;
use wasm_bindgen::{JsCast, JsValue};

/// More answers than any pack has facts: refused before the engine lists each as unknown.
const MAX_ANSWERS: u32 = 10_000;
/// The engine refuses an `enum_set` answer longer than its options × 4 + 16; no fact has 250
/// options, so a longer list is not copied.
const MAX_LIST: u32 = 1_000;
/// A profile's fact ids and text answers hold at most this many characters in all (UTF-16
/// units, as JS counts them); every other answer or list item counts as one. Far beyond any
/// real profile (a pack has some dozens of facts, a text answer 200 bytes at most), it bounds
/// what one profile copies into the wasm's memory, which never shrinks, and which one
/// `'中'.repeat(2e8)` exhausted (a trap): a text is measured before it is copied.
const MAX_CHARS: u32 = 100_000;
/// The most profiles `evaluateBatch` or `batch` takes: refused from the array's length alone,
/// before any row is read (a sparse array's length can be 2³² − 1).
pub const MAX_ROWS: u32 = 100_000;

/// A profile: `{ factId: answer }`. `null`, `""` or leaving a fact out means "unknown".
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "Profile"))]
#[allow(dead_code)] // only its shape is used: the TypeScript declaration is generated from it
pub struct Answers(pub BTreeMap<String, InputValue>);

pub fn profile(value: &JsValue) -> Result<BTreeMap<String, InputValue>, Error> {
    if !js::is_record(value) {
        return Err(not_a_profile());
    }
    if !js::is_plain(value) {
        // Its answers would not be among its keys: it would read as the empty profile.
        return Err(shape(
            "档案应为普通对象 { 事实编号: 回答 }，不能是 Map 或某个类的实例",
            "the profile must be a plain object { factId: answer }, not a Map or a class instance",
        ));
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
    let mut left = Budget(MAX_CHARS);
    let mut answers = BTreeMap::new();
    for pair in entries.iter() {
        // Object.entries made these [key, value] arrays itself: reading them runs no user code.
        let pair: js_sys::Array = pair.unchecked_into();
        let key: JsString = pair.get(0).unchecked_into();
        let Some(id) = left.text(&key) else {
            return Err(too_long(&key));
        };
        let Ok(answer) = answer(&pair.get(1), &mut left) else {
            return Err(too_long(&key));
        };
        answers.insert(id, answer);
    }
    Ok(answers)
}

/// What is left of a profile's [`MAX_CHARS`].
struct Budget(u32);

/// A profile that would take more than [`MAX_CHARS`].
struct TooLong;

impl Budget {
    /// Spends `n`; false (and nothing spent) when less is left.
    fn spend(&mut self, n: u32) -> bool {
        self.0.checked_sub(n).map(|left| self.0 = left).is_some()
    }

    /// The text, copied if what is left allows.
    fn text(&mut self, s: &JsString) -> Option<String> {
        self.spend(s.length()).then(|| String::from(s))
    }
}

/// The error for a profile that holds more than [`MAX_CHARS`], naming the fact where it did.
fn too_long(key: &JsString) -> Error {
    // A key itself may be the megabytes: only its start is copied.
    let mut fact = String::from(key.slice(0, 100));
    if key.length() > 100 {
        fact.push('…');
    }
    Error::InvalidProfile {
        problems: vec![ProfileProblem {
            code: "too_long".into(),
            message_zh: format!("“{fact}”：档案的事实编号和回答总计不能超过 {MAX_CHARS} 个字符"),
            message_en: format!(
                "'{fact}': a profile's fact ids and answers may hold {MAX_CHARS} characters in all"
            ),
            fact,
        }],
    }
}

/// A fact's place written as one character (U+0020 plus the place), if the pack has it.
fn fact_at(place: &str, pack: &RulePack) -> Result<usize, Malformed> {
    let mut chars = place.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => (c as usize)
            .checked_sub(0x20)
            .filter(|&i| i < pack.facts().len())
            .ok_or(Malformed),
        _ => Err(Malformed),
    }
}

/// The error for more profiles than one call takes.
pub fn too_many_rows(count: usize) -> Error {
    shape(
        &format!("一次最多 {MAX_ROWS} 份档案，收到 {count} 份"),
        &format!("at most {MAX_ROWS} profiles in one call: {count} given"),
    )
}

/// Profiles as the wrapper writes them for `decide` and `batch` (web/package/src/answers.js,
/// the only other place that knows this form): one string of fields, each ended by U+001F, each
/// profile ended by U+001E, beside the numbers they hold and the profiles they could not hold.
/// Reading answers from one string costs a fraction of reading them one by one across the
/// boundary.
///
/// A profile is `p<n>` and n answers, each a fact and a value. The fact is its id, or U+0001
/// and its place in the pack as one character (U+0020 plus the place: the wrapper writes a
/// known id so, which spares looking it up). The value is `-` (null or undefined), `t`
/// or `f`, `s<text>`, `n` (the next of `numbers`, so NaN and ±Infinity arrive as they are), or
/// `l<k>` and k such values (a list). Or it is `o`: the next of `objects`, read as `evaluate`
/// reads a profile (the wrapper sends so whatever this form cannot say exactly: a key or text
/// with a control character, a bigint, a nested value, a getter that throws); or `!`: reading
/// the caller's array at that row threw. A batch starts with the number of profiles, ended by
/// U+001E. No text holds a character below U+0020, so no field can be misread.
///
/// Only a caller of the raw exports could write a text that breaks this form. Such a profile is
/// refused as not a profile; and since the numbers and objects it meant to take are then
/// unknown, every profile after it is refused too, never read with another's answers.
pub struct Profiles<'a> {
    text: &'a str,
    /// Where the next field starts: the text is read field by field, in place.
    at: usize,
    numbers: &'a [f64],
    next_number: usize,
    objects: &'a JsValue,
    next_object: u32,
    broken: bool,
}

const FIELD_END: u8 = 0x1f;
const ROW_END: u8 = 0x1e;

impl<'a> Profiles<'a> {
    pub fn new(text: &'a str, numbers: &'a [f64], objects: &'a JsValue) -> Profiles<'a> {
        Profiles {
            text,
            at: 0,
            numbers,
            next_number: 0,
            objects,
            next_object: 0,
            broken: false,
        }
    }

    /// The next field of the row being read, without its end; None where the row (or the
    /// text) ends instead, which is left unread. Both ends are ASCII, so they never fall inside
    /// a character: a field is always whole text. (Read so, in place, a batch of rows
    /// went about 15 % sooner than with `str`'s split iterators, whose searchers cost more to
    /// set up than a field of a few bytes takes to scan.)
    fn field(&mut self) -> Option<&'a str> {
        let rest = self.text.as_bytes().get(self.at..)?;
        let len = rest.iter().position(|&b| b == FIELD_END || b == ROW_END)?;
        if rest[len] != FIELD_END {
            return None;
        }
        let field = self.text.get(self.at..self.at + len)?;
        self.at += len + 1;
        Some(field)
    }

    /// Whether the row ends here (and steps past its end).
    fn row_end(&mut self) -> bool {
        let ends = self.text.as_bytes().get(self.at) == Some(&ROW_END);
        self.at += usize::from(ends);
        ends
    }

    /// The number of profiles that follow (batch's first row: the number and the row's end).
    pub fn count(&mut self) -> Option<usize> {
        let rest = self.text.get(self.at..)?;
        let len = rest.find(char::from(ROW_END))?;
        self.at += len + 1;
        rest[..len].parse().ok()
    }

    /// Whether nothing the caller wrote was left unread (after a malformed profile every later
    /// one was refused, which is not leaving it out).
    pub fn all_read(&self) -> bool {
        self.broken || self.at >= self.text.len()
    }

    /// Reads the next profile into `profile` (replacing its answers), checked by the engine.
    pub fn read(&mut self, pack: &RulePack, profile: &mut Profile) -> Result<(), Error> {
        if self.broken {
            return Err(shape(
                "前面的档案格式有误，此档案未读取",
                "an earlier profile was malformed, so this one was not read",
            ));
        }
        match self.read_row(pack, profile) {
            Ok(checked) => checked,
            Err(Malformed) => {
                self.broken = true;
                Err(not_a_profile())
            }
        }
    }

    /// One row: Err when it breaks the form; Ok with the engine's verdict on its answers.
    fn read_row(
        &mut self,
        pack: &RulePack,
        profile: &mut Profile,
    ) -> Result<Result<(), Error>, Malformed> {
        let head = self.field().ok_or(Malformed)?;
        let checked = match head {
            "!" => Err(shape(
                "读取档案时出现异常",
                "reading the profile threw an exception",
            )),
            "o" => {
                let object = js::get(self.objects, &JsValue::from(self.next_object))
                    .unwrap_or(JsValue::UNDEFINED);
                self.next_object += 1;
                self::profile(&object).and_then(|answers| {
                    *profile = pack.profile(&answers)?;
                    Ok(())
                })
            }
            _ => {
                let count: usize = head
                    .strip_prefix('p')
                    .and_then(|n| n.parse().ok())
                    .ok_or(Malformed)?;
                let mut answers = pack.answers(profile);
                for _ in 0..count {
                    let id = self.field().ok_or(Malformed)?;
                    let value = self.value(true).ok_or(Malformed)?;
                    match id.strip_prefix('\u{1}') {
                        Some(place) => answers.add_at(fact_at(place, pack)?, &value),
                        None => answers.add(id, &value),
                    }
                }
                answers.finish()
            }
        };
        if !self.row_end() {
            return Err(Malformed); // more fields than the profile said, or no end
        }
        Ok(checked)
    }

    fn value(&mut self, list_allowed: bool) -> Option<InputValue> {
        let field = self.field()?;
        let (tag, rest) = field.split_at_checked(1)?;
        Some(match (tag, rest) {
            ("-", "") => InputValue::Null,
            ("t", "") => InputValue::Bool(true),
            ("f", "") => InputValue::Bool(false),
            ("s", text) => InputValue::Str(text.to_string()),
            ("n", "") => {
                let n = *self.numbers.get(self.next_number)?;
                self.next_number += 1;
                number(n)
            }
            ("l", k) if list_allowed => {
                let k: usize = k.parse().ok()?;
                if k > MAX_LIST as usize {
                    return None;
                }
                let mut items = Vec::with_capacity(k);
                for _ in 0..k {
                    items.push(self.value(false)?);
                }
                InputValue::List(items)
            }
            _ => return None,
        })
    }
}

/// A row that breaks the compact form.
struct Malformed;

/// One answer: a scalar, or a list of scalars (an `enum_set`).
fn answer(value: &JsValue, left: &mut Budget) -> Result<InputValue, TooLong> {
    if let Some(v) = scalar(value, left) {
        return v;
    }
    if !js::is_array(value) {
        return Ok(not_an_answer());
    }
    let length = js::length(value);
    if length > MAX_LIST {
        // Too long for any fact: the engine says so, naming the fact, from the length alone.
        return Ok(InputValue::List(vec![
            InputValue::Null;
            MAX_LIST as usize + 1
        ]));
    }
    let mut items = Vec::with_capacity(length as usize);
    for i in 0..length {
        match js::get(value, &JsValue::from(i)) {
            Ok(item) => items.push(scalar(&item, left).unwrap_or_else(|| Ok(not_an_answer()))?),
            Err(()) => return Ok(not_an_answer()),
        }
    }
    Ok(InputValue::List(items))
}

/// A scalar answer, None for anything else; each costs one of what is left, a text its length.
fn scalar(value: &JsValue, left: &mut Budget) -> Option<Result<InputValue, TooLong>> {
    if let Some(s) = value.dyn_ref::<JsString>() {
        return Some(left.text(s).map(InputValue::Str).ok_or(TooLong));
    }
    if !left.spend(1) {
        return Some(Err(TooLong));
    }
    Some(Ok(if value.is_null() || value.is_undefined() {
        InputValue::Null
    } else if let Some(b) = value.as_bool() {
        InputValue::Bool(b)
    } else if let Some(n) = value.as_f64() {
        number(n)
    } else if value.is_bigint() {
        // Exact as text: the engine reads decimals from text (and says "too large" when it is).
        let text = value.unchecked_ref::<js_sys::BigInt>().to_string(10).ok()?;
        return Some(left.text(&text).map(InputValue::Str).ok_or(TooLong));
    } else {
        return None;
    }))
}

/// A JS number as an answer: a safe integer (as `Number.isSafeInteger` says) is exact; NaN,
/// ±Infinity and 1e308 go on as they are, and the engine names the fact and says why.
fn number(n: f64) -> InputValue {
    const SAFE: f64 = 9_007_199_254_740_991.0; // 2^53 - 1
    if n.fract() == 0.0 && n.abs() <= SAFE {
        InputValue::Int(n as i64)
    } else {
        InputValue::Float(n)
    }
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
