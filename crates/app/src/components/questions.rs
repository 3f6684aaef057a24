//! The form: the questions that decide open results first (a short list of links), then every
//! question of the door grouped by fact group. Each field's control is found by a stable id:
//! `#q-<fact id, dots as hyphens>` (a fieldset for yes/no and sets, whose options are
//! `#q-…-yes`, `#q-…-no`, `#q-…-unknown`, `#q-…-<option id>`), inside `#field-…`.

use super::use_ctx;
use crate::form::{dom_safe, field_id, group_label, Section};
use crate::i18n::{fill, ui};
use crate::state::{Action, Answer};
use crate::web::catalog;
use skillcalc_engine::{FactType, ProfileProblem};
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// How many of the report's questions the "decide open results" list shows.
const NEXT: usize = 5;

/// The first render holds whole sections up to about this many questions (a phone's first
/// screens); the rest follows right after the first paint.
const FIRST_FIELDS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct QuestionsProps {
    pub layout: Rc<Vec<Section>>,
    pub answers: BTreeMap<String, Answer>,
    pub problems: Rc<BTreeMap<String, ProfileProblem>>,
    pub affects: Rc<BTreeMap<String, usize>>,
    pub questions: Vec<String>,
    /// Render every section (false: only the first ones, for the first paint).
    pub full: bool,
}

