//! The form: the questions that decide open results first (a short list of links), then every
//! question of the door grouped by fact group. Each field's control is found by a stable id:
//! `#q-<fact id, dots as hyphens>` (a fieldset for yes/no and sets, whose options are
//! `#q-…-yes`, `#q-…-no`, `#q-…-unknown`, `#q-…-<option id>`), inside `#field-…`.

use super::{use_ctx, Snapshot};
use crate::form::{dom_safe, field_id, group_label};
use crate::i18n::{fill, ui};
use crate::state::{Action, Answer, State, ALL_GOALS};
use skillcalc_engine::{FactType, Lang, ProfileProblem};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The first render holds whole sections up to about this many questions (a phone's first
/// screens); the rest follows right after the first paint.
const FIRST_FIELDS: usize = 8;

/// "I meet all of these" is offered for this many yes/no conditions or more.
const ALL_YES_AT_LEAST: usize = 3;

#[derive(Properties, PartialEq)]
pub struct QuestionsProps {
    pub state: Snapshot,
    /// Render every section (false: only the first ones, for the first paint).
    pub full: bool,
}

/// The label of the date field: the event of the chosen goals ("获奖日期") when they share
/// one, else a general one.
pub fn event_label(s: &State, lang: Lang) -> String {
    let goals = s.cat.goals(s.inputs.door);
    let events: Vec<&str> = goals
        .iter()
        .filter(|g| s.inputs.goals.iter().any(|c| c == &g.id))
        .filter(|_| !s.inputs.goals.iter().any(|c| c == ALL_GOALS))
        .map(|g| g.event.as_ref().map_or("", |e| e.get(lang)))
        .collect();
    match events.first() {
        Some(first) if !first.is_empty() && events.iter().all(|e| e == first) => first.to_string(),
        _ => ui(lang).event_generic.to_string(),
    }
}

#[function_component(Questions)]
pub fn questions(p: &QuestionsProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let s = &p.state.0;
    let pack = ctx.cat.pack;
    let show_folded = use_state(|| false);

    let on_date = {
        let d = ctx.dispatch.clone();
        Callback::from(move |e: Event| {
            let el = e.target_unchecked_into::<HtmlInputElement>();
            if el.value().is_empty() && el.validity().bad_input() {
                return;
            }
            d.dispatch(Action::SetAsOf(el.value()));
        })
    };
    let on_today = {
        let d = ctx.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetAsOf(String::new())))
    };
    let folded_count = s.folded.len();

    html! {
        <section class="questions" id="questions" aria-labelledby="questions-title" tabindex="-1">
            <h2 id="questions-title" class="sr">{ u.questions }</h2>
            <div class="field asof" id="field-as-of">
                <label for="as-of">{ event_label(s, lang) }</label>
                <div class="row">
                    <input type="date" id="as-of" value={s.as_of().to_string()} min="2000-01-01" max="2100-12-31"
                        aria-describedby="as-of-help" onchange={on_date} />
                    if s.inputs.as_of.is_some() {
                        <button type="button" class="btn small" id="as-of-today" onclick={on_today}>{ u.as_of_today }</button>
                    }
                </div>
                <p class="help" id="as-of-help">{ u.event_help }</p>
                if s.as_of_invalid {
                    <p class="error" role="alert">{ u.as_of_invalid }</p>
                }
            </div>
            { for s.layout.iter().scan(0usize, |shown, sec| {
                let first = *shown < FIRST_FIELDS;
                *shown += sec.facts.len();
                Some((first, sec))
            }).filter(|(first, _)| p.full || *first).map(|(_, sec)| {
                // Folded questions stay in the page, hidden: showing or hiding one is an attribute,
                // not a rebuilt field (an answer that folds many is then cheap on a phone).
                let hidden = |f: &usize| !*show_folded && s.folded.contains(f);
                let visible: Vec<usize> = sec.facts.iter().copied().filter(|f| !hidden(f)).collect();
                let title = group_label(pack, &sec.group, lang).unwrap_or_else(|| u.other_group.to_string());
                let gid = format!("g-{}", if sec.group.is_empty() { "other".to_string() } else { dom_safe(&sec.group) });
                let yes = s.all_yes(&visible);
                html! {
                    <section class="group" key={gid.clone()} id={gid.clone()} aria-labelledby={format!("{gid}-title")} hidden={visible.is_empty()}>
                        <h3 id={format!("{gid}-title")}>{ title }</h3>
                        if yes.len() >= ALL_YES_AT_LEAST {
                            <button type="button" class="btn all-yes" id={format!("{gid}-all-yes")} onclick={
                                let d = ctx.dispatch.clone();
                                let pairs: Vec<(String, String)> = yes.iter().map(|f| (f.clone(), "true".to_string())).collect();
                                Callback::from(move |_: MouseEvent| d.dispatch(Action::InputMany(pairs.clone())))
                            }>{ fill(u.all_yes, &yes.len().to_string()) }</button>
                        }
                        { for sec.facts.iter().map(|&f| {
                            let id = &pack.facts()[f].id;
                            html! {
                                <Field key={id.clone()} fact={f} folded={hidden(&f)}
                                    answer={s.inputs.answers.get(id).cloned()}
                                    problem={s.problems.get(id).cloned()}
                                    affects={s.affects.get(id).copied().unwrap_or(0)} />
                            }
                        }) }
                    </section>
                }
            }) }
            if folded_count > 0 {
                <p class="folded help" id="folded">
                    { fill(u.folded, &folded_count.to_string()) }{ " " }
                    <button type="button" class="link" id="show-folded" aria-expanded={if *show_folded { "true" } else { "false" }} onclick={
                        let f = show_folded.clone();
                        Callback::from(move |_: MouseEvent| f.set(!*f))
                    }>{ if *show_folded { u.hide_folded } else { u.show_folded } }</button>
                </p>
            }
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
    /// Only ruled-out results read it: hidden.
    pub folded: bool,
}

