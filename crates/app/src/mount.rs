//! `mount()`, the one call a host page makes: it reads the page's options, picks the pack (the
//! embedded catalogue, decoded once per page, or a published one), the answers to start from,
//! and renders the app. It sits above the components and the browser glue (`web`), which
//! never call back up here. (Compiled natively too, for the build-time rendering, where only
//! `catalog()` is used.)
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
use crate::components::{App, AppProps, PackRefused};
use crate::form::Catalog;
#[cfg(target_arch = "wasm32")]
use crate::share;
#[cfg(target_arch = "wasm32")]
use crate::web::{flush, location_hash, page_without_hash, storage_get, today};
#[cfg(target_arch = "wasm32")]
use skillcalc_engine::Lang;
use std::sync::OnceLock;
#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;
#[cfg(target_arch = "wasm32")]
use yew::AttrValue;

const DEFAULT_STORAGE_KEY: &str = crate::first_view::STORAGE_KEY;

static CATALOG: OnceLock<&'static Catalog> = OnceLock::new();

/// The embedded catalogue, decoded once per page (the build-time rendering's; the components
/// read the pack they run from their context).
#[cfg(not(target_arch = "wasm32"))]
pub fn catalog() -> &'static Catalog {
    CATALOG
        .get()
        .expect("mount() initialises the catalog first")
}

/// Sets the catalog the components read (the first call wins).
pub fn init_catalog(cat: &'static Catalog) -> &'static Catalog {
    CATALOG.get_or_init(|| cat)
}

/// A mounted calculator; `unmount()` removes it from its element.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub struct Mounted {
    handle: Option<yew::AppHandle<App>>,
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
impl Mounted {
    pub fn unmount(&mut self) {
        // Answers waiting to be kept are kept: a host may mount the app again at once.
        flush();
        if let Some(h) = self.handle.take() {
            h.destroy();
        }
    }
}

/// Renders the calculator into `element`.
///
/// `options` (all optional): `lang` ("zh" | "en": the language when the user has not chosen
/// one), `hash` (true: keep the answers in the page's URL hash; the standalone page does),
/// `storageKey` (local storage key, default "skillcalc:v1"; "" turns storage off),
/// `shareBase` (the URL share links start with; default: this page without its hash),
/// `standalone` (true: the app owns the page, so it sets the document's language and title).
/// Set by the page's scripts (web/app/pack.js), not by hosts: `packBytes` (a published pack,
/// fetched, checked against its integrity value and compiled to the engine's compact form: the
/// app runs it instead of the embedded catalogue, keeping its answers under a key of its own),
/// `packRefused` (`{ url, zh, en }`: a published pack asked for and not loaded; the app runs the
/// embedded catalogue and says so).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<Mounted, JsValue> {
    let get = |k: &str| -> JsValue {
        if options.is_object() {
            js_sys::Reflect::get(&options, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED)
        } else {
            JsValue::UNDEFINED
        }
    };
    let mut pack_refused = None;
    let published = match get("packBytes").dyn_into::<js_sys::Uint8Array>() {
        // Read as any pack from outside: never marked as the embedded catalogue, and never under
        // its name. Each mount of a published pack keeps its own copy for the page's life (a
        // page mounts a few at most).
        Ok(bytes) => match skillcalc_engine::RulePack::from_compact(&bytes.to_vec()) {
            Ok(pack) if pack.name() != skillcalc_catalog::NAME => {
                let cat: &'static Catalog =
                    Box::leak(Box::new(Catalog::new(Box::leak(Box::new(pack)))));
                Some(cat)
            }
            other => {
                let why = match other {
                    Err(e) => (
                        format!("规则包无法读取（{e}）"),
                        format!("the pack cannot be read ({e})"),
                    ),
                    Ok(_) => (
                        format!(
                            "规则包不能使用内置政策目录的名称 {}",
                            skillcalc_catalog::NAME
                        ),
                        format!(
                            "a pack may not take the built-in catalogue's name {}",
                            skillcalc_catalog::NAME
                        ),
                    ),
                };
                pack_refused = Some(PackRefused {
                    url: AttrValue::default(),
                    zh: why.0.into(),
                    en: why.1.into(),
                });
                None
            }
        },
        Err(_) => None,
    };
    let cat = match (published, CATALOG.get()) {
        (Some(c), _) => c,
        (None, Some(c)) => *c,
        (None, None) => {
            let pack = skillcalc_catalog::pack().map_err(|e| JsValue::from_str(&e.to_string()))?;
            init_catalog(Box::leak(Box::new(Catalog::new(pack))))
        }
    };
    let refused = get("packRefused");
    let pack_refused = pack_refused.or_else(|| {
        refused.is_object().then(|| {
            let text = |k: &str| {
                js_sys::Reflect::get(&refused, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            PackRefused {
                url: text("url").into(),
                zh: text("zh").into(),
                en: text("en").into(),
            }
        })
    });
    let lang = get("lang").as_string().and_then(|s| Lang::parse(&s));
    let hash = get("hash").as_bool().unwrap_or(false);
    let standalone = get("standalone").as_bool().unwrap_or(false);
    let storage_key = match get("storageKey") {
        v if v.is_undefined() || v.is_null() => DEFAULT_STORAGE_KEY.to_string(),
        v => v.as_string().unwrap_or_default(),
    };
    // A published pack's answers are kept apart from the catalogue's (its questions differ).
    let storage_key = if cat.pack.is_embedded() || storage_key.is_empty() {
        storage_key
    } else {
        format!("{storage_key}:pack:{}", cat.pack.name())
    };
    let share_base = get("shareBase")
        .as_string()
        .unwrap_or_else(page_without_hash);

    // Where the answers come from: a share link (only where the app keeps answers in the hash:
    // an embed never reads its host page's), then what this browser kept, never overwritten by
    // a link without the person's word (share::start).
    let page_hash = if hash { location_hash() } else { None };
    flush(); // what another mounted copy has not kept yet

    let start = share::start(
        page_hash.as_deref(),
        storage_get(&storage_key).as_deref(),
        lang.unwrap_or_default(),
        cat,
    );

    element.set_inner_html("");
    let props = AppProps {
        cat,
        pack_refused,
        initial: start.inputs,
        saved: start.saved,
        hash_too_long: start.hash_too_long,
        today: today().into(),
        hash,
        standalone,
        storage_key: storage_key.into(),
        share_base: share_base.into(),
    };
    let handle = yew::Renderer::<App>::with_root_and_props(element, props).render();
    Ok(Mounted {
        handle: Some(handle),
    })
}
