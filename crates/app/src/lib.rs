//! # skillcalc-app
//!
//! The calculator people use: a Yew (client-side rendered) page over `skillcalc-engine` and the
//! embedded `skillcalc-catalog` pack, built with `wasm-pack --target web` into a static site
//! (`scripts/build-app.sh`). No server, no request beyond its own files.
//!
//! - [`form`]: which questions to ask, generated from the pack (doors, groups, order);
//! - [`state`]: the pure state and its `Action`s (Yew's `Reducible` on wasm), tested natively;
//! - [`share`]: the share-link / local-storage format;
//! - [`i18n`]: the interface's own words in zh and en;
//! - [`first_view`]: the first view pre-rendered into `index.html` at build time, and when the
//!   browser may show it before the wasm has arrived;
//! - `mount` (wasm only): `mount()`, the entry point, above `components/` (the Yew components)
//!   and `web` (the browser glue), whose arrows point down only;
//! - `prerender` (feature `prerender`, native only): the same components rendered to HTML by
//!   Yew's server-side renderer, for `src/bin/prerender.rs` (run by `scripts/build-app.sh`).

#![forbid(unsafe_code)]

pub mod first_view;
pub mod form;
pub mod i18n;
pub mod share;
pub mod state;

#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod components;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod mount;
#[cfg(all(not(target_arch = "wasm32"), feature = "prerender"))]
pub mod prerender;
#[cfg(any(target_arch = "wasm32", feature = "prerender"))]
mod web;

#[cfg(test)]
mod testpack;
