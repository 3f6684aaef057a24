//! Reading what the user points us at: the rule pack, the as-of date, a profile file.

use crate::failure::{pick, Failure};
use crate::{AsOfArg, PackArgs};
use skillcalc_engine::{
    compile, pack_from_toml, EvaluateOptions, InputValue, Lang, Profile, RulePack,
};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// The pack to run: the embedded catalog (borrowed) or a folder given with `--pack` (owned).
pub type Pack = Cow<'static, RulePack>;

pub fn load_pack(args: &PackArgs) -> Result<Pack, Failure> {
    let lang = args.lang.into();
    match &args.pack {
        None => skillcalc_catalog::pack().map(Cow::Borrowed).map_err(|e| {
            let mut failure = Failure::engine(&e, lang);
            if matches!(e, skillcalc_engine::Error::InvalidPack { .. }) {
                // A build made from a broken catalogue (crates/catalog's `lenient`).
                failure.lines.insert(
                    0,
                    pick(
                        lang,
                        "此 skillcalc 构建时内置的政策目录无效（`skillcalc check crates/catalog/pack` 列出全部问题）：",
                        "this skillcalc was built from an invalid catalogue (`skillcalc check crates/catalog/pack` lists every problem):",
                    )
                    .to_string(),
                );
            }
            failure
        }),
        Some(dir) => {
            let files = read_toml_dir(dir, lang)?;
            let mut source = pack_from_toml(&files).map_err(|e| Failure::engine(&e, lang))?;
            if source.name.is_none() {
                source.name = dir.file_name().map(|n| n.to_string_lossy().into_owned());
            }
            if source.name.as_deref() == Some(skillcalc_catalog::NAME) {
                return Err(Failure::bad_input(format!(
                    "{}: '{}'",
                    pick(
                        lang,
                        "自带规则包不能使用内置政策目录的名称",
                        "a pack given with --pack may not take the embedded catalogue's name"
                    ),
                    skillcalc_catalog::NAME
                )));
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

/// The most a profile may be (16 MiB): far beyond any real one, small enough that reading and
/// parsing it cannot exhaust memory (`yes | skillcalc evaluate -` would, read to its end).
pub const MAX_PROFILE: usize = 16 << 20;
/// The most one line of a batch may be (1 MiB): one CSV row or one JSON-lines profile. Lines are
/// read into a buffer of at most this size, so a file without line breaks cannot fill memory.
pub const MAX_LINE: usize = 1 << 20;

/// The bytes of a profile file, or of standard input for `-`; at most [`MAX_PROFILE`].
pub fn read_input(path: &str, lang: Lang) -> Result<Vec<u8>, Failure> {
    let cannot_read = |e: std::io::Error| {
        Failure::bad_input(match lang {
            Lang::Zh => format!("{path}：无法读取：{e}"),
            Lang::En => format!("{path}: cannot read: {e}"),
        })
    };
    let source: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(path).map_err(cannot_read)?)
    };
    let mut buf = Vec::new();
    // One byte more than allowed tells "too large" from "exactly the limit".
    source
        .take(MAX_PROFILE as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(cannot_read)?;
    if buf.len() > MAX_PROFILE {
        return Err(Failure::bad_input(match lang {
            Lang::Zh => format!("{path}：超过 16 MiB，档案最大 16 MiB"),
            Lang::En => format!("{path}: larger than 16 MiB, the most a profile may be"),
        }));
    }
    Ok(buf)
}

/// `bytes` without a leading UTF-8 byte-order mark (which Windows editors write).
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The lines of a batch input, each at most [`MAX_LINE`] bytes. Memory stays the same however
/// long the input, or a line in it (`read_until` would grow to a whole input without a `\n`).
pub struct Lines<R> {
    input: R,
    line: Vec<u8>,
    /// The number of the line last read, from 1.
    pub number: u64,
    lang: Lang,
}

impl<R: BufRead> Lines<R> {
    pub fn new(input: R, lang: Lang) -> Lines<R> {
        Lines {
            input,
            line: Vec::new(),
            number: 0,
            lang,
        }
    }

    /// The next line without its `\n` or `\r\n` (the first also without a byte-order mark), or
    /// `None` at the end. A line over [`MAX_LINE`] stops the reading (bad input).
    pub fn next_line(&mut self) -> Result<Option<&[u8]>, Failure> {
        self.line.clear();
        loop {
            let buf = self.input.fill_buf().map_err(|e| {
                Failure::bad_input(format!(
                    "{}: {e}",
                    pick(self.lang, "无法读取输入", "cannot read the input")
                ))
            })?;
            if buf.is_empty() {
                if self.line.is_empty() {
                    return Ok(None);
                }
                break;
            }
            let newline = buf.iter().position(|&b| b == b'\n');
            let take = newline.map_or(buf.len(), |i| i + 1);
            if self.line.len() + take - usize::from(newline.is_some()) > MAX_LINE {
                let line = self.number + 1;
                return Err(Failure::bad_input(match self.lang {
                    Lang::Zh => format!(
                        "第 {line} 行：超过 1 MiB（每行最大 1 MiB）；已停止，之后的行未读取"
                    ),
                    Lang::En => format!(
                        "line {line}: longer than 1 MiB, the most one line may be; stopped, the lines after it were not read"
                    ),
                }));
            }
            self.line.extend_from_slice(&buf[..take]);
            self.input.consume(take);
            if newline.is_some() {
                break;
            }
        }
        self.number += 1;
        let mut line = &self.line[..];
        line = line.strip_suffix(b"\n").unwrap_or(line);
        line = line.strip_suffix(b"\r").unwrap_or(line);
        if self.number == 1 {
            line = without_bom(line);
        }
        Ok(Some(line))
    }
}

/// A profile file: a JSON object {fact id: value}, checked against the pack's registry.
pub fn read_profile(path: &str, pack: &RulePack, lang: Lang) -> Result<Profile, Failure> {
    let bytes = read_input(path, lang)?;
    let answers: BTreeMap<String, InputValue> = serde_json::from_slice(without_bom(&bytes))
        .map_err(|e| {
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
