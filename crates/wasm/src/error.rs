//! What a failed call throws. Every error, whatever its origin (the engine, an option, a value
//! the JS side got wrong), goes through [`thrown`], so JS sees one shape; the package's wrapper
//! turns it into a `SkillcalcError`.

use serde::Serialize;
use skillcalc_engine::{Error, Lang, PackProblem, ProfileProblem};
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
        let (code, field, problems) = match e {
            Error::InvalidPack { problems } => (
                ErrorCode::InvalidPack,
                problems
                    .first()
                    .map(pack_location)
                    .filter(|s| !s.is_empty()),
                Problems::Pack(problems.clone()),
            ),
            Error::InvalidProfile { problems } => (
                ErrorCode::InvalidProfile,
                // A profile that is no object at all has no fact to name.
                problems
                    .first()
                    .map(|p| p.fact.clone())
                    .filter(|f| !f.is_empty()),
                Problems::Profile(problems.clone()),
            ),
            Error::InvalidOption { field, .. } => {
                (ErrorCode::InvalidOption, Some(field.clone()), none())
            }
            Error::UnknownProvision { id } => {
                (ErrorCode::UnknownProvision, Some(id.clone()), none())
            }
            Error::Internal { .. } => (ErrorCode::Internal, None, none()),
        };
        let (message_zh, message_en) = (e.message(Lang::Zh), e.message(Lang::En));
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
