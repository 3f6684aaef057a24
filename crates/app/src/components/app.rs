use super::goals::Goals;
use super::header::Header;
use super::print::PrintSummary;
use super::questions::Questions;
use super::results::Results;
use super::{Ctx, Snapshot};
use crate::form::Catalog;
use crate::i18n::ui;
use crate::share;
use crate::state::{Action, Inputs, State};
use crate::web;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// The pack it runs: the embedded catalogue, or a published pack the page loaded.
    pub cat: &'static Catalog,
    pub initial: Inputs,
    pub today: AttrValue,
    /// Keep the answers in the URL hash.
    pub hash: bool,
    /// The app owns the page (document language and title).
    pub standalone: bool,
    /// Local storage key; empty: no storage.
    pub storage_key: AttrValue,
    /// Share links start with this URL.
    pub share_base: AttrValue,
    /// What this browser kept, set aside while a share link with other answers is shown.
    #[prop_or_default]
    pub saved: Option<Inputs>,
    /// The page's hash was too long to be a share link, and was not read.
    #[prop_or_default]
    pub hash_too_long: bool,
    /// A published pack the page asked for and did not get: the app runs on the embedded
    /// catalogue instead, and says so.
    #[prop_or_default]
    pub pack_refused: Option<PackRefused>,
}

/// Why a published pack was not loaded (`?pack=`, `mount({ pack })`), in both languages.
#[derive(PartialEq, Clone, Debug)]
pub struct PackRefused {
    pub url: AttrValue,
    pub zh: AttrValue,
    pub en: AttrValue,
}

