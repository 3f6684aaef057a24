//! # skillcalc-studio-wasm
//!
//! The studio page's wasm (target/site/studio/, loaded only there, in its worker): the engine
//! with its TOML reading (feature `toml`), the embedded catalogue's sources as the published
//! pack, and the studio's work on a draft (src/studio.rs):
//!
//! - `embeddedFiles()`: the published pack's TOML files, `[{ path, text }]`;
//! - `new Studio()`: the published pack, compiled once, to compare drafts with;
//! - `studio.check(files)`: `{ ok, problems, scenarios, counts, impact }`: every problem at its
//!   line and column in Chinese and English, every scenario run (expected against actual), and
//!   between the published pack and the draft which scenarios and provisions change;
//! - `studio.preview(answersJson, asOf, lang)`: the calculator's report on the last draft that
//!   compiled;
//! - `studio.listFacts()`: the facts of the published pack and of the last draft that compiled
//!   (`[{ id, subject, label_zh, label_en }]`), to match a list's headers to;
//! - `studio.impactOnList(rows, asOf, lang, door)`: the draft against the published pack over
//!   an uploaded list (rows of answers by fact id, as text): per provision the rows whose status
//!   or amount changes, a few of them, and the list's totals in each pack (caps across rows
//!   applied, as `skillcalc match` totals them); invalid rows counted and named;
//! - `studio.exportJson(files, name, version)`: `{ json, integrity, bytes }`, exactly what
//!   `skillcalc export` writes.
//!
//! Failures are thrown as plain objects `{ code, message_zh, message_en, problems }`.

#![forbid(unsafe_code)]

mod studio;
mod zh;

use serde::{Deserialize, Serialize};
use serde_wasm_bindgen::Serializer;
use studio::{Draft, Problem};
use wasm_bindgen::prelude::*;

const SERIALIZER: Serializer = Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value.serialize(&SERIALIZER).unwrap_or(JsValue::NULL)
}

#[derive(Serialize)]
struct Thrown<'a> {
    code: &'a str,
    message_zh: String,
    message_en: String,
    problems: Vec<Problem>,
}

fn thrown(code: &str, zh: &str, en: &str, problems: Vec<Problem>) -> JsValue {
    to_js(&Thrown {
        code,
        message_zh: zh.into(),
        message_en: en.into(),
        problems,
    })
}

#[derive(Deserialize)]
struct File {
    path: String,
    text: String,
}

/// At most this many files, and this many bytes of text in all: a pack is a few hundred KB.
const MAX_FILES: usize = 2000;
const MAX_BYTES: usize = 32 << 20;
/// At most this many rows in an uploaded list (as many as the list page's `match` takes).
const MAX_ROWS: usize = 100_000;

fn read_files(value: JsValue) -> Result<Vec<(String, String)>, JsValue> {
    let list: Vec<File> = serde_wasm_bindgen::from_value(value).map_err(|e| {
        thrown(
            "invalid_option",
            "文件应为 [{ path, text }] 列表",
            &format!("files must be a list of {{ path, text }}: {e}"),
            Vec::new(),
        )
    })?;
    let bytes: usize = list.iter().map(|f| f.text.len() + f.path.len()).sum();
    if list.len() > MAX_FILES || bytes > MAX_BYTES {
        return Err(thrown(
            "invalid_option",
            "文件过多或过大",
            "too many files, or too large",
            Vec::new(),
        ));
    }
    Ok(list.into_iter().map(|f| (f.path, f.text)).collect())
}

/// The published pack's TOML files (the embedded catalogue's sources).
#[wasm_bindgen(js_name = embeddedFiles)]
pub fn embedded_files() -> JsValue {
    #[derive(Serialize)]
    struct Out<'a> {
        path: &'a str,
        text: &'a str,
    }
    let list: Vec<Out> = skillcalc_catalog::source_files()
        .iter()
        .map(|(path, text)| Out { path, text })
        .collect();
    to_js(&list)
}

/// The published pack, and the last draft that compiled (for the preview).
#[wasm_bindgen]
pub struct Studio {
    published: Option<Draft>,
    draft: Option<Draft>,
}

#[derive(Serialize)]
struct CheckOut {
    #[serde(flatten)]
    checked: studio::Checked,
    /// `None` when the draft does not compile.
    impact: Option<studio::Impact>,
}

impl Default for Studio {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Studio {
    /// Compiles the published pack (the embedded catalogue's sources) once.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Studio {
        let (_, published) = studio::check(&studio::embedded_files());
        Studio {
            published,
            draft: None,
        }
    }

