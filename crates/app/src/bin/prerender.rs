//! `skillcalc-prerender TEMPLATE OUT --date YYYY-MM-DD [--inline FILE]...`: writes the
//! standalone page with the app's first view pre-rendered into it (see `src/first_view.rs`), and
//! the files given with `--inline` (a stylesheet, a classic script the page links) put into it.
//! Run by scripts/build-app.sh:
//!
//!   cargo run -p skillcalc-app --features prerender --bin skillcalc-prerender -- \
//!     web/app/index.html target/site/index.html --date "$(date +%F)" \
//!     --inline web/app/app.css --inline web/app/first-view.js
//!
//! The library is a cdylib (TOOLCHAIN.md §3: an rlib beside it makes the wasm larger), which a
//! binary cannot link, so this binary compiles the same source files as its own modules.

#![forbid(unsafe_code)]
#![allow(dead_code)]

#[path = "../components/mod.rs"]
mod components;
#[path = "../first_view.rs"]
mod first_view;
#[path = "../form.rs"]
mod form;
#[path = "../i18n.rs"]
mod i18n;
#[path = "../mount.rs"]
mod mount;
#[path = "../prerender.rs"]
mod prerender;
#[path = "../share.rs"]
mod share;
#[path = "../state.rs"]
mod state;
// Only for a test build of this binary (`cargo clippy --all-targets`): the modules' tests use it.
#[cfg(test)]
#[path = "../testpack.rs"]
mod testpack;
#[path = "../web.rs"]
mod web;

use skillcalc_engine::Date;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("skillcalc-prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: skillcalc-prerender TEMPLATE OUT --date YYYY-MM-DD [--inline FILE]...";
    let (mut files, mut date, mut inline) = (Vec::new(), None, Vec::new());
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--date" => date = it.next().cloned(),
            "--inline" => inline.push(it.next().cloned().ok_or(usage)?),
            _ if a.starts_with('-') => return Err(usage.into()),
            _ => files.push(a.clone()),
        }
    }
    let [template, out] = files.as_slice() else {
        return Err(usage.into());
    };
    let date = date.ok_or(usage)?;
    let built =
        Date::parse(&date).ok_or_else(|| format!("--date {date}: not a date YYYY-MM-DD"))?;

    let pack = skillcalc_catalog::pack().map_err(|e| e.to_string())?;
    let cat: &'static form::Catalog = Box::leak(Box::new(form::Catalog::new(pack)));
    let view = prerender::first_view(cat, built)?;
    let element = first_view::element(&view.html, view.valid, built);
    let tpl = std::fs::read_to_string(template).map_err(|e| format!("{template}: {e}"))?;
    let mut page = first_view::page(&tpl, &element)?;
    for path in &inline {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let name = std::path::Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| format!("{path}: no file name"))?;
        page = first_view::inline(&page, name, &text)?;
    }
    std::fs::write(out, &page).map_err(|e| format!("{out}: {e}"))?;
    let d = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "open".into());
    println!(
        "{out}: first view of {built} ({} bytes), shown for today in {} – {}",
        element.len(),
        d(view.valid.0),
        d(view.valid.1)
    );
    Ok(())
}
