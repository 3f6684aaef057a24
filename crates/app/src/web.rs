//! The browser's services the components call: local storage, the URL hash and history, the
//! clipboard and share sheet, focus, performance marks. Nothing here decides anything about
//! policies, and nothing here knows the components (`mount` does: it is above both).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The browser's local date, `YYYY-MM-DD`.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn location_hash() -> Option<String> {
    let h = window()?.location().hash().ok()?;
    (!h.is_empty()).then_some(h)
}

pub fn page_without_hash() -> String {
    let href = window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

fn storage() -> Option<web_sys::Storage> {
    // Throws in some sandboxed iframes and private modes: then nothing is kept.
    window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    storage()?.get_item(key).ok().flatten()
}

pub fn storage_set(key: &str, value: &str) {
    if key.is_empty() {
        return;
    }
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

thread_local! {
    /// Answers waiting to be kept in local storage: (storage key or "" for none, encoded).
    static PENDING: std::cell::RefCell<Option<(String, String)>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the answers: the URL hash at once (a reload or a copied address must never hold an
/// older copy), local storage a moment after the last change rather than on every keystroke
/// (each write costs a phone several milliseconds); leaving or hiding the page writes it at
/// once, so a reload or a closed tab loses nothing.
pub fn keep(key: &str, hash: bool, encoded: String) {
    const QUIET_MS: i32 = 300;
    if hash {
        replace_hash(&encoded);
    }
    let first = PENDING.with(|p| p.borrow_mut().replace((key.to_string(), encoded)).is_none());
    if !first {
        return;
    }
    let Some(w) = window() else {
        flush();
        return;
    };
    install_flush_on_leave();
    let later = Closure::once_into_js(flush);
    let _ =
        w.set_timeout_with_callback_and_timeout_and_arguments_0(later.unchecked_ref(), QUIET_MS);
}

/// Writes the answers waiting to be kept, if any.
pub fn flush() {
    if let Some((key, encoded)) = PENDING.with(|p| p.borrow_mut().take()) {
        storage_set(&key, &encoded);
    }
}

fn install_flush_on_leave() {
    thread_local! {
        static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let Some(w) = window() else { return };
    let on_leave = Closure::<dyn Fn()>::new(flush);
    for event in ["pagehide", "visibilitychange", "beforeunload"] {
        let _ = w.add_event_listener_with_callback(event, on_leave.as_ref().unchecked_ref());
    }
    on_leave.forget();
}

thread_local! {
    /// What the app last wrote into the hash: after Back over a jump, the address gets it back.
    static LAST_HASH: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Writes the answers into the URL hash without a history entry (and without `hashchange`),
/// keeping the entry's own state (a jump's scroll position).
pub fn replace_hash(encoded: &str) {
    let url = format!("#{encoded}");
    if let Some(w) = window() {
        if let Ok(h) = w.history() {
            let state = h.state().unwrap_or(JsValue::NULL);
            let _ = h.replace_state_with_url(&state, "", Some(&url));
        }
    }
    LAST_HASH.with(|l| *l.borrow_mut() = Some(url));
}

/// Copies text to the clipboard, then tells `done` whether it worked (no clipboard, no
/// permission, not focused: `false`, and the link stays shown in a field to copy by hand).
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    let done = Rc::new(Cell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |ok: bool| {
            if let Some(f) = done.take() {
                f(ok)
            }
        }
    };
    let promise = (|| {
        let w = window()?;
        let nav: JsValue = w.navigator().into();
        let clip = js_sys::Reflect::get(&nav, &JsValue::from_str("clipboard")).ok()?;
        if clip.is_undefined() || clip.is_null() {
            return None;
        }
        let f = js_sys::Reflect::get(&clip, &JsValue::from_str("writeText")).ok()?;
        let f = f.dyn_ref::<js_sys::Function>()?;
        f.call1(&clip, &JsValue::from_str(text))
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    })();
    let Some(p) = promise else {
        finish(false);
        return;
    };
    let ok = {
        let finish = finish.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| finish(true))
    };
    let failed = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| finish(false));
    let _ = p.then2(&ok, &failed);
    // Called once by the promise; a person's tap, so the two small closures may stay.
    ok.forget();
    failed.forget();
}

/// Whether the browser has a system share sheet (`navigator.share`: phones, WeChat's
/// web-view on some systems).
pub fn can_share() -> bool {
    window()
        .map(|w| {
            let nav: JsValue = w.navigator().into();
            js_sys::Reflect::get(&nav, &JsValue::from_str("share"))
                .map(|f| f.is_function())
                .unwrap_or(false)
        })
        .unwrap_or(false)
}

/// Opens the system share sheet with the link (a refusal or a cancel is not an error).
pub fn native_share(title: &str, url: &str) {
    let Some(w) = window() else { return };
    let nav: JsValue = w.navigator().into();
    let Ok(f) = js_sys::Reflect::get(&nav, &JsValue::from_str("share")) else {
        return;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return;
    };
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(title));
    let _ = js_sys::Reflect::set(&data, &"url".into(), &JsValue::from_str(url));
    if let Ok(p) = f.call1(&nav, &data) {
        if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
            // A cancelled sheet rejects: not an error.
            let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
            let _ = p.catch(&ignore);
            ignore.forget();
        }
    }
}

/// Selects the text of an input inside the app (the share link).
pub fn select_in(root: &yew::NodeRef, selector: &str) {
    if let Some(root) = root.cast::<web_sys::Element>() {
        if let Ok(Some(el)) = root.query_selector(selector) {
            if let Ok(input) = el.dyn_into::<web_sys::HtmlInputElement>() {
                input.select();
            }
        }
    }
}

pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// A mark on the performance timeline, for the measuring script.
pub fn mark(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A mark, unless the page has one of that name already (the pre-rendered first view's).
pub fn mark_once(name: &str) {
    if let Some(p) = window().and_then(|w| w.performance()) {
        if p.get_entries_by_name(name).length() == 0 {
            let _ = p.mark(name);
        }
    }
}

/// Runs `f` once the browser has painted the current frame (a frame, then a task): used to
/// render what is below the fold after the first result is on screen.
///
/// A page that paints no frame gets no animation frame: a web-view preloaded or kept in the
/// background, a hidden tab or iframe, or a window not yet shown (WebKitGTK under a busy X
/// server). So `f` also runs after `PAINT_FALLBACK_MS` without one, whichever comes first, and
/// only once: the rest of the form must not wait for a paint that may never come.
pub fn after_paint(f: impl FnOnce() + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    const PAINT_FALLBACK_MS: i32 = 250;
    let Some(w) = window() else {
        f();
        return;
    };
    let pending = Rc::new(Cell::new(Some(f)));
    let run_once = {
        let pending = pending.clone();
        move || {
            if let Some(f) = pending.take() {
                f();
            }
        }
    };
    let after_frame = Closure::once_into_js(run_once.clone());
    let w2 = w.clone();
    let on_frame = Closure::once_into_js(move || {
        let _ = w2
            .set_timeout_with_callback_and_timeout_and_arguments_0(after_frame.unchecked_ref(), 0);
    });
    let _ = w.request_animation_frame(on_frame.unchecked_ref());
    let fallback = Closure::once_into_js(run_once);
    let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
        fallback.unchecked_ref(),
        PAINT_FALLBACK_MS,
    );
}

/// The document's language and title (standalone page only).
pub fn set_document_lang(lang: &str, title: &str) {
    if let Some(d) = window().and_then(|w| w.document()) {
        if let Some(html) = d.document_element() {
            let _ = html.set_attribute("lang", lang);
        }
        d.set_title(title);
    }
}

/// Moves focus to a question's first control, scrolled to the middle of the screen.
pub fn focus_in(root: &web_sys::Element, selector: &str) {
    let Ok(Some(el)) = root.query_selector(selector) else {
        return;
    };
    let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    let f = web_sys::FocusOptions::new();
    f.set_prevent_scroll(true);
    let _ = el.focus_with_options(&f);
}

/// Moves focus to an element, leaving the page where it is.
pub fn focus_no_scroll(root: &web_sys::Element, selector: &str) {
    if let Ok(Some(el)) = root.query_selector(selector) {
        if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
            let f = web_sys::FocusOptions::new();
            f.set_prevent_scroll(true);
            let _ = el.focus_with_options(&f);
        }
    }
}

/// An in-page jump to the top of `target` (the results: totals first), focusing `focus` there:
/// a history entry, so the browser's Back returns to where the person was.
pub fn jump_to(root: &web_sys::Element, target: &str, focus: &str) {
    let Ok(Some(el)) = root.query_selector(target) else {
        return;
    };
    push_jump();
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Start);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
    if let Ok(Some(f)) = root.query_selector(focus) {
        if let Ok(f) = f.dyn_into::<web_sys::HtmlElement>() {
            let o = web_sys::FocusOptions::new();
            o.set_prevent_scroll(true);
            let _ = f.focus_with_options(&o);
        }
    }
}

