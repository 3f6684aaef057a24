//! The compact form in which `decide` and `batch` hand their results to JS.
//!
//! Building a JS object field by field costs a crossing of the boundary per field and per
//! string (serde-wasm-bindgen's way, used for reports): for a few hundred fields that alone is
//! far more than deciding them. So these two calls write their result as one string of fields,
//! each ended by U+001F, which the wrapper splits once and reads back in the same order
//! (`web/package/src/decode.js`, the only other place that knows this layout):
//!
//! - `decide`: as_of, lang, the number of provisions, each [`ProvisionDecision`], the number
//!   of totals, each [`TotalReport`].
//! - `decideMany`: the number of rows; each row `1` and what `decide` writes, or `0` (invalid:
//!   its error is in the list beside the string).
//! - `match`: the number of rows; each row `1` and [`Encoder::row_match`], or `0` (invalid);
//!   then, once the list is read, [`Encoder::match_totals`].
//! - `batch`: the number of rows; each row `1` and a [`ProvisionDecision`], or `0` (invalid: its
//!   error is in the list beside the string); the number of groups, each [`GroupTotal`].
//!
//! A null is the field "\0"; a list is its items joined by U+001E; `true`/`false` are `1`/`0`.
//! ASCII control characters inside a text or a list's item are replaced by U+FFFD, so that no
//! field or item can be misread (ids cannot hold one, the pack compiler refuses them; a user's
//! own text answer, in a cap group, can).

use skillcalc_engine::{
    Decisions, GroupTotal, Lang, Money, ProvisionDecision, ProvisionTotals, Range, RosterCounts,
    RowMatch, TotalReport,
};
use std::fmt::Write;

const END: char = '\u{1f}';
const ITEM: char = '\u{1e}';
const NULL: &str = "\u{0}";

pub struct Encoder {
    out: String,
}

impl Default for Encoder {
    /// Room for a whole catalogue's decisions (about 5 KB) without growing.
    fn default() -> Encoder {
        Encoder {
            out: String::with_capacity(16 * 1024),
        }
    }
}

impl Encoder {
    pub fn finish(self) -> String {
        self.out
    }

    /// How much is written: where a row starts, to take it back with `truncate`.
    pub fn len(&self) -> usize {
        self.out.len()
    }

    pub fn truncate(&mut self, len: usize) {
        self.out.truncate(len);
    }

    /// as_of, lang, the number of provisions, each decision, the number of totals, each total.
    pub fn decisions(&mut self, d: &Decisions) {
        self.text(&d.as_of);
        self.text(d.lang.as_str());
        self.number(d.provisions.len());
        for p in &d.provisions {
            self.decision(p);
        }
        self.number(d.totals.len());
        for t in &d.totals {
            self.total(t);
        }
    }

    pub fn text(&mut self, s: &str) {
        self.clean(s);
        self.out.push(END);
    }

    /// `s` with every ASCII control character (the separators among them) replaced.
    fn clean(&mut self, s: &str) {
        // Bytes, not chars: every text passes here, and the separators are all ASCII.
        if s.bytes().any(|b| b < 0x20) {
            self.out
                .extend(s.chars().map(|c| if c < ' ' { '\u{fffd}' } else { c }));
        } else {
            self.out.push_str(s);
        }
    }