#[function_component(Questions)]
pub fn questions(p: &QuestionsProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let pack = catalog().pack;

    let next: Vec<Html> = p
        .questions
        .iter()
        .take(NEXT)
        .filter_map(|id| pack.fact(id))
        .map(|f| {
            let c = ctx.clone();
            let id = f.id.clone();
            let n = p.affects.get(&f.id).copied().unwrap_or(0);
            html! {
                <li key={f.id.clone()}>
                    <button type="button" class="link" id={format!("next-{}", dom_safe(&f.id))}
                        onclick={Callback::from(move |_: MouseEvent| c.focus_question(&id))}>
                        { f.label.get(lang).to_string() }
                    </button>
                    if n > 0 { <span class="affects">{ fill(u.affects, &n.to_string()) }</span> }
                </li>
            }
        })
        .collect();

    html! {
        <section class="questions" aria-labelledby="questions-title">
            <h2 id="questions-title">{ u.questions }</h2>
            <p class="help">{ u.questions_help }</p>
            <nav class="next no-print" aria-labelledby="next-title">
                <h3 id="next-title" class="h-small">{ u.next_questions }</h3>
                if next.is_empty() {
                    <p class="help" id="next-none">{ u.next_questions_none }</p>
                } else {
                    <ol id="next-questions">{ for next }</ol>
                }
            </nav>
            { for p.layout.iter().scan(0usize, |shown, s| {
                let first = *shown < FIRST_FIELDS;
                *shown += s.facts.len();
                Some((first, s))
            }).filter(|(first, _)| p.full || *first).map(|(_, s)| {
                let title = group_label(pack, &s.group, lang).unwrap_or_else(|| u.other_group.to_string());
                let gid = format!("g-{}", if s.group.is_empty() { "other".to_string() } else { dom_safe(&s.group) });
                html! {
                    <section class="group" key={gid.clone()} id={gid.clone()} aria-labelledby={format!("{gid}-title")}>
                        <h3 id={format!("{gid}-title")}>{ title }</h3>
                        { for s.facts.iter().map(|&f| {
                            let id = &pack.facts[f].id;
                            html! {
                                <Field key={id.clone()} fact={f}
                                    answer={p.answers.get(id).cloned()}
                                    problem={p.problems.get(id).cloned()}
                                    affects={p.affects.get(id).copied().unwrap_or(0)} />
                            }
                        }) }
                    </section>
                }
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// Index of the fact in the pack's registry.
    pub fact: usize,
    pub answer: Option<Answer>,
    pub problem: Option<ProfileProblem>,
    /// How many open results this question decides or narrows.
    pub affects: usize,
}

/// One question, its control chosen by the fact's type; "don't know" always possible.
#[function_component(Field)]
pub fn field(p: &FieldProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let f = &catalog().pack.facts[p.fact];
    let id = field_id(&f.id);
    let raw = p.answer.as_ref().map(|a| a.raw.clone()).unwrap_or_default();
    let dont_know = p.answer.as_ref().is_some_and(|a| a.dont_know);
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-error");
    let help = f
        .help
        .as_ref()
        .map(|h| h.get(lang).to_string())
        .filter(|h| !h.trim().is_empty());
    let shown_problem = p.problem.as_ref().filter(|_| !dont_know);
    let described: Vec<&str> = [
        help.as_ref().map(|_| help_id.as_str()),
        shown_problem.map(|_| err_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = shown_problem.is_some().then_some("true");
    let label = f.label.get(lang).to_string();
    let select_ref = use_node_ref();
    {
        // A <select> follows the state (restore, clear) even after the user touched it.
        let r = select_ref.clone();
        use_effect_with(raw.clone(), move |raw| {
            if let Some(s) = r.cast::<HtmlSelectElement>() {
                if s.value() != *raw {
                    s.set_value(raw);
                }
            }
        });
    }

    let fact_id = f.id.clone();
    let input = {
        let d = ctx.dispatch.clone();
        let fact = fact_id.clone();
        move |raw: String| {
            d.dispatch(Action::Input {
                fact: fact.clone(),
                raw,
            })
        }
    };
    // Optional parts are always a node (an empty one when absent), never `{ Option }`: an absent
    // Option adds no child, so the field's child count changes when an error or a badge comes or
    // goes, and Yew's unkeyed diff (aligned from the end) then rebuilds the control, taking the
    // focus away from a user who is typing (found by typing key by key in Firefox and WebKit;
    // Playwright's one-shot fill() hid it).
    let badge = if p.affects > 0 {
        html! { <span class="affects">{ fill(u.affects, &p.affects.to_string()) }</span> }
    } else {
        Html::default()
    };
    let help_html = help.map(|h| html! { <p class="help" id={help_id.clone()}>{ h }</p> });
    let error_html = shown_problem.map(|pr| {
        let msg = if lang == skillcalc_engine::Lang::Zh {
            &pr.message_zh
        } else {
            &pr.message_en
        };
        html! { <p class="error" id={err_id.clone()}>{ msg.clone() }</p> }
    });
    let dont_know_box = |on: bool| {
        let d = ctx.dispatch.clone();
        let fact = fact_id.clone();
        let bid = format!("{id}-unknown");
        html! {
            <span class="dk">
                <input type="checkbox" id={bid.clone()} checked={on}
                    onchange={Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        d.dispatch(Action::DontKnow { fact: fact.clone(), on });
                    })} />
                <label for={bid}>{ u.dont_know }</label>
            </span>
        }
    };

    let control = match f.kind {
        FactType::Bool => {
            let radio = |value: &'static str, text: &'static str, checked: bool| {
                let rid = format!(
                    "{id}-{}",
                    match value {
                        "true" => "yes",
                        "false" => "no",
                        _ => "unknown",
                    }
                );
                let input = input.clone();
                html! {
                    <span class="choice">
                        <input type="radio" name={id.clone()} id={rid.clone()} value={value} checked={checked}
                            onchange={Callback::from(move |_: Event| input(value.to_string()))} />
                        <label for={rid}>{ text }</label>
                    </span>
                }
            };
            html! {
                <fieldset id={id.clone()} class="choices" aria-describedby={described.clone()} aria-invalid={invalid}>
                    <legend>{ label.clone() }</legend>
                    { badge.clone() }
                    <div class="row">
                        { radio("true", u.yes, raw == "true") }
                        { radio("false", u.no, raw == "false") }
                        { radio("", u.dont_know, raw != "true" && raw != "false") }
                    </div>
                </fieldset>
            }
        }
        FactType::Enum => {
            let input = input.clone();
            html! {
                <>
                    <label for={id.clone()}>{ label.clone() }</label>
                    { badge.clone() }
                    <select id={id.clone()} ref={select_ref} aria-describedby={described.clone()} aria-invalid={invalid}
                        onchange={Callback::from(move |e: Event| input(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                        <option value="" selected={raw.is_empty()}>{ u.choose_dont_know }</option>
                        { for f.values.iter().map(|v| html! {
                            <option value={v.id.clone()} selected={raw == v.id}>{ v.label.get(lang).to_string() }</option>
                        }) }
                    </select>
                </>
            }
        }
        FactType::EnumSet => {
            let chosen: Vec<&str> = p.answer.as_ref().map(|a| a.items()).unwrap_or_default();
            let unknown = p.answer.is_none() || dont_know;
            html! {
                <fieldset id={id.clone()} class="choices" aria-describedby={described.clone()} aria-invalid={invalid}>
                    <legend>{ label.clone() }</legend>
                    { badge.clone() }
                    <div class="col">
                        { for f.values.iter().map(|v| {
                            let d = ctx.dispatch.clone();
                            let fact = fact_id.clone();
                            let value = v.id.clone();
                            let bid = format!("{id}-{}", dom_safe(&v.id));
                            html! {
                                <span class="choice">
                                    <input type="checkbox" id={bid.clone()} checked={!unknown && chosen.contains(&v.id.as_str())}
                                        onchange={Callback::from(move |e: Event| {
                                            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                            d.dispatch(Action::Toggle { fact: fact.clone(), value: value.clone(), on });
                                        })} />
                                    <label for={bid}>{ v.label.get(lang).to_string() }</label>
                                </span>
                            }
                        }) }
                        { dont_know_box(unknown) }
                    </div>
                </fieldset>
            }
        }
        kind => {
            let (ty, mode, unit) = match kind {
                FactType::Int => ("text", Some("numeric"), None),
                FactType::Money => ("text", Some("decimal"), Some(u.yuan)),
                FactType::Decimal => ("text", Some("decimal"), None),
                FactType::Date => ("date", None, None),
                _ => ("text", None, None),
            };
            let input = input.clone();
            html! {
                <>
                    <label for={id.clone()}>{ label.clone() }</label>
                    { badge.clone() }
                    <div class={classes!("row", dont_know.then_some("muted"))}>
                        <input type={ty} id={id.clone()} inputmode={mode} value={raw.clone()} autocomplete="off"
                            min={f.min_date.map(|d| d.to_string())} max={f.max_date.map(|d| d.to_string())}
                            aria-describedby={described.clone()} aria-invalid={invalid}
                            oninput={Callback::from(move |e: InputEvent| {
                                let el = e.target_unchecked_into::<HtmlInputElement>();
                                // A date being typed is empty until complete: keep the old answer.
                                if el.value().is_empty() && el.validity().bad_input() {
                                    return;
                                }
                                input(el.value())
                            })} />
                        if let Some(unit) = unit { <span class="unit" aria-hidden="true">{ unit }</span> }
                        { dont_know_box(dont_know) }
                    </div>
                </>
            }
        }
    };

    html! {
        <div class={classes!("field", shown_problem.is_some().then_some("invalid"), (p.affects > 0).then_some("open"))}
            id={format!("field-{}", dom_safe(&f.id))} data-fact={f.id.clone()}>
            { control }
            { help_html.unwrap_or_default() }
            { error_html.unwrap_or_default() }
        </div>
    }
}
