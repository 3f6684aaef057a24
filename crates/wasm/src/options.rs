//! The options every call takes, read key by key so that each mistake names its option (and
//! an unknown key, such as a misspelt `asof`, is an error rather than silently ignored).

use crate::js;
use js_sys::JsString;
use skillcalc_engine::{Date, Error, EvaluateOptions, Lang, Subject};
use wasm_bindgen::{JsCast, JsValue};

/// Options of `evaluate`, `evaluateBatch`, `facts` and `policies`. Instead of an object, a
/// language alone may be given (`facts("en")`).
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    ts(rename_all = "camelCase", optional_fields)
)]
#[allow(dead_code)] // only its shape is used: the TypeScript declaration is generated from it
pub struct Options {
    /// The date the policies are applied on, `YYYY-MM-DD`. Default: today, in local time.
    as_of: Option<String>,
    /// The language of every text of the result. Default: `"zh"`.
    lang: Option<Lang>,
    /// A pack from `loadPack()`. Default: the embedded catalog.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional, type = "Pack"))]
    pack: Option<()>,
    /// Write each provision's condition tree and arithmetic steps. Default: `true`. With
    /// `false` the report keeps every status, amount, missing and failed fact and total, and is
    /// several times cheaper to build and to hand to JavaScript.
    explain: Option<bool>,
    /// Only these provisions (their ids), in `evaluate`, `evaluateBatch`, `decide` and
    /// `decideMany`: the result and its totals cover them alone. Default: every provision.
    provisions: Option<Vec<String>>,
}

/// Options of `batch`: those of [`Options`], and the provision every row is decided for.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    ts(rename_all = "camelCase", optional_fields)
)]
#[allow(dead_code)] // only its shape is used: the TypeScript declaration is generated from it
pub struct BatchOptions {
    /// The provision's id, e.g. `"putuo.training_subsidy"` (required).
    provision: String,
    /// As in [`Options`].
    as_of: Option<String>,
    /// As in [`Options`].
    lang: Option<Lang>,
    /// As in [`Options`].
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional, type = "Pack"))]
    pack: Option<()>,
}

/// Options of `match`: those of [`Options`] but `explain`, and the door.
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(
    all(test, not(target_arch = "wasm32")),
    ts(rename_all = "camelCase", optional_fields)
)]
#[allow(dead_code)] // only its shape is used: the TypeScript declaration is generated from it
pub struct MatchOptions {
    /// As in [`Options`].
    as_of: Option<String>,
    /// As in [`Options`].
    lang: Option<Lang>,
    /// As in [`Options`].
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional, type = "Pack"))]
    pack: Option<()>,
    /// As in [`Options`].
    provisions: Option<Vec<String>>,
    /// Only the provisions for people (`"person"`) or for organisations (`"org"`). Default:
    /// both.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, type = "\"person\" | \"org\"")
    )]
    door: Option<String>,
    /// Called between chunks of rows with the rows done and the rows in all (a progress bar).
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, type = "(done: number, total: number) => void")
    )]
    on_progress: Option<()>,
}

const KEYS: &str = "asOf, lang, pack, explain, provisions";
const MATCH_KEYS: &str = "asOf, lang, pack, provisions, door, onProgress";
const LIST_KEYS: &str = "asOf, lang, pack, explain";
const BATCH_KEYS: &str = "provision, asOf, lang, pack";

/// The most ids `provisions` may list (far more than any pack has; refused before it is read).
const MAX_PROVISIONS: u32 = 10_000;

/// Which call the options are for: each takes its own keys.
#[derive(Clone, Copy, PartialEq)]
enum Call {
    /// evaluate, evaluateBatch, decide, decideMany: `explain` and `provisions` too.
    Decide,
    /// facts, policies (`explain` is taken and has nothing to change).
    List,
    /// batch: `provision` (required).
    Batch,
    /// match: `provisions` and `door` (`onProgress` is the wrapper's).
    Match,
}

/// What a call was asked for: the engine's options, and the provisions to keep (all if none).
pub struct Asked {
    pub options: EvaluateOptions,
    pub provisions: Option<Vec<String>>,
    /// `match`: only the provisions for this audience.
    pub door: Option<Subject>,
}

