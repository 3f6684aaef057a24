use super::use_ctx;
use crate::form::Door;
use crate::i18n::ui;
use crate::state::Action;
use skillcalc_engine::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub door: Door,
}

/// Title, language switch and the two doors: kept short, so the goals and the first question
/// are on a phone's first screen.
#[function_component(Header)]
pub fn header(p: &HeaderProps) -> Html {
    let ctx = use_ctx();
    let u = ui(ctx.lang);
    let switch_lang = {
        let d = ctx.dispatch.clone();
        let to = if ctx.lang == Lang::Zh {
            Lang::En
        } else {
            Lang::Zh
        };
        Callback::from(move |_: MouseEvent| d.dispatch(Action::SetLang(to)))
    };
    let door_radio = |door: Door, label: &str, hint: &str| {
        let d = ctx.dispatch.clone();
        let id = format!("door-{}", door.as_str());
        let hint_id = format!("{id}-hint");
        html! {
            <div class="door">
                <input type="radio" name="skillcalc-door" id={id.clone()} value={door.as_str()}
                    checked={p.door == door} aria-describedby={hint_id.clone()}
                    onchange={Callback::from(move |_: Event| d.dispatch(Action::SetDoor(door)))} />
                <label for={id}>
                    <span class="door-name">{ label.to_string() }</span>
                    <span class="door-hint" id={hint_id}>{ hint.to_string() }</span>
                </label>
            </div>
        }
    };

    html! {
        <header class="top">
            <div class="brand">
                <h1 class="title">{ u.title }</h1>
                <button type="button" id="lang" class="btn lang no-print" lang={u.switch_lang_code}
                    title={u.switch_lang_name} onclick={switch_lang}>{ u.switch_lang }</button>
            </div>
            <p class="subtitle">{ u.subtitle }</p>
            <fieldset class="doors no-print">
                <legend>{ u.door_label }</legend>
                { door_radio(Door::Person, u.door_person, u.door_person_hint) }
                { door_radio(Door::Org, u.door_org, u.door_org_hint) }
            </fieldset>
        </header>
    }
}
