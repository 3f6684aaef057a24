//! The app's state: what the user entered (`Inputs`), and what follows from it (the engine's
//! report, per-question problems, the form's layout). Pure: every change is an `Action` applied
//! by `State::apply`, with no browser involved, so it is unit-tested natively. On wasm the same
//! function is Yew's `Reducible::reduce`.
//!
//! What the user typed is never lost: an answer the engine rejects keeps its text and its
//! message (zh and en), counts as unknown, and the other answers still evaluate.

use crate::form::{layout, Catalog, Door, Section};
use skillcalc_engine::{
    evaluate, parse_answer, EvaluateOptions, FactType, InputValue, Lang, ProfileProblem,
    ProvisionReport, Report, Status,
};
use std::collections::BTreeMap;
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
}

/// Everything the user chose: what a share link and local storage hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub door: Door,
    pub lang: Lang,
    /// `None`: today.
    pub as_of: Option<String>,
    /// By fact id. A missing fact is unknown.
    pub answers: BTreeMap<String, Answer>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetDoor(Door),
    SetLang(Lang),
    /// A date `YYYY-MM-DD`; empty for today.
    SetAsOf(String),
    /// The new content of a field (text, number, date, a chosen option, `true`/`false`; empty
    /// for "don't know" in a choice).
    Input {
        fact: String,
        raw: String,
    },
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
    /// Forget every answer and the as-of date (door and language stay).
    Clear,
    /// Replace everything (a share link, local storage).
    Restore(Inputs),
}

/// Status order of the result list: what the user gets first, then what is still open.
pub fn status_rank(s: Status) -> u8 {
    match s {
        Status::Eligible => 0,
        Status::NeedsInfo => 1,
        Status::NotEligible => 2,
        Status::NotInForce => 3,
    }
}

#[derive(Clone)]
pub struct State {
    pub cat: &'static Catalog,
    /// Today's date, `YYYY-MM-DD` (from the browser's clock; fixed in tests).
    pub today: String,
    pub inputs: Inputs,
    /// The form for the current door. Computed when the door is entered (or the answers are
    /// restored or cleared), not on every keystroke, so fields never move under the user.
    pub layout: Rc<Vec<Section>>,
    /// The report of the current door, without its provisions (they are in `cards`).
    pub report: Rc<Report>,
    /// The door's provisions, eligible first, then needs info, not eligible, not in force.
    pub cards: Rc<Vec<Rc<ProvisionReport>>>,
    /// Answers the engine rejected, by fact id: shown next to the field, treated as unknown.
    pub problems: Rc<BTreeMap<String, ProfileProblem>>,
    /// For each open fact, how many results it would decide or narrow.
    pub affects: Rc<BTreeMap<String, usize>>,
    /// The as-of date could not be read; today was used.
    pub as_of_invalid: bool,
    /// The engine refused to evaluate (the previous result stays on screen).
    pub eval_error: Option<String>,
    /// Bumped by every applied action that changed something.
    pub revision: u64,
}

