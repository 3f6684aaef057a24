//! The few JS built-ins used to read what callers pass in, imported with `catch`.
//!
//! A getter or a Proxy trap in a caller's object runs JS code, which may throw. An exception
//! that unwinds through Rust frames skips their epilogues: their stack is never given back, and
//! after a few hundred such calls the module is dead (tested: src/tests.rs, "throwing getters").
//! js-sys declares `Object.keys` and friends without `catch`, so these are declared here again
//! with it: the exception comes back as an `Err` and Rust returns normally.

use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    pub fn keys(value: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_namespace = Object, js_name = entries, catch)]
    pub fn entries(value: &JsValue) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;

    #[wasm_bindgen(js_namespace = Reflect, js_name = get, catch)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf, catch)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// `Array.isArray`; false for what cannot be asked (a revoked Proxy).
pub fn is_array(value: &JsValue) -> bool {
    array_is_array(value).unwrap_or(false)
}

/// `value[key]`; `Err(())` when a getter or trap threw.
pub fn get(value: &JsValue, key: &JsValue) -> Result<JsValue, ()> {
    reflect_get(value, key).map_err(|_| ())
}

/// The length of an array (as Array.isArray said), 0 when it cannot be read.
pub fn length(array: &JsValue) -> u32 {
    get(array, &JsValue::from_str("length"))
        .ok()
        .and_then(|l| l.as_f64())
        .map_or(0, |l| l as u32)
}

/// A plain record: an object that is neither an array nor a function.
pub fn is_record(value: &JsValue) -> bool {
    value.is_object() && !value.is_function() && !is_array(value)
}

/// A plain object, as `{…}`, `JSON.parse` or `Object.create(null)` make one: its prototype is
/// null or has none itself (`Object.prototype`, of whichever realm). What a Map, a Date or a
/// class instance holds is not among its own keys.
pub fn is_plain(value: &JsValue) -> bool {
    match prototype_of(value) {
        Ok(p) => p.is_null() || prototype_of(&p).is_ok_and(|p| p.is_null()),
        Err(_) => false,
    }
}
