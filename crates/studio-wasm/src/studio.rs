//! What the studio does with a draft pack, apart from JavaScript (tested on the host): check
//! its TOML files with the engine's own reading (every problem at its line and column), run
//! every scenario (expected against actual status and amount), compare it with the published
//! pack (which scenarios and provisions change), preview it on a profile, and export it as
//! `skillcalc export` does.

use crate::zh;
use base64::Engine as _;
use rust_decimal::Decimal;
use serde::Serialize;
use sha2::{Digest, Sha256};
use skillcalc_engine::{
    compile, decide, display_range, evaluate, pack_from_toml, publish_json, run_scenarios,
    scenarios_from_toml, with_positions, Date, Error, EvaluateOptions, InputValue, Lang,
    PackProblem, Report, Roster, RowMatch, RulePack, Scalar, ScenarioFile, Subject,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A pack's files as (path inside the pack folder, text): `facts.toml`, `policies/x.toml`, ….
pub type Files = [(String, String)];

/// One problem, where it is, in both languages.
#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    pub file: String,
    /// 1-based; `None` when the problem has no place in a file (a missing file).
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub item: String,
    pub field: String,
    pub message_en: String,
    pub message_zh: String,
}

impl Problem {
    fn from(p: &PackProblem) -> Problem {
        Problem {
            file: p.file.clone(),
            line: p.line,
            column: p.column,
            item: p.item.clone(),
            field: p.field.clone(),
            message_en: p.message.clone(),
            message_zh: zh::message(&p.message),
        }
    }
}

fn problems(e: &Error) -> Vec<Problem> {
    match e {
        Error::InvalidPack { problems } => problems.iter().map(Problem::from).collect(),
        other => {
            let (zh, en) = match other {
                Error::InvalidOption {
                    message_zh,
                    message_en,
                    ..
                } => (message_zh.clone(), message_en.clone()),
                e => (zh::message(&e.to_string()), e.to_string()),
            };
            vec![Problem {
                file: String::new(),
                line: None,
                column: None,
                item: String::new(),
                field: String::new(),
                message_en: en,
                message_zh: zh,
            }]
        }
    }
}

/// Each problem that quotes a value (`unknown fact 'contest.levle'`) placed at that value in
/// its item, where the engine's place is the item's first key of the field's name (the first
/// `fact =` of a provision with many conditions).
fn closer(e: Error, files: &Files) -> Error {
    let Error::InvalidPack { mut problems } = e else {
        return e;
    };
    for p in problems.iter_mut().filter(|p| !p.item.is_empty()) {
        let Some((_, text)) = files
            .iter()
            .find(|(name, _)| name.replace('\\', "/") == p.file)
        else {
            continue;
        };
        let Some(value) = zh::quoted(&p.message).into_iter().next() else {
            continue;
        };
        let Some(start) = [format!("id = \"{}\"", p.item), format!("id=\"{}\"", p.item)]
            .iter()
            .find_map(|needle| text.find(needle.as_str()))
        else {
            continue;
        };
        let end = text[start..].find("\n[[").map_or(text.len(), |i| start + i);
        let from = p.line.map_or(start, |line| {
            // From the engine's line on, when it is inside the item.
            let at = text
                .match_indices('\n')
                .nth((line as usize).saturating_sub(2))
                .map_or(0, |(i, _)| i + 1);
            if line <= 1 || !(start..end).contains(&at) {
                start
            } else {
                at
            }
        });
        let needle = format!("\"{value}\"");
        let found = text[from..end]
            .find(&needle)
            .map(|i| from + i)
            .or_else(|| text[start..end].find(&needle).map(|i| start + i));
        if let Some(at) = found {
            let before = &text[..at];
            p.line = Some(before.matches('\n').count() as u32 + 1);
            p.column = Some(before.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1);
        }
    }
    Error::InvalidPack { problems }
}

/// What a provision decides for one profile on one day: its status and amount.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    /// `eligible`, `not_eligible`, `needs_info`, `not_in_force`, or `error` (the profile does
    /// not fit the pack, the provision is unknown, the arithmetic overflows: see `error`).
    pub status: String,
    pub amount: Option<Amount>,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Amount {
    /// Decimal text, trailing zeros dropped ("50000").
    pub min: String,
    /// `None`: no upper limit.
    pub max: Option<String>,
    pub zh: String,
    pub en: String,
}

impl Outcome {
    fn error(message: String) -> Outcome {
        Outcome {
            status: "error".into(),
            amount: None,
            error: Some(message),
        }
    }

    /// Not decided for a row of a list: not eligible, or not in force (what a roster leaves
    /// out).
    fn none() -> Outcome {
        Outcome {
            status: "not_eligible".into(),
            amount: None,
            error: None,
        }
    }

