//! The calculator: evaluating profiles against a pack, and listing its facts and policies.

use crate::encode::Encoder;
use crate::error::{thrown, ErrorData};
use crate::profile::Profiles;
use crate::{fail, js, lists, options, profile, to_js};
use js_sys::Array;
use skillcalc_engine::{
    decide_all, evaluate_only, not_a_profile, Batch, Condition, Error, EvaluateOptions, Lang,
    PackProblem, Profile, Roster, RulePack, Status, Test, Text,
};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::prelude::*;

/// A rule pack, ready to evaluate: the embedded catalog or a custom pack from `loadPack`.
#[wasm_bindgen]
pub struct Pack {
    pack: Cow<'static, RulePack>,
    /// The last subset asked for with `provisions` (its ids and their indexes): a form or a
    /// portal asks for the same few provisions call after call.
    subset: RefCell<Option<Subset>>,
}

/// Provision ids asked for with `provisions`, and their indexes in the pack.
type Subset = (Vec<String>, Rc<[usize]>);

/// Whether the embedded pack's texts are interned, in Chinese and in English.
static EMBEDDED_TEXTS_INTERNED: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];

/// Makes wasm-bindgen keep a JS string of each text of the embedded pack in `lang` (ids,
/// labels, titles, clauses, requirements, kinds), once, on the first report in that language:
/// a report holds about two thousand strings, most of them the pack's, and handing each to JS
/// again (decoding its UTF-8 in a call of its own) was half of `evaluate`'s time in Node.
/// Only the embedded pack: a page may load and drop many custom packs, and kept strings live
/// as long as the module.
fn intern_embedded_texts(pack: &RulePack, lang: Lang) {
    if EMBEDDED_TEXTS_INTERNED[lang as usize].swap(true, Ordering::Relaxed) {
        return;
    }
    let keep = |s: &str| {
        wasm_bindgen::intern(s);
    };
    let text = |t: &Text| keep(t.get(lang));
    fn condition(c: &Condition, text: &dyn Fn(&Text)) {
        text(&c.clause);
        text(&c.required);
        match &c.test {
            Test::All(parts) | Test::Any(parts) => parts.iter().for_each(|p| condition(p, text)),
            Test::Not(inner) => condition(inner, text),
            Test::Leaf { .. } => {}
        }
    }
    ["all", "any", "not", "fact"].into_iter().for_each(keep);
    for f in pack.facts() {
        keep(&f.id);
        text(&f.label);
        for v in &f.values {
            keep(&v.id);
            text(&v.label);
        }
    }
    for p in pack.policies() {
        keep(&p.id);
        keep(&p.document);
        text(&p.title);
        text(&p.issuer);
    }
    for p in pack.provisions() {
        [
            &p.id as &str,
            p.kind.as_str(),
            p.audience.as_str(),
            p.recipient.as_str(),
            p.unit.as_str(),
        ]
        .into_iter()
        .for_each(keep);
        [&p.clause, &p.title, &p.explain].into_iter().for_each(text);
        p.benefits.iter().chain(&p.process).for_each(text);
        if let Some(c) = &p.when {
            condition(c, &text);
        }
    }
}

