//! The calculator: evaluating profiles against a pack, and listing its facts and policies.

use crate::encode::Encoder;
use crate::error::{thrown, ErrorData};
use crate::{fail, js, lists, options, profile, to_js};
use js_sys::Array;
use skillcalc_engine::{decisions, evaluate, Batch, Error, EvaluateOptions, Profile, RulePack};
use std::borrow::Cow;
use wasm_bindgen::prelude::*;

/// A rule pack, ready to evaluate: the embedded catalog or a custom pack from `loadPack`.
#[wasm_bindgen]
pub struct Pack {
    pack: Cow<'static, RulePack>,
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
        Ok(Pack {
            pack: Cow::Owned(pack),
        })
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
    #[wasm_bindgen(js_name = decideEncoded)]
    pub fn decide_encoded(&self, profile: &JsValue, options: &JsValue) -> Result<String, JsValue> {
        let options = options::parse(options).map_err(fail)?;
        let answers = profile::profile(profile).map_err(fail)?;
        let profile = self.pack.profile(&answers).map_err(fail)?;
        let d = decisions(&self.pack, &profile, &options).map_err(fail)?;
        let mut out = Encoder::default();
        out.text(&d.as_of);
        out.text(d.lang.as_str());
        out.number(d.provisions.len());
        for p in &d.provisions {
            out.decision(p);
        }
        out.number(d.totals.len());
        for t in &d.totals {
            out.total(t);
        }
        Ok(out.finish())
    }

    /// One provision decided for many profiles (the CLI's `batch`), with the cross-row caps
    /// applied per group: `[encoded rows and groups (encode.rs), errors of invalid rows]`, the
    /// wrapper's `batch`. An invalid row does not stop the batch.
    ///
    /// `rows` is what the wrapper made of the caller's array: one JSON object per line (as the
    /// CLI reads JSON lines), `!` for a profile that could not be read; anything but a string
    /// means the caller gave no array. Read from one string, a row costs a fraction of reading
    /// its answers one by one across the boundary.
    #[wasm_bindgen(js_name = batchEncoded)]
    pub fn batch_encoded(&self, rows: &JsValue, options: &JsValue) -> Result<Array, JsValue> {
        let (options, provision) = options::parse_batch(options).map_err(fail)?;
        let mut run = Batch::new(&self.pack, &provision, options).map_err(fail)?;
        let Some(rows) = rows.as_string() else {
            return Err(fail(profile::shape(
                "应为档案数组",
                "profiles must be an array of profiles",
            )));
        };
        let mut out = Encoder::default();
        let errors = Array::new();
        let lines: Vec<&str> = if rows.is_empty() { Vec::new() } else { rows.split('\n').collect() };
        out.number(lines.len());
        let mut answers = Profile::default();
        for (row, line) in lines.iter().enumerate() {
            let decided = profile::read_json_line(&self.pack, line, &mut answers)
                .and_then(|()| run.row(&answers));
            match decided {
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
    Ok(Pack {
        pack: Cow::Borrowed(pack),
    })
}

/// The versions of the package, the engine and the embedded catalog.
#[wasm_bindgen]
pub fn version() -> JsValue {
    to_js(&lists::version())
}