impl State {
    pub fn new(cat: &'static Catalog, today: &str, inputs: Inputs) -> State {
        let mut s = State {
            cat,
            today: today.to_string(),
            inputs,
            layout: Rc::default(),
            report: Rc::new(empty_report()),
            cards: Rc::default(),
            problems: Rc::default(),
            affects: Rc::default(),
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
            Action::Input { fact, raw } => {
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
        self.evaluate();
        if relayout {
            self.relayout();
        }
    }

    fn is_set(&self, fact: &str) -> bool {
        self.cat
            .fact(fact)
            .is_some_and(|f| f.kind == FactType::EnumSet)
    }

    fn relayout(&mut self) {
        self.layout = Rc::new(layout(self.cat, self.inputs.door, &self.report.questions));
    }

    /// Checks every answer, then evaluates the door's provisions.
    fn evaluate(&mut self) {
        let pack = self.cat.pack;
        let lang = self.inputs.lang;
        let mut profile = pack.profile(&BTreeMap::new()).unwrap_or_default();
        let mut problems = BTreeMap::new();
        for (id, answer) in &self.inputs.answers {
            let Some(index) = pack.fact_index(id) else {
                continue;
            };
            let fact = &pack.facts[index];
            if answer.dont_know {
                continue;
            }
            let input = if fact.kind == FactType::EnumSet {
                InputValue::List(
                    answer
                        .items()
                        .into_iter()
                        .map(|s| InputValue::Str(s.to_string()))
                        .collect(),
                )
            } else if answer.raw.trim().is_empty() {
                continue;
            } else {
                InputValue::Str(answer.raw.clone())
            };
            match parse_answer(fact, &input) {
                Ok(v) => profile.set(index, v),
                Err(p) => {
                    problems.insert(id.clone(), p);
                }
            }
        }

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
        let door = self.cat.door(self.inputs.door);
        match evaluate(&door.pack, &profile, &options) {
            Ok(mut report) => {
                let mut cards: Vec<Rc<ProvisionReport>> = std::mem::take(&mut report.provisions)
                    .into_iter()
                    .map(Rc::new)
                    .collect();
                cards.sort_by_key(|c| status_rank(c.status));
                let mut affects: BTreeMap<String, usize> = BTreeMap::new();
                for c in cards.iter().filter(|c| c.status != Status::NotInForce) {
                    let mut seen: Vec<&String> = Vec::new();
                    for f in c.missing.iter().chain(&c.amount_missing) {
                        if !seen.contains(&f) {
                            seen.push(f);
                            *affects.entry(f.clone()).or_default() += 1;
                        }
                    }
                }
                self.report = Rc::new(report);
                self.cards = Rc::new(cards);
                self.affects = Rc::new(affects);
                self.eval_error = None;
            }
            Err(e) => {
                self.eval_error = Some(match &e {
                    skillcalc_engine::Error::InvalidProfile { problems }
                        if !problems.is_empty() =>
                    {
                        problems
                            .iter()
                            .map(|p| {
                                if lang == Lang::Zh {
                                    p.message_zh.clone()
                                } else {
                                    p.message_en.clone()
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    }
                    _ => e.to_string(),
                });
            }
        }
        self.problems = Rc::new(problems);
    }

    /// The answered questions of this door, in form order, with the answers as people read
    /// them (for the print summary).
    pub fn answered(&self) -> Vec<(String, String)> {
        let pack = self.cat.pack;
        let lang = self.inputs.lang;
        let mut out = Vec::new();
        for s in self.layout.iter() {
            for &f in &s.facts {
                let fact = &pack.facts[f];
                let Some(a) = self.inputs.answers.get(&fact.id) else {
                    continue;
                };
                let shown = if a.dont_know {
                    crate::i18n::ui(lang).dont_know.to_string()
                } else if self.problems.contains_key(&fact.id) {
                    format!("{} (?)", a.raw)
                } else {
                    let input = if fact.kind == FactType::EnumSet {
                        InputValue::List(
                            a.items()
                                .into_iter()
                                .map(|s| InputValue::Str(s.to_string()))
                                .collect(),
                        )
                    } else {
                        InputValue::Str(a.raw.clone())
                    };
                    match parse_answer(fact, &input) {
                        Ok(Some(v)) => skillcalc_engine::describe_value(fact, &v, lang),
                        _ => continue,
                    }
                };
                out.push((fact.label.get(lang).to_string(), shown));
            }
        }
        out
    }
}

fn empty_report() -> Report {
    Report {
        as_of: String::new(),
        lang: Lang::Zh,
        pack: skillcalc_engine::PackInfo {
            name: String::new(),
            version: String::new(),
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
        assert!(s.cards.iter().all(|c| c.audience == "person"));
        assert_eq!(card(&s, "demo.award").status, Status::NeedsInfo);
        assert!(!s.report.questions.is_empty());
        assert_eq!(s.as_of(), TODAY);
        // The first section starts with the most useful question.
        let first = &s.cat.pack.facts[s.layout[0].facts[0]].id;
        assert_eq!(first, &s.report.questions[0]);
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
            .find(|t| t.recipient == "person")
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
        assert!(s.cards.iter().all(|c| c.audience == "organisation"));
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
    fn the_layout_is_fixed_while_answering_and_recomputed_on_a_door_change() {
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
            .all(|&f| s.cat.pack.facts[f].id.starts_with("org.")));
    }

    #[test]
    fn clear_forgets_answers_and_date_but_not_door_or_language() {
        let mut s = state();
        s.apply(Action::SetDoor(Door::Org));
        s.apply(Action::SetLang(Lang::En));
        s.apply(Action::SetAsOf("2023-01-01".into()));
        input(&mut s, "org.partners", "1");
        let rev = s.revision;
        s.apply(Action::Clear);
        assert!(s.revision > rev);
        assert!(s.inputs.answers.is_empty());
        assert_eq!(s.inputs.as_of, None);
        assert_eq!((s.inputs.door, s.inputs.lang), (Door::Org, Lang::En));
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
    fn the_embedded_catalog_evaluates_every_door_empty_and_with_every_question_unknown() {
        let pack = skillcalc_catalog::pack().expect("embedded pack");
        let cat: &'static Catalog = Box::leak(Box::new(Catalog::new(pack)));
        for d in Door::ALL {
            let s = State::new(
                cat,
                "2025-06-01",
                Inputs {
                    door: d,
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
                .map(|&f| pack.facts[f].id.as_str())
                .collect();
            for q in &s.report.questions {
                assert!(asked.contains(&q.as_str()), "{q} is not in the {d:?} form");
            }
        }
    }
}