#[wasm_bindgen]
impl Pack {
    /// The pack's name (the catalog's is "shanghai-skills").
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.pack.name().to_string()
    }

    /// The pack's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.pack.version().to_string()
    }

    /// A custom pack, from what the pack compiler's `compilePack` made of its source.
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(bytes: &[u8]) -> Result<Pack, JsValue> {
        let pack = RulePack::from_compact(bytes).map_err(fail)?;
        // The compact results name facts and provisions by place, a character each (encode.rs).
        for (what, count) in [
            ("facts", pack.facts().len()),
            ("provisions", pack.provisions().len()),
        ] {
            if count > crate::encode::PLACES {
                return Err(fail(Error::InvalidPack {
                    problems: vec![PackProblem::new(
                        "",
                        pack.name(),
                        what,
                        format!(
                            "{count} {what}: this package reads at most {}",
                            crate::encode::PLACES
                        ),
                    )],
                }));
            }
        }
        Ok(Pack::new(Cow::Owned(pack)))
    }

    /// Evaluates every provision of the pack for one profile: the report (see report.rs in the
    /// engine, the same JSON as `skillcalc evaluate`).
    pub fn evaluate(&self, profile: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let asked = options::parse(options).map_err(fail)?;
        let only = self.subset(&asked).map_err(fail)?;
        self.report(profile, &asked.options, only.as_deref())
            .map_err(fail)
    }

    /// Evaluates many profiles in one call (one crossing of the boundary): one report each, in
    /// order. The first invalid profile stops the batch; its error gives its index as `row`.
    #[wasm_bindgen(js_name = evaluateBatch)]
    pub fn evaluate_batch(
        &self,
        profiles: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let asked = options::parse(options).map_err(fail)?;
        let only = self.subset(&asked).map_err(fail)?;
        if !js::is_array(profiles) {
            return Err(fail(profile::shape(
                "应为档案数组",
                "profiles must be an array of profiles",
            )));
        }
        let count = js::length(profiles);
        if count > profile::MAX_ROWS {
            return Err(fail(profile::too_many_rows(count as usize)));
        }
        let reports = Array::new_with_length(count);
        for row in 0..count {
            // An element a getter hides (and that throws) reads as undefined: not a profile.
            let profile = js::get(profiles, &JsValue::from(row)).unwrap_or(JsValue::UNDEFINED);
            let report = self
                .report(&profile, &asked.options, only.as_deref())
                .map_err(|e| {
                    let mut data = ErrorData::from_engine(&e);
                    data.row = Some(row);
                    thrown(data)
                })?;
            reports.set(row, report);
        }
        Ok(reports.into())
    }

    /// Every provision's decision for one profile without explanations (the engine's
    /// `decisions`), in the compact form of encode.rs: the wrapper's `decide`.
    ///
    /// The profile comes as the wrapper writes it (profile.rs, [`Profiles`]).
    #[wasm_bindgen(js_name = decideEncoded)]
    pub fn decide_encoded(
        &self,
        text: &str,
        numbers: &[f64],
        objects: &JsValue,
        options: &JsValue,
    ) -> Result<String, JsValue> {
        let asked = options::parse(options).map_err(fail)?;
        let only = self.subset(&asked).map_err(fail)?;
        let mut profile = Profile::default();
        let mut written = Profiles::new(text, numbers, objects);
        written.read(&self.pack, &mut profile).map_err(fail)?;
        if !written.all_read() {
            return Err(fail(not_a_profile()));
        }
        let o = &asked.options;
        let decided = decide_all(&self.pack, &profile, o.as_of, only.as_deref()).map_err(fail)?;
        let mut out = Encoder::default();
        out.decided(&self.pack, &profile, &decided, o.as_of, o.lang);
        Ok(out.finish())
    }

    /// Every provision decided for many profiles in one call (one crossing of the boundary):
    /// `[encoded rows, errors of invalid rows]`, the wrapper's `decideMany`. Each row is `1`
    /// and its decisions as `decideEncoded` writes them, or `0` (invalid: its error is in the
    /// list beside the string, with its index as `row`). An invalid row does not stop the rest.
    #[wasm_bindgen(js_name = decideManyEncoded)]
    pub fn decide_many_encoded(
        &self,
        text: &JsValue,
        numbers: &[f64],
        objects: &JsValue,
        options: &JsValue,
    ) -> Result<Array, JsValue> {
        let asked = options::parse(options).map_err(fail)?;
        let only = self.subset(&asked).map_err(fail)?;
        let mut out = Encoder::default();
        let o = &asked.options;
        let errors = self.each_row(text, numbers, objects, &mut out, &mut |profile, out| {
            let decided = decide_all(&self.pack, profile, o.as_of, only.as_deref())?;
            out.decided(&self.pack, profile, &decided, o.as_of, o.lang);
            Ok(())
        })?;
        Ok(Array::of2(&JsValue::from(out.finish()), &errors))
    }

    /// One provision decided for many profiles (the CLI's `batch`), with the cross-row caps
    /// applied per group: `[encoded rows and groups (encode.rs), errors of invalid rows]`, the
    /// wrapper's `batch`. An invalid row does not stop the batch.
    ///
    /// The rows come as the wrapper writes them: their number, then each profile (profile.rs,
    /// [`Profiles`]); `text` is anything but a string when the caller gave no array.
    #[wasm_bindgen(js_name = batchEncoded)]
    pub fn batch_encoded(
        &self,
        text: &JsValue,
        numbers: &[f64],
        objects: &JsValue,
        options: &JsValue,
    ) -> Result<Array, JsValue> {
        let (options, provision) = options::parse_batch(options).map_err(fail)?;
        let lang = options.lang;
        let mut run = Batch::new(&self.pack, &provision, options).map_err(fail)?;
        let mut out = Encoder::default();
        let errors = self.each_row(text, numbers, objects, &mut out, &mut |profile, out| {
            let d = run.decide_row(profile)?;
            out.decision_in(&self.pack, run.provision(), &d, run.row_group(), lang);
            Ok(())
        })?;
        let groups = run.groups();
        out.number(groups.len());
        for g in &groups {
            out.group(g);
        }
        Ok(Array::of2(&JsValue::from(out.finish()), &errors))
    }

    /// A list to match against this pack, chunk by chunk: the wrapper's `match`. The run keeps
    /// the totals; [`Pack::match_encoded`] adds rows to it, [`Pack::match_totals`] gives them.
    #[wasm_bindgen(js_name = startMatch)]
    pub fn start_match(&self, options: &JsValue) -> Result<MatchRun, JsValue> {
        let asked = options::parse_match(options).map_err(fail)?;
        let only = self.subset(&asked).map_err(fail)?;
        let roster = Roster::new(&self.pack, asked.options, |i, p| {
            asked.door.is_none_or(|door| p.audience == door)
                && only.as_deref().is_none_or(|only| only.contains(&i))
        });
        Ok(MatchRun { roster })
    }

    /// Rows of a list matched and counted into `run`: `[encoded rows (encode.rs), errors of
    /// invalid rows]`. Each row is `1` and what it is eligible for or needs information on, with
    /// its total, or `0` (invalid: its error is in the list, with its index in this chunk as
    /// `row`). The rows come as the wrapper writes them (profile.rs, [`Profiles`]).
    #[wasm_bindgen(js_name = matchEncoded)]
    pub fn match_encoded(
        &self,
        run: &mut MatchRun,
        text: &JsValue,
        numbers: &[f64],
        objects: &JsValue,
    ) -> Result<Array, JsValue> {
        let mut out = Encoder::default();
        let roster = &mut run.roster;
        let errors = self.each_row(text, numbers, objects, &mut out, &mut |profile, out| {
            let row = roster.decide_row(&self.pack, profile)?;
            out.row_match(&self.pack, roster, &row, roster.options().lang);
            Ok(())
        })?;
        for _ in 0..errors.length() {
            roster.invalid_row();
        }
        Ok(Array::of2(&JsValue::from(out.finish()), &errors))
    }

    /// The run's totals so far, in the compact form of encode.rs ([`Encoder::match_totals`]):
    /// per provision some row is eligible for or needs information on, its rows and its amounts
    /// per cap group; every row counted.
    #[wasm_bindgen(js_name = matchTotals)]
    pub fn match_totals(&self, run: &MatchRun) -> String {
        let mut out = Encoder::default();
        out.match_totals(&run.roster.totals(&self.pack), run.roster.counts());
        out.finish()
    }

    /// What the compact results name by place (encode.rs): the provision ids, the fact ids and
    /// the statuses, in the pack's order, each list's items ended by U+001E and the lists by
    /// U+001F (ids hold neither: the pack compiler refuses control characters). The wrapper
    /// asks once per pack.
    pub fn names(&self) -> String {
        let mut out = String::new();
        let mut list = |ids: &mut dyn Iterator<Item = &str>| {
            for id in ids {
                out.push_str(id);
                out.push('\u{1e}');
            }
            out.push('\u{1f}');
        };
        list(&mut self.pack.provisions().iter().map(|p| p.id.as_str()));
        list(&mut self.pack.facts().iter().map(|f| f.id.as_str()));
        list(&mut Status::ALL.iter().map(|s| s.as_str()));
        out
    }

    /// The pack's facts (the questions a form asks), in the options' language.
    pub fn facts(&self, options: &JsValue) -> Result<JsValue, JsValue> {
        let options = options::parse_list(options).map_err(fail)?;
        Ok(to_js(&skillcalc_engine::facts(&self.pack, options.lang)))
    }

    /// The pack's policy documents, in force or not on the options' date.
    pub fn policies(&self, options: &JsValue) -> Result<JsValue, JsValue> {
        let options = options::parse_list(options).map_err(fail)?;
        Ok(to_js(&skillcalc_engine::policies(&self.pack, &options)))
    }
}

