use super::header::Header;
use super::print::PrintSummary;
use super::questions::Questions;
use super::results::Results;
use super::Ctx;
use crate::i18n::ui;
use crate::share;
use crate::state::{Action, Inputs, State};
use crate::web;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
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
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let initial = props.initial.clone();
        let today = props.today.clone();
        use_reducer(move || State::new(web::catalog(), &today, initial))
    };
    let root = use_node_ref();
    let lang = state.inputs.lang;
    let u = ui(lang);

    // Keep the answers: local storage always (unless turned off), the URL hash when asked.
    {
        let key = props.storage_key.clone();
        let hash = props.hash;
        use_effect_with(state.inputs.clone(), move |inputs: &Inputs| {
            let encoded = share::encode(inputs);
            web::storage_set(&key, &encoded);
            if hash {
                web::replace_hash(&encoded);
            }
        });
    }
    // A share link followed in this same tab (only the hash changes: no reload).
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            web::on_hashchange(move |h| {
                if let Some(inputs) = share::decode(&h, web::catalog()) {
                    dispatch.dispatch(Action::Restore(inputs));
                }
            })
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
    // The first render holds the header, the first questions and the results; the rest of the
    // form and the print summary follow once that is painted (`full`), so the first result is on
    // screen sooner. (The first view pre-rendered into index.html is this same first render.)
    // The marks are for scripts/measure-app.mjs: the app's first render done, and painted (the
    // page is usable); the first result on screen, unless the pre-rendered view showed it first.
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

    let ctx = Ctx {
        dispatch: state.dispatcher(),
        lang,
        root: root.clone(),
    };
    let share_link = format!("{}#{}", props.share_base, share::encode(&state.inputs));
    let eligible_total = state
        .report
        .totals
        .iter()
        .find(|t| t.recipient == state.inputs.door.subject_str())
        .or_else(|| state.report.totals.first())
        .map(|t| t.eligible.display.clone())
        .unwrap_or_default();

    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="sc" lang={u.html_lang} ref={root.clone()} id="skillcalc" data-door={state.inputs.door.as_str()}>
                <Header
                    door={state.inputs.door}
                    as_of={state.as_of().to_string()}
                    custom_date={state.inputs.as_of.is_some()}
                    as_of_invalid={state.as_of_invalid}
                    today={props.today.clone()}
                    share_link={share_link}
                />
                <div class="layout">
                    <Questions
                        layout={state.layout.clone()}
                        answers={state.inputs.answers.clone()}
                        problems={state.problems.clone()}
                        affects={state.affects.clone()}
                        questions={state.report.questions.clone()}
                        full={*full}
                    />
                    <Results
                        cards={state.cards.clone()}
                        report={state.report.clone()}
                        eval_error={state.eval_error.clone()}
                    />
                </div>
                <div class="bar no-print">
                    <span class="bar-total"><span class="bar-label">{ u.totals_eligible }{ u.colon }</span><strong>{ eligible_total }</strong></span>
                    <button type="button" class="btn small" id="to-results" onclick={
                        let r = root.clone();
                        Callback::from(move |_: MouseEvent| {
                            if let Some(el) = r.cast::<web_sys::Element>() { web::focus_in(&el, "#results"); }
                        })
                    }>{ u.see_results }</button>
                </div>
                <footer class="disclaimer" id="disclaimer">
                    <h2 class="h-small">{ u.disclaimer_title }</h2>
                    <p>{ u.disclaimer }</p>
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
