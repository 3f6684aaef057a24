//! A rule pack as one JSON text for publishing: what `skillcalc export` writes and the studio
//! page exports, byte for byte (crates/cli/tests/studio_export.rs holds them to it).

use crate::{compile, pack_from_toml, with_positions, Error};

/// The pack's TOML files (as [`pack_from_toml`] takes them) as the JSON form of its source,
/// named and versioned, written only if the pack is valid (its problems located in `files`).
/// This is what the npm package's `loadPack(url, { integrity })` loads.
pub fn publish_json(
    files: &[(String, String)],
    name: &str,
    version: &str,
) -> Result<String, Error> {
    let mut source = pack_from_toml(files).map_err(|e| with_positions(e, files))?;
    source.name = Some(name.to_string());
    source.version = Some(version.to_string());
    compile(&source).map_err(|e| with_positions(e, files))?;
    // Plain data: serialising it cannot fail.
    Ok(serde_json::to_string(&source).unwrap_or_default())
}
