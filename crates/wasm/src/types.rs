//! The package's TypeScript declarations of everything that crosses the boundary, generated
//! from the Rust types by ts-rs into `web/package/src/types.d.ts` (shipped as
//! `dist/types.d.ts`). The test regenerates them and fails when the committed file is stale;
//! `UPDATE_TYPES=1 cargo test -p skillcalc-wasm types` rewrites it.

use crate::error::ErrorData;
use crate::lists::Version;
use crate::options::{BatchOptions, MatchOptions, Options};
use crate::profile::Answers;
use skillcalc_engine::{Decisions, GroupTotal, PackSource, ProvisionDecision, Report};
use skillcalc_engine::{FactInfo, PolicyInfo, ProvisionTotals, RosterCounts, RowTotal};
use std::any::TypeId;
use std::collections::BTreeMap;
use ts_rs::{Config, TypeVisitor, TS};

const FILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../web/package/src/types.d.ts"
);

const HEADER: &str = "\
// Generated from the Rust types (crates/engine, crates/wasm) by ts-rs: do not edit.
// Regenerate with `UPDATE_TYPES=1 cargo test -p skillcalc-wasm types`.
import type { Pack } from \"./index.js\";
";

/// Every declarable type reachable from the roots, each once, sorted by name (a stable file).
#[derive(Default)]
struct Collect {
    seen: Vec<TypeId>,
    decls: BTreeMap<String, String>,
    cfg: Config,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and std types have no output path: they are inlined, not declared.
        if T::output_path().is_none() || self.seen.contains(&TypeId::of::<T>()) {
            return;
        }
        self.seen.push(TypeId::of::<T>());
        let docs = T::docs().unwrap_or_default();
        self.decls.insert(
            T::ident(&self.cfg),
            format!("{docs}export {}\n", T::decl(&self.cfg)),
        );
        T::visit_dependencies(self);
    }
}

fn declarations() -> String {
    // i64 answers and literals are JS numbers (the default would be bigint).
    let mut c = Collect {
        cfg: Config::new().with_large_int("number"),
        ..Collect::default()
    };
    c.visit::<Report>();
    c.visit::<Decisions>();
    c.visit::<BatchResult>();
    c.visit::<ManyDecisions>();
    c.visit::<MatchResult>();
    c.visit::<MatchOptions>();
    c.visit::<BatchOptions>();
    c.visit::<Answers>();
    c.visit::<Options>();
    c.visit::<PackSource>();
    c.visit::<FactInfo>();
    c.visit::<PolicyInfo>();
    c.visit::<Version>();
    c.visit::<ErrorData>();
    let mut out = HEADER.to_string();
    for decl in c.decls.values() {
        out.push('\n');
        out.push_str(decl);
    }
    out
}

/// What `batch` returns (decoded by the wrapper from encode.rs's compact form).
#[derive(ts_rs::TS)]
#[allow(dead_code)] // only its shape is used
struct BatchResult {
    /// One decision per profile, in order; `null` for an invalid profile.
    rows: Vec<Option<ProvisionDecision<'static>>>,
    /// The errors of the invalid profiles, each with its index as `row`.
    errors: Vec<ErrorData>,
    /// Per cap group (e.g. project and year): the rows' amounts summed, the cap applied once.
    groups: Vec<GroupTotal>,
}

/// What `decideMany` returns (decoded by the wrapper from encode.rs's compact form).
#[derive(ts_rs::TS)]
#[allow(dead_code)] // only its shape is used
struct ManyDecisions {
    /// One result per profile, in order, as `decide` gives it; `null` for an invalid profile.
    rows: Vec<Option<Decisions<'static>>>,
    /// The errors of the invalid profiles, each with its index as `row`.
    errors: Vec<ErrorData>,
}

/// What `match` returns (decoded by the wrapper from encode.rs's compact form).
#[derive(ts_rs::TS)]
#[allow(dead_code)] // only its shape is used
struct MatchResult {
    /// One result per profile, in order; `null` for an invalid profile.
    rows: Vec<Option<MatchedRow>>,
    /// The errors of the invalid profiles, each with its index as `row`.
    errors: Vec<ErrorData>,
    /// Per provision some row is eligible for or needs information on: its rows by status, its
    /// amounts per cap group with each cap applied once across rows.
    totals: Vec<ProvisionTotals>,
    /// Every row read, valid and invalid.
    counts: RosterCounts,
}

/// One valid row of `match`.
#[derive(ts_rs::TS)]
#[allow(dead_code)] // only its shape is used
struct MatchedRow {
    /// The provisions the row is eligible for or needs information on, in the pack's order.
    results: Vec<ProvisionDecision<'static>>,
    /// The amounts of the eligible ones, added up.
    total: RowTotal,
    /// Provisions that could not be decided for this row (numbers too large): left out of
    /// `results` and of every total; the rest of the row stands.
    problems: Vec<MatchProblem>,
}

/// A provision that could not be decided for one row of `match`.
#[derive(ts_rs::TS)]
#[allow(dead_code)] // only its shape is used
struct MatchProblem {
    provision: String,
    fact: String,
    /// In the options' language.
    message: String,
}

#[test]
fn types_are_up_to_date() {
    let fresh = declarations();
    if std::env::var_os("UPDATE_TYPES").is_some() {
        std::fs::write(FILE, &fresh).expect("writing web/package/src/types.d.ts");
        return;
    }
    let committed = std::fs::read_to_string(FILE).unwrap_or_default();
    assert!(
        committed == fresh,
        "web/package/src/types.d.ts is stale: run `UPDATE_TYPES=1 cargo test -p skillcalc-wasm types` and commit it"
    );
}
