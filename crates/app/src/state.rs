//! The app's state: what the user entered (`Inputs`), and what follows from it (the engine's
//! report, per-question problems, the form's layout). Pure: every change is an `Action` applied
//! by `State::apply`, with no browser involved, so it is unit-tested natively. On wasm the same
//! function is Yew's `Reducible::reduce`.
//!
//! What the user typed is never lost: an answer the engine rejects keeps its text and its
//! message (zh and en), counts as unknown, and the other answers still evaluate.
//!
//! The flow it serves is a screener's: a door (a person, an organisation), then the goals the
//! person came for (`Inputs::goals`), then only the questions of those goals' provisions
//! (`Scope`), the deciding ones first. Questions that only ruled-out provisions read fold away.
//! Two more readings of the same answers make the results honest about time and about chains:
//! a provision whose policy is not in force on the chosen date is also decided as of the last
//! (or first) day its policy was in force (`window`), and a grant that needs a designation the
//! answers meet is also decided as if that designation were granted (`once_designated`).

use crate::form::{layout, Catalog, Door, Scope, Section};
use skillcalc_engine::{
    evaluate, evaluate_provision, parse_answer, requirement, Accepts, EvaluateOptions, FactType,
    FactValue, InForce, InputValue, Lang, Profile, ProfileProblem, ProvisionReport, Report, Status,
};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// One answer as entered. `raw` is what the field holds: the text typed, the option chosen
/// (`""` = don't know), `true`/`false`, or for a set the chosen option ids joined by commas.
/// `dont_know` is the explicit "don't know" of free-text fields and sets; it keeps `raw`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    pub raw: String,
    pub dont_know: bool,
}

impl Answer {
    /// Option ids of a set answer.
    pub fn items(&self) -> Vec<&str> {
        self.raw
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The answer as the engine reads it (`None`: nothing to read, i.e. unknown).
    pub fn input(&self, kind: FactType) -> Option<InputValue> {
        if self.dont_know {
            return None;
        }
        if kind == FactType::EnumSet {
            return Some(InputValue::List(
                self.items()
                    .into_iter()
                    .map(|s| InputValue::Str(s.to_string()))
                    .collect(),
            ));
        }
        (!self.raw.trim().is_empty()).then(|| InputValue::Str(self.raw.clone()))
    }
}

/// The goal id that stands for "not sure: show everything".
pub const ALL_GOALS: &str = "all";

/// Everything the user chose: what a share link and local storage hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub door: Door,
    pub lang: Lang,
    /// `None`: today. The date of the event (the prize, the application…) the results are for.
    pub as_of: Option<String>,
    /// The goals chosen at this door, in the pack's order; empty: not chosen yet.
    pub goals: Vec<String>,
    /// By fact id. A missing fact is unknown.
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetDoor(Door),
    SetLang(Lang),
    /// A date `YYYY-MM-DD`; empty for today.
    SetAsOf(String),
    /// The goals to check (goal ids; [`ALL_GOALS`] for everything; empty to choose again).
    SetGoals(Vec<String>),
    /// The new content of a field (text, number, date, a chosen option, `true`/`false`; empty
    /// for "don't know" in a choice).
    Input {
        fact: String,
        raw: String,
    },
    /// Several answers at once ("I meet all of these").
    InputMany(Vec<(String, String)>),
    /// The "don't know" box of a free-text field or a set.
    DontKnow {
        fact: String,
        on: bool,
    },
    /// One option of a set checked or unchecked.
    Toggle {
        fact: String,
        value: String,
        on: bool,
    },
    /// Forget every answer and the date (door, goals and language stay).
    Clear,
    /// Replace everything (a share link, local storage, an undo).
    Restore(Inputs),
}

/// Status order of the result list: what the user gets first, then what is still open.
pub fn status_rank(s: Status) -> u8 {
    match s {
        Status::Eligible => 0,
        Status::NeedsInfo => 1,
        Status::NotInForce => 2,
        Status::NotEligible => 3,
    }
}

/// A provision decided as of the days its policy was in force, for a result whose policy is
/// not in force on the chosen date.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    /// The last day in force (an expired policy), or the first (one not yet in force).
    pub date: String,
    pub report: Rc<ProvisionReport>,
}

#[derive(Clone)]
pub struct State {
    pub cat: &'static Catalog,
    /// Today's date, `YYYY-MM-DD` (from the browser's clock; fixed in tests).
    pub today: String,
    pub inputs: Inputs,
    /// The provisions of the chosen goals at this door, and the facts they read.
    pub scope: Rc<Scope>,
    /// The form for the current scope. Computed when the door or the goals change (or the
    /// answers are restored or cleared), not on every keystroke, so fields never move under
    /// the user (except that questions of ruled-out results fold away: `folded`).
    pub layout: Rc<Vec<Section>>,
    /// The report of the scope, without its provisions (they are in `cards`).
    pub report: Rc<Report>,
    /// The scope's provisions, eligible first (largest amount first), then needs info, not in
    /// force, not eligible.
    pub cards: Rc<Vec<Rc<ProvisionReport>>>,
    /// The answers as the engine read them.
    pub profile: Rc<Profile>,
    /// Answers the engine rejected, by fact id: shown next to the field, treated as unknown.
    pub problems: Rc<BTreeMap<String, ProfileProblem>>,
    /// For each open fact, how many results it would decide or narrow.
    pub affects: Rc<BTreeMap<String, usize>>,
    /// Unanswered facts that only ruled-out results read (by fact index): folded away.
    pub folded: Rc<BTreeSet<usize>>,
    /// By provision id: its decision as of the days its policy was in force, for the results
    /// whose policy is not in force on the chosen date (and which the answers do not rule out).
    pub window: Rc<BTreeMap<String, Window>>,
    /// By provision id: what it gives once the designations the answers meet are granted, for
    /// the results that wait on such a designation.
    pub once_designated: Rc<BTreeMap<String, Rc<ProvisionReport>>>,
    /// The as-of date could not be read; today was used.
    pub as_of_invalid: bool,
    /// The engine refused to evaluate (the previous result stays on screen).
    pub eval_error: Option<String>,
    /// Bumped by every applied action that changed something.
    pub revision: u64,
}