/// A published pack refused: why, and that the built-in catalogue answers instead.
fn pack_refused_text(lang: skillcalc_engine::Lang, r: &PackRefused, cat: &Catalog) -> String {
    let (name, version) = (cat.pack.name(), cat.pack.version());
    match lang {
        skillcalc_engine::Lang::Zh => format!(
            "{}。计算器改用内置政策目录（{name} {version}）：以下结果不是该规则包给出的。",
            r.zh
        ),
        skillcalc_engine::Lang::En => format!(
            "{}. The calculator runs on the built-in catalogue ({name} {version}) instead: the results below are not that pack's.",
            r.en
        ),
    }
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let initial = props.initial.clone();
        let today = props.today.clone();
        let cat = props.cat;
        use_reducer(move || State::new(cat, &today, initial))
    };
    let root = use_node_ref();
    let lang = state.inputs.lang;
    let u = ui(lang);

    // A share link with other answers than the ones this browser kept: shown as a view; the
    // kept answers stay in storage until the person keeps the link's or goes back to theirs.
    let aside = use_state(|| props.saved.clone());
    // Keep the answers: local storage always (unless turned off or a link is being viewed), the
    // URL hash when asked.
    {
        let key = if aside.is_some() {
            AttrValue::default()
        } else {
            props.storage_key.clone()
        };
        let hash = props.hash;
        use_effect_with(
            (state.inputs.clone(), key),
            move |(inputs, key): &(Inputs, AttrValue)| {
                web::keep(key, hash, share::encode(inputs));
            },
        );
    }
    // A share link followed in this same tab (only the hash changes: no reload). Going Back
    // over an in-page jump changes the hash too, to what it was before the jump: that is not
    // a new link, and the answers given since must stay (`web::on_hashchange` tells them apart).
    // A link followed here is read as one opened anew: its answers shown, the kept ones set
    // aside (never overwritten without the person's word).
    {
        let dispatch = state.dispatcher();
        let hash = props.hash;
        let key = props.storage_key.clone();
        let set_aside = aside.setter();
        let lang = state.inputs.lang;
        let cat = props.cat;
        use_effect_with((), move |_| {
            let stop = hash.then(|| {
                web::on_hashchange(move |h| {
                    // What was kept is what is in storage once the latest answers are written.
                    web::flush();
                    let start =
                        share::start(Some(&h), web::storage_get(&key).as_deref(), lang, cat);
                    if start.hash_too_long {
                        return;
                    }
                    if start.saved.is_some() {
                        set_aside.set(start.saved);
                    }
                    dispatch.dispatch(Action::Restore(start.inputs));
                })
            });
            move || {
                if let Some(stop) = stop {
                    stop()
                }
            }
        });
    }
    {
        let standalone = props.standalone;
        use_effect_with(lang, move |_| {
            if standalone {
                web::set_document_lang(u.html_lang, u.title);
            }
        });
    }
    // The first render holds the header, the goals, the first questions and the results' totals
    // (with the bottom bar's); the rest of the form, the result cards and the print summary
    // follow once that is painted (`full`), so the first result is on screen sooner (a share
    // link at 4x CPU: about 50 ms of the 450 after the wasm arrives). (The first view
    // pre-rendered into index.html is this same first render.) The marks are for
    // scripts/measure-app.mjs: the app's first render done, and painted (the page is usable);
    // the first result on screen, unless the pre-rendered view showed it first.
    let full = use_state(|| false);
    {
        let full = full.setter();
        use_effect_with((), move |_| {
            web::mark("skillcalc:app-rendered");
            web::after_paint(move || {
                web::mark("skillcalc:app-painted");
                web::mark_once("skillcalc:first-result-painted");
                full.set(true);
            });
        });
    }
    // Whether the person is reading the results (they fill the upper half of the screen): the
    // bottom bar then offers the way back to the questions instead of "see results". Watched
    // again once goals are chosen (the bar comes with them).
    let reading_results = use_state_eq(|| false);
    {
        let reading = reading_results.setter();
        let root = root.clone();
        use_effect_with(state.goals_chosen(), move |_| {
            let results = (root.cast::<web_sys::Element>())
                .and_then(|r| r.query_selector("#results").ok().flatten());
            let stop = results.map(|el| web::on_reading(&el, move |now| reading.set(now)));
            move || {
                if let Some(stop) = stop {
                    stop()
                }
            }
        });
    }
    // The bar's button: its id, label, and where it jumps (and what it focuses there).
    let bar_button = if *reading_results {
        ("to-questions", u.edit_answers, "#questions", "#questions")
    } else {
        ("to-results", u.see_results, "#results", "#results-title")
    };
    // Every answer's update, for scripts/measure-app.mjs (the time from input to this render).
    {
        use_effect_with(state.revision, move |_| web::mark("skillcalc:updated"));
    }

    let ctx = Ctx {
        dispatch: state.dispatcher(),
        cat: props.cat,
        lang,
        root: root.clone(),
    };
    let share_link = format!("{}#{}", props.share_base, share::encode(&state.inputs));
    let chosen = state.goals_chosen();
    let snap = Snapshot(std::rc::Rc::new((*state).clone()));
    let bar_total = super::results::headline_total(&snap.0);

    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="sc" lang={u.html_lang} ref={root.clone()} id="skillcalc" data-door={state.inputs.door.as_str()}
                data-goals={state.inputs.goals.join(",")}>
                <Header door={state.inputs.door} />
                if let Some(r) = &props.pack_refused {
                    <p class="notice error" id="pack-refused" role="alert" data-url={r.url.clone()}>
                        { pack_refused_text(lang, r, props.cat) }
                    </p>
                }
                if props.hash_too_long {
                    <p class="notice" id="hash-too-long" role="alert">{ u.hash_too_long }</p>
                }
                if let Some(saved) = (*aside).clone() {
                    <div class="notice link-view no-print" id="link-view" role="status">
                        <p>{ u.link_view }</p>
                        <div class="row">
                            <button type="button" class="btn small" id="link-keep" onclick={
                                let aside = aside.clone();
                                Callback::from(move |_: MouseEvent| aside.set(None))
                            }>{ u.link_keep }</button>
                            <button type="button" class="btn small" id="link-back" onclick={
                                let aside = aside.clone();
                                let d = state.dispatcher();
                                Callback::from(move |_: MouseEvent| {
                                    d.dispatch(Action::Restore(saved.clone()));
                                    aside.set(None);
                                })
                            }>{ u.link_back }</button>
                        </div>
                    </div>
                }
                <div class="layout">
                    <div class="ask">
                        <Goals door={state.inputs.door} chosen={state.inputs.goals.clone()} />
                        if chosen {
                            <Questions state={snap.clone()} full={*full} />
                        }
                    </div>
                    <Results state={snap.clone()} share_link={share_link} full={*full} />
                </div>
                if chosen {
                    <div class="bar no-print">
                        <span class="bar-total">{ bar_total }</span>
                        <button type="button" class="btn small" id={bar_button.0} onclick={
                            let r = root.clone();
                            let (_, _, target, focus) = bar_button;
                            Callback::from(move |_: MouseEvent| {
                                if let Some(el) = r.cast::<web_sys::Element>() { web::jump_to(&el, target, focus); }
                            })
                        }>{ bar_button.1 }</button>
                    </div>
                }
                <footer class="disclaimer" id="disclaimer">
                    <h2 class="h-small">{ u.disclaimer_title }</h2>
                    <p>{ u.disclaimer }</p>
                    <p class="pack-line" id="pack-line" data-embedded={props.cat.pack.is_embedded().to_string()}>
                        { crate::i18n::pack_line(lang, props.cat.pack) }
                    </p>
                </footer>
                if *full {
                    <PrintSummary
                        door={state.inputs.door}
                        as_of={state.as_of().to_string()}
                        answered={state.answered()}
                        cards={state.cards.clone()}
                        report={state.report.clone()}
                    />
                }
            </div>
        </ContextProvider<Ctx>>
    }
}
