//! `skillcalc export [DIR] --name NAME --out FILE`: a rule pack as one JSON file for publishing
//! (the JS form of the TOML files, what the npm package's `loadPack(url, { integrity })` loads),
//! written only if the pack is valid, with the integrity value a page passes to load it.

use crate::failure::{pick, Failure};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use skillcalc_engine::{compile, pack_from_toml, with_positions, Lang};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// A rule-pack folder (default: the embedded catalog's sources).
    #[arg(value_name = "DIR")]
    dir: Option<PathBuf>,
    /// The pack's name, which every report it makes carries (default: `name` in the folder's
    /// pack.toml, else the folder's name). Not the embedded catalogue's: a published pack must
    /// never pass for it.
    #[arg(long)]
    name: Option<String>,
    /// The pack's version (default: `version` in the folder's pack.toml, else "0").
    #[arg(long)]
    version: Option<String>,
    /// Where to write the JSON.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

pub fn run(args: &ExportArgs) -> Result<ExitCode, Failure> {
    let lang = Lang::En;
    let files: Vec<(String, String)> = match &args.dir {
        Some(dir) => crate::input::read_toml_dir(dir, lang)?,
        None => skillcalc_catalog::source_files()
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect(),
    };
    let mut source =
        pack_from_toml(&files).map_err(|e| Failure::engine(&with_positions(e, &files), lang))?;
    // --name and --version, else the folder's pack.toml (which also gives the issuer and the
    // date of publication, FORMAT.md), else the folder's name and "0".
    let name = args
        .name
        .clone()
        .or_else(|| source.name.clone())
        .or_else(|| {
            args.dir
                .as_deref()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "custom".into());
    if name == skillcalc_catalog::NAME {
        return Err(Failure::bad_input(format!(
            "{}: '{name}' (--name)",
            pick(
                lang,
                "发布的规则包不能使用内置政策目录的名称",
                "a published pack may not take the embedded catalogue's name"
            )
        )));
    }
    source.name = Some(name);
    source.version = Some(
        args.version
            .clone()
            .or_else(|| source.version.clone())
            .unwrap_or_else(|| "0".into()),
    );
    compile(&source).map_err(|e| Failure::engine(&with_positions(e, &files), lang))?;
    // Plain data: serialising it cannot fail.
    let json = serde_json::to_string(&source).unwrap_or_default();
    std::fs::write(&args.out, &json)
        .map_err(|e| Failure::bad_input(format!("cannot write {}: {e}", args.out.display())))?;
    let digest = Sha256::digest(json.as_bytes());
    let integrity = format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    println!("{} ({} bytes)", args.out.display(), json.len());
    println!("integrity {integrity}");
    Ok(ExitCode::SUCCESS)
}
