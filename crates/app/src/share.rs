//! The share link and local storage format: the user's inputs as a query string, hand-written
//! (no serde_json, no url crate in the wasm). Readable and stable:
//!
//! `door=person&lang=en&asof=2025-06-01&contest.level=city&contest.city_award_amount=120000`
//!
//! - `door` (`person` / `org`), `lang` (`zh` / `en`), `asof` (omitted: today), `goals` (goal
//!   ids joined by commas; omitted: not chosen yet — but a link from before goals existed that
//!   holds answers reads as `all`, so it shows what it showed then);
//! - every other key is a fact id; its value is the answer as entered: the text typed, the
//!   option id, `true`/`false`, or a set's option ids joined by commas (an empty value is the
//!   empty set);
//! - a value starting with a literal `~` is an explicit "don't know" that kept its text (a `~`
//!   in the text itself is written `%7E`);
//! - values are percent-encoded (UTF-8); `+` reads as a space, as in a form.
//!
//! Keys that are not facts of the embedded pack are ignored when reading (an old link keeps
//! working after a fact is renamed, minus that answer).

use crate::form::{Catalog, Door};
use crate::state::{Answer, Inputs};
use skillcalc_engine::Lang;
use std::collections::BTreeMap;

pub fn encode(inputs: &Inputs) -> String {
    let mut out = format!(
        "door={}&lang={}",
        inputs.door.as_str(),
        lang_str(inputs.lang)
    );
    if let Some(d) = &inputs.as_of {
        out.push_str("&asof=");
        out.push_str(&escape(d));
    }
    if !inputs.goals.is_empty() {
        out.push_str("&goals=");
        out.push_str(&escape(&inputs.goals.join(",")));
    }
    for (fact, a) in &inputs.answers {
        if a.dont_know && a.raw.is_empty() {
            out.push('&');
            out.push_str(&escape(fact));
            out.push_str("=~");
            continue;
        }
        out.push('&');
        out.push_str(&escape(fact));
        out.push('=');
        if a.dont_know {
            out.push('~');
        }
        out.push_str(&escape(&a.raw));
    }
    out
}

/// Reads a query string (with or without a leading `#` or `?`). `None` when it holds nothing
/// of ours (a host page's own `#top` must not wipe the answers).
pub fn decode(s: &str, cat: &Catalog) -> Option<Inputs> {
    let s = s.trim_start_matches(['#', '?']);
    let mut inputs = Inputs::default();
    let mut ours = false;
    let mut goals: Option<Vec<String>> = None;
    let mut answers = BTreeMap::new();
    for pair in s.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = unescape(k);
        match key.as_str() {
            "door" => {
                if let Some(d) = Door::parse(&unescape(v)) {
                    inputs.door = d;
                    ours = true;
                }
            }
            "lang" => {
                if let Some(l) = Lang::parse(&unescape(v)) {
                    inputs.lang = l;
                    ours = true;
                }
            }
            "asof" => {
                let d = unescape(v);
                if !d.is_empty() {
                    inputs.as_of = Some(d);
                }
                ours = true;
            }
            "goals" => {
                goals = Some(
                    unescape(v)
                        .split(',')
                        .map(str::trim)
                        .filter(|g| !g.is_empty())
                        .map(String::from)
                        .collect(),
                );
                ours = true;
            }
            _ => {
                if cat.fact(&key).is_none() {
                    continue;
                }
                ours = true;
                let (dont_know, v) = match v.strip_prefix('~') {
                    Some(rest) => (true, rest),
                    None => (false, v),
                };
                answers.insert(
                    key,
                    Answer {
                        raw: unescape(v),
                        dont_know,
                    },
                );
            }
        }
    }
    inputs.goals = match goals {
        Some(g) => g,
        None if !answers.is_empty() => vec![crate::state::ALL_GOALS.to_string()],
        None => Vec::new(),
    };
    inputs.answers = answers;
    ours.then_some(inputs)
}

