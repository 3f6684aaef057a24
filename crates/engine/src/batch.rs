//! Totals over many rows of one provision, with caps applied once per group
//! (e.g. the training subsidy: at most 100万 per project per year, however many trainees).

use crate::error::Error;
use crate::eval::{
    decide_reusing, decision_with_texts, range_display, AmountTexts, Decision, EvaluateOptions,
    Mark,
};
use crate::group::group_names;
use crate::model::RulePack;
use crate::money::fen_string;
use crate::profile::Profile;
use crate::report::{ProvisionDecision, Status};
use crate::text::Lang;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

type Groups = BTreeMap<String, Group>;

/// One provision decided for many rows (an enterprise's list of trainees): each row's decision,
/// and the totals per cap group. The CLI's `batch` and the JS package's `batch()`.
pub struct Batch<'a> {
    pack: &'a RulePack,
    column: Column,
    options: EvaluateOptions,
}

impl<'a> Batch<'a> {
    /// `provision`: the provision's id.
    pub fn new(
        pack: &'a RulePack,
        provision: &str,
        options: EvaluateOptions,
    ) -> Result<Batch<'a>, Error> {
        let provision = pack
            .provisions
            .iter()
            .position(|p| p.id == provision)
            .ok_or_else(|| Error::UnknownProvision {
                id: provision.to_string(),
            })?;
        Ok(Batch {
            pack,
            column: Column::new(provision),
            options,
        })
    }

    pub fn options(&self) -> &EvaluateOptions {
        &self.options
    }

    /// Decides one row and counts it towards its group's total. An error (numbers too large)
    /// concerns this row only.
    pub fn row(&mut self, profile: &Profile) -> Result<ProvisionDecision<'a>, Error> {
        let d = self.decide_row(profile)?;
        Ok(self.column.report(self.pack, &d, self.options.lang))
    }

    /// [`Batch::row`] without its texts: what a compact encoding writes from (the JS package).
    pub fn decide_row(&mut self, profile: &Profile) -> Result<Decision<'a>, Error> {
        self.column.decide(self.pack, profile, &self.options)
    }

    /// The cap group of the row decided last, as written: what [`crate::cap_group`] says of it, without
    /// writing it again (`None` when the amount has no cap across rows).
    pub fn row_group(&self) -> Option<&str> {
        self.column.last_group(self.pack)
    }

    /// The provision decided, by its place in the pack.
    pub fn provision(&self) -> usize {
        self.column.provision
    }

    /// The totals per cap group, each group's cap applied once (one group "*" for rows whose
    /// amount has no cap across rows).
    pub fn groups(&self) -> Vec<GroupTotal> {
        self.column.groups(self.options.lang)
    }
}

/// One provision over the rows read so far: its totals per cap group and its rows by status.
/// It holds no borrow of the pack, so a [`crate::Roster`] of them can be kept between calls
/// (the JS package's `match`, chunk by chunk).
#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub provision: usize,
    totals: GroupTotals,
    pub eligible_rows: u64,
    pub needs_info_rows: u64,
    /// The last amount reported and its texts: rows of one list mostly share one.
    last: Option<AmountTexts>,
    /// Room for the condition's marks, kept from row to row.
    marks: Vec<Mark>,
}

impl Column {
    pub fn new(provision: usize) -> Column {
        Column {
            provision,
            totals: GroupTotals::default(),
            eligible_rows: 0,
            needs_info_rows: 0,
            last: None,
            marks: Vec::new(),
        }
    }

