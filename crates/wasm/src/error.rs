//! What a failed call throws. Every error, whatever its origin (the engine, an option, a value
//! the JS side got wrong), goes through [`thrown`], so JS sees one shape; the package's wrapper
//! turns it into a `SkillcalcError`.

use serde::Serialize;
use skillcalc_engine::{Error, PackProblem, ProfileProblem};
use wasm_bindgen::JsValue;

/// The data of a `SkillcalcError`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct ErrorData {
    pub code: ErrorCode,
    /// What the error is about: the option (`asOf`, `lang`, `pack`, `options`), the fact of the
    /// first profile problem, or `file: item: field` of the first pack problem (the parts it has).
    pub field: Option<String>,
    /// In `evaluateBatch`: the index of the profile that failed.
    pub row: Option<u32>,
    pub message_zh: String,
    pub message_en: String,
    /// Every problem of an invalid pack or profile, each naming where it is; empty otherwise.
    pub problems: Problems,
}

/// The engine's error codes (the CLI reports the same).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum ErrorCode {
    InvalidPack,
    InvalidProfile,
    InvalidOption,
    UnknownProvision,
    Internal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum Problems {
    Pack(Vec<PackProblem>),
    Profile(Vec<ProfileProblem>),
}

impl ErrorData {
    /// The one conversion from the engine's errors (every error here is one of those).
    pub fn from_engine(e: &Error) -> ErrorData {
        let none = || Problems::Pack(Vec::new());
        let (code, field, message_zh, message_en, problems) = match e {
            Error::InvalidPack { problems } => (
                ErrorCode::InvalidPack,
                problems
                    .first()
                    .map(pack_location)
                    .filter(|s| !s.is_empty()),
                match problems.first() {
                    Some(p) => format!("规则包有 {} 个问题：{p}", problems.len()),
                    None => "规则包无效".to_string(),
                },
                e.to_string(),
                Problems::Pack(problems.clone()),
            ),
            Error::InvalidProfile { problems } => (
                ErrorCode::InvalidProfile,
                // A profile that is no object at all has no fact to name.
                problems
                    .first()
                    .map(|p| p.fact.clone())
                    .filter(|f| !f.is_empty()),
                match problems.first() {
                    Some(p) if p.fact.is_empty() => {
                        format!("档案有 {} 个问题：{}", problems.len(), p.message_zh)
                    }
                    Some(p) => format!(
                        "档案有 {} 个问题：{}：{}",
                        problems.len(),
                        p.fact,
                        p.message_zh
                    ),
                    None => "档案无效".to_string(),
                },
                e.to_string(),
                Problems::Profile(problems.clone()),
            ),
            Error::InvalidOption {
                field,
                message_zh,
                message_en,
            } => (
                ErrorCode::InvalidOption,
                Some(field.clone()),
                message_zh.clone(),
                message_en.clone(),
                none(),
            ),
            Error::UnknownProvision { id } => (
                ErrorCode::UnknownProvision,
                Some(id.clone()),
                format!("没有编号为“{id}”的条款"),
                e.to_string(),
                none(),
            ),
            Error::Internal { message } => (
                ErrorCode::Internal,
                None,
                format!("内部错误：{message}"),
                e.to_string(),
                none(),
            ),
        };
        ErrorData {
            code,
            field,
            row: None,
            message_zh,
            message_en,
            problems,
        }
    }
}

/// "file: item: field", leaving out the parts a problem does not have.
fn pack_location(p: &PackProblem) -> String {
    let parts = [p.file.as_str(), p.item.as_str(), p.field.as_str()];
    parts
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
}

/// What JS receives: a plain object, which the package's wrapper makes a `SkillcalcError`.
pub fn thrown(e: ErrorData) -> JsValue {
    crate::to_js(&e)
}
