//! The compact form in which `decide` and `batch` hand their results to JS.
//!
//! Building a JS object field by field costs a crossing of the boundary per field and per
//! string (serde-wasm-bindgen's way, used for reports): for a few hundred fields that alone is
//! far more than deciding them. So these two calls write their result as one string of fields,
//! each ended by U+001F, which the wrapper splits once and reads back in the same order
//! (`web/package/src/decode.js`, the only other place that knows this layout):
//!
//! - `decide`: as_of, lang, the number of provisions, each decision ([`Encoder::decision`]),
//!   the number of totals, each total.
//! - `decideMany`: the number of rows; each row `1` and what `decide` writes, or `0` (invalid:
//!   its error is in the list beside the string).
//! - `match`: the number of rows; each row `1` and [`Encoder::row_match`], or `0` (invalid);
//!   then, once the list is read, [`Encoder::match_totals`].
//! - `batch`: the number of rows; each row `1` and a decision ([`Encoder::decision`]), or `0`
//!   (invalid: its error is in the list beside the string); the number of groups, each
//!   [`GroupTotal`].
//!
//! A decision names its provision, its facts and its statuses by their places in the pack's
//! lists and in [`Status::ALL`], which the wrapper reads once per pack (`Pack.names()`), each
//! place written as one character, U+0020 plus the place ([`place`]): a catalogue's ids made
//! two thirds of the string, and formatting and parsing numbers most of the time to write and
//! read the rest. So a decision's first field is four such characters (provision, status,
//! decision, and what follows: 1 an amount, 2 an error, 3 both), and its missing and failed
//! facts are a field of such characters each.
//! A null is the field "\0"; a list is its items joined by U+001E; `true`/`false` are `1`/`0`.
//! U+001E, U+001F and U+0000 inside a text or a list's item are replaced by U+FFFD, so that no
//! field or item can be misread (ids cannot hold one, the pack compiler refuses them; a user's
//! own text answer, in a cap group, can); other characters, a line break say, are kept.

use rust_decimal::Decimal;
use skillcalc_engine::{
    cap_group, push_fen, push_int, push_money, push_range_display, warning_texts, Date, Decided,
    Decision, FactIndex, GroupTotal, Lang, Profile, ProvisionError, ProvisionTotals, Roster,
    RosterCounts, RowDecided, RulePack, Status, Total,
};
use std::fmt::Write;

const END: char = '\u{1f}';
/// How many facts or provisions a pack may have: each place must be one character of the Basic
/// Multilingual Plane below the surrogates (U+D800), after the first 32.
pub const PLACES: usize = 0xD800 - 0x20;
const ITEM: char = '\u{1e}';
const NULL: &str = "\u{0}";

pub struct Encoder {
    out: String,
    /// The last amount written without a text of its own (min, max, language) and where its
    /// fields stand in `out`: the rows of a list mostly share one, copied rather than written
    /// again.
    last_amount: Option<(AmountKey, std::ops::Range<usize>)>,
}

/// An amount's exact digits (mantissa and scale, not only its value) and the language.
type AmountKey = ([u8; 16], Option<[u8; 16]>, Lang);