    /// Decides one row and counts it; nothing is counted when deciding fails (numbers too large).
    pub fn decide<'a>(
        &mut self,
        pack: &'a RulePack,
        profile: &Profile,
        options: &EvaluateOptions,
    ) -> Result<Decision<'a>, Error> {
        let d = decide_reusing(
            pack,
            profile,
            self.provision,
            options.as_of,
            &mut self.marks,
        )?;
        let scope = pack.provisions[self.provision]
            .amount
            .as_ref()
            .map_or(&[][..], |a| &a.cap_scope[..]);
        self.totals.add(pack, profile, scope, &d);
        match d.status {
            Status::Eligible => self.eligible_rows += 1,
            Status::NeedsInfo => self.needs_info_rows += 1,
            _ => {}
        }
        Ok(d)
    }

    /// The decision of the row counted last, as reported, with its texts (made only for the
    /// rows that are shown).
    pub fn report<'a>(
        &mut self,
        pack: &'a RulePack,
        d: &Decision<'a>,
        lang: Lang,
    ) -> ProvisionDecision<'a> {
        let group = self.last_group(pack).map(str::to_string);
        decision_with_texts(pack, self.provision, d, group, lang, &mut self.last)
    }

    /// The cap group of the row counted last, as written when it was counted: what
    /// [`cap_group`] says of that row (`None` when the amount has no cap across rows).
    pub fn last_group(&self, pack: &RulePack) -> Option<&str> {
        let amount = pack.provisions[self.provision].amount.as_ref()?;
        (!amount.cap_scope.is_empty()).then_some(self.totals.spelling.as_str())
    }

    pub fn groups(&self, lang: Lang) -> Vec<GroupTotal> {
        self.totals.totals(lang)
    }

    /// Adds the rows `other` counted (the same provision, other rows of the list).
    pub fn merge(&mut self, other: Column) {
        self.eligible_rows += other.eligible_rows;
        self.needs_info_rows += other.needs_info_rows;
        self.totals.merge(other.totals);
    }
}

/// Rows summed per cap group (one group "*" for rows whose amount has no cap across rows).
#[derive(Clone, Debug, Default)]
struct GroupTotals {
    /// By the group's key (see [`group_names`]); rows with an unanswered scope fact ("?|2024")
    /// in `scope_unknown`.
    groups: Groups,
    scope_unknown: Groups,
    /// The last row's key and spelling, kept to reuse their memory.
    key: String,
    spelling: String,
    /// A number's or a date's answer written out, before it is escaped into the two above.
    written: String,
}

#[derive(Clone, Debug, Default)]
struct Group {
    rows: usize,
    eligible_rows: usize,
    min: Decimal,
    max: Option<Decimal>,
    cap: Option<Decimal>,
    spellings: BTreeSet<String>,
}

/// A group's total in a batch: its rows summed, then its cap applied once.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupTotal {
    // The first of `spellings`, written as `group_names` says. Said here rather than in the doc
    // comment, which is also web/package/src/types.d.ts (regenerated with the JS package).
    /// The cap scope's answers, e.g. "P001|2024" (project and year); "*" for rows whose amount
    /// has no cap across rows.
    pub group: String,
    pub rows: usize,
    pub eligible_rows: usize,
    pub min: String,
    pub max: Option<String>,
    pub cap: Option<String>,
    /// Whether the cap lowered the sum.
    pub capped: bool,
    /// Some rows did not say which group (project, year) they belong to ("?" in `group`): they
    /// may belong to different groups, so each is capped on its own and their sum is not capped
    /// again — an upper bound, not a group's total.
    pub scope_unknown: bool,
    pub display: String,
    /// Every spelling of the group's answers in its rows, sorted: answers that differ only in
    /// case, full-width forms or surrounding spaces ("PT-1", "pt-1", "ＰＴ-1") are one project
    /// and share one cap.
    pub spellings: Vec<String>,
}