/// One question, its control chosen by the fact's type; "don't know" always possible.
#[function_component(Field)]
pub fn field(p: &FieldProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let f = &ctx.cat.pack.facts()[p.fact];
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
    // The help text waits behind a "?" (most people need none, and a wall of hints is what
    // makes a phone form long); the control stays described by it for screen readers.
    let help_open = use_state(|| false);
    let help_button = if help.is_some() {
        let open = help_open.clone();
        html! {
            <button type="button" class="help-toggle" id={format!("{id}-help-toggle")}
                aria-expanded={if *help_open { "true" } else { "false" }} aria-controls={help_id.clone()}
                aria-label={u.help_label} title={u.help_label}
                onclick={Callback::from(move |_: MouseEvent| open.set(!*open))}>{ "?" }</button>
        }
    } else {
        Html::default()
    };
    let help_html =
        help.map(|h| html! { <p class="help" id={help_id.clone()} hidden={!*help_open}>{ h }</p> });
    let error_html = shown_problem.map(|pr| {
        let msg = if lang == Lang::Zh {
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
                    <span class="seg">
                        <input type="radio" name={id.clone()} id={rid.clone()} value={value} checked={checked}
                            onchange={Callback::from(move |_: Event| input(value.to_string()))} />
                        <label for={rid}>{ text }</label>
                    </span>
                }
            };
            html! {
                <fieldset id={id.clone()} class="choices" aria-describedby={described.clone()} aria-invalid={invalid}>
                    <legend><span class="qtext">{ label.clone() }{ " " }{ badge.clone() }</span>{ help_button.clone() }</legend>
                    <div class="segs">
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
                    <div class="qhead"><label for={id.clone()}>{ label.clone() }{ " " }{ badge.clone() }</label>{ help_button.clone() }</div>
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
                    <legend><span class="qtext">{ label.clone() }{ " " }{ badge.clone() }</span>{ help_button.clone() }</legend>
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
                    <div class="qhead"><label for={id.clone()}>{ label.clone() }{ " " }{ badge.clone() }</label>{ help_button.clone() }</div>
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
            id={format!("field-{}", dom_safe(&f.id))} data-fact={f.id.clone()} hidden={p.folded}>
            { control }
            { help_html.unwrap_or_default() }
            { error_html.unwrap_or_default() }
        </div>
    }
}