    /// Checks a draft (`[{ path, text }]`), runs its scenarios and compares it with the
    /// published pack.
    pub fn check(&mut self, files: JsValue) -> Result<JsValue, JsValue> {
        let files = read_files(files)?;
        let (checked, draft) = studio::check(&files);
        let impact = match (&self.published, &draft) {
            (Some(p), Some(d)) => Some(studio::impact(p, d)),
            _ => None,
        };
        if draft.is_some() {
            self.draft = draft;
        }
        Ok(to_js(&CheckOut { checked, impact }))
    }

    /// The calculator's report (as the JS package's `evaluate` gives it) on the last draft that
    /// compiled, for answers given as JSON text.
    pub fn preview(&self, answers: &str, as_of: &str, lang: &str) -> Result<JsValue, JsValue> {
        let Some(draft) = &self.draft else {
            return Err(thrown(
                "invalid_pack",
                "草稿还没有通过检查",
                "no draft has compiled yet",
                Vec::new(),
            ));
        };
        studio::preview(&draft.pack, answers, as_of, lang)
            .map(|r| to_js(&r))
            .map_err(|e| {
                let (zh, en) = match &e {
                    skillcalc_engine::Error::InvalidOption {
                        message_zh,
                        message_en,
                        ..
                    } => (message_zh.clone(), message_en.clone()),
                    skillcalc_engine::Error::InvalidProfile { problems } => (
                        problems
                            .iter()
                            .map(|p| p.message_zh.clone())
                            .collect::<Vec<_>>()
                            .join("；"),
                        e.to_string(),
                    ),
                    other => (other.to_string(), other.to_string()),
                };
                thrown("invalid_profile", &zh, &en, Vec::new())
            })
    }

    /// The facts a list's header may name, by id or label: the published pack's, then those
    /// only the last draft that compiled has. `[{ id, subject, label_zh, label_en }]`.
    #[wasm_bindgen(js_name = listFacts)]
    pub fn list_facts(&self) -> JsValue {
        #[derive(Serialize)]
        struct Out<'a> {
            id: &'a str,
            subject: skillcalc_engine::Subject,
            label_zh: &'a str,
            label_en: &'a str,
        }
        let mut seen = std::collections::HashSet::new();
        let list: Vec<Out> = [&self.published, &self.draft]
            .into_iter()
            .flatten()
            .flat_map(|d| d.pack.facts())
            .filter(|f| seen.insert(f.id.as_str()))
            .map(|f| Out {
                id: &f.id,
                subject: f.subject,
                label_zh: &f.label.zh,
                label_en: &f.label.en,
            })
            .collect();
        to_js(&list)
    }

    /// The last draft that compiled against the published pack over an uploaded list: `rows`
    /// are `[{ factId: text }]` (a list's cells, its headers matched to facts), decided as of
    /// `asOf` for the provisions of `door` (`person`, `organisation`, or `""` for all).
    #[wasm_bindgen(js_name = impactOnList)]
    pub fn impact_on_list(
        &self,
        rows: JsValue,
        as_of: &str,
        lang: &str,
        door: &str,
    ) -> Result<JsValue, JsValue> {
        let (Some(published), Some(draft)) = (&self.published, &self.draft) else {
            return Err(thrown(
                "invalid_pack",
                "草稿还没有通过检查",
                "no draft has compiled yet",
                Vec::new(),
            ));
        };
        let rows: Vec<std::collections::BTreeMap<String, String>> =
            serde_wasm_bindgen::from_value(rows).map_err(|e| {
                thrown(
                    "invalid_option",
                    "名单应为 [{ 事实编号: 文字 }] 列表",
                    &format!("rows must be a list of {{ factId: text }}: {e}"),
                    Vec::new(),
                )
            })?;
        if rows.len() > MAX_ROWS {
            return Err(thrown(
                "invalid_option",
                &format!("名单最多 {MAX_ROWS} 行"),
                &format!("a list may have at most {MAX_ROWS} rows"),
                Vec::new(),
            ));
        }
        studio::list_impact(&published.pack, &draft.pack, &rows, as_of, lang, door)
            .map(|r| to_js(&r))
            .map_err(|e| match e {
                skillcalc_engine::Error::InvalidOption {
                    message_zh,
                    message_en,
                    ..
                } => thrown("invalid_option", &message_zh, &message_en, Vec::new()),
                other => thrown(
                    "internal",
                    &other.to_string(),
                    &other.to_string(),
                    Vec::new(),
                ),
            })
    }

    /// The draft as one JSON file for publishing: `{ json, integrity, bytes }`, what
    /// `skillcalc export --name NAME --version VERSION` writes.
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(
        &self,
        files: JsValue,
        name: &str,
        version: &str,
    ) -> Result<JsValue, JsValue> {
        let files = read_files(files)?;
        studio::export(&files, name, version)
            .map(|e| to_js(&e))
            .map_err(|problems| {
                thrown(
                    "invalid_pack",
                    "规则包有问题，未导出",
                    "the pack has problems: not exported",
                    problems,
                )
            })
    }
}