impl GroupTotals {
    /// Adds one row's decision to its group: the row's answers to the facts of the provision's
    /// cap scope (`scope`; none: the group "*").
    fn add(&mut self, pack: &RulePack, profile: &Profile, scope: &[usize], d: &Decision) {
        let scope_known = scope.iter().all(|&f| profile.is_known(f));
        let (min, max, cap) = match &d.amount {
            Some(a) if scope_known && !scope.is_empty() => (a.uncapped_min, a.uncapped_max, a.cap),
            Some(a) => (a.min, a.max, None),
            None => (Decimal::ZERO, Some(Decimal::ZERO), None),
        };
        group_names(
            pack,
            profile,
            scope,
            [&mut self.key, &mut self.spelling, &mut self.written],
        );
        let groups = if scope_known {
            &mut self.groups
        } else {
            &mut self.scope_unknown
        };
        // Most rows join a group that exists: look up before copying a key.
        let g = match groups.get_mut(self.key.as_str()) {
            Some(g) => g,
            None => groups.entry(self.key.clone()).or_insert(Group {
                max: Some(Decimal::ZERO),
                ..Group::default()
            }),
        };
        if !g.spellings.contains(&self.spelling) {
            g.spellings.insert(self.spelling.clone());
        }
        g.rows += 1;
        if d.status == Status::Eligible {
            g.eligible_rows += 1;
            g.min = g.min.saturating_add(min);
            g.max = match (g.max, max) {
                (Some(a), Some(b)) => a.checked_add(b),
                _ => None,
            };
            if cap.is_some() {
                g.cap = cap;
            }
        }
    }

    /// Adds another part of the list's rows, group by group: what adding its rows here one by
    /// one would have given.
    fn merge(&mut self, other: GroupTotals) {
        for (mine, theirs) in [
            (&mut self.groups, other.groups),
            (&mut self.scope_unknown, other.scope_unknown),
        ] {
            for (key, g) in theirs {
                match mine.get_mut(&key) {
                    None => {
                        mine.insert(key, g);
                    }
                    Some(m) => {
                        m.rows += g.rows;
                        m.eligible_rows += g.eligible_rows;
                        m.min = m.min.saturating_add(g.min);
                        m.max = match (m.max, g.max) {
                            (Some(a), Some(b)) => a.checked_add(b),
                            _ => None,
                        };
                        m.cap = m.cap.or(g.cap);
                        m.spellings.extend(g.spellings);
                    }
                }
            }
        }
    }