    /// The same status and amount (the words of the amount aside).
    fn same(&self, other: &Outcome) -> bool {
        self.status == other.status && self.same_amount(other)
    }

    fn same_amount(&self, other: &Outcome) -> bool {
        let key = |o: &Outcome| o.amount.as_ref().map(|a| (a.min.clone(), a.max.clone()));
        key(self) == key(other)
    }
}

fn number(d: Decimal) -> String {
    d.normalize().to_string()
}

/// `provision` decided for `profile` on `as_of` by `pack`.
fn outcome(
    pack: &RulePack,
    provision: &str,
    profile: &BTreeMap<String, InputValue>,
    as_of: &str,
) -> Outcome {
    let Some(index) = pack.provisions().iter().position(|p| p.id == provision) else {
        return Outcome::error(format!("unknown provision '{provision}'"));
    };
    let Some(date) = Date::parse(as_of.trim()) else {
        return Outcome::error(format!("'{as_of}' is not a date"));
    };
    let profile = match pack.profile(profile) {
        Ok(p) => p,
        Err(e) => return Outcome::error(e.to_string()),
    };
    match decide(pack, &profile, index, date) {
        Err(e) => Outcome::error(e.to_string()),
        Ok(d) => Outcome {
            status: d.status.as_str().to_string(),
            amount: d.amount.as_ref().map(|a| Amount {
                min: number(a.min),
                max: a.max.map(number),
                zh: a.display(Lang::Zh),
                en: a.display(Lang::En),
            }),
            error: None,
        },
    }
}

/// A pack that compiled, with its scenarios (bases resolved).
pub struct Draft {
    pub pack: RulePack,
    pub scenarios: Vec<(String, ScenarioFile)>,
}

/// What one scenario expects.
#[derive(Clone, Debug, Serialize)]
pub struct Expected {
    pub status: String,
    pub amount: Option<String>,
    pub min: Option<String>,
    pub max: Option<String>,
}

/// One scenario run on the draft.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioRun {
    pub id: String,
    pub file: String,
    pub provision: String,
    pub as_of: String,
    pub pass: bool,
    pub known_gap: bool,
    /// Why it fails (the scenario runner's words), or the known gap.
    pub message: String,
    pub expected: Expected,
    pub actual: Outcome,
    /// Its whole profile (bases resolved): the preview starts from it.
    pub profile: BTreeMap<String, InputValue>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    pub files: usize,
    pub facts: usize,
    pub policies: usize,
    pub provisions: usize,
    pub scenarios: usize,
    pub passed: usize,
    pub failed: usize,
}

/// A draft checked: its problems (none when it compiles), and its scenarios run.
#[derive(Clone, Debug, Serialize)]
pub struct Checked {
    pub ok: bool,
    pub problems: Vec<Problem>,
    pub scenarios: Vec<ScenarioRun>,
    pub counts: Counts,
}

fn text(s: &Option<Scalar>) -> Option<String> {
    s.as_ref().map(Scalar::to_text)
}

/// Checks a draft as `skillcalc check` does: reads and compiles its files, runs its scenarios.
/// Returns the draft too when it compiled (with its scenarios when they read).
pub fn check(files: &Files) -> (Checked, Option<Draft>) {
    let pack = pack_from_toml(files)
        .and_then(|source| compile(&source))
        .map_err(|e| with_positions(e, files));
    let scenarios = scenarios_from_toml(files);
    let mut problems_found = Vec::new();
    let pack = pack.map_err(|e| closer(e, files));
    let scenarios = scenarios.map_err(|e| closer(e, files));
    if let Err(e) = &pack {
        problems_found.extend(problems(e));
    }
    if let Err(e) = &scenarios {
        problems_found.extend(problems(e));
    }
    let mut counts = Counts {
        files: files.len(),
        ..Counts::default()
    };
    let (Ok(pack), scenarios) = (pack, scenarios) else {
        let checked = Checked {
            ok: false,
            problems: problems_found,
            scenarios: Vec::new(),
            counts,
        };
        return (checked, None);
    };
    counts.facts = pack.facts().len();
    counts.policies = pack.policies().len();
    counts.provisions = pack.provisions().len();
    let scenarios = scenarios.unwrap_or_default();
    let results = run_scenarios(&pack, &scenarios);
    let mut runs = Vec::with_capacity(results.len());
    let cases = scenarios
        .iter()
        .flat_map(|(file, f)| f.scenario.iter().map(move |s| (file, s)));
    for ((file, s), result) in cases.zip(&results) {
        runs.push(ScenarioRun {
            id: s.id.clone(),
            file: file.clone(),
            provision: s.provision.clone(),
            as_of: s.as_of.clone(),
            pass: result.passed,
            known_gap: result.known_gap,
            message: result.message.clone(),
            expected: Expected {
                status: s.expect.status.clone(),
                amount: text(&s.expect.amount),
                min: text(&s.expect.min),
                max: text(&s.expect.max),
            },
            actual: outcome(&pack, &s.provision, &s.profile, &s.as_of),
            profile: s.profile.clone(),
        });
    }
    counts.scenarios = runs.len();
    counts.passed = runs.iter().filter(|r| r.pass).count();
    counts.failed = runs.len() - counts.passed;
    let checked = Checked {
        ok: problems_found.is_empty(),
        problems: problems_found,
        scenarios: runs,
        counts,
    };
    (checked, Some(Draft { pack, scenarios }))
}