impl State {
    pub fn new(cat: &'static Catalog, today: &str, inputs: Inputs) -> State {
        let scope = Rc::new(cat.scope(inputs.door, &inputs.goals));
        let mut s = State {
            cat,
            today: today.to_string(),
            inputs,
            scope,
            layout: Rc::default(),
            report: Rc::new(empty_report()),
            cards: Rc::default(),
            profile: Rc::default(),
            problems: Rc::default(),
            affects: Rc::default(),
            folded: Rc::default(),
            window: Rc::default(),
            once_designated: Rc::default(),
            as_of_invalid: false,
            eval_error: None,
            revision: 0,
        };
        s.evaluate();
        s.relayout();
        s
    }

    /// The date the report is computed for.
    pub fn as_of(&self) -> &str {
        match &self.inputs.as_of {
            Some(d) if !self.as_of_invalid => d,
            _ => &self.today,
        }
    }

    /// Whether the person has said what they want to check (else the form asks that first).
    pub fn goals_chosen(&self) -> bool {
        !self.inputs.goals.is_empty() || self.cat.goals(self.inputs.door).is_empty()
    }

    pub fn answer(&self, fact: &str) -> Option<&Answer> {
        self.inputs.answers.get(fact)
    }

    pub fn apply(&mut self, action: Action) {
        let mut relayout = false;
        match action {
            Action::SetDoor(d) => {
                if d == self.inputs.door {
                    return;
                }
                self.inputs.door = d;
                self.inputs.goals.clear();
                relayout = true;
            }
            Action::SetLang(l) => {
                if l == self.inputs.lang {
                    return;
                }
                self.inputs.lang = l;
            }
            Action::SetAsOf(d) => {
                let d = d.trim();
                self.inputs.as_of = if d.is_empty() || d == self.today {
                    None
                } else {
                    Some(d.to_string())
                };
            }
            Action::SetGoals(goals) => {
                let known = self.cat.goals(self.inputs.door);
                let mut chosen: Vec<String> = known
                    .iter()
                    .filter(|g| goals.contains(&g.id))
                    .map(|g| g.id.clone())
                    .collect();
                if goals.iter().any(|g| g == ALL_GOALS) {
                    chosen = vec![ALL_GOALS.to_string()];
                }
                if chosen == self.inputs.goals {
                    return;
                }
                self.inputs.goals = chosen;
                relayout = true;
            }
            Action::Input { fact, raw } => self.input(fact, raw),
            Action::InputMany(pairs) => {
                for (fact, raw) in pairs {
                    self.input(fact, raw);
                }
            }
            Action::DontKnow { fact, on } => {
                let is_set = self.is_set(&fact);
                let entry = self.inputs.answers.entry(fact.clone()).or_default();
                entry.dont_know = on;
                if !on && !is_set && entry.raw.is_empty() {
                    self.inputs.answers.remove(&fact);
                }
            }
            Action::Toggle { fact, value, on } => {
                let order: Vec<String> = match self.cat.fact(&fact) {
                    Some(f) => f.values.iter().map(|v| v.id.clone()).collect(),
                    None => return,
                };
                let entry = self.inputs.answers.entry(fact).or_default();
                let mut chosen: Vec<String> = entry.items().into_iter().map(String::from).collect();
                chosen.retain(|v| *v != value);
                if on {
                    chosen.push(value);
                }
                // Registry order, unknown ids (from an old link) last.
                chosen.sort_by_key(|v| order.iter().position(|o| o == v).unwrap_or(usize::MAX));
                entry.raw = chosen.join(",");
                entry.dont_know = false;
            }
            Action::Clear => {
                self.inputs.answers.clear();
                self.inputs.as_of = None;
                relayout = true;
            }
            Action::Restore(inputs) => {
                self.inputs = inputs;
                relayout = true;
            }
        }
        self.revision += 1;
        if relayout {
            self.scope = Rc::new(self.cat.scope(self.inputs.door, &self.inputs.goals));
        }
        self.evaluate();
        if relayout {
            self.relayout();
        }
    }

    fn input(&mut self, fact: String, raw: String) {
        let is_set = self.is_set(&fact);
        if raw.is_empty() && !is_set {
            self.inputs.answers.remove(&fact);
        } else {
            self.inputs.answers.insert(
                fact,
                Answer {
                    raw,
                    dont_know: false,
                },
            );
        }
    }

    fn is_set(&self, fact: &str) -> bool {
        self.cat
            .fact(fact)
            .is_some_and(|f| f.kind == FactType::EnumSet)
    }

    fn relayout(&mut self) {
        self.layout = Rc::new(layout(self.cat, &self.scope, &question_order(&self.cards)));
    }