/// Reads the options of `batch`: the provision's id is required.
pub fn parse_batch(value: &JsValue) -> Result<(EvaluateOptions, String), Error> {
    let (asked, provision) = parse_any(value, Call::Batch)?;
    let options = asked.options;
    let provision = provision.ok_or_else(|| {
        option(
            "provision",
            "batch() 需要选项“provision”：每一行所适用条款的编号".into(),
            "batch() needs the option 'provision': the id of the provision every row is decided for".into(),
        )
    })?;
    Ok((options, provision))
}

/// Reads the options; `pack` is resolved by the JS wrapper, which hands a pack it accepted to
/// that pack's methods and leaves `pack: undefined` here. Anything else in `pack` is a mistake.
pub fn parse(value: &JsValue) -> Result<Asked, Error> {
    parse_any(value, Call::Decide).map(|(asked, _)| asked)
}

/// The options of `match`.
pub fn parse_match(value: &JsValue) -> Result<Asked, Error> {
    parse_any(value, Call::Match).map(|(asked, _)| asked)
}

/// The options of `facts` and `policies`.
pub fn parse_list(value: &JsValue) -> Result<EvaluateOptions, Error> {
    parse_any(value, Call::List).map(|(asked, _)| asked.options)
}

/// The options of any call; `provision` only for `batch`, `provisions` only for the calls that
/// decide every provision.
fn parse_any(value: &JsValue, call: Call) -> Result<(Asked, Option<String>), Error> {
    let keys_known = match call {
        Call::Decide => KEYS,
        Call::List => LIST_KEYS,
        Call::Batch => BATCH_KEYS,
        Call::Match => MATCH_KEYS,
    };
    let batch = call == Call::Batch;
    let mut as_of: Option<Date> = None;
    let mut lang = Lang::Zh;
    let mut explain = true;
    let mut provision = None;
    let mut provisions = None;
    let mut door = None;
    if value.is_undefined() || value.is_null() {
        // all defaults
    } else if let Some(s) = bounded_string(value) {
        lang = parse_lang(&s)?;
    } else if js::is_record(value) {
        // A getter or Proxy trap that throws reads as a wrong value (see js.rs for why it must
        // not be let through).
        let keys = js::keys(value).map_err(|_| not_options())?;
        for key in keys.iter() {
            let v = js::get(value, &key).map_err(|_| not_options())?;
            let key = bounded_string(&key).unwrap_or_default();
            match key.as_str() {
                "asOf" => {
                    if v.is_undefined() || v.is_null() {
                        continue;
                    }
                    let s = bounded_string(&v).ok_or_else(|| {
                        option(
                            "asOf",
                            "“asOf”应为 YYYY-MM-DD 格式的日期字符串".into(),
                            "asOf must be a date string YYYY-MM-DD".into(),
                        )
                    })?;
                    as_of = Some(EvaluateOptions::new(&s, lang).map_err(rename_as_of)?.as_of);
                }
                "provision" if batch => {
                    if v.is_undefined() || v.is_null() {
                        continue;
                    }
                    provision = Some(bounded_string(&v).ok_or_else(|| {
                        option(
                            "provision",
                            "“provision”应为条款编号（字符串）".into(),
                            "provision must be a provision's id (a string)".into(),
                        )
                    })?);
                }
                "door" if call == Call::Match => {
                    if v.is_undefined() || v.is_null() {
                        continue;
                    }
                    door = Some(match bounded_string(&v).as_deref() {
                        Some("person") => Subject::Person,
                        Some("org") => Subject::Organisation,
                        _ => {
                            return Err(option(
                                "door",
                                "“door”应为 \"person\"（个人）或 \"org\"（单位）".into(),
                                "door must be \"person\" or \"org\"".into(),
                            ))
                        }
                    });
                }
                // The wrapper calls it; here it is only a known key.
                "onProgress" if call == Call::Match => {}
                "provisions" if matches!(call, Call::Decide | Call::Match) => {
                    if v.is_undefined() || v.is_null() {
                        continue;
                    }
                    provisions = Some(provision_ids(&v)?);
                }
                "explain" if matches!(call, Call::Decide | Call::List) => {
                    if v.is_undefined() || v.is_null() {
                        continue;
                    }
                    explain = v.as_bool().ok_or_else(|| {
                        option(
                            "explain",
                            "“explain”应为 true 或 false".into(),
                            "explain must be true or false".into(),
                        )
                    })?;
                }
                "lang" => {
                    if v.is_undefined() || v.is_null() {
                        continue;
                    }
                    lang = match bounded_string(&v) {
                        Some(s) => parse_lang(&s)?,
                        None => {
                            return Err(bad_lang(&v.js_typeof().as_string().unwrap_or_default()))
                        }
                    };
                }
                "pack" => {
                    if !(v.is_undefined() || v.is_null()) {
                        return Err(option(
                            "pack",
                            "“pack”应为 loadPack() 返回且未释放的规则包".into(),
                            "pack must be a pack returned by loadPack(), not freed".into(),
                        ));
                    }
                }
                _ => {
                    return Err(option(
                        &key,
                        format!("没有名为“{key}”的选项（可用：{keys_known}）"),
                        format!("there is no option '{key}' (options are {keys_known})"),
                    ))
                }
            }
        }
    } else {
        return Err(not_options());
    }
    let options = EvaluateOptions {
        as_of: as_of.unwrap_or_else(today),
        lang,
        explain,
    };
    Ok((
        Asked {
            options,
            provisions,
            door,
        },
        provision,
    ))
}

