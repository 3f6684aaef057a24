//! # skillcalc-wasm
//!
//! The engine and the embedded catalog for JavaScript: the core of the npm package in
//! `web/package`. One crate, built twice:
//!
//! - the calculator (default features; `calculator.rs`): [`calculator::Pack`] evaluates
//!   profiles, lists facts and policies; `embeddedPack()` is the catalog, embedded compiled.
//! - the pack compiler (feature `compiler`; `compiler.rs`): `compilePack(source)` checks a
//!   custom pack and compiles it to the engine's compact form, which the calculator loads with
//!   `Pack.fromCompiled(bytes)`. Reading and checking a pack's source costs about as much code
//!   as the calculator itself, and few users need it: as a separate .wasm it is downloaded only
//!   by those who call `loadPack`.
//!
//! The package's thin wrapper (web/package/src/api.js) gives the public API: it hands each call
//! to the right pack and turns what a failed call throws ([`error::ErrorData`], a plain object)
//! into a `SkillcalcError`.
//!
//! Values cross the boundary as plain JS objects through one serde-wasm-bindgen setting
//! ([`to_js`]), except the results of `decide`, `decideMany`, `batch` and `match`, the fast
//! paths: those cross as one string in the compact form of `encode.rs` (one crossing instead of
//! one per field; provisions, facts and statuses by place, a character each, named by
//! `Pack.names()`), which the wrapper reads back (web/package/src/decode.js); `decide` writes it
//! straight from the engine's numbers (`decide_all`). They take their profiles in a compact
//! form too (`profile::Profiles`, written by web/package/src/answers.js), one string instead of
//! a crossing per answer. Money is always a decimal string plus a display string, as in the
//! report; no float is ever produced. Nothing here panics on any input: every failure is an
//! error value (`src/tests.rs` holds the corpus of malformed inputs that shows it).

#![forbid(unsafe_code)]

#[cfg(any(test, not(feature = "compiler")))]
mod calculator;
#[cfg(any(test, feature = "compiler"))]
mod compiler;
#[cfg(any(test, not(feature = "compiler")))]
mod encode;
mod error;
#[cfg_attr(feature = "compiler", allow(dead_code))] // the compiler reads packs only
mod js;
#[cfg(any(test, not(feature = "compiler")))]
mod lists;
#[cfg(any(test, not(feature = "compiler")))]
mod options;
#[cfg(any(test, not(feature = "compiler")))]
mod profile;
#[cfg(any(test, feature = "compiler"))]
mod source;
#[cfg(all(test, target_arch = "wasm32"))]
mod tests;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod types;

use error::{thrown, ErrorData};
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use skillcalc_engine::Error;
use wasm_bindgen::prelude::*;

/// The one serializer setting for everything returned: records as plain objects (not `Map`s),
/// and `None` as `null`, exactly as in the CLI's JSON (the declared types say `T | null`).
const SERIALIZER: Serializer = Serializer::new()
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

/// Converts a result for JS. Our types hold only strings, bools, small integers, lists and
/// records, which always convert; the error arm is there so that nothing needs `unwrap`.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    value.serialize(&SERIALIZER).unwrap_or(JsValue::NULL)
}

/// An engine error as JS receives it.
pub(crate) fn fail(e: Error) -> JsValue {
    thrown(ErrorData::from_engine(&e))
}

#[cfg(feature = "panic-hook")]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Asks wasm-bindgen's glue for a fresh instance of this module, which it makes at the start of
/// the next call into it: the wrapper's way to drop an instance a failed call may have broken
/// (see `restart` in web/package/src/api.js).
#[wasm_bindgen(js_name = restartOnNextCall)]
pub fn restart_on_next_call() {
    wasm_bindgen::handler::schedule_reinit();
}

/// Does nothing. The glue makes the fresh instance at the start of a call, after that call has
/// copied its strings and arrays into the old instance's memory: the wrapper makes this call,
/// which has none, right after [`restart_on_next_call`].
#[wasm_bindgen]
pub fn nothing() {}
