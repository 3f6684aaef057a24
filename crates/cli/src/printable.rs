//! Text for a person's terminal. Answers, ids and pack files are other people's text: an ESC or
//! OSC sequence in them would retitle, recolour or clear the terminal, a CR or line break would
//! forge a line, and a megabyte answer quoted back would bury the message. So control characters
//! are shown as visible escapes (`\u{1b}`) and long messages are cut. JSON output needs none of
//! this: serde escapes control characters there.

use std::borrow::Cow;
use std::io::{self, Write};

/// At most this much of a user's text is quoted back in a message (a column name, say).
pub const QUOTE_CHARS: usize = 80;
/// Error and warning lines are cut at this length: the engine quotes a refused value whole, and
/// what names the row and fact comes first.
const MESSAGE_CHARS: usize = 300;

/// One line: every control character escaped, line breaks too.
pub fn line(s: &str) -> Cow<'_, str> {
    escape(s, false)
}

/// Several lines we wrote ourselves (with texts from the pack and answers in them): control
/// characters escaped, our line breaks kept.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, true)
}

/// A message for stderr: cut to [`MESSAGE_CHARS`], control characters escaped.
pub fn message(s: &str) -> String {
    line(&shorten(s, MESSAGE_CHARS)).into_owned()
}

/// Writes what a command rendered for a person (tables, `explain`, `check`) with [`text`].
pub fn write_text(out: &mut impl Write, rendered: &[u8]) -> io::Result<()> {
    out.write_all(text(&String::from_utf8_lossy(rendered)).as_bytes())
}

/// The first `max` characters of `s`, with "…" when something was cut.
pub fn shorten(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((end, _)) => Cow::Owned(format!("{}…", &s[..end])),
    }
}

fn escape(s: &str, keep_lines: bool) -> Cow<'_, str> {
    // C0, DEL and C1 (U+009B is a CSI on some terminals), and the bidirectional overrides and
    // isolates, which make an id read as another ("Trojan Source").
    let hidden = |c: char| {
        (c.is_control() && !(keep_lines && c == '\n'))
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hidden(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}
