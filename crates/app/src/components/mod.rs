//! The Yew components (wasm only). State lives in one reducer (`crate::state::State`) owned by
//! `App`; components get what they show as `PartialEq` props, so a keystroke re-renders only the
//! field and the results that changed, and reach the dispatcher through the `Ctx` context.

mod app;
mod goals;
mod header;
mod print;
mod questions;
mod results;

#[cfg(target_arch = "wasm32")]
pub use app::PackRefused;
pub use app::{App, AppProps};

use crate::state::State;
use skillcalc_engine::Lang;
use yew::prelude::*;

/// What every component may need besides its props: the dispatcher (stable across renders),
/// the pack, the language, and the app's root element (to move focus inside a shadow root too).
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub dispatch: UseReducerDispatcher<State>,
    /// The pack this calculator runs (the embedded catalogue or a published pack).
    pub cat: &'static crate::form::Catalog,
    pub lang: Lang,
    pub root: NodeRef,
}

impl Ctx {
    /// Focuses a question's first control (from a result's "answer it" button).
    /// An in-page jump, so a history entry: Back returns to where the person was.
    pub fn focus_question(&self, fact: &str) {
        if let Some(root) = self.root.cast::<web_sys::Element>() {
            let sel = format!(
                "#field-{} input:not([disabled]), #field-{} select",
                crate::form::dom_safe(fact),
                crate::form::dom_safe(fact)
            );
            crate::web::push_jump();
            crate::web::focus_in(&root, &sel);
        }
    }

    /// Focuses an element without scrolling (the page stays where the person is).
    pub fn focus_here(&self, selector: &str) {
        if let Some(root) = self.root.cast::<web_sys::Element>() {
            crate::web::focus_no_scroll(&root, selector);
        }
    }

    pub fn focus(&self, selector: &str) {
        if let Some(root) = self.root.cast::<web_sys::Element>() {
            crate::web::focus_in(&root, selector);
        }
    }
}

/// The state as the sections that read much of it take it: one prop, compared by revision
/// (every applied action that changes something bumps it), so a section re-renders exactly
/// when the state changed; the fields inside compare their own small props.
#[derive(Clone)]
pub struct Snapshot(pub std::rc::Rc<State>);

impl PartialEq for Snapshot {
    fn eq(&self, other: &Self) -> bool {
        self.0.revision == other.0.revision && self.0.inputs.lang == other.0.inputs.lang
    }
}

#[hook]
pub fn use_ctx() -> Ctx {
    use_context::<Ctx>().expect("components are rendered inside App's context provider")
}
