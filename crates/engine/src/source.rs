//! The rule pack as authors write it (TOML files) or as an embedder passes it (a JSON/JS object).
//! Loose on purpose: numbers may be strings or numbers, and everything is checked by `compile`,
//! which names the file, the item and the field of every problem.

use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole pack: what `loadPack` takes from JavaScript, and what the TOML files add up to.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PackSource {
    /// A name and version for the pack, shown by `version()`.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    /// Who publishes the pack (a portal, a district bureau), in both languages: every report it
    /// makes says so. Optional (a pack may be nobody's in particular).
    #[serde(default)]
    pub issuer: Option<Text>,
    /// The day the pack was published, `YYYY-MM-DD` (optional): every report it makes says so.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default, alias = "facts")]
    #[cfg_attr(feature = "ts", ts(rename = "facts", as = "Option<Vec<FactSource>>", optional = nullable))]
    pub fact: Vec<FactSource>,
    #[serde(default, alias = "groups")]
    #[cfg_attr(feature = "ts", ts(rename = "groups", as = "Option<Vec<GroupSource>>", optional = nullable))]
    pub group: Vec<GroupSource>,
    #[serde(default, alias = "values")]
    #[cfg_attr(feature = "ts", ts(rename = "values", as = "Option<Vec<ValueSource>>", optional = nullable))]
    pub value: Vec<ValueSource>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<PolicyFileSource>>", optional = nullable))]
    pub policies: Vec<PolicyFileSource>,
    /// What people come to check ("a competition award", "a training base"): each names the
    /// provisions it covers, so a form can ask only their questions.
    #[serde(default, alias = "goals")]
    #[cfg_attr(feature = "ts", ts(rename = "goals", as = "Option<Vec<GoalSource>>", optional = nullable))]
    pub goal: Vec<GoalSource>,
    /// Where each item came from, for error messages (file name per policy, in order).
    #[serde(skip)]
    pub files: PackFiles,
}

#[derive(Clone, Debug, Default)]
pub struct PackFiles {
    /// `pack.toml`, when the folder has one.
    pub pack: String,
    pub facts: String,
    pub values: String,
    pub goals: String,
    pub policies: Vec<String>,
}

/// `pack.toml` (optional): the pack's own name, version, issuer and publication date.
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub issuer: Option<Text>,
    #[serde(default)]
    pub date: Option<String>,
}

/// `facts.toml`
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    #[serde(default)]
    pub fact: Vec<FactSource>,
    #[serde(default)]
    pub group: Vec<GroupSource>,
}

/// `goals.toml`
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GoalsFile {
    #[serde(default)]
    pub goal: Vec<GoalSource>,
}

/// One thing a person or an organisation comes to check, and the provisions that answer it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct GoalSource {
    pub id: String,
    /// `person` or `organisation`: the door it is offered at.
    pub audience: String,
    pub label: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    /// The event whose date decides which rules apply ("the date of the prize"): asked as the
    /// as-of date of the goal's questions.
    #[serde(default)]
    pub event: Option<Text>,
    pub provisions: Vec<String>,
}