/// The longest URL hash read as a share link, in bytes. A real link is well under 4 KB; a
/// hash of megabytes (a pasted document, an attack) would take seconds to read and render.
pub const MAX_HASH: usize = 64 * 1024;

/// How the app starts, from the page's hash (when it keeps answers there) and what this
/// browser kept.
#[derive(Debug, PartialEq)]
pub struct Start {
    /// What the app shows first.
    pub inputs: Inputs,
    /// The answers this browser kept, when a share link shows others: set aside, never
    /// overwritten unless the person says so.
    pub saved: Option<Inputs>,
    /// The hash was longer than [`MAX_HASH`] and was not read.
    pub hash_too_long: bool,
}

pub fn start(hash: Option<&str>, stored: Option<&str>, lang: Lang, cat: &Catalog) -> Start {
    let hash_too_long = hash.is_some_and(|h| h.len() > MAX_HASH);
    let link = hash.filter(|_| !hash_too_long).and_then(|h| decode(h, cat));
    let saved = stored.and_then(|s| decode(s, cat));
    let fresh = || Inputs {
        lang,
        ..Inputs::default()
    };
    let inputs_of = |saved: Option<Inputs>| saved.unwrap_or_else(fresh);
    match link {
        None => Start {
            inputs: inputs_of(saved),
            saved: None,
            hash_too_long,
        },
        // Only a preference (`#lang=en`, `#door=org`): the kept answers, in that language and
        // at that door (a door of its own asks for its goals again).
        Some(l) if l.answers.is_empty() && l.goals.is_empty() && l.as_of.is_none() => {
            let said = |k: &str| {
                hash.is_some_and(|h| {
                    h.trim_start_matches(['#', '?'])
                        .split('&')
                        .any(|p| p.starts_with(&format!("{k}=")))
                })
            };
            let mut inputs = saved.unwrap_or_else(fresh);
            if said("lang") {
                inputs.lang = l.lang;
            }
            if said("door") && inputs.door != l.door {
                inputs.door = l.door;
                inputs.goals.clear();
            }
            Start {
                inputs,
                saved: None,
                hash_too_long,
            }
        }
        // A link with answers of its own: shown, the kept answers set aside when they differ.
        Some(l) => {
            let aside = saved.filter(|s| !s.answers.is_empty() && *s != l);
            Start {
                inputs: l,
                saved: aside,
                hash_too_long,
            }
        }
    }
}

fn lang_str(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// Percent-encodes everything but `A-Z a-z 0-9 - _ .` and the comma of sets.
pub fn escape(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b',') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
    out
}