    fn optional(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.text(s),
            None => self.null(),
        }
    }

    pub fn null(&mut self) {
        self.out.push_str(NULL);
        self.out.push(END);
    }

    pub fn number(&mut self, n: usize) {
        let _ = write!(self.out, "{n}{END}");
    }

    fn flag(&mut self, b: bool) {
        self.text(if b { "1" } else { "0" });
    }

    fn list(&mut self, items: &[&str]) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(ITEM);
            }
            self.clean(item);
        }
        self.out.push(END);
    }

    /// id, status, decision, what follows (`a` if an amount, `e` if an error, both or
    /// neither), the amount if any (min, max or null, exact, display, cap group or null),
    /// missing, failed, the error if any (code, message). Most provisions of a list have
    /// neither: their absent fields are not written at all.
    pub fn decision(&mut self, d: &ProvisionDecision) {
        self.text(d.id);
        self.text(d.status.as_str());
        self.text(d.decision.as_str());
        let shape = match (d.amount.is_some(), d.error.is_some()) {
            (true, true) => "ae",
            (true, false) => "a",
            (false, true) => "e",
            (false, false) => "",
        };
        self.text(shape);
        if let Some(a) = &d.amount {
            self.text(&a.min);
            self.optional(a.max.as_deref());
            self.flag(a.exact);
            self.text(&a.display);
            self.optional(a.cap_group.as_deref());
        }
        self.list(&d.missing);
        self.list(&d.failed);
        if let Some(e) = &d.error {
            self.text(&e.code);
            self.text(&e.message);
        }
    }

    /// A row of `match`: the number of provisions, each [`ProvisionDecision`]; the row's
    /// total (min, max or null, display); the number of provisions whose arithmetic failed,
    /// each as provision id, fact, message (in `lang`).
    pub fn row_match(&mut self, m: &RowMatch, lang: Lang) {
        self.number(m.results.len());
        for d in &m.results {
            self.decision(d);
        }
        self.text(&m.total.min);
        self.optional(m.total.max.as_deref());
        self.text(&m.total.display);
        let problems = m
            .errors
            .iter()
            .flat_map(|(id, ps)| ps.iter().map(move |p| (id, p)));
        self.number(problems.clone().count());
        for (id, p) in problems {
            self.text(id);
            self.text(&p.fact);
            self.text(match lang {
                Lang::Zh => &p.message_zh,
                Lang::En => &p.message_en,
            });
        }
    }

    /// The totals of `match`: the counts (rows, valid, invalid, with_eligible), the number of
    /// provisions, each as provision, eligible_rows, needs_info_rows, the number of groups, each
    /// [`GroupTotal`].
    pub fn match_totals(&mut self, totals: &[ProvisionTotals], counts: RosterCounts) {
        for n in [
            counts.rows,
            counts.valid,
            counts.invalid,
            counts.with_eligible,
        ] {
            let _ = write!(self.out, "{n}{END}");
        }
        self.number(totals.len());
        for t in totals {
            self.text(&t.provision);
            let _ = write!(
                self.out,
                "{}{END}{}{END}",
                t.eligible_rows, t.needs_info_rows
            );
            self.number(t.groups.len());
            for g in &t.groups {
                self.group(g);
            }
        }
    }

    /// recipient, eligible, possible (each a range: min, max, display), the three counts.
    pub fn total(&mut self, t: &TotalReport) {
        self.text(t.recipient.as_str());
        self.range(&t.eligible);
        self.range(&t.possible);
        self.number(t.eligible_count);
        self.number(t.needs_info_count);
        self.number(t.unpublished_count);
    }

    /// min (value, display), max (value and display, or null and an empty field), display.
    fn range(&mut self, r: &Range) {
        self.money(&r.min);
        match &r.max {
            Some(m) => self.money(m),
            None => {
                self.null();
                self.out.push(END);
            }
        }
        self.text(&r.display);
    }

    fn money(&mut self, m: &Money) {
        self.text(&m.value);
        self.text(&m.display);
    }

    /// group, rows, eligible_rows, min, max or null, cap or null, capped, scope_unknown, display,
    /// spellings.
    pub fn group(&mut self, g: &GroupTotal) {
        self.text(&g.group);
        self.number(g.rows);
        self.number(g.eligible_rows);
        self.text(&g.min);
        self.optional(g.max.as_deref());
        self.optional(g.cap.as_deref());
        self.flag(g.capped);
        self.flag(g.scope_unknown);
        self.text(&g.display);
        let spellings: Vec<&str> = g.spellings.iter().map(String::as_str).collect();
        self.list(&spellings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skillcalc_engine::{ProvisionDecision, Status};

    /// The pack compiler refuses such ids; a pack compiled elsewhere (or an older one) might
    /// still hold them, and they must not shift a field or split an item.
    #[test]
    fn separators_in_ids_and_lists_are_escaped() {
        let d = ProvisionDecision {
            id: "p\u{1f}x",
            status: Status::NeedsInfo,
            decision: Status::NeedsInfo,
            amount: None,
            missing: vec!["a\u{1e}b", "c\u{1f}d"],
            failed: vec!["e\u{0}f"],
            error: None,
        };
        let mut out = Encoder::default();
        out.decision(&d);
        out.text("end");
        let encoded = out.finish();
        let fields: Vec<&str> = encoded.split_terminator(END).collect();
        assert_eq!(fields.len(), 7, "{fields:?}");
        assert_eq!(fields[0], "p\u{fffd}x");
        assert_eq!(fields[3], "", "neither an amount nor an error");
        let missing: Vec<&str> = fields[4].split(ITEM).collect();
        assert_eq!(missing, ["a\u{fffd}b", "c\u{fffd}d"]);
        assert_eq!(fields[5], "e\u{fffd}f");
        assert_eq!(fields[6], "end");
    }
}