    fn totals(&self, lang: Lang) -> Vec<GroupTotal> {
        let known = self.groups.values().map(|g| (false, g));
        known
            .chain(self.scope_unknown.values().map(|g| (true, g)))
            .map(|(scope_unknown, g)| {
                let (min, max, capped) = match g.cap {
                    Some(c) => (
                        g.min.min(c),
                        Some(g.max.map_or(c, |m| m.min(c))),
                        g.max.is_none_or(|m| m > c),
                    ),
                    None => (g.min, g.max, false),
                };
                GroupTotal {
                    group: g.spellings.first().cloned().unwrap_or_default(),
                    rows: g.rows,
                    eligible_rows: g.eligible_rows,
                    min: fen_string(min),
                    max: max.map(fen_string),
                    cap: g.cap.map(fen_string),
                    capped,
                    scope_unknown,
                    display: range_display(min, max, lang),
                    spellings: g.spellings.iter().cloned().collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FactsFile, PolicyFileSource, ValuesFile};
    use crate::{cap_group, compile, InputValue, PackSource};
    use std::collections::BTreeMap;

    /// The demo pack of tests/fixtures: demo.training pays 1000–3000 per trainee, at most
    /// 1,000,000 per project (org.project) and year (org.year).
    fn demo() -> RulePack {
        let facts: FactsFile =
            toml::from_str(include_str!("../tests/fixtures/demo/facts.toml")).expect("facts");
        let values: ValuesFile =
            toml::from_str(include_str!("../tests/fixtures/demo/values.toml")).expect("values");
        let policy: PolicyFileSource =
            toml::from_str(include_str!("../tests/fixtures/demo/policies/demo.toml"))
                .expect("policy");
        compile(&PackSource {
            fact: facts.fact,
            group: facts.group,
            value: values.value,
            policies: vec![policy],
            ..PackSource::default()
        })
        .expect("the demo pack compiles")
    }

    /// 400 trainees for each project answer (None: not answered) in 2024.
    fn groups(projects: &[Option<&str>]) -> Vec<GroupTotal> {
        let pack = demo();
        let options = EvaluateOptions::new("2024-06-01", Lang::En).expect("date");
        let mut batch = Batch::new(&pack, "demo.training", options).expect("provision");
        for project in projects {
            let mut answers = BTreeMap::new();
            answers.insert("org.trainees".to_string(), InputValue::Int(400));
            answers.insert("org.year".to_string(), InputValue::Int(2024));
            if let Some(p) = project {
                answers.insert("org.project".to_string(), InputValue::Str(p.to_string()));
            }
            let profile = pack.profile(&answers).expect("a valid profile");
            batch.row(&profile).expect("decided");
        }
        batch.groups()
    }

    #[test]
    fn spellings_of_one_project_are_one_group_capped_once() {
        let totals = groups(&[
            Some("PT-1"),
            Some("pt-1"),
            Some("ＰＴ－１"),
            Some(" Pt-1\u{3000}"),
            Some("PT-2"),
        ]);
        assert_eq!(totals.len(), 2, "{totals:#?}");
        let pt1 = &totals[0];
        assert_eq!(pt1.group, "PT-1|2024");
        assert_eq!(pt1.rows, 4);
        // 4 × 400 × 1000–3000 = 1.6M–4.8M, capped once at 1M (was: four groups, 4M in all).
        assert_eq!(
            (pt1.min.as_str(), pt1.max.as_deref()),
            ("1000000.00", Some("1000000.00"))
        );
        assert!(pt1.capped);
        assert_eq!(
            pt1.spellings,
            ["PT-1|2024", "Pt-1|2024", "pt-1|2024", "ＰＴ－１|2024"]
        );
        assert_eq!(totals[1].group, "PT-2|2024");
        assert_eq!(totals[1].spellings, ["PT-2|2024"]);
    }

    #[test]
    fn a_project_named_question_mark_is_not_the_unknown_project() {
        let totals = groups(&[None, Some("?"), Some("\\?"), Some("a|b")]);
        let names: Vec<(&str, bool)> = totals
            .iter()
            .map(|t| (t.group.as_str(), t.scope_unknown))
            .collect();
        assert_eq!(
            names,
            [
                ("\\?|2024", false),
                ("\\\\?|2024", false),
                ("a\\|b|2024", false),
                ("?|2024", true)
            ]
        );
    }

    /// A row's cap group is the name of the group its amount is counted in, escapes and all,
    /// so a list can be joined to its totals (a project "a|b" is not two answers).
    #[test]
    fn a_row_names_the_group_it_is_counted_in() {
        let pack = demo();
        let options = EvaluateOptions::new("2024-06-01", Lang::En).expect("date");
        let named_as = [
            ("PT-1", "PT-1|2024"),
            ("?", r"\?|2024"),
            (r"\?", r"\\?|2024"),
            ("a|b", r"a\|b|2024"),
            (r"a\b", r"a\\b|2024"),
        ];
        for (project, name) in named_as {
            let mut batch = Batch::new(&pack, "demo.training", options).expect("provision");
            let mut answers = BTreeMap::new();
            answers.insert("org.trainees".to_string(), InputValue::Int(400));
            answers.insert("org.year".to_string(), InputValue::Int(2024));
            answers.insert("org.project".to_string(), InputValue::Str(project.into()));
            let profile = pack.profile(&answers).expect("a valid profile");
            let row = batch.row(&profile).expect("decided");
            assert_eq!(batch.groups()[0].group, name, "{project}");
            let named = row.amount.and_then(|a| a.cap_group);
            assert_eq!(named.as_deref(), Some(name), "{project}");
            let again = cap_group(&pack, &profile, batch.provision());
            assert_eq!(again.as_deref(), Some(name), "{project}");
        }
    }
}