/// `provisions`: an array of provision ids (strings).
fn provision_ids(v: &JsValue) -> Result<Vec<String>, Error> {
    let wrong = || {
        option(
            "provisions",
            "“provisions”应为条款编号（字符串）的数组".into(),
            "provisions must be an array of provision ids (strings)".into(),
        )
    };
    if !js::is_array(v) || js::length(v) > MAX_PROVISIONS {
        return Err(wrong());
    }
    (0..js::length(v))
        .map(|i| {
            let id = js::get(v, &JsValue::from(i)).map_err(|_| wrong())?;
            bounded_string(&id).ok_or_else(wrong)
        })
        .collect()
}

fn not_options() -> Error {
    option(
        "options",
        "选项应为对象 { asOf, lang, pack } 或语言代码".into(),
        "options must be an object { asOf, lang, pack } or a language".into(),
    )
}

/// A string of sensible length (a megabyte-long "date" is refused before it is copied).
fn bounded_string(v: &JsValue) -> Option<String> {
    let s = v.dyn_ref::<JsString>()?;
    if s.length() > 64 {
        return Some(String::from("…"));
    }
    s.as_string()
}

fn parse_lang(s: &str) -> Result<Lang, Error> {
    Lang::parse(s).ok_or_else(|| bad_lang(s))
}

fn bad_lang(given: &str) -> Error {
    option(
        "lang",
        format!("“lang”应为 \"zh\" 或 \"en\"：{given}"),
        format!("lang must be \"zh\" or \"en\": {given}"),
    )
}

/// The engine names the field `as_of` (the CLI's flag); in JS it is `asOf`.
fn rename_as_of(e: Error) -> Error {
    match e {
        Error::InvalidOption {
            message_zh,
            message_en,
            ..
        } => Error::InvalidOption {
            field: "asOf".into(),
            message_zh: message_zh.replace("as_of", "asOf"),
            message_en: message_en.replace("as_of", "asOf"),
        },
        other => other,
    }
}

/// Today in the user's time zone: policies start and end on local calendar days.
fn today() -> Date {
    let now = js_sys::Date::new_0();
    let (y, m, d) = (now.get_full_year(), now.get_month() + 1, now.get_date());
    // The JS clock always gives a real date; the fallback only keeps this free of unwrap.
    Date::new(y as i32, m as u8, d as u8).unwrap_or(Date {
        year: 2000,
        month: 1,
        day: 1,
    })
}

/// An `invalid_option` error naming the option.
fn option(field: &str, zh: String, en: String) -> Error {
    Error::InvalidOption {
        field: field.to_string(),
        message_zh: zh,
        message_en: en,
    }
}
