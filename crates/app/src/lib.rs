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
//! - `components/` and `web` (wasm only): the Yew components, the browser glue and `mount()`.

#![forbid(unsafe_code)]

pub mod form;
pub mod i18n;
pub mod share;
pub mod state;

#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod web;

#[cfg(test)]
mod testpack;
