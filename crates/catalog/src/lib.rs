//! # skillcalc-catalog
//!
//! Shanghai's skilled-talent policies (普人社〔2022〕27号, 青人社〔2023〕17号, Lingang
//! 一十百千万, the city guidance on school–enterprise cooperation, 沪人社职〔2025〕87号) and the
//! confirmed city facts they point to, as a rule pack for `skillcalc-engine`. The TOML files
//! in `pack/` are validated and compiled at build time and embedded in compact form.
//!
//! ```
//! let pack = skillcalc_catalog::pack().unwrap();
//! assert!(pack.provisions().len() > 20);
//! ```

#![forbid(unsafe_code)]

use skillcalc_engine::{Error, PackProblem, RulePack};
use std::sync::OnceLock;

static PACK_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pack.bin"));

/// The pack's problems, one per line, when it was built `lenient` from an invalid pack (then
/// nothing is embedded); empty otherwise.
pub static PROBLEMS: &str = include_str!(concat!(env!("OUT_DIR"), "/problems.txt"));

mod files {
    include!(concat!(env!("OUT_DIR"), "/files.rs"));
}

/// The embedded catalogue's name. A pack loaded at run time may not take it (the CLI's
/// `--pack` and the npm package's `loadPack` refuse it), and reports say `pack.embedded`.
pub const NAME: &str = "shanghai-skills";

/// The catalog's version (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The embedded rule pack, decoded once.
pub fn pack() -> Result<&'static RulePack, Error> {
    static PACK: OnceLock<Result<RulePack, Error>> = OnceLock::new();
    PACK.get_or_init(|| {
        if !PROBLEMS.is_empty() {
            return Err(Error::InvalidPack {
                problems: PROBLEMS
                    .lines()
                    .map(|line| PackProblem::new("", "", "", line))
                    .collect(),
            });
        }
        RulePack::embedded_from_compact(PACK_BYTES)
    })
    .as_ref()
    .map_err(Clone::clone)
}

/// The pack's TOML source files as (path inside `pack/`, contents): for `skillcalc check`,
/// the tests, and anyone who wants to start a custom pack from the catalog.
pub fn source_files() -> &'static [(&'static str, &'static str)] {
    files::PACK_FILES
}

#[cfg(test)]
mod tests {
    /// Reports from the embedded pack say so, under its reserved name.
    #[test]
    fn the_embedded_pack_is_marked_and_named() {
        let pack = super::pack().expect("embedded pack");
        assert!(pack.is_embedded());
        if std::env::var_os("SKILLCALC_PACK_DIR").is_none() {
            assert_eq!(pack.name(), super::NAME);
        }
    }

    /// A provision in no goal would never be asked about by a person who picks goals.
    #[test]
    fn every_provision_belongs_to_a_goal() {
        let pack = super::pack().expect("embedded pack");
        if std::env::var_os("SKILLCALC_PACK_DIR").is_some() {
            return; // another pack: its author decides
        }
        for (i, p) in pack.provisions().iter().enumerate() {
            assert!(
                pack.goals().iter().any(|g| g.provisions.contains(&i)),
                "{} is in no goal of goals.toml",
                p.id
            );
        }
    }

    /// English readers get every clause in English; a Chinese document number ("普人社〔2022〕
    /// 27号") stays beside it, as a name.
    #[test]
    fn every_clause_reads_in_english() {
        fn cjk_outside_document_numbers(s: &str) -> Option<String> {
            let mut rest = s.to_string();
            // Drop document numbers: the Chinese before 〔, the year, the number and 号.
            while let Some(open) = rest.find('〔') {
                let start = rest[..open]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| !c.is_ascii())
                    .last()
                    .map_or(open, |(i, _)| i);
                let end = rest[open..]
                    .find('号')
                    .map_or(rest.len(), |i| open + i + '号'.len_utf8());
                rest.replace_range(start..end, "");
            }
            rest.chars()
                .any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
                .then_some(rest)
        }
        fn walk(c: &skillcalc_engine::Condition, id: &str) {
            assert_eq!(
                cjk_outside_document_numbers(&c.clause.en),
                None,
                "{id}: clause '{}'",
                c.clause.en
            );
            match &c.test {
                skillcalc_engine::Test::All(ps) | skillcalc_engine::Test::Any(ps) => {
                    ps.iter().for_each(|p| walk(p, id))
                }
                skillcalc_engine::Test::Not(inner) => walk(inner, id),
                skillcalc_engine::Test::Leaf { .. } => {}
            }
        }
        let pack = super::pack().expect("embedded pack");
        for p in pack.provisions() {
            assert_eq!(
                cjk_outside_document_numbers(&p.clause.en),
                None,
                "{}: clause '{}'",
                p.id,
                p.clause.en
            );
            if let Some(w) = &p.when {
                walk(w, &p.id);
            }
        }
    }
}
