//! The pack compiler: a custom pack's source in, the engine's compact form out (see lib.rs for
//! why this is a separate build).

use crate::{fail, source};
use skillcalc_engine::{compile, Error, PackProblem};
use wasm_bindgen::prelude::*;

/// Checks a custom pack (the JS form of the TOML files, see the engine's FORMAT.md) and
/// compiles it, for `Pack.fromCompiled`. Every problem is reported at once, each naming its
/// file, item and field, as `skillcalc check` does.
#[wasm_bindgen(js_name = compilePack)]
pub fn compile_pack(source: &JsValue) -> Result<Vec<u8>, JsValue> {
    let source = source::pack(source).map_err(fail)?;
    if source.name.as_deref() == Some(skillcalc_catalog::NAME) {
        return Err(fail(reserved_name()));
    }
    compile(&source)
        .and_then(|pack| pack.to_compact())
        .map_err(fail)
}

/// A pack loaded at run time may not call itself the embedded catalogue.
pub(crate) fn reserved_name() -> Error {
    Error::InvalidPack {
        problems: vec![PackProblem::new(
            "",
            "",
            "name",
            format!(
                "'{}' is the name of the embedded catalogue: a custom pack needs a name of its own",
                skillcalc_catalog::NAME
            ),
        )],
    }
}
