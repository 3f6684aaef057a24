//! The calculator: evaluating profiles against a pack, and listing its facts and policies.

use crate::encode::Encoder;
use crate::error::{thrown, ErrorData};
use crate::profile::Profiles;
use crate::{fail, js, lists, options, profile, to_js};
use js_sys::Array;
use skillcalc_engine::{
    decisions_beside, evaluate, not_a_profile, Batch, Error, EvaluateOptions, Profile, RulePack,
    Unanswered,
};
use std::borrow::Cow;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

/// A rule pack, ready to evaluate: the embedded catalog or a custom pack from `loadPack`.
#[wasm_bindgen]
pub struct Pack {
    pack: Cow<'static, RulePack>,
    /// The empty profile's decisions on the last date `decideEncoded` was asked about.
    unanswered: RefCell<Option<Unanswered>>,
}

#[wasm_bindgen]
impl Pack {
    /// The pack's name (the catalog's is "shanghai-skills").
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.pack.name.clone()
    }

    /// The pack's version.
    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.pack.version.clone()
    }

    /// A custom pack, from what the pack compiler's `compilePack` made of its source.
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(bytes: &[u8]) -> Result<Pack, JsValue> {
        let pack = RulePack::from_compact(bytes).map_err(fail)?;
        Ok(Pack::new(Cow::Owned(pack)))
    }

    /// Evaluates every provision of the pack for one profile: the report (see report.rs in the
    /// engine, the same JSON as `skillcalc evaluate`).
    pub fn evaluate(&self, profile: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
        let options = options::parse(options).map_err(fail)?;
        self.report(profile, &options).map_err(fail)
    }

    /// Evaluates many profiles in one call (one crossing of the boundary): one report each, in
    /// order. The first invalid profile stops the batch; its error gives its index as `row`.
    #[wasm_bindgen(js_name = evaluateBatch)]
    pub fn evaluate_batch(
        &self,
        profiles: &JsValue,
        options: &JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = options::parse(options).map_err(fail)?;
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
            let report = self.report(&profile, &options).map_err(|e| {
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
    /// With `reuse`, a provision that reads none of the profile's answers is written as a null:
    /// it decides as for the empty profile, whose decisions the wrapper keeps (a form being
    /// filled in answers a few facts, which most provisions do not read).
    ///
    /// The profile comes as the wrapper writes it (profile.rs, [`Profiles`]).
    #[wasm_bindgen(js_name = decideEncoded)]
    pub fn decide_encoded(
        &self,
        text: &str,
        numbers: &[f64],
        objects: &JsValue,
        options: &JsValue,
        reuse: bool,
    ) -> Result<String, JsValue> {
        let options = options::parse(options).map_err(fail)?;
        let mut profile = Profile::default();
        let mut written = Profiles::new(text, numbers, objects);
        written.read(&self.pack, &mut profile).map_err(fail)?;
        if !written.all_read() {
            return Err(fail(not_a_profile()));
        }
        let mut kept = self.unanswered.borrow_mut();
        if reuse && kept.as_ref().is_none_or(|u| u.as_of() != options.as_of) {
            *kept = Some(Unanswered::new(&self.pack, options.as_of).map_err(fail)?);
        }
        let reused = kept.as_ref().filter(|_| reuse);
        let (provisions, totals) =
            decisions_beside(&self.pack, &profile, &options, reused).map_err(fail)?;
        let mut out = Encoder::default();
        out.text(&options.as_of.to_string());
        out.text(options.lang.as_str());
        out.number(provisions.len());
        for p in &provisions {
            match p {
                Some(p) => out.decision(p),
                None => out.null(),
            }
        }
        out.number(totals.len());
        for t in &totals {
            out.total(t);
        }
        Ok(out.finish())
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
        let mut run = Batch::new(&self.pack, &provision, options).map_err(fail)?;
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
        let mut out = Encoder::default();
        let errors = Array::new();
        out.number(count);
        let mut answers = Profile::default();
        for row in 0..count {
            match rows
                .read(&self.pack, &mut answers)
                .and_then(|()| run.row(&answers))
            {
                Ok(decision) => {
                    out.text("1");
                    out.decision(&decision);
                }
                Err(e) => {
                    let mut data = ErrorData::from_engine(&e);
                    data.row = Some(row as u32);
                    errors.push(&to_js(&data));
                    out.text("0");
                }
            }
        }
        if !rows.all_read() {
            return Err(not_an_array()); // more rows than counted: not what the wrapper wrote
        }
        let groups = run.groups();
        out.number(groups.len());
        for g in &groups {
            out.group(g);
        }
        Ok(Array::of2(&JsValue::from(out.finish()), &errors))
    }

    /// The pack's facts (the questions a form asks), in the options' language.
    pub fn facts(&self, options: &JsValue) -> Result<JsValue, JsValue> {
        let options = options::parse(options).map_err(fail)?;
        Ok(to_js(&skillcalc_engine::facts(&self.pack, options.lang)))
    }

    /// The pack's policy documents, in force or not on the options' date.
    pub fn policies(&self, options: &JsValue) -> Result<JsValue, JsValue> {
        let options = options::parse(options).map_err(fail)?;
        Ok(to_js(&skillcalc_engine::policies(&self.pack, &options)))
    }
}

impl Pack {
    fn new(pack: Cow<'static, RulePack>) -> Pack {
        Pack {
            pack,
            unanswered: RefCell::new(None),
        }
    }

    pub(crate) fn report(
        &self,
        profile: &JsValue,
        options: &EvaluateOptions,
    ) -> Result<JsValue, Error> {
        let answers = profile::profile(profile)?;
        let profile = self.pack.profile(&answers)?;
        Ok(to_js(&evaluate(&self.pack, &profile, options)?))
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