/// Undoes `escape` (and a browser's or a form's encoding); malformed escapes stay as they are.
pub fn unescape(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testpack::demo;

    fn a(raw: &str) -> Answer {
        Answer {
            raw: raw.into(),
            dont_know: false,
        }
    }

    #[test]
    fn round_trips_every_kind_of_answer() {
        let cat = demo();
        let mut answers = BTreeMap::new();
        answers.insert("person.local".to_string(), a("true"));
        answers.insert("person.prize_level".to_string(), a("city"));
        answers.insert("person.city_award".to_string(), a("12万 abc&=%~+"));
        answers.insert("org.industries".to_string(), a("software,finance"));
        answers.insert(
            "org.partners".to_string(),
            Answer {
                raw: "7".into(),
                dont_know: true,
            },
        );
        answers.insert(
            "org.project".to_string(),
            Answer {
                raw: String::new(),
                dont_know: true,
            },
        );
        answers.insert("org.trainees".to_string(), a(""));
        let inputs = Inputs {
            door: Door::Org,
            lang: Lang::En,
            as_of: Some("2024-06-01".into()),
            goals: vec!["college".into(), "money".into()],
            answers,
        };
        let s = encode(&inputs);
        assert!(
            s.starts_with("door=org&lang=en&asof=2024-06-01&goals=college,money&"),
            "{s}"
        );
        assert!(s.contains("org.industries=software,finance"), "{s}");
        assert!(!s.contains(' ') && !s.contains('#'), "{s}");
        assert_eq!(decode(&s, cat), Some(inputs.clone()));
        assert_eq!(decode(&format!("#{s}"), cat), Some(inputs));
    }

    #[test]
    fn ignores_what_is_not_ours() {
        let cat = demo();
        assert_eq!(decode("", cat), None);
        assert_eq!(decode("#top", cat), None);
        assert_eq!(decode("no.such.fact=1&x=2", cat), None);
        let i = decode("door=org&no.such.fact=1&org.partners=3", cat).unwrap();
        assert_eq!(i.door, Door::Org);
        assert_eq!(i.answers.len(), 1);
    }

    #[test]
    fn reads_form_encoding_and_malformed_escapes() {
        assert_eq!(unescape("a+b%20c%E4%B8%87"), "a b c万");
        assert_eq!(unescape("100%"), "100%");
        assert_eq!(unescape("%zz%4"), "%zz%4");
        assert_eq!(escape("a b/万"), "a%20b%2F%E4%B8%87");
    }

    #[test]
    fn a_link_from_before_goals_shows_everything_it_showed() {
        let cat = demo();
        let i = decode("door=org&org.partners=3", cat).unwrap();
        assert_eq!(i.goals, ["all"]);
        assert!(decode("door=org", cat).unwrap().goals.is_empty());
        assert!(decode("door=org&goals=&org.partners=3", cat)
            .unwrap()
            .goals
            .is_empty());
    }

    #[test]
    fn a_link_never_replaces_the_kept_answers_silently() {
        let cat = demo();
        let kept = "door=person&lang=zh&goals=award&person.local=true";
        // A link with other answers: shown, the kept ones set aside.
        let s = start(
            Some("#door=person&goals=award&person.local=false"),
            Some(kept),
            Lang::Zh,
            cat,
        );
        assert_eq!(s.inputs.answers["person.local"].raw, "false");
        assert_eq!(
            s.saved.as_ref().unwrap().answers["person.local"].raw,
            "true"
        );
        // A bare preference: the kept answers, in the link's language.
        let s = start(Some("#lang=en"), Some(kept), Lang::Zh, cat);
        assert_eq!((s.inputs.lang, s.saved), (Lang::En, None));
        assert_eq!(s.inputs.answers["person.local"].raw, "true");
        // The same answers as kept, or nothing kept: nothing to set aside.
        assert_eq!(start(Some(kept), Some(kept), Lang::Zh, cat).saved, None);
        assert_eq!(start(Some(kept), None, Lang::Zh, cat).saved, None);
        // A hash of megabytes is not read; the kept answers stay.
        let huge = format!("#door=org&org.partners={}", "9".repeat(MAX_HASH));
        let s = start(Some(&huge), Some(kept), Lang::Zh, cat);
        assert!(s.hash_too_long);
        assert_eq!(s.inputs.door, Door::Person);
        assert_eq!(s.inputs.answers["person.local"].raw, "true");
        // A door of its own: that door, asking for its goals again; the answers stay.
        let s = start(Some("#door=org&lang=zh"), Some(kept), Lang::Zh, cat);
        assert_eq!((s.inputs.door, s.inputs.goals.len()), (Door::Org, 0));
        assert_eq!(s.inputs.answers["person.local"].raw, "true");
        // No hash (an embed that does not read the page's): what was kept.
        assert_eq!(start(None, Some(kept), Lang::En, cat).inputs.lang, Lang::Zh);
        assert_eq!(start(None, None, Lang::En, cat).inputs.lang, Lang::En);
    }

    #[test]
    fn defaults_are_zh_person_today() {
        let cat = demo();
        let i = decode("person.local=false", cat).unwrap();
        assert_eq!(
            (i.door, i.lang, i.as_of.clone()),
            (Door::Person, Lang::Zh, None)
        );
        assert_eq!(encode(&Inputs::default()), "door=person&lang=zh");
    }
}
