//! A row's cap group: its answers to the facts of the provision's `cap_scope` (e.g. "PT-1|2024":
//! project and year), for a cap that applies once per group across the rows of a list. One
//! writer serves a row's decision and its group's total, so that a row names the group it was
//! counted in.

use crate::eval::push_value;
use crate::model::RulePack;
use crate::profile::{FactValue, Profile};
use crate::text::Lang;

/// The group of the provision at `index` a row belongs to, as written (the spelling of its
/// group's total, see [`group_names`]); `None` when the amount has no cap across rows.
pub fn cap_group(pack: &RulePack, profile: &Profile, index: usize) -> Option<String> {
    let a = pack.provisions.get(index)?.amount.as_ref()?;
    if a.cap_scope.is_empty() {
        return None;
    }
    let mut spelling = String::with_capacity(24);
    push_group(
        &mut spelling,
        None,
        pack,
        profile,
        &a.cap_scope,
        &mut String::new(),
    );
    Some(spelling)
}

/// A row's group as written (`spelling`, e.g. "PT-1|2024") and as compared (`key`: each answer
/// [`fold`]ed, so that "PT-1", "pt-1" and "ＰＴ-1" are one project, capped once); "*" when the
/// scope is empty. An unanswered fact is "?"; in an answer, `\` and `|` get a `\` before them,
/// and so does an answer that is just "?": no answer reads as another group, nor as the unknown
/// one. `written` is room for a number's or a date's answer written out.
pub(crate) fn group_names(
    pack: &RulePack,
    profile: &Profile,
    scope: &[usize],
    [key, spelling, written]: [&mut String; 3],
) {
    key.clear();
    spelling.clear();
    push_group(spelling, Some(key), pack, profile, scope, written);
}

/// Writes the group's spelling, and its key when asked: both in one pass over the scope, so
/// that a number's or a date's answer is written out once per row.
fn push_group(
    spelling: &mut String,
    mut key: Option<&mut String>,
    pack: &RulePack,
    profile: &Profile,
    scope: &[usize],
    written: &mut String,
) {
    fn both(spelling: &mut String, key: &mut Option<&mut String>, s: &str) {
        spelling.push_str(s);
        if let Some(key) = key {
            key.push_str(s);
        }
    }
    if scope.is_empty() {
        both(spelling, &mut key, "*");
    }
    for (i, &fact) in scope.iter().enumerate() {
        if i > 0 {
            both(spelling, &mut key, "|");
        }
        match profile.get(fact) {
            None => both(spelling, &mut key, "?"),
            Some(v) => {
                // Most groups are text answers (project ids): borrowed, not copied, every row.
                let answer = match v {
                    FactValue::Text(t) => t.as_str(),
                    v => {
                        written.clear();
                        push_value(written, &pack.facts[fact], v, Lang::En);
                        written.as_str()
                    }
                };
                push_answer(spelling, answer, false);
                if let Some(key) = key.as_deref_mut() {
                    // Answers come trimmed (`parse_answer`); a profile made otherwise is
                    // trimmed here.
                    push_answer(key, crate::profile::trim(answer), true);
                }
            }
        }
    }
}

/// Writes one answer, [`fold`]ed if `folded`, escaped as [`group_names`] says.
fn push_answer(out: &mut String, answer: &str, folded: bool) {
    let start = out.len();
    if answer
        .bytes()
        .all(|b| b.is_ascii() && b != b'\\' && b != b'|')
    {
        // Most answers, every row: nothing to escape, nothing to fold but ASCII case.
        out.push_str(answer);
        if folded {
            out[start..].make_ascii_lowercase();
        }
    } else {
        for c in answer.chars() {
            let c = if folded { fold(c) } else { c };
            if matches!(c, '\\' | '|') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    if &out[start..] == "?" {
        out.insert(start, '\\');
    }
}

/// How answers are compared for grouping: full-width forms (U+FF01–U+FF5E, what Chinese input
/// methods type) as ASCII, the ideographic space as a space, ASCII letters in lower case.
/// Written out rather than Unicode NFKC and case folding: these are the ways people type one
/// project id, and the tables of full normalisation would add tens of KB to the wasm module.
fn fold(c: char) -> char {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    };
    c.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_full_width_and_upper_case_ascii_lower_case() {
        let folded: String = "ＡＢＣ－１２３　ａｂｃ Çé中".chars().map(fold).collect();
        assert_eq!(folded, "abc-123 abc Çé中");
    }
}
