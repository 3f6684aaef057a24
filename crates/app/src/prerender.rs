//! Build-time rendering of the first view (feature `prerender`, native only): the app's own `App`
//! component rendered to HTML by Yew's server-side renderer, with the state a first visit has (no
//! answers, Chinese, the person door) on a given day. Effects do not run on the server, so this
//! is exactly the app's first render (the first questions and the results; the rest of the form
//! follows in the browser). See `first_view` for when the browser may show it.

use crate::components::{App, AppProps};
use crate::first_view::{self, STORAGE_KEY};
use crate::form::Catalog;
use crate::state::Inputs;
use skillcalc_engine::Date;
use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// The app's first render for a first visit, with `today` as the browser's date.
pub fn render_app(today: &str) -> String {
    let props = AppProps {
        cat: crate::mount::catalog(),
        initial: Inputs::default(),
        today: today.to_string().into(),
        hash: true,
        standalone: true,
        storage_key: STORAGE_KEY.into(),
        share_base: "".into(),
        saved: None,
        hash_too_long: false,
        pack_refused: None,
    };
    block_on(
        yew::LocalServerRenderer::<App>::with_props(props)
            .hydratable(false)
            .render(),
    )
}

/// What goes into the page: the rendered view and the dates it is valid for.
pub struct FirstView {
    pub html: String,
    pub valid: (Option<Date>, Option<Date>),
}

/// Renders the first view on `built` and finds the dates it stays the same on: between the
/// pack's date boundaries ([`first_view::validity`]), checked by rendering the first and the last
/// of those days (an open end: ten years on) and comparing, the as-of field aside. An error when
/// they differ: then something in the view depends on the date in a way the boundaries miss.
pub fn first_view(cat: &'static Catalog, built: Date) -> Result<FirstView, String> {
    crate::mount::init_catalog(cat);
    let valid = first_view::validity(cat.pack, built);
    let html = render_app(&built.to_string());
    if !html.contains("id=\"goals\"") {
        return Err("the first view does not ask what the person wants to check".into());
    }
    let norm = |h: &str| first_view::set_as_of(h, "");
    let base = norm(&html);
    let last = valid.1.unwrap_or(Date {
        year: built.year + 10,
        ..built
    });
    let last = Date::new(last.year, last.month, last.day).unwrap_or(Date { day: 28, ..last });
    for d in [valid.0, Some(last)].into_iter().flatten() {
        if norm(&render_app(&d.to_string())) != base {
            return Err(format!(
                "the first view rendered on {d} differs from the one on {built}, though no policy or value date lies between: it depends on the date some other way"
            ));
        }
    }
    Ok(FirstView { html, valid })
}

/// Runs a future to completion on this thread (the server renderer needs no runtime).
fn block_on<F: Future>(f: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut f = std::pin::pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
        std::thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::first_view::{element, page, MARKER};

    fn catalog() -> &'static Catalog {
        static CAT: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CAT.get_or_init(|| Catalog::new(skillcalc_catalog::pack().expect("embedded pack")))
    }

    #[test]
    fn renders_what_a_first_visit_asks_first() {
        let d = Date::parse("2025-06-01").unwrap();
        let v = first_view(catalog(), d).expect("renders");
        let h = &v.html;
        assert!(
            h.contains(r#"id="skillcalc""#) && h.contains(r#"data-door="person""#),
            "the app's root"
        );
        assert!(h.contains("上海技能人才政策计算器"), "Chinese");
        assert!(h.contains(r#"id="goals""#), "what do you want to check");
        for goal in catalog().goals(crate::form::Door::Person) {
            assert!(
                h.contains(&format!(r#"id="goal-{}""#, goal.id)),
                "{}",
                goal.id
            );
        }
        assert!(h.contains(r#"id="goal-all""#), "not sure: everything");
        assert!(
            h.contains(r#"id="choose-goal-first""#),
            "no result before a goal"
        );
        assert!(!h.contains("<!--"), "not hydratable: no markers");
        let (from, until) = v.valid;
        assert!(from.is_none_or(|f| f <= d) && until.is_none_or(|u| d <= u));
    }

    #[test]
    fn the_first_view_does_not_depend_on_the_day() {
        let a = first_view(catalog(), Date::parse("2025-06-01").unwrap()).expect("renders");
        let b = first_view(catalog(), Date::parse("2026-02-01").unwrap()).expect("renders");
        assert_eq!(a.html, b.html);
    }

    #[test]
    fn the_page_holds_the_inert_view_once() {
        let d = Date::parse("2025-06-01").unwrap();
        let v = first_view(catalog(), d).unwrap();
        let p = page(
            &format!("<main id=\"app\">{MARKER}</main>"),
            &element(&v.html, v.valid, d),
        )
        .unwrap();
        assert!(!p.contains("<input type"), "every input disabled");
        assert!(!p.contains("<button type"), "every button disabled");
    }
}
