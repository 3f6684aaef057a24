//! The first view, pre-rendered at build time (`scripts/build-app.sh` runs `src/bin/prerender.rs`,
//! which uses this module and `prerender`): what a first visit shows — no answers, Chinese, the
//! person door, today — rendered by the app's own components from the engine's real report, and
//! put into `index.html`, so the first result is on screen as soon as the HTML and the CSS have
//! arrived. The app replaces it when its wasm is ready (`mount()` empties the element first; the
//! first render follows in the same task, so nothing in between is painted).
//!
//! It must never show results for the wrong answers or the wrong day, so `web/app/first-view.js`
//! (a small classic script, no inline code: CSP `script-src 'self'` is enough) shows it only when
//! - the URL hash (a share link, or the standalone page's own) and, without a hash, local storage
//!   hold nothing but the first visit's state (`door=person&lang=zh`); anything else — answers, an
//!   as-of date, English, the organisation door, a key it does not know — and the pre-rendered
//!   view is removed: the app renders the right one when it starts;
//! - the browser's today is inside the dates for which the view is exactly the same as on the
//!   build date ([`validity`]: between the pack's nearest date boundaries — a policy coming into
//!   force or expiring, a dated value changing — and checked by rendering both ends). The as-of
//!   field is then set to today, as the app would.
//!
//! Until the app takes over, every control is disabled and the explanations are inert
//! ([`make_inert`]), with a visible "loading" line: nothing typed can be lost.

use skillcalc_engine::{Date, RulePack};

/// The local storage key of the standalone page (and the embed's default).
pub const STORAGE_KEY: &str = "skillcalc:v1";

/// Where the template (`web/app/index.html`) takes the pre-rendered view.
pub const MARKER: &str = "<!-- skillcalc:first-view -->";

/// The id of the element holding the pre-rendered view (gone once the app is mounted).
pub const ELEMENT_ID: &str = "first-view";

/// Every date on which an evaluation may change without any answer changing: a policy comes into
/// force (`from`) or has expired (the day after `until`), a dated value changes (`from`).
pub fn boundaries(pack: &RulePack) -> Vec<Date> {
    let mut out: Vec<Date> = Vec::new();
    for p in pack.policies() {
        out.extend(p.from);
        out.extend(p.until.map(Date::next_day));
    }
    for v in pack.values() {
        out.extend(v.history.iter().map(|e| e.from));
    }
    out.sort();
    out.dedup();
    out
}

/// The dates around `on`, first and last (`None`: open), between which no [`boundaries`] date
/// falls: every policy's in-force state and every dated value are the same on all of them.
pub fn validity(pack: &RulePack, on: Date) -> (Option<Date>, Option<Date>) {
    let b = boundaries(pack);
    let from = b.iter().rev().find(|&&d| d <= on).copied();
    let until = b.iter().find(|&&d| d > on).copied().map(Date::prev_day);
    (from, until)
}

/// The pre-rendered view as nothing to interact with until the app takes over: every `input`,
/// `select` and `button` disabled (greyed, not focusable, nothing can be typed), every
/// `details` (the explanations, built by the app when opened) inert.
pub fn make_inert(html: &str) -> String {
    html.replace("<input ", "<input disabled ")
        .replace("<select ", "<select disabled ")
        .replace("<select>", "<select disabled>")
        .replace("<button ", "<button disabled ")
        .replace("<details ", "<details inert ")
        .replace("<details>", "<details inert>")
}

/// Sets the `value` of the as-of date field (`id="as-of"`) in rendered HTML.
pub fn set_as_of(html: &str, date: &str) -> String {
    let Some(id) = html.find(r#"id="as-of""#) else {
        return html.to_string();
    };
    let start = html[..id].rfind('<').unwrap_or(0);
    let end = id + html[id..].find('>').unwrap_or(html.len() - id);
    let tag = &html[start..end];
    let new_tag = match tag.find(r#"value=""#) {
        Some(v) => {
            let v = v + r#"value=""#.len();
            let close = v + tag[v..].find('"').unwrap_or(0);
            format!("{}{date}{}", &tag[..v], &tag[close..])
        }
        None => format!("{tag} value=\"{date}\""),
    };
    format!("{}{new_tag}{}", &html[..start], &html[end..])
}

/// The element that goes into the page in place of [`MARKER`]: hidden until
/// `web/app/first-view.js` has checked it may be shown, with the dates it is valid for and the
/// storage key to look at, a "loading" line, and the (inert) rendered app.
pub fn element(rendered: &str, valid: (Option<Date>, Option<Date>), built: Date) -> String {
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    format!(
        concat!(
            r#"<div id="{id}" hidden data-valid-from="{from}" data-valid-until="{until}" data-built="{built}" data-storage-key="{key}">"#,
            r#"<p class="first-view-loading" role="status">{loading}</p>"#,
            "{rendered}</div>"
        ),
        id = ELEMENT_ID,
        from = date(valid.0),
        until = date(valid.1),
        built = built,
        key = STORAGE_KEY,
        loading = "计算器正在启动，稍后即可作答…",
        rendered = make_inert(rendered),
    )
}

/// The page: `template` with [`MARKER`] replaced by the [`element`].
pub fn page(template: &str, element: &str) -> Result<String, String> {
    match template.matches(MARKER).count() {
        1 => Ok(template.replacen(MARKER, element, 1)),
        n => Err(format!(
            "the page template must hold {MARKER} once (found {n} times)"
        )),
    }
}