/// A scenario whose status or amount differs between the published pack and the draft.
#[derive(Clone, Debug, Serialize)]
pub struct ScenarioChange {
    pub id: String,
    pub file: String,
    pub provision: String,
    pub as_of: String,
    pub before: Outcome,
    pub after: Outcome,
}

/// A provision whose decisions differ on some of the profiles compared (the scenarios' or a
/// list's rows), or that was added or removed. `E` names an example: a scenario's id, a row.
#[derive(Clone, Debug, Serialize)]
pub struct ProvisionChange<E = String> {
    pub id: String,
    pub title_zh: String,
    pub title_en: String,
    /// `changed`, `added` or `removed`.
    pub change: String,
    /// Of the profiles compared, how many change status, how many (only) the amount.
    pub status_changes: usize,
    pub amount_changes: usize,
    /// The first profiles that change (at most [`Changes::new`]'s `examples`).
    pub examples: Vec<E>,
}

/// Per provision, how its decisions change between the published pack and the draft over a set
/// of profiles: what the impact over the scenarios' profiles and over an uploaded list share.
/// Each decision pair is [`Changes::record`]ed; [`Changes::finish`] lists the provisions that
/// change, were added or removed.
pub struct Changes<E> {
    tallies: HashMap<String, (usize, usize, Vec<E>)>,
    examples: usize,
}

impl<E> Changes<E> {
    /// Keeping at most `examples` examples per provision.
    pub fn new(examples: usize) -> Changes<E> {
        Changes {
            tallies: HashMap::new(),
            examples,
        }
    }

    /// Counts `provision`'s decision for one profile, before (published) and after (draft): a
    /// change of status, or else of amount; `example` names the profile when it is kept.
    pub fn record(
        &mut self,
        provision: &str,
        before: &Outcome,
        after: &Outcome,
        example: impl FnOnce() -> E,
    ) {
        let status = before.status != after.status;
        if !status && before.same_amount(after) {
            return;
        }
        let tally = self.tallies.entry(provision.to_string()).or_default();
        if status {
            tally.0 += 1;
        } else {
            tally.1 += 1;
        }
        if tally.2.len() < self.examples {
            tally.2.push(example());
        }
    }