    /// Whether a result is "not for you": ruled out by what the applicant is (a district, a
    /// kind of organisation, a level: a choice among categories). A result ruled out only by
    /// conditions it could still meet stays in the list, with what it lacks.
    pub fn not_for_you(&self, c: &ProvisionReport) -> bool {
        c.decision == Status::NotEligible
            && c.failed
                .iter()
                .any(|f| self.cat.fact(f).is_some_and(|f| f.kind == FactType::Enum))
    }

    /// Every answer checked by the engine: the profile, and the answers it refused.
    fn read_answers(&self) -> (Profile, BTreeMap<String, ProfileProblem>) {
        let pack = self.cat.pack;
        let mut profile = pack.profile(&BTreeMap::new()).unwrap_or_default();
        let mut problems = BTreeMap::new();
        for (id, answer) in &self.inputs.answers {
            let Some(index) = pack.fact_index(id) else {
                continue;
            };
            let fact = &pack.facts()[index];
            let Some(input) = answer.input(fact.kind) else {
                continue;
            };
            match parse_answer(fact, &input) {
                Ok(v) => profile.set(index, v),
                Err(p) => {
                    problems.insert(id.clone(), p);
                }
            }
        }
        (profile, problems)
    }

    /// Checks every answer, then evaluates the scope's provisions.
    fn evaluate(&mut self) {
        let lang = self.inputs.lang;
        let (profile, problems) = self.read_answers();
        self.problems = Rc::new(problems);

        self.as_of_invalid = false;
        let options = match EvaluateOptions::new(self.as_of(), lang) {
            Ok(o) => o,
            Err(_) => {
                self.as_of_invalid = true;
                match EvaluateOptions::new(&self.today, lang) {
                    Ok(o) => o,
                    Err(e) => {
                        self.eval_error = Some(e.to_string());
                        return;
                    }
                }
            }
        };
        let pack = &self.scope.pack;
        match evaluate(pack, &profile, &options) {
            Ok(mut report) => {
                let mut cards: Vec<Rc<ProvisionReport>> = std::mem::take(&mut report.provisions)
                    .into_iter()
                    .map(Rc::new)
                    .collect();
                let once_designated = self.designated_reports(&profile, &cards, &options);
                // What a designation the answers meet will pay follows the eligible results:
                // it is where they lead (a base's grant), before results that need more
                // answers. Largest amount first among equals (a stable sort keeps the pack's
                // order).
                cards.sort_by_key(|c| {
                    // (Only results the designation would not rule out are there.)
                    let leads_to = once_designated.contains_key(&c.id);
                    let rank = if leads_to {
                        1
                    } else {
                        2 * status_rank(c.status)
                    };
                    (rank, std::cmp::Reverse(amount_key(c)))
                });
                self.window = Rc::new(self.window_reports(&profile, &report, &cards, lang));
                self.once_designated = Rc::new(once_designated);
                self.affects = Rc::new(affects(&cards));
                self.folded = Rc::new(self.folded_facts(&cards));
                self.report = Rc::new(report);
                self.cards = Rc::new(cards);
                self.eval_error = None;
            }
            Err(e) => {
                self.eval_error = Some(match &e {
                    skillcalc_engine::Error::InvalidProfile { problems }
                        if !problems.is_empty() =>
                    {
                        problems
                            .iter()
                            .map(|p| match lang {
                                Lang::Zh => p.message_zh.clone(),
                                Lang::En => p.message_en.clone(),
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    }
                    _ => e.to_string(),
                });
            }
        }
        self.profile = Rc::new(profile);
    }

    /// The results whose policy is not in force on the chosen date, decided as of the last day
    /// it was in force (or the first, for one not yet in force), unless the answers rule them
    /// out anyway.
    fn window_reports(
        &self,
        profile: &Profile,
        report: &Report,
        cards: &[Rc<ProvisionReport>],
        lang: Lang,
    ) -> BTreeMap<String, Window> {
        let pack = &self.scope.pack;
        let mut out = BTreeMap::new();
        for c in cards
            .iter()
            .filter(|c| c.status == Status::NotInForce && c.decision != Status::NotEligible)
        {
            let Some(policy) = report.policies.iter().find(|p| p.id == c.policy) else {
                continue;
            };
            let date = match policy.in_force {
                InForce::Expired => policy.until.clone(),
                InForce::NotYet => policy.from.clone(),
                InForce::InForce => None,
            };
            let (Some(date), Some(index)) = (date, pack.provision_index(&c.id)) else {
                continue;
            };
            let Ok(options) = EvaluateOptions::new(&date, lang) else {
                continue;
            };
            if let Ok(r) = evaluate_provision(pack, profile, index, &options) {
                out.insert(
                    c.id.clone(),
                    Window {
                        date,
                        report: Rc::new(r),
                    },
                );
            }
        }
        out
    }

    /// For the results that wait on a designation the answers meet (a grant to a recognised
    /// base): what they give once it is granted.
    fn designated_reports(
        &self,
        profile: &Profile,
        cards: &[Rc<ProvisionReport>],
        options: &EvaluateOptions,
    ) -> BTreeMap<String, Rc<ProvisionReport>> {
        let pack = &self.scope.pack;
        let mut granted = profile.clone();
        let mut any = false;
        for c in cards.iter().filter(|c| c.decision == Status::Eligible) {
            let Some(p) = pack.provision(&c.id) else {
                continue;
            };
            if let Some((fact, value)) = &p.grants {
                let value = value.to_value();
                if profile.get(*fact) != Some(&value) {
                    granted.set(*fact, Some(value));
                    any = true;
                }
            }
        }
        let mut out = BTreeMap::new();
        if !any {
            return out;
        }
        let granted_facts: Vec<String> = pack
            .provisions()
            .iter()
            .filter_map(|p| p.grants.as_ref())
            .map(|(f, _)| pack.facts()[*f].id.clone())
            .collect();
        for c in cards.iter().filter(|c| c.decision != Status::Eligible) {
            // Only results that wait on a granted status (as a missing or a failed fact).
            let waits = c
                .missing
                .iter()
                .chain(&c.failed)
                .any(|f| granted_facts.contains(f));
            let Some(index) = pack.provision_index(&c.id).filter(|_| waits) else {
                continue;
            };
            if let Ok(r) = evaluate_provision(pack, &granted, index, options) {
                if r.decision != Status::NotEligible {
                    out.insert(c.id.clone(), Rc::new(r));
                }
            }
        }
        out
    }

    /// Unanswered facts that no open result reads any more: every scope provision that reads
    /// them is ruled out (another district, another kind of organisation).
    fn folded_facts(&self, cards: &[Rc<ProvisionReport>]) -> BTreeSet<usize> {
        let pack = &self.scope.pack;
        let mut live: BTreeSet<usize> = BTreeSet::new();
        for c in cards.iter().filter(|c| c.decision != Status::NotEligible) {
            if let Some(p) = pack.provision(&c.id) {
                live.extend(p.facts.iter().copied());
            }
        }
        self.scope
            .facts
            .iter()
            .copied()
            .filter(|f| !live.contains(f))
            .filter(|f| !self.inputs.answers.contains_key(&pack.facts()[*f].id))
            .collect()
    }

    /// What answer to `fact` keeps result `provision` possible, in words ("是", "不少于 2");
    /// `None` when any answer would do or none would.
    pub fn requirement_line(&self, provision: &str, fact: &str) -> Option<String> {
        let pack = &self.scope.pack;
        let index = pack.provision_index(provision)?;
        let f = pack.fact_index(fact)?;
        let accepts = requirement(pack, index, &self.profile, f);
        skillcalc_engine::describe_requirement(&pack.facts()[f], &accepts, self.inputs.lang)
    }

    /// Yes/no questions of a section that every open result reading them needs answered "yes"
    /// (and that no designation grants): what "I meet all of these" answers.
    pub fn all_yes(&self, facts: &[usize]) -> Vec<String> {
        let pack = &self.scope.pack;
        let granted: Vec<usize> = pack
            .provisions()
            .iter()
            .filter_map(|p| p.grants.as_ref().map(|g| g.0))
            .collect();
        facts
            .iter()
            .copied()
            .filter(|&f| {
                let fact = &pack.facts()[f];
                if fact.kind != FactType::Bool
                    || granted.contains(&f)
                    || self.folded.contains(&f)
                    || self.inputs.answers.contains_key(&fact.id)
                {
                    return false;
                }
                // Results of a document not in force on the chosen date do not count: their
                // conditions are asked one by one (or all at once after a tap on "compute as
                // of that day"), so that one tap never says "yes" to what only an ended
                // document asks (a Lingang location, for an enterprise in Qingpu).
                let mut readers = self
                    .cards
                    .iter()
                    .filter(|c| c.decision != Status::NotEligible)
                    .filter(|c| c.status != Status::NotInForce)
                    .filter_map(|c| pack.provision_index(&c.id))
                    .filter(|&i| pack.provisions()[i].facts.contains(&f))
                    .peekable();
                readers.peek().is_some()
                    && readers.all(|i| {
                        requirement(pack, i, &self.profile, f)
                            == Accepts::Values(vec![FactValue::Bool(true)])
                    })
            })
            .map(|f| pack.facts()[f].id.clone())
            .collect()
    }

    /// The answered questions of the scope, in form order, with the answers as people read
    /// them (for the print summary).
    pub fn answered(&self) -> Vec<(String, String)> {
        let pack = self.cat.pack;
        let lang = self.inputs.lang;
        let mut out = Vec::new();
        for s in self.layout.iter() {
            for &f in &s.facts {
                let fact = &pack.facts()[f];
                let Some(a) = self.inputs.answers.get(&fact.id) else {
                    continue;
                };
                let shown = if a.dont_know {
                    crate::i18n::ui(lang).dont_know.to_string()
                } else if self.problems.contains_key(&fact.id) {
                    format!(
                        "{}{}?{}",
                        a.raw,
                        crate::i18n::ui(lang).open,
                        crate::i18n::ui(lang).close
                    )
                } else {
                    match a.input(fact.kind).map(|i| parse_answer(fact, &i)) {
                        Some(Ok(Some(v))) => skillcalc_engine::describe_value(fact, &v, lang),
                        _ => continue,
                    }
                };
                out.push((fact.label.get(lang).to_string(), shown));
            }
        }
        out
    }
}

/// The most a result can give, in fen, for ordering (none: 0).
fn amount_key(c: &ProvisionReport) -> i128 {
    let Some(a) = &c.amount else { return 0 };
    let m = a.max.as_ref().unwrap_or(&a.min);
    let (yuan, fen) = m.value.split_once('.').unwrap_or((&m.value, "0"));
    yuan.parse::<i128>().unwrap_or(0) * 100 + fen.parse::<i128>().unwrap_or(0)
}

/// A question that would still decide or narrow results (in force or not: the event may have
/// happened while a policy was).
struct OpenQuestion {
    fact: String,
    /// How many results it decides or narrows.
    results: usize,
    /// How useful it is: deciding a result counts twice, narrowing an amount once.
    weight: usize,
}

/// The open questions, most useful first (among equals, in the order the results ask them).
fn open_questions(cards: &[Rc<ProvisionReport>]) -> Vec<OpenQuestion> {
    let mut out: Vec<OpenQuestion> = Vec::new();
    for c in cards.iter().filter(|c| c.decision != Status::NotEligible) {
        let mut seen: Vec<&String> = Vec::new();
        let asked = c.missing.iter().map(|f| (f, 2));
        for (f, weight) in asked.chain(c.amount_missing.iter().map(|f| (f, 1))) {
            let first_in_this_result = !seen.contains(&f);
            seen.push(f);
            match out.iter_mut().find(|q| &q.fact == f) {
                Some(q) => {
                    q.weight += weight;
                    q.results += usize::from(first_in_this_result);
                }
                None => out.push(OpenQuestion {
                    fact: f.clone(),
                    results: 1,
                    weight,
                }),
            }
        }
    }
    out.sort_by_key(|q| std::cmp::Reverse(q.weight));
    out
}

/// The open questions' facts, most useful first: the form's order.
pub(crate) fn question_order(cards: &[Rc<ProvisionReport>]) -> Vec<String> {
    open_questions(cards).into_iter().map(|q| q.fact).collect()
}

/// For each open fact, how many results (in force or not) it would decide or narrow.
fn affects(cards: &[Rc<ProvisionReport>]) -> BTreeMap<String, usize> {
    open_questions(cards)
        .into_iter()
        .map(|q| (q.fact, q.results))
        .collect()
}

fn empty_report() -> Report {
    Report {
        as_of: String::new(),
        lang: Lang::Zh,
        pack: skillcalc_engine::PackInfo {
            name: String::new(),
            version: String::new(),
            embedded: false,
            issuer: None,
            date: None,
        },
        policies: Vec::new(),
        provisions: Vec::new(),
        totals: Vec::new(),
        questions: Vec::new(),
    }
}

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testpack::demo;

    const TODAY: &str = "2024-06-01";

    fn state() -> State {
        State::new(demo(), TODAY, Inputs::default())
    }

    fn input(s: &mut State, fact: &str, raw: &str) {
        s.apply(Action::Input {
            fact: fact.into(),
            raw: raw.into(),
        });
    }

    fn card<'a>(s: &'a State, id: &str) -> &'a ProvisionReport {
        s.cards
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("no card {id}"))
    }

    #[test]
    fn starts_on_the_person_door_with_open_results_and_questions() {
        let s = state();
        assert_eq!(s.inputs.door, Door::Person);
        assert_eq!(s.inputs.lang, Lang::Zh);
        assert!(s
            .cards
            .iter()
            .all(|c| c.audience == skillcalc_engine::Subject::Person));
        assert_eq!(card(&s, "demo.award").status, Status::NeedsInfo);
        assert!(!s.report.questions.is_empty());
        assert_eq!(s.as_of(), TODAY);
        // The first section starts with the most useful question.
        let first = &s.cat.pack.facts()[s.layout[0].facts[0]].id;
        assert_eq!(first, &question_order(&s.cards)[0]);
    }

    #[test]
    fn a_city_prize_of_120000_gives_50000_capped() {
        let mut s = state();
        input(&mut s, "person.local", "true");
        input(&mut s, "person.prize_level", "city");
        input(&mut s, "person.city_award", "120000");
        let c = card(&s, "demo.award");
        assert_eq!(c.status, Status::Eligible);
        let a = c.amount.as_ref().unwrap();
        assert_eq!(a.min.value, "50000.00");
        assert!(
            a.steps.iter().any(|st| st.contains("上限")),
            "{:?}",
            a.steps
        );
        s.apply(Action::SetLang(Lang::En));
        let a = card(&s, "demo.award").amount.clone().unwrap();
        assert!(
            a.steps.iter().any(|st| st.contains("capped at ¥50,000")),
            "{:?}",
            a.steps
        );
        // Eligible first in the list, and the person's total is 50000.
        assert_eq!(s.cards[0].id, "demo.award");
        let t = s
            .report
            .totals
            .iter()
            .find(|t| t.recipient == skillcalc_engine::Subject::Person)
            .unwrap();
        assert_eq!(t.eligible.min.value, "50000.00");
    }

    #[test]
    fn a_bad_answer_keeps_its_text_and_message_and_the_rest_still_evaluates() {
        let mut s = state();
        input(&mut s, "person.local", "true");
        input(&mut s, "person.prize_level", "city");
        input(&mut s, "person.city_award", "12万abc");
        assert_eq!(s.answer("person.city_award").unwrap().raw, "12万abc");
        let p = s.problems.get("person.city_award").expect("a problem");
        assert!(p.message_zh.contains("市级奖励金额"), "{}", p.message_zh);
        assert!(p.message_en.contains("City award"), "{}", p.message_en);
        // The award is decided by the other answers; only its amount stays open.
        let c = card(&s, "demo.award");
        assert_eq!(c.status, Status::Eligible);
        assert!(c.amount_missing.contains(&"person.city_award".to_string()));
        input(&mut s, "person.city_award", "120000");
        assert!(s.problems.is_empty());
        assert_eq!(
            card(&s, "demo.award").amount.as_ref().unwrap().min.value,
            "50000.00"
        );
    }

    #[test]
    fn a_negative_count_is_refused_with_the_engines_message() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        input(&mut s, "org.year", "-3");
        let p = s.problems.get("org.year").expect("a problem");
        assert_eq!(p.code, "negative");
        assert_eq!(s.answer("org.year").unwrap().raw, "-3");
    }

    #[test]
    fn dont_know_is_unknown_and_keeps_the_text() {
        let mut s = state();
        input(&mut s, "person.local", "true");
        input(&mut s, "person.prize_level", "city");
        input(&mut s, "person.city_award", "120000");
        s.apply(Action::DontKnow {
            fact: "person.city_award".into(),
            on: true,
        });
        let c = card(&s, "demo.award");
        assert!(!c.amount.as_ref().unwrap().exact);
        assert_eq!(s.answer("person.city_award").unwrap().raw, "120000");
        s.apply(Action::DontKnow {
            fact: "person.city_award".into(),
            on: false,
        });
        assert!(card(&s, "demo.award").amount.as_ref().unwrap().exact);
        // A choice's "don't know" is the empty option: the answer is gone.
        input(&mut s, "person.prize_level", "");
        assert!(s.answer("person.prize_level").is_none());
        assert_eq!(card(&s, "demo.award").status, Status::NeedsInfo);
    }

    #[test]
    fn a_known_fact_rules_out_and_names_what_is_lacking() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        assert!(s
            .cards
            .iter()
            .all(|c| c.audience == skillcalc_engine::Subject::Organisation));
        input(&mut s, "org.partners", "1");
        let c = card(&s, "demo.college");
        assert_eq!(c.status, Status::NotEligible);
        assert_eq!(c.failed_facts(), vec!["org.partners".to_string()]);
        assert_eq!(s.cards.last().unwrap().status, Status::NotEligible);
    }

    #[test]
    fn sets_toggle_in_registry_order_and_an_empty_set_is_an_answer() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        let toggle = |s: &mut State, v: &str, on: bool| {
            s.apply(Action::Toggle {
                fact: "org.industries".into(),
                value: v.into(),
                on,
            })
        };
        toggle(&mut s, "other", true);
        toggle(&mut s, "software", true);
        assert_eq!(s.answer("org.industries").unwrap().raw, "software,other");
        input(&mut s, "org.partners", "3");
        assert_eq!(
            card(&s, "demo.college").status,
            Status::NotEligible,
            "`other` is excluded"
        );
        toggle(&mut s, "other", false);
        assert_eq!(card(&s, "demo.college").status, Status::Eligible);
        toggle(&mut s, "software", false);
        // Known to be none of them: the `not contains other` condition is met, the advisory one warns.
        assert_eq!(s.answer("org.industries").unwrap().raw, "");
        let c = card(&s, "demo.college");
        assert_eq!(c.status, Status::Eligible);
        assert!(!c.warnings.is_empty());
        s.apply(Action::DontKnow {
            fact: "org.industries".into(),
            on: true,
        });
        assert_eq!(card(&s, "demo.college").status, Status::NeedsInfo);
    }

    #[test]
    fn an_earlier_date_sees_a_policy_in_force_and_a_later_one_not() {
        let mut s = state();
        s.apply(Action::SetAsOf("2026-03-01".into()));
        assert_eq!(s.as_of(), "2026-03-01");
        assert!(s.cards.iter().all(|c| c.status == Status::NotInForce));
        assert!(s
            .report
            .policies
            .iter()
            .any(|p| p.until.as_deref() == Some("2025-12-31")));
        s.apply(Action::SetAsOf("2023-05-01".into()));
        assert!(s.cards.iter().all(|c| c.status != Status::NotInForce));
        // Today (or an empty date) is stored as "today".
        s.apply(Action::SetAsOf(TODAY.into()));
        assert_eq!(s.inputs.as_of, None);
        s.apply(Action::SetAsOf("2023-02-30".into()));
        assert!(s.as_of_invalid);
        assert_eq!(s.as_of(), TODAY);
    }

    #[test]
    fn language_switch_rewrites_the_report() {
        let mut s = state();
        let zh = card(&s, "demo.award").title.clone();
        s.apply(Action::SetLang(Lang::En));
        assert_eq!(card(&s, "demo.award").title, "Competition matching award");
        assert_ne!(zh, "Competition matching award");
    }

    #[test]
    fn the_layout_is_fixed_while_answering_and_recomputed_on_a_door_or_goal_change() {
        let mut s = state();
        let before = s.layout.clone();
        input(&mut s, "person.birth_date", "1990-01-01");
        assert!(Rc::ptr_eq(&before, &s.layout));
        s.apply(Action::SetDoor(Door::Org));
        assert!(!Rc::ptr_eq(&before, &s.layout));
        assert!(s
            .layout
            .iter()
            .flat_map(|x| &x.facts)
            .all(|&f| s.cat.pack.facts()[f].id.starts_with("org.")));
        let org = s.layout.clone();
        s.apply(Action::SetGoals(vec!["money".into()]));
        assert!(!Rc::ptr_eq(&org, &s.layout));
    }

    #[test]
    fn clear_forgets_answers_and_date_but_not_door_goals_or_language() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        s.apply(Action::SetLang(Lang::En));
        s.apply(Action::SetGoals(vec!["college".into()]));
        s.apply(Action::SetAsOf("2023-01-01".into()));
        input(&mut s, "org.partners", "1");
        let before = s.inputs.clone();
        let rev = s.revision;
        s.apply(Action::Clear);
        assert!(s.revision > rev);
        assert!(s.inputs.answers.is_empty());
        assert_eq!(s.inputs.as_of, None);
        assert_eq!(s.inputs.goals, ["college"]);
        assert_eq!((s.inputs.door, s.inputs.lang), (Door::Org, Lang::En));
        // Undo is a restore of what was there.
        s.apply(Action::Restore(before.clone()));
        assert_eq!(s.inputs, before);
        assert_eq!(card(&s, "demo.college").status, Status::NotEligible);
    }

    #[test]
    fn affects_counts_open_results_per_question_and_answered_lists_answers() {
        let mut s = state();
        assert!(s.affects.get("person.local").copied().unwrap_or(0) >= 1);
        input(&mut s, "person.local", "true");
        input(&mut s, "person.city_award", "120000");
        assert!(!s.affects.contains_key("person.local"));
        let answered = s.answered();
        assert!(
            answered
                .iter()
                .any(|(l, v)| l == "代表本区参赛" && v == "是"),
            "{answered:?}"
        );
        assert!(answered.iter().any(|(_, v)| v == "12万元"), "{answered:?}");
    }

    #[test]
    fn goals_narrow_the_results_and_the_questions() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        assert!(!s.goals_chosen(), "a door starts by asking for goals");
        assert_eq!(s.cards.len(), 7, "until then: everything of the door");
        s.apply(Action::SetGoals(vec!["money".into()]));
        assert!(s.goals_chosen());
        let ids: Vec<&str> = s.cards.iter().map(|c| c.id.as_str()).collect();
        assert!(
            ids.contains(&"demo.training") && ids.contains(&"demo.apprentice") && ids.len() == 2,
            "{ids:?}"
        );
        let asked: Vec<&str> = s
            .layout
            .iter()
            .flat_map(|x| &x.facts)
            .map(|&f| s.cat.pack.facts()[f].id.as_str())
            .collect();
        assert!(!asked.contains(&"org.district"), "{asked:?}");
        // Totals cover the chosen goals only.
        assert_eq!(
            s.report
                .totals
                .iter()
                .map(|t| t.eligible_count + t.needs_info_count)
                .sum::<usize>(),
            2
        );
        // A goal of another door, or an unknown one, is not kept; "all" is everything.
        s.apply(Action::SetGoals(vec!["award".into(), "nope".into()]));
        assert!(s.inputs.goals.is_empty());
        s.apply(Action::SetGoals(vec!["all".into(), "money".into()]));
        assert_eq!(s.inputs.goals, ["all"]);
        assert_eq!(s.cards.len(), 7);
        // A new door asks again.
        s.apply(Action::SetDoor(Door::Person));
        assert!(s.inputs.goals.is_empty());
    }

    #[test]
    fn questions_of_ruled_out_results_fold_away() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        s.apply(Action::SetGoals(vec!["bases".into()]));
        let west = s.cat.pack.fact_index("org.west_staff").unwrap();
        let partners = s.cat.pack.fact_index("org.partners").unwrap();
        assert!(s.folded.is_empty());
        input(&mut s, "org.district", "east");
        assert!(
            s.folded.contains(&west),
            "only the West designation reads it"
        );
        assert!(!s.folded.contains(&partners));
        input(&mut s, "org.district", "west");
        assert!(!s.folded.contains(&west));
        assert!(s.folded.contains(&partners));
        // An answered question never folds away.
        input(&mut s, "org.partners", "5");
        assert!(!s.folded.contains(&partners));
    }

    #[test]
    fn a_grant_that_follows_a_met_designation_says_what_it_pays_once_designated() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        s.apply(Action::SetGoals(vec!["bases".into()]));
        input(&mut s, "org.district", "east");
        input(&mut s, "org.designated", "false");
        assert_eq!(card(&s, "chain.east_grant").status, Status::NotEligible);
        assert!(
            s.once_designated.is_empty(),
            "the designation is not met yet"
        );
        input(&mut s, "org.partners", "3");
        assert_eq!(card(&s, "chain.east_designation").status, Status::Eligible);
        let after = s
            .once_designated
            .get("chain.east_grant")
            .expect("once designated");
        assert_eq!(after.status, Status::Eligible);
        assert_eq!(after.amount.as_ref().unwrap().min.value, "200000.00");
        // Already designated: nothing to add.
        input(&mut s, "org.designated", "true");
        assert!(s.once_designated.is_empty());
        assert_eq!(card(&s, "chain.east_grant").status, Status::Eligible);
    }

    /// Where a designation the answers meet leads comes right after the eligible results,
    /// before results that need more answers, however large their amounts.
    #[test]
    fn a_grant_once_designated_follows_the_eligible_results() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        s.apply(Action::SetGoals(vec!["all".into()]));
        input(&mut s, "org.district", "east");
        input(&mut s, "org.partners", "3");
        assert_eq!(card(&s, "chain.east_designation").status, Status::Eligible);
        assert_eq!(card(&s, "chain.east_grant").status, Status::NeedsInfo);
        let ids: Vec<&str> = s.cards.iter().map(|c| c.id.as_str()).collect();
        let at = |id: &str| ids.iter().position(|x| *x == id).expect("a card");
        let eligible = (s.cards.iter())
            .take_while(|c| c.status == Status::Eligible)
            .count();
        assert_eq!(at("chain.east_grant"), eligible, "{ids:?}");
        // Up to 1,000,000 once its trainees are known, and still after the grant.
        assert_eq!(card(&s, "demo.training").status, Status::NeedsInfo);
        assert!(at("chain.east_grant") < at("demo.training"), "{ids:?}");
    }

    #[test]
    fn a_result_of_an_expired_policy_is_also_decided_as_of_its_last_day() {
        let mut s = state();
        s.apply(Action::SetAsOf("2026-03-01".into()));
        input(&mut s, "person.local", "true");
        input(&mut s, "person.prize_level", "city");
        input(&mut s, "person.city_award", "60000");
        let c = card(&s, "demo.award");
        assert_eq!(
            (c.status, c.decision),
            (Status::NotInForce, Status::Eligible)
        );
        let w = s.window.get("demo.award").expect("a window reading");
        assert_eq!(w.date, "2025-12-31");
        assert_eq!(w.report.status, Status::Eligible);
        assert_eq!(w.report.amount.as_ref().unwrap().min.value, "30000.00");
        // One tap: the results as of that day.
        s.apply(Action::SetAsOf(w.date.clone()));
        assert_eq!(card(&s, "demo.award").status, Status::Eligible);
        assert!(s.window.is_empty());
        // A result the answers rule out gets no window reading.
        s.apply(Action::SetAsOf("2026-03-01".into()));
        input(&mut s, "person.local", "false");
        assert!(!s.window.contains_key("demo.award"));
    }

    #[test]
    fn requirement_lines_read_negations_and_alternatives() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        s.apply(Action::SetGoals(vec!["college".into()]));
        // demo.college: partners at least 2, and industries must not include "other".
        assert_eq!(
            s.requirement_line("demo.college", "org.partners")
                .as_deref(),
            Some("不少于 2")
        );
        assert_eq!(
            s.requirement_line("demo.college", "org.industries")
                .as_deref(),
            Some("不包括其他")
        );
        // demo.grant: any of partners ≥ 5, industries include software: alone, neither is required.
        assert_eq!(s.requirement_line("demo.grant", "org.partners"), None);
        input(&mut s, "org.industries", "finance");
        assert_eq!(
            s.requirement_line("demo.grant", "org.partners").as_deref(),
            Some("不少于 5")
        );
        s.apply(Action::SetLang(Lang::En));
        assert_eq!(
            s.requirement_line("demo.grant", "org.partners").as_deref(),
            Some("at least 5")
        );
    }

    #[test]
    fn all_yes_answers_only_what_every_open_result_needs_yes() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        s.apply(Action::SetGoals(vec!["bases".into()]));
        let f = |id: &str| s.cat.pack.fact_index(id).unwrap();
        let facts = vec![f("org.west_staff"), f("org.designated"), f("org.partners")];
        // org.designated is what a designation grants: never "yes" by a shortcut.
        assert_eq!(s.all_yes(&facts), vec!["org.west_staff".to_string()]);
        // Before the document came into force, what only it asks is not answered by the tap.
        s.apply(Action::SetAsOf("2022-06-01".into()));
        assert_eq!(
            card(&s, "chain.west_designation").status,
            Status::NotInForce
        );
        assert!(s.all_yes(&facts).is_empty(), "{:?}", s.all_yes(&facts));
        s.apply(Action::SetAsOf(TODAY.into()));
        assert_eq!(s.all_yes(&facts), vec!["org.west_staff".to_string()]);
        input(&mut s, "org.district", "east");
        assert!(
            s.all_yes(&facts).is_empty(),
            "the West condition folded away"
        );
        s.apply(Action::InputMany(vec![
            ("org.partners".into(), "4".into()),
            ("org.designated".into(), "true".into()),
        ]));
        assert_eq!(card(&s, "chain.east_grant").status, Status::Eligible);
    }

    #[test]
    fn the_embedded_catalog_evaluates_every_door_empty_and_with_every_question_unknown() {
        let pack = skillcalc_catalog::pack().expect("embedded pack");
        let cat: &'static Catalog = Box::leak(Box::new(Catalog::new(pack)));
        let mut cases: Vec<(Door, Vec<String>)> =
            Door::ALL.iter().map(|&d| (d, Vec::new())).collect();
        for d in Door::ALL {
            cases.extend(cat.goals(d).iter().map(|g| (d, vec![g.id.clone()])));
        }
        for (d, goals) in cases {
            let s = State::new(
                cat,
                "2025-06-01",
                Inputs {
                    door: d,
                    goals,
                    ..Inputs::default()
                },
            );
            assert!(s.eval_error.is_none(), "{:?}", s.eval_error);
            assert!(!s.cards.is_empty());
            // Every question the report asks is a field of the form.
            let asked: Vec<&str> = s
                .layout
                .iter()
                .flat_map(|x| &x.facts)
                .map(|&f| pack.facts()[f].id.as_str())
                .collect();
            for q in &s.report.questions {
                assert!(
                    asked.contains(&q.as_str()),
                    "{q} is not in the {d:?} {:?} form",
                    s.inputs.goals
                );
            }
        }
    }
}
