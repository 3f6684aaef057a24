//! Reading what the user points us at: the rule pack, the as-of date, a profile file.

use crate::failure::{pick, Failure};
use crate::{AsOfArg, PackArgs};
use skillcalc_engine::{
    compile, pack_from_toml, EvaluateOptions, InputValue, Lang, Profile, RulePack,
};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The pack to run: the embedded catalog (borrowed) or a folder given with `--pack` (owned).
pub type Pack = Cow<'static, RulePack>;

pub fn load_pack(args: &PackArgs) -> Result<Pack, Failure> {
    let lang = args.lang.into();
    match &args.pack {
        None => skillcalc_catalog::pack()
            .map(Cow::Borrowed)
            .map_err(|e| Failure::engine(&e, lang)),
        Some(dir) => {
            let files = read_toml_dir(dir, lang)?;
            let mut source = pack_from_toml(&files).map_err(|e| Failure::engine(&e, lang))?;
            if source.name.is_none() {
                source.name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
            }
            compile(&source)
                .map(Cow::Owned)
                .map_err(|e| Failure::engine(&e, lang))
        }
    }
}

/// Every `.toml` file under `dir`, as (path relative to `dir` with `/` separators, contents),
/// sorted so problems come out in a stable order.
pub fn read_toml_dir(dir: &Path, lang: Lang) -> Result<Vec<(String, String)>, Failure> {
    let mut paths = Vec::new();
    collect_toml(dir, &mut paths).map_err(|e| {
        Failure::bad_input(match lang {
            Lang::Zh => format!("{}：无法读取规则包目录：{e}", dir.display()),
            Lang::En => format!("{}: cannot read the rule-pack folder: {e}", dir.display()),
        })
    })?;
    paths.sort();
    if paths.is_empty() {
        return Err(Failure::bad_input(match lang {
            Lang::Zh => format!("{}：目录中没有 .toml 文件", dir.display()),
            Lang::En => format!("{}: no .toml files in this folder", dir.display()),
        }));
    }
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Failure::bad_input(format!("{}: {e}", path.display())))?;
        files.push((name, text));
    }
    Ok(files)
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// The as-of date (today in the local time zone unless given) and language.
pub fn options(as_of: &AsOfArg, lang: Lang) -> Result<EvaluateOptions, Failure> {
    let today;
    let date = match &as_of.as_of {
        Some(d) => d.as_str(),
        None => {
            today = chrono::Local::now().format("%Y-%m-%d").to_string();
            today.as_str()
        }
    };
    EvaluateOptions::new(date, lang).map_err(|e| Failure::engine(&e, lang))
}

/// The bytes of a file, or of standard input for `-`.
pub fn read_input(path: &str, lang: Lang) -> Result<Vec<u8>, Failure> {
    let result = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    result.map_err(|e| {
        Failure::bad_input(match lang {
            Lang::Zh => format!("{path}：无法读取：{e}"),
            Lang::En => format!("{path}: cannot read: {e}"),
        })
    })
}

/// A profile file: a JSON object {fact id: value}, checked against the pack's registry.
pub fn read_profile(path: &str, pack: &RulePack, lang: Lang) -> Result<Profile, Failure> {
    let bytes = read_input(path, lang)?;
    let answers: BTreeMap<String, InputValue> = serde_json::from_slice(&bytes).map_err(|e| {
        Failure::bad_input(format!(
            "{path}: {} ({e})",
            pick(
                lang,
                "不是有效的 JSON 对象 {事实编号: 值}",
                "not a valid JSON object {fact id: value}"
            )
        ))
    })?;
    pack.profile(&answers)
        .map_err(|e| Failure::engine(&e, lang))
}