    /// Every provision of the draft whose decisions change (or that `also` keeps), or that is
    /// new, in the draft's order; then those the draft removed.
    pub fn finish(
        mut self,
        published: &RulePack,
        draft: &RulePack,
        also: impl Fn(&str) -> bool,
    ) -> Vec<ProvisionChange<E>> {
        let mut out = Vec::new();
        let mut push =
            |p: &skillcalc_engine::Provision, change: &str, tallies: &mut HashMap<_, _>| {
                let (status_changes, amount_changes, examples) =
                    tallies.remove(&p.id).unwrap_or_default();
                out.push(ProvisionChange {
                    id: p.id.clone(),
                    title_zh: p.title.zh.clone(),
                    title_en: p.title.en.clone(),
                    change: change.into(),
                    status_changes,
                    amount_changes,
                    examples,
                });
            };
        for p in draft.provisions() {
            if !published.provisions().iter().any(|q| q.id == p.id) {
                push(p, "added", &mut self.tallies);
            } else if self.tallies.contains_key(&p.id) || also(&p.id) {
                push(p, "changed", &mut self.tallies);
            }
        }
        for q in published.provisions() {
            if !draft.provisions().iter().any(|p| p.id == q.id) {
                push(q, "removed", &mut self.tallies);
            }
        }
        out
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Impact {
    pub scenarios: Vec<ScenarioChange>,
    pub provisions: Vec<ProvisionChange>,
    /// How many scenarios were compared, and over how many distinct profiles (the scenarios'
    /// dates and answers, of both packs) every provision was compared.
    pub scenarios_compared: usize,
    pub profiles: usize,
}

/// Between the published pack and the draft: every scenario of the draft decided by both, and
/// every provision decided by both over every scenario's profile and date (of both packs).
pub fn impact(published: &Draft, draft: &Draft) -> Impact {
    let mut scenarios = Vec::new();
    let mut compared = 0;
    for (file, f) in &draft.scenarios {
        for s in &f.scenario {
            compared += 1;
            let before = outcome(&published.pack, &s.provision, &s.profile, &s.as_of);
            let after = outcome(&draft.pack, &s.provision, &s.profile, &s.as_of);
            if !before.same(&after) {
                scenarios.push(ScenarioChange {
                    id: s.id.clone(),
                    file: file.clone(),
                    provision: s.provision.clone(),
                    as_of: s.as_of.clone(),
                    before,
                    after,
                });
            }
        }
    }
    // The sample: each distinct (date, answers) of either pack's scenarios, once.
    let mut seen = HashMap::new();
    let mut samples = Vec::new();
    for (_, f) in draft.scenarios.iter().chain(&published.scenarios) {
        for s in &f.scenario {
            let key = format!(
                "{}|{}",
                s.as_of,
                serde_json::to_string(&s.profile).unwrap_or_default()
            );
            if seen.insert(key, ()).is_none() {
                samples.push(s);
            }
        }
    }
    let mut changes = Changes::new(3);
    for p in draft.pack.provisions() {
        if !published.pack.provisions().iter().any(|q| q.id == p.id) {
            continue;
        }
        for s in &samples {
            let before = outcome(&published.pack, &p.id, &s.profile, &s.as_of);
            let after = outcome(&draft.pack, &p.id, &s.profile, &s.as_of);
            changes.record(&p.id, &before, &after, || s.id.clone());
        }
    }
    let provisions = changes.finish(&published.pack, &draft.pack, |_| false);
    Impact {
        scenarios,
        provisions,
        scenarios_compared: compared,
        profiles: samples.len(),
    }
}

/// A row of an uploaded list that changes for a provision: its number (1 for the first row
/// under the header) and its decision before (published) and after (the draft).
#[derive(Clone, Debug, Serialize)]
pub struct RowExample {
    pub row: usize,
    pub before: Outcome,
    pub after: Outcome,
}

/// A provision over the whole list in one pack: its rows by status and its total, the caps
/// across rows applied as `skillcalc match` applies them (the engine's [`Roster`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ListTotal {
    pub eligible_rows: u64,
    pub needs_info_rows: u64,
    /// The sum over its cap groups, exact: "600000.00"; `max` `None`: no upper limit.
    pub min: String,
    pub max: Option<String>,
    /// Some group's cap lowered its sum.
    pub capped: bool,
    /// In the language asked for: "60万元".
    pub display: String,
}

/// A provision whose decisions or total change over the list.
#[derive(Clone, Debug, Serialize)]
pub struct ListChange {
    #[serde(flatten)]
    pub change: ProvisionChange<RowExample>,
    /// `None`: no row is eligible for it or needs information on it (or the pack lacks it).
    pub before: Option<ListTotal>,
    pub after: Option<ListTotal>,
}

/// A row neither pack could read, with why (each problem names its question).
#[derive(Clone, Debug, Serialize)]
pub struct InvalidRow {
    pub row: usize,
    pub message_zh: String,
    pub message_en: String,
}

/// The draft against the published pack over an uploaded list, as of one day.
#[derive(Clone, Debug, Serialize)]
pub struct ListImpact {
    pub as_of: String,
    pub rows: usize,
    pub valid: usize,
    pub invalid: usize,
    /// The first [`MAX_INVALID_SHOWN`] invalid rows.
    pub invalid_rows: Vec<InvalidRow>,
    pub provisions: Vec<ListChange>,
    /// Provisions some row is eligible for or needs information on in both packs, unchanged.
    pub unchanged: usize,
}

pub const MAX_INVALID_SHOWN: usize = 50;
const ROW_EXAMPLES: usize = 3;

/// A row's answers as one pack reads them: the cells of facts it does not know are left out
/// (a column only the draft's new fact answers is not the published pack's error).
fn list_profile(
    pack: &RulePack,
    known: &HashSet<&str>,
    row: &BTreeMap<String, String>,
) -> Result<skillcalc_engine::Profile, Vec<skillcalc_engine::ProfileProblem>> {
    let answers: BTreeMap<String, InputValue> = row
        .iter()
        .filter(|(id, v)| known.contains(id.as_str()) && !v.trim().is_empty())
        .map(|(id, v)| (id.clone(), InputValue::Str(v.clone())))
        .collect();
    match pack.profile(&answers) {
        Ok(p) => Ok(p),
        Err(Error::InvalidProfile { problems }) => Err(problems),
        Err(e) => Err(vec![skillcalc_engine::ProfileProblem {
            code: "invalid".into(),
            fact: String::new(),
            message_zh: zh::message(&e.to_string()),
            message_en: e.to_string(),
        }]),
    }
}

/// A row's decisions in one pack, by provision: what the roster decided (eligible, needs
/// information), or an error; any other provision is [`Outcome::none`].
fn row_outcomes(m: &RowMatch, lang: Lang) -> HashMap<String, Outcome> {
    let mut out = HashMap::new();
    for d in &m.results {
        let amount = d.amount.as_ref().and_then(|a| {
            let min: Decimal = a.min.parse().ok()?;
            let max: Option<Decimal> = a.max.as_ref().and_then(|m| m.parse().ok());
            let words = |l: Lang| {
                if l == lang {
                    a.display.clone()
                } else {
                    display_range(min, max, l)
                }
            };
            Some(Amount {
                min: number(min),
                max: max.map(number),
                zh: words(Lang::Zh),
                en: words(Lang::En),
            })
        });
        let outcome = Outcome {
            status: d.status.as_str().to_string(),
            amount,
            error: None,
        };
        out.insert(d.id.to_string(), outcome);
    }
    for (id, problems) in &m.errors {
        let message = problems
            .iter()
            .map(|p| p.message_en.clone())
            .collect::<Vec<_>>();
        out.insert(id.to_string(), Outcome::error(message.join("; ")));
    }
    out
}

/// A roster's totals, one per provision: its cap groups summed.
fn list_totals(roster: &Roster, pack: &RulePack, lang: Lang) -> HashMap<String, ListTotal> {
    let dec = |s: &str| s.parse::<Decimal>().unwrap_or_default();
    roster
        .totals(pack)
        .into_iter()
        .map(|t| {
            let min = t
                .groups
                .iter()
                .fold(Decimal::ZERO, |a, g| a.saturating_add(dec(&g.min)));
            let max = t.groups.iter().try_fold(Decimal::ZERO, |a, g| {
                g.max.as_deref().and_then(|m| a.checked_add(dec(m)))
            });
            let total = ListTotal {
                eligible_rows: t.eligible_rows,
                needs_info_rows: t.needs_info_rows,
                min: format!("{:.2}", min),
                max: max.map(|m| format!("{:.2}", m)),
                capped: t.groups.iter().any(|g| g.capped),
                display: if t.eligible_rows == 0 {
                    "—".into()
                } else {
                    display_range(min, max, lang)
                },
            };
            (t.provision, total)
        })
        .collect()
}

/// The draft against the published pack over a list: every row (answers by fact id, as text,
/// the way `skillcalc match` reads a list) decided by both packs as of `as_of`, for the
/// provisions of `door` (`person`, `organisation`; anything else: all). Per provision: how many
/// rows change status or amount, a few of them, and the list's totals in each pack (the engine's
/// [`Roster`], caps across rows applied). A row either pack cannot read is counted and named.
pub fn list_impact(
    published: &RulePack,
    draft: &RulePack,
    rows: &[BTreeMap<String, String>],
    as_of: &str,
    lang: &str,
    door: &str,
) -> Result<ListImpact, Error> {
    let lang = if lang == "en" { Lang::En } else { Lang::Zh };
    let options = EvaluateOptions::new(as_of, lang)?;
    let door = Subject::parse(door);
    let keep = |_: usize, p: &skillcalc_engine::Provision| door.is_none_or(|d| p.audience == d);
    let mut before = Roster::new(published, options, keep);
    let mut after = Roster::new(draft, options, keep);
    let (known_before, known_after) = (known_facts(published), known_facts(draft));
    let mut changes = Changes::new(ROW_EXAMPLES);
    let mut invalid_rows = Vec::new();
    let mut invalid = 0;
    for (i, row) in rows.iter().enumerate() {
        let a = list_profile(published, &known_before, row);
        let b = list_profile(draft, &known_after, row);
        let (pa, pb) = match (a, b) {
            (Ok(pa), Ok(pb)) => (pa, pb),
            (a, b) => {
                before.invalid_row();
                after.invalid_row();
                invalid += 1;
                if invalid_rows.len() < MAX_INVALID_SHOWN {
                    invalid_rows.push(invalid_row(i + 1, a.err(), b.err()));
                }
                continue;
            }
        };
        let ma = row_outcomes(&before.row(published, &pa)?, lang);
        let mb = row_outcomes(&after.row(draft, &pb)?, lang);
        let none = Outcome::none();
        let mut ids: Vec<&String> = ma.keys().chain(mb.keys()).collect();
        ids.sort();
        ids.dedup();
        for id in ids {
            let (x, y) = (ma.get(id).unwrap_or(&none), mb.get(id).unwrap_or(&none));
            changes.record(id, x, y, || RowExample {
                row: i + 1,
                before: x.clone(),
                after: y.clone(),
            });
        }
    }
    let totals_before = list_totals(&before, published, lang);
    let totals_after = list_totals(&after, draft, lang);
    let changed = changes.finish(published, draft, |id| {
        totals_before.get(id) != totals_after.get(id)
    });
    let unchanged = totals_before
        .keys()
        .filter(|id| totals_after.contains_key(*id) && !changed.iter().any(|c| &c.id == *id))
        .count();
    let provisions = changed
        .into_iter()
        .map(|change| ListChange {
            before: totals_before.get(&change.id).cloned(),
            after: totals_after.get(&change.id).cloned(),
            change,
        })
        .collect();
    Ok(ListImpact {
        as_of: as_of.trim().to_string(),
        rows: rows.len(),
        valid: rows.len() - invalid,
        invalid,
        invalid_rows,
        provisions,
        unchanged,
    })
}

fn known_facts(pack: &RulePack) -> HashSet<&str> {
    pack.facts().iter().map(|f| f.id.as_str()).collect()
}

/// Why a row is invalid: the problems of the pack(s) that refuse it, each naming its question.
fn invalid_row(
    row: usize,
    published: Option<Vec<skillcalc_engine::ProfileProblem>>,
    draft: Option<Vec<skillcalc_engine::ProfileProblem>>,
) -> InvalidRow {
    let words = |p: &Option<Vec<skillcalc_engine::ProfileProblem>>, zh: bool| {
        p.as_ref().map(|ps| {
            ps.iter()
                .map(|p| {
                    if zh {
                        p.message_zh.clone()
                    } else {
                        p.message_en.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(if zh { "；" } else { "; " })
        })
    };
    let both = |zh: bool| match (words(&published, zh), words(&draft, zh)) {
        (Some(a), Some(b)) if a == b => a,
        (Some(a), Some(b)) if zh => format!("已发布规则：{a}；草稿：{b}"),
        (Some(a), Some(b)) => format!("published rules: {a}; draft: {b}"),
        (Some(a), None) if zh => format!("已发布规则：{a}"),
        (Some(a), None) => format!("published rules: {a}"),
        (None, Some(b)) if zh => format!("草稿：{b}"),
        (None, Some(b)) => format!("draft: {b}"),
        (None, None) => String::new(),
    };
    InvalidRow {
        row,
        message_zh: both(true),
        message_en: both(false),
    }
}

/// The draft's report for one profile (JSON answers) on one day: the calculator's own.
pub fn preview(
    pack: &RulePack,
    profile_json: &str,
    as_of: &str,
    lang: &str,
) -> Result<Report, Error> {
    let answers: BTreeMap<String, InputValue> = if profile_json.trim().is_empty() {
        BTreeMap::new()
    } else {
        serde_json::from_str(profile_json).map_err(|e| Error::InvalidOption {
            field: "profile".into(),
            message_zh: format!("答案不是 JSON 对象：{e}"),
            message_en: format!("the answers are not a JSON object: {e}"),
        })?
    };
    let lang = if lang == "en" { Lang::En } else { Lang::Zh };
    let options = EvaluateOptions::new(as_of, lang)?;
    let profile = pack.profile(&answers)?;
    evaluate(pack, &profile, &options)
}

/// The pack as published.
#[derive(Clone, Debug, Serialize)]
pub struct Exported {
    /// The JSON text `skillcalc export --name NAME --version VERSION` writes.
    pub json: String,
    /// `sha256-<base64>`, for `loadPack(url, { integrity })`.
    pub integrity: String,
    pub bytes: usize,
}

/// The draft as one JSON file for publishing, with its integrity value; refused, with every
/// problem, when the draft is invalid or takes the embedded catalogue's name.
pub fn export(files: &Files, name: &str, version: &str) -> Result<Exported, Vec<Problem>> {
    let name = name.trim();
    let refuse = |zh: &str, en: &str| Problem {
        file: String::new(),
        line: None,
        column: None,
        item: String::new(),
        field: "name".into(),
        message_en: en.into(),
        message_zh: zh.into(),
    };
    if name.is_empty() {
        return Err(vec![refuse(
            "发布的规则包需要一个名称",
            "a published pack needs a name",
        )]);
    }
    if name == skillcalc_catalog::NAME {
        return Err(vec![refuse(
            "发布的规则包不能使用内置政策目录的名称",
            "a published pack may not take the embedded catalogue's name",
        )]);
    }
    let version = match version.trim() {
        "" => "0",
        v => v,
    };
    let json = publish_json(files, name, version).map_err(|e| problems(&e))?;
    Ok(Exported {
        integrity: integrity(&json),
        bytes: json.len(),
        json,
    })
}

/// Subresource Integrity's form: `sha256-` and the digest in base64.
pub fn integrity(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The published pack's files: the embedded catalogue's sources.
pub fn embedded_files() -> Vec<(String, String)> {
    skillcalc_catalog::source_files()
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Vec<(String, String)> {
        embedded_files()
    }

    fn edit(files: &mut [(String, String)], path: &str, from: &str, to: &str) {
        let f = files.iter_mut().find(|(p, _)| p == path).expect(path);
        assert!(f.1.contains(from), "{path} holds {from}");
        f.1 = f.1.replacen(from, to, 1);
    }

    #[test]
    fn the_published_pack_checks_and_every_scenario_passes() {
        let (checked, draft) = check(&files());
        assert!(checked.ok, "{:?}", checked.problems);
        assert!(draft.is_some());
        assert!(checked.counts.scenarios > 200);
        assert_eq!(checked.counts.failed, 0);
        let run = &checked.scenarios[0];
        assert_eq!(run.actual.status, run.expected.status);
    }

    #[test]
    fn a_syntax_error_is_at_its_line_and_column_in_both_languages() {
        let mut f = files();
        edit(&mut f, "values.toml", "[[value]]", "[[value]]\nid = = 3");
        let (checked, draft) = check(&f);
        assert!(!checked.ok && draft.is_none());
        let p = &checked.problems[0];
        assert_eq!(p.file, "values.toml");
        assert!(p.line.is_some() && p.column.is_some(), "{p:?}");
        assert!(p.message_zh.contains("TOML"), "{}", p.message_zh);
    }

    #[test]
    fn an_unknown_fact_is_named_at_its_line() {
        let mut f = files();
        let path = "policies/putuo_2022_27.toml";
        edit(
            &mut f,
            path,
            "fact = \"contest.level\"",
            "fact = \"contest.levle\"",
        );
        let (checked, _) = check(&f);
        let p = checked
            .problems
            .iter()
            .find(|p| p.message_en.contains("contest.levle"))
            .expect("the unknown fact");
        assert_eq!(p.file, path);
        let text = &f.iter().find(|(p, _)| p == path).unwrap().1;
        let line = text
            .lines()
            .position(|l| l.contains("contest.levle"))
            .unwrap()
            + 1;
        assert_eq!(p.line, Some(line as u32));
        assert_eq!(p.message_zh, "未知的事实“contest.levle”");
    }

    #[test]
    fn a_changed_rate_changes_exactly_the_scenarios_it_decides() {
        let published = check(&files()).1.expect("published");
        let mut f = files();
        edit(
            &mut f,
            "values.toml",
            "amount = \"5000\"",
            "amount = \"6000\"",
        );
        let (checked, draft) = check(&f);
        let draft = draft.expect("draft");
        let impact = impact(&published, &draft);
        assert!(!impact.scenarios.is_empty());
        // Every changed scenario is one whose amount moved, and the failing scenarios are
        // among them.
        for c in &impact.scenarios {
            assert_ne!(c.before.amount, c.after.amount, "{}", c.id);
        }
        let moved = |r: &&ScenarioRun| {
            !r.pass
                && ["status", "amount", "min", "max"]
                    .iter()
                    .any(|w| r.message.contains(w))
        };
        for r in checked.scenarios.iter().filter(moved) {
            assert!(impact.scenarios.iter().any(|c| c.id == r.id), "{}", r.id);
        }
        assert!(impact.provisions.iter().all(|p| p.change == "changed"));
        // The published pack against itself: nothing.
        let same = super::impact(&published, &check(&files()).1.unwrap());
        assert!(same.scenarios.is_empty() && same.provisions.is_empty());
    }

    #[test]
    fn export_is_what_skillcalc_export_writes() {
        let e = export(&files(), "my-rules", "1.0").expect("exported");
        assert_eq!(e.json, publish_json(&files(), "my-rules", "1.0").unwrap());
        assert!(e.integrity.starts_with("sha256-"));
        assert!(export(&files(), skillcalc_catalog::NAME, "1").is_err());
        let mut broken = files();
        edit(
            &mut broken,
            "facts.toml",
            "type = \"enum\"",
            "type = \"enumm\"",
        );
        let problems = export(&broken, "x", "1").unwrap_err();
        assert!(problems[0].line.is_some());
    }

    #[test]
    fn preview_is_the_calculator_on_the_draft() {
        let draft = check(&files()).1.unwrap();
        let report = preview(
            &draft.pack,
            r#"{"contest.level": "city"}"#,
            "2025-06-01",
            "en",
        )
        .unwrap();
        assert!(!report.provisions.is_empty());
        assert!(preview(&draft.pack, "[", "2025-06-01", "en").is_err());
    }

    fn row(answers: &[(&str, &str)]) -> BTreeMap<String, String> {
        answers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const GRANT: &str = "policies/qingpu_2023_17.toml";

    /// Qingpu bases: three that meet the grant's conditions, one that already had it, one
    /// whose answer is no yes or no, and one with a column no pack knows.
    fn bases() -> Vec<BTreeMap<String, String>> {
        let yes = [
            ("base.qingpu_recognised", "是"),
            ("base.grant_received", "否"),
        ];
        vec![
            row(&yes),
            row(&yes),
            row(&[
                ("base.qingpu_recognised", "是"),
                ("base.grant_received", "是"),
            ]),
            row(&[("base.qingpu_recognised", "也许")]),
            row(&[
                ("base.qingpu_recognised", "true"),
                ("base.grant_received", "false"),
                ("no.such_fact", "x"),
            ]),
        ]
    }

    fn grant(i: &ListImpact) -> &ListChange {
        assert_eq!(
            i.provisions
                .iter()
                .map(|p| p.change.id.as_str())
                .collect::<Vec<_>>(),
            ["qingpu.base_grant"]
        );
        &i.provisions[0]
    }

    #[test]
    fn a_changed_amount_over_a_list_moves_the_amounts_and_the_total() {
        let published = check(&files()).1.unwrap();
        let mut f = files();
        edit(&mut f, GRANT, "fixed = \"200000\"", "fixed = \"300000\"");
        let draft = check(&f).1.unwrap();
        let i = list_impact(
            &published.pack,
            &draft.pack,
            &bases(),
            "2024-01-01",
            "zh",
            "organisation",
        )
        .unwrap();
        assert_eq!((i.rows, i.valid, i.invalid), (5, 4, 1));
        let g = grant(&i);
        assert_eq!((g.change.status_changes, g.change.amount_changes), (0, 3));
        assert_eq!(
            g.change.examples.iter().map(|e| e.row).collect::<Vec<_>>(),
            [1, 2, 5]
        );
        let e = &g.change.examples[0];
        assert_eq!(e.before.amount.as_ref().unwrap().min, "200000");
        assert_eq!(e.after.amount.as_ref().unwrap().zh, "30万元");
        let (before, after) = (g.before.as_ref().unwrap(), g.after.as_ref().unwrap());
        assert_eq!((before.eligible_rows, after.eligible_rows), (3, 3));
        assert_eq!(
            (before.min.as_str(), after.min.as_str()),
            ("600000.00", "900000.00")
        );
        assert_eq!(
            (before.display.as_str(), after.display.as_str()),
            ("60万元", "90万元")
        );
        // The same list over the published pack itself: nothing changes.
        let same = list_impact(
            &published.pack,
            &published.pack,
            &bases(),
            "2024-01-01",
            "en",
            "organisation",
        )
        .unwrap();
        assert!(same.provisions.is_empty());
        assert!(same.unchanged >= 1);
    }

    #[test]
    fn a_changed_condition_over_a_list_moves_rows_between_statuses() {
        let published = check(&files()).1.unwrap();
        let mut f = files();
        edit(
            &mut f,
            GRANT,
            "fact = \"base.grant_received\", is = false",
            "fact = \"base.grant_received\", is = true",
        );
        let draft = check(&f).1.unwrap();
        let i = list_impact(
            &published.pack,
            &draft.pack,
            &bases(),
            "2024-01-01",
            "en",
            "organisation",
        )
        .unwrap();
        let g = grant(&i);
        assert_eq!((g.change.status_changes, g.change.amount_changes), (4, 0));
        let e = &g.change.examples[0];
        assert_eq!(
            (e.before.status.as_str(), e.after.status.as_str()),
            ("eligible", "not_eligible")
        );
        assert_eq!(g.change.examples[2].row, 3);
        assert_eq!(g.change.examples[2].after.status, "eligible");
        let (before, after) = (g.before.as_ref().unwrap(), g.after.as_ref().unwrap());
        assert_eq!((before.eligible_rows, after.eligible_rows), (3, 1));
        assert_eq!(
            (before.display.as_str(), after.display.as_str()),
            ("¥600,000", "¥200,000")
        );
    }

    #[test]
    fn an_invalid_row_is_counted_and_named_and_the_rest_go_on() {
        let published = check(&files()).1.unwrap();
        let i = list_impact(
            &published.pack,
            &published.pack,
            &bases(),
            "2024-01-01",
            "zh",
            "",
        )
        .unwrap();
        assert_eq!((i.rows, i.valid, i.invalid), (5, 4, 1));
        let bad = &i.invalid_rows[0];
        assert_eq!(bad.row, 4);
        assert!(
            bad.message_zh
                .contains("已认定为青浦区技能人才培育实训基地"),
            "{}",
            bad.message_zh
        );
        assert!(!bad.message_en.is_empty());
        // A bad date is the call's error, in both languages.
        assert!(list_impact(
            &published.pack,
            &published.pack,
            &bases(),
            "2024-13-01",
            "zh",
            ""
        )
        .is_err());
    }
}