/// A list being matched (the wrapper's `match`): the provisions chosen and the totals so far.
#[wasm_bindgen]
pub struct MatchRun {
    roster: Roster,
}

impl Pack {
    /// Reads the rows the wrapper writes (their number, then each profile: profile.rs,
    /// [`Profiles`]) and writes each into `out`: `1` and what `decide` writes of it, or `0` for
    /// an invalid row, whose error (with its index as `row`) is in the list returned. `text` is
    /// anything but a string when the caller gave no array.
    fn each_row(
        &self,
        text: &JsValue,
        numbers: &[f64],
        objects: &JsValue,
        out: &mut Encoder,
        // dyn, not generic: one copy of the loop serves decideMany, batch and match.
        decide: &mut dyn FnMut(&Profile, &mut Encoder) -> Result<(), Error>,
    ) -> Result<Array, JsValue> {
        let not_an_array = || {
            fail(profile::shape(
                "应为档案数组",
                "profiles must be an array of profiles",
            ))
        };
        let text = text.as_string().ok_or_else(not_an_array)?;
        let mut rows = Profiles::new(&text, numbers, objects);
        let count = rows.count().ok_or_else(not_an_array)?;
        // The wrapper writes only the count of a batch too large to take.
        if count > profile::MAX_ROWS as usize {
            return Err(fail(profile::too_many_rows(count)));
        }
        // Each row takes a field at least: a larger count is no batch the wrapper wrote.
        if count > text.len() {
            return Err(not_an_array());
        }
        let errors = Array::new();
        out.number(count);
        let mut answers = Profile::default();
        for row in 0..count {
            let start = out.len();
            out.text("1");
            let read = rows.read(&self.pack, &mut answers);
            if let Err(e) = read.and_then(|()| decide(&answers, out)) {
                out.truncate(start); // what the row wrote before it failed
                out.text("0");
                let mut data = ErrorData::from_engine(&e);
                data.row = Some(row as u32);
                errors.push(&to_js(&data));
            }
        }
        if !rows.all_read() {
            return Err(not_an_array()); // more rows than counted: not what the wrapper wrote
        }
        Ok(errors)
    }

