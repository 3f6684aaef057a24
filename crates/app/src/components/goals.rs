//! "What do you want to check?": the goals of the door, from the pack (`goals.toml`), and
//! "not sure: show everything". Before a choice the list is the form's first question; after
//! it, one line says what is being checked, with a button to change it. (`#goals`, each goal a
//! checkbox `#goal-<id>`, "everything" `#goal-all`.)

use super::use_ctx;
use crate::form::{dom_safe, Door};
use crate::i18n::ui;
use crate::state::{Action, ALL_GOALS};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    pub door: Door,
    pub chosen: Vec<String>,
}

#[function_component(Goals)]
pub fn goals(p: &GoalsProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let goals = ctx.cat.goals(p.door);
    // Open while nothing is chosen, or when asked to change; choosing the first goal closes it.
    let editing = use_state(|| false);
    if goals.is_empty() {
        return Html::default();
    }
    let open = p.chosen.is_empty() || *editing;
    let first_choice = p.chosen.is_empty();

    let toggle = |id: String| {
        let d = ctx.dispatch.clone();
        let ctx = ctx.clone();
        let chosen = p.chosen.clone();
        let editing = editing.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut next: Vec<String> = chosen
                .iter()
                .filter(|g| **g != id && g.as_str() != ALL_GOALS)
                .cloned()
                .collect();
            if on {
                if id == ALL_GOALS {
                    next = vec![id.clone()];
                } else {
                    next.push(id.clone());
                }
            }
            d.dispatch(Action::SetGoals(next));
            // The first choice goes straight to its questions; changing keeps the list open.
            // The box chosen goes away with the list: focus the line that replaces it, so a
            // keyboard or screen-reader user keeps their place.
            if first_choice {
                editing.set(false);
                let c = ctx.clone();
                yew::platform::spawn_local(async move { c.focus_here("#goals-title") });
            }
        })
    };
    let item = |id: &str, label: String, hint: Option<String>| {
        let gid = format!("goal-{}", dom_safe(id));
        let checked = p.chosen.iter().any(|g| g == id);
        html! {
            <li class="goal" key={gid.clone()}>
                <input type="checkbox" id={gid.clone()} checked={checked} onchange={toggle(id.to_string())} />
                <label for={gid}>
                    <span class="goal-name">{ label }</span>
                    if let Some(h) = hint { <span class="goal-hint">{ h }</span> }
                </label>
            </li>
        }
    };
    let chosen_names: Vec<String> = p
        .chosen
        .iter()
        .map(|g| {
            if g == ALL_GOALS {
                u.goal_all.to_string()
            } else {
                goals
                    .iter()
                    .find(|x| &x.id == g)
                    .map(|x| x.label.get(lang).to_string())
                    .unwrap_or_default()
            }
        })
        .collect();
    let sep = if lang == skillcalc_engine::Lang::Zh {
        "、"
    } else {
        ", "
    };

    html! {
        <section class="goals no-print" id="goals" aria-labelledby="goals-title">
            if open {
                <fieldset>
                    <legend id="goals-title"><h2>{ u.goals_title }</h2></legend>
                    <p class="help">{ u.goals_help }</p>
                    <ul class="goal-list">
                        { for goals.iter().map(|g| item(&g.id, g.label.get(lang).to_string(), g.hint.as_ref().map(|h| h.get(lang).to_string()))) }
                        { item(ALL_GOALS, u.goal_all.to_string(), Some(u.goal_all_hint.to_string())) }
                    </ul>
                    if !p.chosen.is_empty() {
                        <button type="button" class="btn" id="goals-done" onclick={
                            let editing = editing.clone();
                            Callback::from(move |_: MouseEvent| editing.set(false))
                        }>{ u.goals_done }</button>
                    }
                </fieldset>
            } else {
                <div class="goals-chosen">
                    <h2 id="goals-title" class="h-small" tabindex="-1">{ u.goals_chosen }{ u.colon }
                        <span class="goals-names">{ chosen_names.join(sep) }</span></h2>
                    <button type="button" class="btn small" id="goals-change" onclick={
                        let editing = editing.clone();
                        Callback::from(move |_: MouseEvent| editing.set(true))
                    }>{ u.goals_change }</button>
                </div>
            }
        </section>
    }
}
