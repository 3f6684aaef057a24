//! The pack compiler: a custom pack's source in, the engine's compact form out (see lib.rs for
//! why this is a separate build).

use crate::{fail, source};
use skillcalc_engine::compile;
use wasm_bindgen::prelude::*;

/// Checks a custom pack (the JS form of the TOML files, see the engine's FORMAT.md) and
/// compiles it, for `Pack.fromCompiled`. Every problem is reported at once, each naming its
/// file, item and field, as `skillcalc check` does.
#[wasm_bindgen(js_name = compilePack)]
pub fn compile_pack(source: &JsValue) -> Result<Vec<u8>, JsValue> {
    let source = source::pack(source).map_err(fail)?;
    compile(&source)
        .and_then(|pack| pack.to_compact())
        .map_err(fail)
}