    fn new(pack: Cow<'static, RulePack>) -> Pack {
        Pack {
            pack,
            subset: RefCell::new(None),
        }
    }

    /// The provisions a call decides (their indexes): those `provisions` names, or all
    /// (`None`).
    fn subset(&self, asked: &options::Asked) -> Result<Option<Rc<[usize]>>, Error> {
        let Some(ids) = &asked.provisions else {
            return Ok(None);
        };
        let mut kept = self.subset.borrow_mut();
        if let Some((kept_ids, indexes)) = kept.as_ref() {
            if kept_ids == ids {
                return Ok(Some(Rc::clone(indexes)));
            }
        }
        let mut indexes = ids
            .iter()
            .map(|id| {
                self.pack
                    .provision_index(id)
                    .ok_or_else(|| Error::UnknownProvision { id: id.clone() })
            })
            .collect::<Result<Vec<_>, _>>()?;
        // A set of provisions, in the pack's order: an id named twice counts once.
        indexes.sort_unstable();
        indexes.dedup();
        let indexes: Rc<[usize]> = indexes.into();
        *kept = Some((ids.clone(), Rc::clone(&indexes)));
        Ok(Some(indexes))
    }

    pub(crate) fn report(
        &self,
        profile: &JsValue,
        options: &EvaluateOptions,
        only: Option<&[usize]>,
    ) -> Result<JsValue, Error> {
        let answers = profile::profile(profile)?;
        let profile = self.pack.profile(&answers)?;
        let report = evaluate_only(&self.pack, &profile, options, only)?;
        if matches!(self.pack, Cow::Borrowed(_)) {
            intern_embedded_texts(&self.pack, options.lang);
        }
        Ok(to_js(&report))
    }
}

/// The embedded catalog (decoded on the first call, then shared).
#[wasm_bindgen(js_name = embeddedPack)]
pub fn embedded_pack() -> Result<Pack, JsValue> {
    let pack = skillcalc_catalog::pack().map_err(fail)?;
    Ok(Pack::new(Cow::Borrowed(pack)))
}

/// The versions of the package, the engine and the embedded catalog.
#[wasm_bindgen]
pub fn version() -> JsValue {
    to_js(&lists::version())
}
