//! What `version()` returns. `facts()` and `policies()` return the engine's rows
//! (`skillcalc_engine::facts` / `policies`), the same as `skillcalc facts --format json`.

use serde::Serialize;

/// Versions of what answers: the npm package, the engine, and the embedded catalog.
#[derive(Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Version {
    pub package: &'static str,
    pub engine: &'static str,
    pub catalog: &'static str,
}

pub fn version() -> Version {
    Version {
        package: env!("CARGO_PKG_VERSION"),
        engine: skillcalc_engine::VERSION,
        catalog: skillcalc_catalog::VERSION,
    }
}