/// Puts a file the page links into the page itself, one request fewer before the first paint:
/// a stylesheet (`<link rel="stylesheet" href="NAME">` becomes `<style id="NAME-inline">…`, dots
/// as hyphens) or a classic script (`<script src="NAME"></script>` becomes `<script>…`). The tag
/// must be there once, and the text must not close the element early.
pub fn inline(page: &str, name: &str, text: &str) -> Result<String, String> {
    let (tag, open, close) = if name.ends_with(".css") {
        (
            format!(r#"<link rel="stylesheet" href="{name}">"#),
            format!(r#"<style id="{}-inline">"#, name.replace('.', "-")),
            "</style",
        )
    } else if name.ends_with(".js") {
        (
            format!(r#"<script src="{name}"></script>"#),
            "<script>".to_string(),
            "</script",
        )
    } else {
        return Err(format!("{name}: only .css and .js files can be inlined"));
    };
    if text.to_ascii_lowercase().contains(close) {
        return Err(format!("{name} holds `{close}`: it cannot be inlined"));
    }
    match page.matches(&tag).count() {
        1 => Ok(page.replacen(&tag, &format!("{open}{text}{close}>"), 1)),
        n => Err(format!(
            "the page must hold {tag} once to inline {name} (found {n} times)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testpack::demo;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn validity_lies_between_the_packs_date_boundaries() {
        let pack = demo().pack;
        let b = boundaries(pack);
        assert!(!b.is_empty());
        assert!(b.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        // The demo policy: 2022-01-01 – 2025-12-31 (see the state tests).
        let (from, until) = validity(pack, d("2024-06-01"));
        let (from, until) = (from.unwrap(), until.unwrap());
        assert!(from <= d("2024-06-01") && d("2024-06-01") <= until);
        assert!(until <= d("2025-12-31"));
        assert!(
            b.iter().all(|&x| x <= from || x > until),
            "no boundary inside"
        );
        // The day after it expired starts a new stretch, open at the end.
        let (from, until) = validity(pack, d("2026-03-01"));
        assert_eq!(from, Some(d("2026-01-01")));
        assert_eq!(until, None);
        // Before anything: open at the start.
        assert_eq!(validity(pack, d("1990-01-01")).0, None);
    }

    #[test]
    fn the_embedded_catalog_has_boundaries_for_every_policy() {
        let pack = skillcalc_catalog::pack().expect("embedded pack");
        let b = boundaries(pack);
        for p in pack.policies() {
            if let Some(f) = p.from {
                assert!(b.contains(&f), "{}", p.id);
            }
            if let Some(u) = p.until {
                assert!(b.contains(&u.next_day()), "{}", p.id);
            }
        }
    }

    #[test]
    fn controls_are_disabled_and_explanations_inert() {
        let html = r#"<div><input type="text" id="x"><select id="s"><option>a</option></select><button type="button">b</button><details class="why"><summary>c</summary></details></div>"#;
        let out = make_inert(html);
        assert!(out.contains(r#"<input disabled type="text""#), "{out}");
        assert!(out.contains(r#"<select disabled id="s""#), "{out}");
        assert!(out.contains(r#"<button disabled type="button""#), "{out}");
        assert!(out.contains(r#"<details inert class="why""#), "{out}");
    }

    #[test]
    fn the_as_of_value_is_set_whatever_the_attribute_order() {
        let a = r#"<p><input type="date" id="as-of" value="2025-01-01" min="2000-01-01"></p>"#;
        assert_eq!(
            set_as_of(a, "2026-02-03"),
            r#"<p><input type="date" id="as-of" value="2026-02-03" min="2000-01-01"></p>"#
        );
        let b = r#"<input value="2025-01-01" type="date" id="as-of"><input id="x" value="1">"#;
        assert_eq!(
            set_as_of(b, "2026-02-03"),
            r#"<input value="2026-02-03" type="date" id="as-of"><input id="x" value="1">"#
        );
    }

    #[test]
    fn stylesheets_and_scripts_are_inlined_in_place_of_their_tags() {
        let p = r#"<head><link rel="stylesheet" href="app.css"></head><main><script src="first-view.js"></script></main>"#;
        let p = inline(p, "app.css", ".sc { color: red }").unwrap();
        let p = inline(&p, "first-view.js", "(function () {})();").unwrap();
        assert_eq!(
            p,
            r#"<head><style id="app-css-inline">.sc { color: red }</style></head><main><script>(function () {})();</script></main>"#
        );
        assert!(inline(&p, "app.css", "x").is_err(), "no tag left");
        assert!(inline(r#"<script src="a.js"></script>"#, "a.js", "'</SCRIPT>'").is_err());
        assert!(inline("", "a.png", "").is_err());
    }

    #[test]
    fn the_page_takes_the_element_at_its_marker_once() {
        let el = element(
            "<div class=\"sc\"></div>",
            (Some(d("2025-01-01")), None),
            d("2025-06-01"),
        );
        assert!(el.starts_with(r#"<div id="first-view" hidden data-valid-from="2025-01-01" data-valid-until="" data-built="2025-06-01" data-storage-key="skillcalc:v1""#), "{el}");
        let p = page(&format!("<main>{MARKER}</main>"), &el).unwrap();
        assert!(p.contains(&el) && !p.contains(MARKER));
        assert!(page("<main></main>", &el).is_err());
        assert!(page(&format!("{MARKER}{MARKER}"), &el).is_err());
    }
}
