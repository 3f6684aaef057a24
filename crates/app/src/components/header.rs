use super::use_ctx;
use crate::form::Door;
use crate::i18n::ui;
use crate::state::Action;
use crate::web;
use skillcalc_engine::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub door: Door,
    pub as_of: String,
    /// The user picked a date (not today).
    pub custom_date: bool,
    pub as_of_invalid: bool,
    pub today: AttrValue,
    pub share_link: String,
}

/// Title, language switch, the two doors, the as-of date and the tools (share, print, clear).
#[function_component(Header)]
pub fn header(p: &HeaderProps) -> Html {
    let ctx = use_ctx();
    let u = ui(ctx.lang);
    // Share panel: hidden until asked; then the link, kept current while answers change.
    let share_open = use_state(|| false);
    let status = use_state(String::new);

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
    let on_share = {
        let open = share_open.clone();
        let status = status.clone();
        let link = p.share_link.clone();
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            web::copy_text(&link);
            open.set(true);
            status.set(u.share_ready.to_string());
            // Put the link in the user's hands (selected, ready to copy on any device).
            let c = ctx.clone();
            yew::platform::spawn_local(async move {
                c.focus("#share-link");
                if let Some(root) = c.root.cast::<web_sys::Element>() {
                    if let Ok(Some(el)) = root.query_selector("#share-link") {
                        if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(el) {
                            input.select();
                        }
                    }
                }
            });
        })
    };
    let on_print = Callback::from(|_: MouseEvent| web::print());
    let on_clear = {
        let d = ctx.dispatch.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Clear);
            status.set(u.cleared.to_string());
        })
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
            <div class="asof no-print">
                <label for="as-of">{ u.as_of }</label>
                <div class="row">
                    <input type="date" id="as-of" value={p.as_of.clone()} min="2000-01-01" max="2100-12-31"
                        aria-describedby="as-of-help" onchange={on_date} />
                    if p.custom_date {
                        <button type="button" class="btn small" id="as-of-today" onclick={on_today}>{ u.as_of_today }</button>
                    }
                </div>
                <p class="help" id="as-of-help">{ u.as_of_help }</p>
                if p.as_of_invalid {
                    <p class="error" role="alert">{ u.as_of_invalid }</p>
                }
            </div>
            <div class="tools no-print">
                <button type="button" class="btn" id="share" onclick={on_share}
                    aria-expanded={if *share_open { "true" } else { "false" }}
                    aria-controls={share_open.then_some("share-panel")}>{ u.share }</button>
                <button type="button" class="btn" id="print" onclick={on_print}>{ u.print }</button>
                <button type="button" class="btn" id="clear" onclick={on_clear}>{ u.clear }</button>
            </div>
            if *share_open {
                <div class="share no-print" id="share-panel">
                    <label for="share-link">{ u.share_link }</label>
                    <input type="text" id="share-link" readonly=true value={p.share_link.clone()} />
                </div>
            }
            <p class="status no-print" id="status" role="status">{ (*status).clone() }</p>
        </header>
    }
}