/// Makes the current place a history entry before a jump: the entry keeps the scroll position
/// (the browser restores it on Back), and the new one is the same page.
pub fn push_jump() {
    let Some(w) = window() else { return };
    let Ok(h) = w.history() else { return };
    let y = w.scroll_y().unwrap_or(0.0);
    let here = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&here, &"skillcalcY".into(), &JsValue::from_f64(y));
    let _ = h.replace_state(&here, "");
    let _ = h.push_state(&js_sys::Object::new(), "");
    install_popstate();
}

/// Once per page: on Back/Forward over our entries, restore the scroll position the entry
/// kept, and the latest answers in the address.
fn install_popstate() {
    thread_local! {
        static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let Some(w) = window() else { return };
    let w2 = w.clone();
    let on_pop =
        Closure::<dyn Fn(web_sys::PopStateEvent)>::new(move |e: web_sys::PopStateEvent| {
            let state = e.state();
            // The entry Back returned to holds an older copy of the answers in its hash: put
            // the latest back (a hashchange that follows then reads what the app already has).
            if let Some(last) = LAST_HASH.with(|l| l.borrow().clone()) {
                if location_hash().as_deref() != Some(last.as_str()) {
                    if let Ok(h) = w2.history() {
                        let _ = h.replace_state_with_url(&state, "", Some(&last));
                    }
                }
            }
            if let Ok(y) = js_sys::Reflect::get(&state, &"skillcalcY".into()) {
                if let Some(y) = y.as_f64() {
                    w2.scroll_to_with_x_and_y(0.0, y);
                }
            }
        });
    let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();
}

/// Calls `f(true)` when `el` comes into the upper half of the screen (the person is reading
/// it) and `f(false)` when it leaves. The browser's IntersectionObserver tells, after its own
/// layout: nothing is measured while the page scrolls or starts. The closure returned stops it.
pub fn on_reading(el: &web_sys::Element, f: impl Fn(bool) + 'static) -> impl FnOnce() {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // The latest entry says where it is now.
        if let Some(entry) = entries.iter().last() {
            f(entry
                .unchecked_into::<web_sys::IntersectionObserverEntry>()
                .is_intersecting());
        }
    });
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin("0px 0px -50% 0px");
    let observer =
        web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init)
            .ok();
    if let Some(o) = &observer {
        o.observe(el);
    }
    move || {
        if let Some(o) = observer {
            o.disconnect();
        }
        drop(callback);
    }
}

/// Calls `f` with the new hash whenever the user follows a share link in this same tab.
pub fn on_hashchange(f: impl Fn(String) + 'static) -> impl FnOnce() {
    let closure = Closure::<dyn Fn()>::new(move || {
        // Our own answers (Back over an in-page jump puts them back into the address): nothing
        // new to read.
        let Some(h) = location_hash() else { return };
        if LAST_HASH.with(|l| l.borrow().as_deref() == Some(h.as_str())) {
            return;
        }
        f(h);
    });
    let w = window();
    if let Some(w) = &w {
        let _ = w.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = w {
            let _ = w.remove_event_listener_with_callback(
                "hashchange",
                closure.as_ref().unchecked_ref(),
            );
        }
        drop(closure);
    }
}
