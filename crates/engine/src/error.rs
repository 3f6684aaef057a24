use crate::text::Lang;
use serde::Serialize;

/// Every error the engine returns. Serialized with a stable `code` tag: the CLI's JSON and the
/// JS package's error objects carry the same codes.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Error {
    #[error("the rule pack has {} problem(s): {}", problems.len(), first_line(problems))]
    InvalidPack { problems: Vec<PackProblem> },
    #[error("the profile has {} problem(s): {}", problems.len(), first_profile_line(problems))]
    InvalidProfile { problems: Vec<ProfileProblem> },
    #[error("{field}: {message_en}")]
    InvalidOption {
        field: String,
        message_zh: String,
        message_en: String,
    },
    #[error("unknown provision '{id}'")]
    UnknownProvision { id: String },
    #[error("internal error: {message}")]
    Internal { message: String },
}

/// A problem in a rule pack, naming where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackProblem {
    pub file: String,
    /// The fact, value, policy, provision or scenario id.
    pub item: String,
    /// The field, as a path (`when.all[1].at_least`).
    pub field: String,
    pub message: String,
    /// Where in the file, when the pack came as TOML text (1-based): the syntax error's
    /// position, or the field's line in its item (see [`locate_problems`](crate::locate_problems)).
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl PackProblem {
    pub fn new(
        file: impl Into<String>,
        item: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> PackProblem {
        PackProblem {
            file: file.into(),
            item: item.into(),
            field: field.into(),
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

impl core::fmt::Display for PackProblem {
    /// `file:line:column: item: field: message` (editors jump to it); the position, item and
    /// field only when known (a syntax error has no item).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut place = self.file.clone();
        if let (Some(line), Some(column)) = (self.line, self.column) {
            place = format!("{place}:{line}:{column}");
        }
        let parts = [&place, &self.item, &self.field, &self.message];
        let mut first = true;
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            if !first {
                f.write_str(": ")?;
            }
            f.write_str(part)?;
            first = false;
        }
        Ok(())
    }
}

/// A problem in a user's answers, naming the fact, in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ProfileProblem {
    /// `unknown_fact`, `wrong_type`, `out_of_bounds`, `negative`, `not_whole`, `too_many_decimals`,
    /// `impossible_date`, `not_allowed`, `too_large`, `not_finite`
    pub code: String,
    pub fact: String,
    pub message_zh: String,
    pub message_en: String,
}

fn first_line(problems: &[PackProblem]) -> String {
    problems.first().map(|p| p.to_string()).unwrap_or_default()
}

fn first_profile_line(problems: &[ProfileProblem]) -> String {
    match problems.first() {
        // A profile that is no object at all has no fact to name.
        Some(p) if p.fact.is_empty() => p.message_en.clone(),
        Some(p) => format!("{}: {}", p.fact, p.message_en),
        None => String::new(),
    }
}

impl Error {
    /// The error in a person's language, one line: what every face shows (the JS package's
    /// `messageZh` / `messageEn`, the CLI's lines). An option's message leaves out the
    /// option's name, which the faces give beside it.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::InvalidPack { problems }, Lang::Zh) => match problems.first() {
                Some(p) => format!("规则包有 {} 个问题：{p}", problems.len()),
                None => "规则包无效".to_string(),
            },
            (Error::InvalidProfile { problems }, Lang::Zh) => match problems.first() {
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
            (Error::InvalidOption { message_zh, .. }, Lang::Zh) => message_zh.clone(),
            (Error::InvalidOption { message_en, .. }, Lang::En) => message_en.clone(),
            (Error::UnknownProvision { id }, Lang::Zh) => format!("没有编号为“{id}”的条款"),
            (Error::Internal { message }, Lang::Zh) => format!("内部错误：{message}"),
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// The start of a value an error message quotes (the whole of a short one): a message is
/// read by a person, and a value may be megabytes long (a pasted file, a hostile answer). As
/// long as the longest id a pack may have, so that an id is always quoted whole.
pub(crate) fn excerpt(s: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 100;
    match s.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &s[..end]).into(),
        None => s.into(),
    }
}