impl Default for Encoder {
    /// Room for a whole catalogue's decisions (about 5 KB) without growing.
    fn default() -> Encoder {
        Encoder {
            out: String::with_capacity(16 * 1024),
            last_amount: None,
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
        if self
            .last_amount
            .as_ref()
            .is_some_and(|(_, at)| at.end > len)
        {
            self.last_amount = None;
        }
    }

    /// as_of, lang, the number of provisions, each decision ([`Encoder::decision`]), the
    /// number of totals, each total.
    pub fn decided(
        &mut self,
        pack: &RulePack,
        profile: &Profile,
        decided: &Decided,
        as_of: Date,
        lang: Lang,
    ) {
        let _ = write!(self.out, "{as_of}{END}");
        self.text(lang.as_str());
        self.number(decided.provisions.len());
        for (index, d) in &decided.provisions {
            self.decision(pack, profile, *index, d, lang);
        }
        self.number(decided.totals.len());
        for t in &decided.totals {
            self.total(t, lang);
        }
    }

    /// One provision's decision, from the engine's numbers (no text is made to be copied):
    /// the head (the provision's place, status, decision, and what follows: 1 an amount, 2 an
    /// error, 3 both), the amount if any (min, max or null, exact, display, cap group or null),
    /// missing, failed (facts' places), warnings, the error if any (code, message). The one
    /// writer of a decision, for decide, decideMany, batch and match.
    pub fn decision(
        &mut self,
        pack: &RulePack,
        profile: &Profile,
        index: usize,
        d: &Decision,
        lang: Lang,
    ) {
        let group = d.amount.and_then(|_| cap_group(pack, profile, index));
        self.decision_in(pack, index, d, group.as_deref(), lang);
    }

    /// [`Encoder::decision`] of a row whose cap group ([`cap_group`]) is known: a batch wrote
    /// it when it counted the row.
    pub fn decision_in(
        &mut self,
        pack: &RulePack,
        index: usize,
        d: &Decision,
        group: Option<&str>,
        lang: Lang,
    ) {
        let error = (d.amount_error.as_ref())
            .map(|m| ProvisionError::too_large(&pack.provisions()[index], m, lang));
        self.head(
            index,
            d.status,
            d.decision,
            d.amount.is_some(),
            error.is_some(),
        );
        if let Some(a) = &d.amount {
            let key = (a.min.serialize(), a.max.map(|m| m.serialize()), lang);
            match &self.last_amount {
                Some((last, at)) if *last == key && a.not_published.is_none() => {
                    self.out.extend_from_within(at.clone());
                }
                _ => {
                    let start = self.out.len();
                    self.fen(a.min);
                    match a.max {
                        Some(max) => self.fen(max),
                        None => self.null(),
                    }
                    self.flag(a.exact());
                    match a.not_published {
                        Some(said) => self.text(said.get(lang)),
                        None => {
                            push_range_display(&mut self.out, a.min, a.max, lang);
                            self.out.push(END);
                            self.last_amount = Some((key, start..self.out.len()));
                        }
                    }
                }
            }
            self.optional(group);
        }
        self.facts(&d.missing);
        self.facts(&d.failed);
        if d.warnings.is_empty() && d.amount_error.is_none() {
            self.out.push(END);
        } else {
            let said = warning_texts(pack, index, d, lang);
            self.list(&said.iter().map(String::as_str).collect::<Vec<_>>());
        }
        if let Some(e) = error {
            self.text(&e.code);
            self.text(&e.message);
        }
    }

    pub fn text(&mut self, s: &str) {
        self.clean(s);
        self.out.push(END);
    }

    /// `s` with the characters that would shift a field or split an item (U+001E, U+001F,
    /// and U+0000, the null field) replaced; any other (a line break in a pack's text) is
    /// kept, so that a result says what the report says.
    fn clean(&mut self, s: &str) {
        let breaks = |c: char| matches!(c, '\u{0}' | ITEM | END);
        // Bytes, not chars: every text passes here, and those characters are all ASCII.
        if s.bytes().any(|b| matches!(b, 0 | 0x1e | 0x1f)) {
            self.out
                .extend(s.chars().map(|c| if breaks(c) { '\u{fffd}' } else { c }));
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

    /// A count, in decimal (without `fmt`'s machinery, which cost more than the rest of a
    /// field in wasm).
    pub fn number(&mut self, n: impl Into<Count>) {
        push_int(&mut self.out, u128::from(n.into().0));
        self.out.push(END);
    }

    /// A place (of a provision, a fact or a status) as one character.
    fn place(&mut self, n: usize) {
        debug_assert!(n < PLACES, "Pack::fromCompiled refuses a pack this large");
        self.out.push(place(n));
    }

    /// Places of facts, a character each.
    fn facts(&mut self, facts: &[FactIndex]) {
        for &at in facts {
            self.place(at);
        }
        self.out.push(END);
    }

    /// Money in its machine form ("50000.00").
    fn fen(&mut self, d: Decimal) {
        push_fen(&mut self.out, d);
        self.out.push(END);
    }

    /// A decision's first field: provision, status, decision, what follows (1 an amount, 2 an
    /// error, 3 both).
    fn head(&mut self, index: usize, status: Status, decision: Status, amount: bool, error: bool) {
        self.place(index);
        self.place(status as usize);
        self.place(decision as usize);
        self.place(usize::from(amount) + 2 * usize::from(error));
        self.out.push(END);
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

    /// A row of `match`: the number of provisions, each [`Encoder::decision`]; the row's
    /// total (min, max or null, display); the number of provisions whose arithmetic failed,
    /// each as provision id, fact, message (in `lang`).
    pub fn row_match(&mut self, pack: &RulePack, roster: &Roster, m: &RowDecided, lang: Lang) {
        self.number(m.results.len());
        for (column, d) in &m.results {
            let group = roster.row_group(pack, *column);
            self.decision_in(pack, roster.provision(*column), d, group, lang);
        }
        let (min, max) = m.total;
        self.fen(min);
        match max {
            Some(max) => self.fen(max),
            None => self.null(),
        }
        push_range_display(&mut self.out, min, max, lang);
        self.out.push(END);
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
            self.number(n);
        }
        self.number(totals.len());
        for t in totals {
            self.text(&t.provision);
            self.number(t.eligible_rows);
            self.number(t.needs_info_rows);
            self.number(t.groups.len());
            for g in &t.groups {
                self.group(g);
            }
        }
    }

    /// recipient, eligible, possible (each a range: min, max, display), the three counts.
    fn total(&mut self, t: &Total, lang: Lang) {
        self.text(t.recipient.as_str());
        self.range(t.eligible, lang);
        self.range(t.possible, lang);
        self.number(t.eligible_count);
        self.number(t.needs_info_count);
        self.number(t.unpublished_count);
    }

    /// min (value, display), max (value and display, or null and an empty field), display.
    fn range(&mut self, (min, max): (Decimal, Option<Decimal>), lang: Lang) {
        self.money(min, lang);
        match max {
            Some(m) => self.money(m, lang),
            None => {
                self.null();
                self.out.push(END);
            }
        }
        push_range_display(&mut self.out, min, max, lang);
        self.out.push(END);
    }

    fn money(&mut self, d: Decimal, lang: Lang) {
        self.fen(d);
        push_money(&mut self.out, d, lang);
        self.out.push(END);
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

/// A count of anything (rows are counted in `u64`, lists in `usize`).
pub struct Count(u64);

impl From<usize> for Count {
    fn from(n: usize) -> Count {
        Count(n as u64) // lossless: usize is at most 64 bits
    }
}

impl From<u64> for Count {
    fn from(n: u64) -> Count {
        Count(n)
    }
}

/// `n` as one character; U+FFFD past [`PLACES`] (a pack that large is refused when it is
/// loaded: `Pack::fromCompiled`).
pub fn place(n: usize) -> char {
    u32::try_from(n + 0x20)
        .ok()
        .filter(|_| n < PLACES)
        .and_then(char::from_u32)
        .unwrap_or('\u{fffd}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use skillcalc_engine::{decide_all, decisions, EvaluateOptions, InputValue};
    use std::collections::BTreeMap;

    /// Texts keep what they say; only what would shift a field or split an item is replaced.
    #[test]
    fn separators_in_texts_are_escaped_and_the_rest_kept() {
        let mut out = Encoder::default();
        out.text("a\u{1f}b\nc");
        out.list(&["x\u{1e}y", "z\u{0}"]);
        out.number(1234567890usize);
        out.place(7);
        out.text("end");
        let encoded = out.finish();
        let fields: Vec<&str> = encoded.split_terminator(END).collect();
        assert_eq!(
            fields,
            [
                "a\u{fffd}b\nc",
                "x\u{fffd}y\u{1e}z\u{fffd}",
                "1234567890",
                "\u{27}end"
            ]
        );
        assert_eq!(place(PLACES - 1), '\u{d7ff}');
        assert_eq!(place(PLACES), '\u{fffd}');
    }

    /// The one writer of a decision (from the engine's numbers) says what the engine's text
    /// layer says (`decisions`, which the CLI prints): every field, on every valid profile of
    /// the scenario corpus, on three dates, in both languages.
    #[test]
    fn a_decision_is_written_as_the_text_layer_says_it() {
        let pack = skillcalc_catalog::pack().expect("embedded pack");
        let corpus: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../../tests/corpus/scenarios.json"))
                .expect("the corpus");
        let at = |c: char| c as usize - 0x20;
        let mut compared = 0;
        for case in &corpus {
            let answers: BTreeMap<String, InputValue> =
                serde_json::from_value(case["profile"].clone()).expect("answers");
            let Ok(profile) = pack.profile(&answers) else {
                continue; // a scenario of invalid answers
            };
            let own = case["as_of"].as_str().expect("as_of");
            for (as_of, lang) in [
                ("2021-06-01", Lang::Zh),
                (own, Lang::En),
                ("2026-11-24", Lang::Zh),
            ] {
                let options = EvaluateOptions::new(as_of, lang).expect("date");
                let decided = decide_all(pack, &profile, options.as_of, None).expect("decides");
                let said = decisions(pack, &profile, &options).expect("decides");
                // One encoder for all of a profile's decisions, as decide writes them: an
                // amount copied from the one before is held to the text layer too.
                let mut out = Encoder::default();
                for (index, d) in &decided.provisions {
                    out.decision(pack, &profile, *index, d, lang);
                }
                let encoded = out.finish();
                let mut fields = encoded.split_terminator(END);
                for p in &said.provisions {
                    let mut next = || fields.next().expect("a field");
                    let head: Vec<usize> = next().chars().map(at).collect();
                    let case = format!("{} {} {as_of} {lang:?}", case["id"], p.id);
                    assert_eq!(pack.provisions()[head[0]].id, p.id, "{case}");
                    assert_eq!(
                        (Status::ALL[head[1]], Status::ALL[head[2]]),
                        (p.status, p.decision),
                        "{case}"
                    );
                    assert_eq!(
                        head[3],
                        usize::from(p.amount.is_some()) + 2 * usize::from(p.error.is_some()),
                        "{case}"
                    );
                    if let Some(a) = &p.amount {
                        let max = a.max.as_deref().unwrap_or(NULL);
                        let exact = if a.exact { "1" } else { "0" };
                        let cap_group = a.cap_group.as_deref().unwrap_or(NULL);
                        let written = [next(), next(), next(), next(), next()];
                        assert_eq!(
                            written,
                            [a.min.as_str(), max, exact, &a.display, cap_group],
                            "{case}"
                        );
                    }
                    let places = |f: &str| f.chars().map(at).collect::<Vec<_>>();
                    assert_eq!(places(next()), p.missing.indexes(), "{case}");
                    assert_eq!(places(next()), p.failed.indexes(), "{case}");
                    assert_eq!(next(), p.warnings.join("\u{1e}"), "{case}");
                    if let Some(e) = &p.error {
                        assert_eq!([next(), next()], [e.code.as_str(), &e.message], "{case}");
                    }
                    compared += 1;
                }
                assert_eq!(fields.next(), None, "{} {as_of} {lang:?}", case["id"]);
            }
        }
        assert!(compared > 10_000, "{compared} decisions compared");
    }

    /// An amount copied from the decision before is the same characters as one written anew,
    /// and a row taken back (`truncate`) takes the copy's source with it.
    #[test]
    fn a_repeated_amount_is_copied_exactly() {
        let pack = skillcalc_catalog::pack().expect("embedded pack");
        let answers: BTreeMap<String, InputValue> = serde_json::from_str(
            r#"{"person.via_putuo_college": true, "contest.represented_putuo": true,
                "contest.won_prize": true, "contest.level": "city",
                "contest.city_award_amount": 60000}"#,
        )
        .expect("answers");
        let profile = pack.profile(&answers).expect("valid");
        let as_of = skillcalc_engine::Date::parse("2025-06-01").expect("date");
        let decided = decide_all(pack, &profile, as_of, None).expect("decides");
        let (index, d) = (decided.provisions.iter())
            .find(|(_, d)| d.amount.is_some_and(|a| a.not_published.is_none()))
            .expect("a decision with a published amount");
        let alone = |lang| {
            let mut out = Encoder::default();
            out.decision(pack, &profile, *index, d, lang);
            out.finish()
        };
        let zh = alone(Lang::Zh);
        let mut out = Encoder::default();
        out.decision(pack, &profile, *index, d, Lang::Zh);
        out.decision(pack, &profile, *index, d, Lang::Zh); // copied
        out.decision(pack, &profile, *index, d, Lang::En); // another language: written
        assert_eq!(out.finish(), format!("{zh}{zh}{}", alone(Lang::En)));
        let mut out = Encoder::default();
        out.text("1");
        out.decision(pack, &profile, *index, d, Lang::Zh);
        out.truncate(0); // the row taken back, the amount it wrote with it
        out.decision(pack, &profile, *index, d, Lang::Zh);
        assert_eq!(out.finish(), zh);
    }
}