/// `values.toml`
#[cfg_attr(not(feature = "toml"), allow(dead_code))]
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ValuesFile {
    #[serde(default)]
    pub value: Vec<ValueSource>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct FactSource {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub subject: String,
    #[serde(default)]
    pub group: Option<String>,
    pub label: Text,
    #[serde(default)]
    pub help: Option<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<EnumValueSource>>", optional = nullable))]
    pub values: Vec<EnumValueSource>,
    #[serde(default)]
    pub min: Option<Scalar>,
    #[serde(default)]
    pub max: Option<Scalar>,
    #[serde(default)]
    pub min_date: Option<String>,
    #[serde(default)]
    pub max_date: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EnumValueSource {
    pub id: String,
    pub zh: String,
    pub en: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupSource {
    pub id: String,
    pub label: Text,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ValueSource {
    pub id: String,
    pub label: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<DatedSource>>", optional = nullable))]
    pub history: Vec<DatedSource>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DatedSource {
    pub from: String,
    pub amount: Scalar,
    pub document: String,
    pub source: String,
    pub confidence: String,
}

/// One policy document: `policies/<id>.toml`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PolicyFileSource {
    pub policy: PolicySource,
    #[serde(default, alias = "provisions")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ProvisionSource>>", optional = nullable))]
    pub provision: Vec<ProvisionSource>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PolicySource {
    pub id: String,
    pub document: String,
    pub title: Text,
    pub issuer: Text,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub note: Option<Text>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ProvisionSource {
    pub id: String,
    pub kind: String,
    pub audience: String,
    pub recipient: String,
    #[serde(default)]
    pub unit: Option<String>,
    pub clause: ClauseSource,
    pub title: Text,
    pub explain: Text,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Text>>", optional = nullable))]
    pub benefits: Vec<Text>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Text>>", optional = nullable))]
    pub process: Vec<Text>,
    #[serde(default)]
    pub rounding: Option<String>,
    #[serde(default)]
    pub when: Option<ConditionSource>,
    #[serde(default)]
    pub amount: Option<AmountSource>,
    /// What being granted this provision (a designation) makes true: the fact and its value
    /// ("a Qingpu training base": `base.qingpu_recognised = true`). Lets a form show what the
    /// provisions that follow from it will pay once it is granted.
    #[serde(default)]
    pub grants: Option<GrantSource>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GrantSource {
    pub fact: String,
    pub is: Scalar,
}

/// Where a rule is in its text: a clause number ("四、4", put into English by the engine), or
/// words in both languages (`{ zh, en }`) where it is more than a number.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ClauseSource {
    Number(String),
    Words(Text),
}

impl ClauseSource {
    /// The clause in both languages.
    pub fn text(&self) -> Text {
        match self {
            ClauseSource::Number(s) => Text::new(s.clone(), crate::text::clause_en(s)),
            ClauseSource::Words(t) => t.clone(),
        }
    }
}

impl Default for ClauseSource {
    fn default() -> Self {
        ClauseSource::Number(String::new())
    }
}

impl From<&str> for ClauseSource {
    fn from(s: &str) -> Self {
        ClauseSource::Number(s.to_string())
    }
}

/// One condition; exactly one of the operator fields is set (checked by `compile`).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ConditionSource {
    #[serde(default)]
    pub all: Option<Vec<ConditionSource>>,
    #[serde(default)]
    pub any: Option<Vec<ConditionSource>>,
    #[serde(default)]
    pub not: Option<Box<ConditionSource>>,
    #[serde(default)]
    pub fact: Option<String>,
    #[serde(default)]
    pub is: Option<Scalar>,
    #[serde(default)]
    pub one_of: Option<Vec<Scalar>>,
    #[serde(default)]
    pub at_least: Option<Scalar>,
    #[serde(default)]
    pub at_most: Option<Scalar>,
    #[serde(default)]
    pub between: Option<Vec<Scalar>>,
    #[serde(default)]
    pub contains: Option<Scalar>,
    #[serde(default)]
    pub intersects: Option<Vec<Scalar>>,
    #[serde(default)]
    pub clause: Option<ClauseSource>,
    #[serde(default)]
    pub text: Option<Text>,
    #[serde(default)]
    pub strictness: Option<String>,
}

/// One amount; exactly one of the forms is set (checked by `compile`).
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct AmountSource {
    #[serde(default)]
    pub fixed: Option<Scalar>,
    #[serde(default)]
    pub range: Option<Vec<Scalar>>,
    #[serde(default)]
    pub per_unit: Option<PerUnitSource>,
    #[serde(default)]
    pub ratio: Option<Scalar>,
    /// The base of a `ratio`: a fact, or a dated value (`"@id"`).
    #[serde(default)]
    pub of: Option<String>,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub cases: Option<BTreeMap<String, AmountSource>>,
    #[serde(default)]
    pub sum: Option<Vec<AmountSource>>,
    #[serde(default)]
    pub not_published: Option<Text>,
    #[serde(default)]
    pub cap: Option<Scalar>,
    #[serde(default)]
    pub cap_scope: Option<Vec<String>>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PerUnitSource {
    pub count: Vec<String>,
    #[serde(default)]
    pub rate: Option<Scalar>,
    #[serde(default)]
    pub rate_range: Option<Vec<Scalar>>,
    #[serde(default)]
    pub rate_fact: Option<String>,
    #[serde(default)]
    pub rate_check: Option<String>,
}

/// A literal in a rule: `true`, `"city"`, `"50000"`, `100`, `"2025-12-31"`, `"@value.id"`.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Scalar {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

impl Scalar {
    /// The literal as text, for messages and for parsing decimals without float rounding.
    pub fn to_text(&self) -> String {
        match self {
            Scalar::Bool(b) => b.to_string(),
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
            Scalar::Str(s) => s.clone(),
        }
    }
}

/// `scenarios/<policy>.toml`
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    #[serde(default)]
    pub scenario: Vec<ScenarioSource>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSource {
    pub id: String,
    /// Another scenario (of this file, or else of any) whose date, provision and profile this
    /// one starts from: its own `profile` answers are added to (or replace) the base's, so a
    /// threshold case is a few lines. Resolved when the files are read; the corpus written for
    /// the other faces holds the whole profile.
    #[serde(default, skip_serializing)]
    pub base: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// Required unless the base gives it.
    #[serde(default)]
    pub as_of: String,
    /// Required unless the base gives it.
    #[serde(default)]
    pub provision: String,
    #[serde(default)]
    pub profile: BTreeMap<String, InputValue>,
    pub expect: ExpectSource,
    #[serde(default)]
    pub known_gap: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectSource {
    pub status: String,
    #[serde(default)]
    pub amount: Option<Scalar>,
    #[serde(default)]
    pub min: Option<Scalar>,
    #[serde(default)]
    pub max: Option<Scalar>,
    #[serde(default)]
    pub failed: Option<Vec<String>>,
    #[serde(default)]
    pub missing: Option<Vec<String>>,
    #[serde(default)]
    pub warnings: Option<usize>,
}

/// One answer in a profile as it arrives from JSON, CSV or JavaScript.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum InputValue {
    /// `null`: "I don't know", the same as leaving the fact out.
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<InputValue>),
    /// Never valid as an answer; kept so the error can name the fact instead of failing the parse.
    Map(BTreeMap<String, InputValue>),
}

/// By the shape of the value, in one pass. (`#[serde(untagged)]` would buffer each answer and
/// try every variant in turn, building an error message for each that does not fit: on a
/// batch of rows that was most of the cost of reading them.)
impl<'de> Deserialize<'de> for InputValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(InputValueVisitor)
    }
}

struct InputValueVisitor;

impl<'de> serde::de::Visitor<'de> for InputValueVisitor {
    type Value = InputValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an answer: null, a boolean, a number, a string or a list")
    }

    fn visit_unit<E>(self) -> Result<InputValue, E> {
        Ok(InputValue::Null)
    }

    fn visit_none<E>(self) -> Result<InputValue, E> {
        Ok(InputValue::Null)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<InputValue, D::Error> {
        InputValue::deserialize(d)
    }

    fn visit_bool<E>(self, v: bool) -> Result<InputValue, E> {
        Ok(InputValue::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<InputValue, E> {
        Ok(InputValue::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<InputValue, E> {
        // Beyond i64 a whole number is kept as a float, which the engine refuses as too large.
        Ok(i64::try_from(v).map_or(InputValue::Float(v as f64), InputValue::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<InputValue, E> {
        Ok(InputValue::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<InputValue, E> {
        Ok(InputValue::Str(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<InputValue, E> {
        Ok(InputValue::Str(v))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<InputValue, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(InputValue::List(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<InputValue, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, InputValue>()? {
            entries.insert(key, value);
        }
        Ok(InputValue::Map(entries))
    }
}

/// Gives each scenario with a `base` its base's date, provision and profile (its own answers
/// on top), bases of bases first; then checks that every scenario has a date and a provision.
/// A base is looked for in the scenario's own file, then in every file. Returns the problems:
/// an unknown base, a cycle, a missing date or provision, each naming file, scenario and field.
#[cfg(feature = "toml")]
pub(crate) fn resolve_bases(files: &mut [(String, ScenarioFile)]) -> Vec<crate::PackProblem> {
    let problem = |file: &str, id: &str, field: &str, message: String| {
        crate::PackProblem::new(file, id, field, message)
    };
    let find = |files: &[(String, ScenarioFile)], in_file: usize, id: &str| {
        let here = files[in_file].1.scenario.iter().position(|s| s.id == id);
        here.map(|i| (in_file, i)).or_else(|| {
            files.iter().enumerate().find_map(|(f, (_, file))| {
                file.scenario
                    .iter()
                    .position(|s| s.id == id)
                    .map(|i| (f, i))
            })
        })
    };
    let mut problems = Vec::new();
    let mut done: Vec<Vec<bool>> = files
        .iter()
        .map(|(_, f)| f.scenario.iter().map(|s| s.base.is_none()).collect())
        .collect();
    // Scenarios whose base is unknown or goes round: reported once, not checked further.
    let mut broken = done.clone();
    broken.iter_mut().flatten().for_each(|b| *b = false);
    for f in 0..files.len() {
        for i in 0..files[f].1.scenario.len() {
            // The chain from this scenario down to a resolved one (or a problem).
            let mut chain = vec![(f, i)];
            loop {
                let (cf, ci) = *chain.last().expect("the chain starts with one");
                if done[cf][ci] {
                    break;
                }
                let s = &files[cf].1.scenario[ci];
                let base_id = s.base.clone().unwrap_or_default();
                match find(files, cf, &base_id) {
                    None => {
                        problems.push(problem(
                            &files[cf].0,
                            &s.id,
                            "base",
                            format!("no scenario has the id '{base_id}'"),
                        ));
                        for &(a, b) in &chain {
                            done[a][b] = true;
                            broken[a][b] = true;
                        }
                        break;
                    }
                    Some(next) if chain.contains(&next) => {
                        let ids: Vec<&str> = chain
                            .iter()
                            .chain([&next])
                            .map(|&(a, b)| files[a].1.scenario[b].id.as_str())
                            .collect();
                        let (sf, si) = chain[0];
                        problems.push(problem(
                            &files[sf].0,
                            &files[sf].1.scenario[si].id,
                            "base",
                            format!("bases go round in a circle: {}", ids.join(" → ")),
                        ));
                        for &(a, b) in &chain {
                            done[a][b] = true;
                            broken[a][b] = true;
                        }
                        break;
                    }
                    Some(next) => chain.push(next),
                }
            }
            // Resolve from the innermost base outwards.
            while chain.len() > 1 {
                let (bf, bi) = chain.pop().expect("two or more");
                let (sf, si) = *chain.last().expect("one or more");
                if done[sf][si] {
                    continue;
                }
                done[sf][si] = true;
                if broken[bf][bi] {
                    // Its base is reported already: say so once here, not as missing fields.
                    broken[sf][si] = true;
                    let (name, s) = (&files[sf].0, &files[sf].1.scenario[si]);
                    let base = &files[bf].1.scenario[bi].id;
                    problems.push(problem(
                        name,
                        &s.id,
                        "base",
                        format!("its base '{base}' is itself invalid"),
                    ));
                    continue;
                }
                let base = files[bf].1.scenario[bi].clone();
                let s = &mut files[sf].1.scenario[si];
                if s.as_of.is_empty() {
                    s.as_of = base.as_of;
                }
                if s.provision.is_empty() {
                    s.provision = base.provision;
                }
                let own = std::mem::take(&mut s.profile);
                s.profile = base.profile;
                s.profile.extend(own);
            }
        }
    }
    for (f, (name, file)) in files.iter().enumerate() {
        for (i, s) in file.scenario.iter().enumerate() {
            if broken[f][i] {
                continue;
            }
            for (field, value) in [("as_of", &s.as_of), ("provision", &s.provision)] {
                if value.trim().is_empty() {
                    problems.push(problem(
                        name,
                        &s.id,
                        field,
                        format!("{field} is required (or a base that gives it)"),
                    ));
                }
            }
        }
    }
    problems
}

#[cfg(test)]
mod input_value_tests {
    use super::InputValue::{self, *};

    #[test]
    fn reads_every_shape_of_answer() {
        let v: std::collections::BTreeMap<String, InputValue> = serde_json::from_str(
            r#"{"n": null, "b": true, "i": -3, "u": 18446744073709551615, "f": 1.5, "s": "x",
                "l": [1, "a", [null]], "m": {"k": 1}}"#,
        )
        .unwrap();
        assert_eq!(v["n"], Null);
        assert_eq!(v["b"], Bool(true));
        assert_eq!(v["i"], Int(-3));
        assert_eq!(v["u"], Float(18446744073709551615.0));
        assert_eq!(v["f"], Float(1.5));
        assert_eq!(v["s"], Str("x".into()));
        assert_eq!(
            v["l"],
            List(vec![Int(1), Str("a".into()), List(vec![Null])])
        );
        assert_eq!(v["m"], Map([("k".to_string(), Int(1))].into()));
    }
}
