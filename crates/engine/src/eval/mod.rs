//! Evaluation: one path decides (`decide_all`, `decide`: conditions in condition.rs, amounts
//! in amount.rs, totals in totals.rs, warnings as data in warning.rs), and explain.rs writes a
//! decision out as a report (`evaluate`).

use crate::date::Date;
use crate::error::Error;
use crate::model::*;
use crate::money::{display, fen_string, percent, plain, push_display, push_plain, to_fen};
use crate::profile::{FactValue, Profile};
use crate::report::*;
use crate::text::{Lang, Text};
use rust_decimal::Decimal;

mod amount;
mod condition;
mod explain;
mod totals;
mod warning;
use crate::group::cap_group;
use amount::*;
pub use amount::{push_range_display, range_display};
pub(crate) use condition::Mark;
use condition::{judge, mark_all};
pub(crate) use condition::{tri_of, Tri};
pub use explain::describe_value;
pub(crate) use explain::push_value;
use explain::*;
pub use totals::Total;
use totals::*;
pub use warning::Warning;

/// How to evaluate: on which date, in which language, with or without explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EvaluateOptions {
    pub as_of: Date,
    pub lang: Lang,
    /// Write the condition trees and arithmetic steps (default). Without them a report still
    /// has every status, amount, missing and failed fact, warning and total, at a fraction of
    /// the cost: for lists and portals that show results, not explanations.
    pub explain: bool,
}

impl EvaluateOptions {
    /// Parses the as-of date; the error names the field.
    pub fn new(as_of: &str, lang: Lang) -> Result<EvaluateOptions, Error> {
        let as_of = Date::parse(as_of.trim()).ok_or_else(|| Error::InvalidOption {
            field: "as_of".into(),
            message_zh: format!("“as_of”不是有效日期（应为 YYYY-MM-DD）：{as_of}"),
            message_en: format!("as_of is not a real date in the form YYYY-MM-DD: {as_of}"),
        })?;
        Ok(EvaluateOptions {
            as_of,
            lang,
            explain: true,
        })
    }
}

/// Evaluates every provision of the pack.
pub fn evaluate(
    pack: &RulePack,
    profile: &Profile,
    options: &EvaluateOptions,
) -> Result<Report, Error> {
    evaluate_only(pack, profile, options, None)
}

/// [`evaluate`] of only the provisions at `only` (their indexes, in that order; all when
/// `None`): its policies, totals and questions cover them alone. For a portal or a goal that
/// asks about a few provisions, without a copy of the pack.
pub fn evaluate_only(
    pack: &RulePack,
    profile: &Profile,
    options: &EvaluateOptions,
    only: Option<&[usize]>,
) -> Result<Report, Error> {
    let decided = decide_all(pack, profile, options.as_of, only)?;
    let policies = pack
        .policies
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            only.is_none()
                || (decided.provisions.iter()).any(|(p, _)| pack.provisions[*p].policy == *i)
        })
        .map(|(_, p)| policy_report(p, options))
        .collect();
    let totals = decided
        .totals
        .iter()
        .map(|t| t.report(options.lang))
        .collect();
    let provisions: Vec<ProvisionReport> = (decided.provisions.into_iter())
        .map(|(index, d)| explain(pack, profile, index, d, options))
        .collect();
    let questions = questions(pack, &provisions);
    Ok(Report {
        as_of: options.as_of.to_string(),
        lang: options.lang,
        pack: PackInfo {
            name: pack.name.clone(),
            version: pack.version.clone(),
            embedded: pack.embedded,
            issuer: pack
                .issuer
                .as_ref()
                .map(|t| t.get(options.lang).to_string()),
            date: pack.date.map(|d| d.to_string()),
        },
        policies,
        provisions,
        totals,
        questions,
    })
}

pub fn policy_in_force(p: &Policy, as_of: Date) -> InForce {
    if p.from.is_some_and(|f| as_of < f) {
        InForce::NotYet
    } else if p.until.is_some_and(|u| as_of > u) {
        InForce::Expired
    } else {
        InForce::InForce
    }
}

/// Evaluates one provision (by its index in the pack).
pub fn evaluate_provision(
    pack: &RulePack,
    profile: &Profile,
    index: usize,
    options: &EvaluateOptions,
) -> Result<ProvisionReport, Error> {
    let d = decide_each(pack, profile, index, options.as_of, &mut Vec::new())?;
    Ok(explain(pack, profile, index, d, options))
}

/// A provision's decision and amount without the explanation: what a batch over many rows
/// needs, at a fraction of the cost of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision<'a> {
    /// As in the report: `NotInForce` when the policy is not in force on the as-of date.
    pub status: Status,
    /// What the conditions decide, whether or not the policy is in force.
    pub decision: Status,
    /// The amount, when the provision pays one and is not ruled out.
    pub amount: Option<DecidedAmount<'a>>,
    /// Facts whose answers would decide eligibility (for `NeedsInfo`).
    pub missing: Vec<FactIndex>,
    /// Facts of the conditions that rule the provision out.
    pub failed: Vec<FactIndex>,
    /// The amount's arithmetic overflowed (`amount` is then `None`): the calculation, e.g.
    /// "79228162514264337593543950335 × 2". [`decide`] fails instead; [`decisions`] report it.
    pub amount_error: Option<String>,
    /// What a person should know that does not change the decision, in the order a report
    /// lists them (its words: [`warning_texts`]).
    pub warnings: Vec<Warning<'a>>,
}

/// A decision's warnings in words, as its result lists them (its report adds that the policy
/// is not in force, after the conditions'): the conditions', the amount's error if its
/// arithmetic overflowed, then the amount's; a sentence said once (two values of one label,
/// say, both without an entry in force).
pub fn warning_texts(pack: &RulePack, index: usize, d: &Decision, lang: Lang) -> Vec<String> {
    if d.warnings.is_empty() && d.amount_error.is_none() {
        return Vec::new(); // most decisions, every row of a list: nothing to allocate
    }
    let mut out = Vec::with_capacity(d.warnings.len() + 1);
    let error = (d.amount_error.as_ref())
        .map(|m| ProvisionError::too_large(&pack.provisions[index], m, lang).message);
    let said = |amount: bool| {
        (d.warnings.iter())
            .filter(move |w| w.of_amount() == amount)
            .map(|w| w.text(pack, lang))
    };
    for text in said(false).chain(error).chain(said(true)) {
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DecidedAmount<'a> {
    pub min: Decimal,
    /// `None`: no upper limit can be stated yet.
    pub max: Option<Decimal>,
    /// Before a cap, so rows of one group can be summed and capped once.
    pub uncapped_min: Decimal,
    pub uncapped_max: Option<Decimal>,
    pub cap: Option<Decimal>,
    /// The text provides money but publishes no amount: what it says instead.
    pub not_published: Option<&'a Text>,
}

impl DecidedAmount<'_> {
    /// One amount, published: no range.
    pub fn exact(&self) -> bool {
        self.max == Some(self.min) && self.not_published.is_none()
    }

    /// As a report shows it: "5万元", "1000元–3000元", or what the text says instead.
    pub fn display(&self, lang: Lang) -> String {
        amount_display(self.min, self.max, self.not_published, lang)
    }
}

/// Decides one provision (by index) without writing its explanation. An amount whose
/// arithmetic overflows fails the decision: a batch row is one provision, so the row fails.
pub fn decide<'a>(
    pack: &'a RulePack,
    profile: &Profile,
    index: usize,
    as_of: Date,
) -> Result<Decision<'a>, Error> {
    decide_reusing(pack, profile, index, as_of, &mut Vec::new())
}

/// [`decide`] with the room for the condition's marks kept by the caller: a batch decides one
/// provision for every row, and would otherwise grow a new list of marks for each.
pub(crate) fn decide_reusing<'a>(
    pack: &'a RulePack,
    profile: &Profile,
    index: usize,
    as_of: Date,
    marks: &mut Vec<Mark>,
) -> Result<Decision<'a>, Error> {
    let d = decide_each(pack, profile, index, as_of, marks)?;
    match &d.amount_error {
        Some(message) => Err(overflow(&pack.provisions[index], message.clone())),
        None => Ok(d),
    }
}

/// [`decide`], where an amount that overflows is the decision's `amount_error` instead: in a
/// list of every provision, one provision's failure must not hide the others'.
fn decide_each<'a>(
    pack: &'a RulePack,
    profile: &Profile,
    index: usize,
    as_of: Date,
    marks: &mut Vec<Mark>,
) -> Result<Decision<'a>, Error> {
    let prov = pack
        .provisions
        .get(index)
        .ok_or_else(|| Error::UnknownProvision {
            id: format!("#{index}"),
        })?;
    let mut warnings = Vec::new();
    let (tri, missing, failed) = match &prov.when {
        Some(c) => {
            let verdict = judge(profile, c, marks);
            warnings.extend(verdict.advisory_unmet.into_iter().map(Warning::Advisory));
            (verdict.tri, verdict.missing, verdict.failed)
        }
        None => (Tri::True, Vec::new(), Vec::new()),
    };
    let decision = match tri {
        Tri::True => Status::Eligible,
        Tri::False => Status::NotEligible,
        Tri::Unknown => Status::NeedsInfo,
    };
    let policy = &pack.policies[prov.policy];
    let in_force = policy_in_force(policy, as_of);
    let status = if in_force == InForce::InForce {
        decision
    } else {
        // No warning recorded: the status says it (a report words it, see explain.rs).
        Status::NotInForce
    };
    let mut amount_error = None;
    let amount = match (&prov.amount, decision) {
        (Some(a), Status::Eligible | Status::NeedsInfo) => 'amount: {
            let mut cx = AmountCx::new(pack, profile, as_of, Lang::En, prov.rounding, false);
            cx.in_report = false;
            let top = match cx.amount(a) {
                Ok(top) => top,
                Err(message) => {
                    amount_error = Some(message);
                    break 'amount None;
                }
            };
            let cap = top.cap.or(cx.caps.only());
            warnings.append(&mut cx.warnings);
            Some(DecidedAmount {
                min: top.iv.min,
                max: top.iv.max,
                uncapped_min: top.uncapped.min,
                uncapped_max: top.uncapped.max,
                cap,
                not_published: cx.not_published,
            })
        }
        _ => None,
    };
    Ok(Decision {
        status,
        decision,
        amount,
        missing,
        failed,
        amount_error,
        warnings,
    })
}

/// Every provision's decision with the texts a list shows, without explanations: the same
/// statuses, amounts, missing and failed facts and totals as [`evaluate`], for a fraction of
/// the cost (the JS package's `decide`).
pub fn decisions<'a>(
    pack: &'a RulePack,
    profile: &Profile,
    options: &EvaluateOptions,
) -> Result<Decisions<'a>, Error> {
    decisions_only(pack, profile, options, None)
}

/// [`decisions`] of only the provisions at `only` (all when `None`), as [`evaluate_only`].
pub fn decisions_only<'a>(
    pack: &'a RulePack,
    profile: &Profile,
    options: &EvaluateOptions,
    only: Option<&[usize]>,
) -> Result<Decisions<'a>, Error> {
    let decided = decide_all(pack, profile, options.as_of, only)?;
    Ok(Decisions {
        as_of: options.as_of.to_string(),
        lang: options.lang,
        totals: decided
            .totals
            .iter()
            .map(|t| t.report(options.lang))
            .collect(),
        provisions: (decided.provisions.into_iter())
            .map(|(index, d)| decision_report(pack, profile, index, &d, options.lang))
            .collect(),
    })
}

/// Every provision's decision (or those at `only`) and the totals, as numbers: what
/// [`decisions`] writes out in words, and what a compact encoding writes directly.
#[derive(Clone, Debug)]
pub struct Decided<'a> {
    /// Each provision's place in the pack, and its decision.
    pub provisions: Vec<(usize, Decision<'a>)>,
    pub totals: Vec<Total>,
}

/// Decides every provision (or those at `only`) and sums the totals, writing no text.
pub fn decide_all<'a>(
    pack: &'a RulePack,
    profile: &Profile,
    as_of: Date,
    only: Option<&[usize]>,
) -> Result<Decided<'a>, Error> {
    let indexes = selected(pack, only);
    let mut provisions = Vec::with_capacity(indexes.len());
    let mut marks = Vec::with_capacity(64);
    for index in indexes {
        provisions.push((index, decide_each(pack, profile, index, as_of, &mut marks)?));
    }
    let totals = sum_totals(provisions.iter().map(|(i, d)| counted(pack, *i, d)));
    Ok(Decided { provisions, totals })
}

/// The provisions' indexes to decide: `only`, checked against the pack, or every one.
fn selected(pack: &RulePack, only: Option<&[usize]>) -> Vec<usize> {
    match only {
        Some(only) => only
            .iter()
            .copied()
            .filter(|&i| i < pack.provisions.len())
            .collect(),
        None => (0..pack.provisions.len()).collect(),
    }
}

/// What the totals count of a decision: its amount to the fen, as it is shown (a cap may have
/// more decimals than a fen: 1000.005 is shown, and so summed, as 1000.01).
fn counted(pack: &RulePack, index: usize, d: &Decision) -> Counted {
    let shown = |d: Decimal| to_fen(d, Rounding::HalfUp);
    Counted {
        recipient: pack.provisions[index].recipient,
        status: d.status,
        amount: d.amount.as_ref().map(|a| {
            Counted::amount(
                Iv {
                    min: shown(a.min),
                    max: a.max.map(shown),
                },
                a.not_published.is_some(),
            )
        }),
    }
}

/// One provision's decision as `decisions` reports it (and a batch row, in the CLI and JS).
pub fn decision_report<'a>(
    pack: &'a RulePack,
    profile: &Profile,
    index: usize,
    d: &Decision<'a>,
    lang: Lang,
) -> ProvisionDecision<'a> {
    decision_with_texts(
        pack,
        index,
        d,
        cap_group(pack, profile, index),
        lang,
        &mut None,
    )
}

/// An amount's (min, max, what the text says instead of an amount) and its texts: owned, so
/// that a list's column can keep them between calls.
pub(crate) type AmountTexts = (
    (Decimal, Option<Decimal>, Option<Text>),
    DecidedAmountReport,
);

/// `decision_report` with the row's cap group given, reusing `last`'s texts when the amount
/// is the same (rows of one list mostly share one) and keeping this amount's texts there.
pub(crate) fn decision_with_texts<'a>(
    pack: &'a RulePack,
    index: usize,
    d: &Decision<'a>,
    cap_group: Option<String>,
    lang: Lang,
    last: &mut Option<AmountTexts>,
) -> ProvisionDecision<'a> {
    let ids = |facts: &[FactIndex]| crate::report::FactList::new(&pack.facts, facts.to_vec());
    let amount = d.amount.as_ref().map(|a| match last {
        Some(((min, max, said), texts))
            if (*min, *max) == (a.min, a.max) && said.as_ref() == a.not_published =>
        {
            DecidedAmountReport {
                cap_group,
                ..texts.clone()
            }
        }
        _ => {
            let texts = DecidedAmountReport {
                min: fen_string(a.min),
                max: a.max.map(fen_string),
                exact: a.exact(),
                display: a.display(lang),
                cap_group,
            };
            *last = Some(((a.min, a.max, a.not_published.cloned()), texts.clone()));
            texts
        }
    });
    let prov = &pack.provisions[index];
    ProvisionDecision {
        index,
        id: &prov.id,
        status: d.status,
        decision: d.decision,
        amount,
        missing: ids(&d.missing),
        failed: ids(&d.failed),
        warnings: warning_texts(pack, index, d, lang),
        error: (d.amount_error.as_ref()).map(|m| ProvisionError::too_large(prov, m, lang)),
    }
}

fn overflow(prov: &Provision, message: String) -> Error {
    let text = overflow_text(prov, &message);
    Error::InvalidProfile {
        problems: vec![crate::error::ProfileProblem {
            code: "too_large".into(),
            fact: prov.id.clone(),
            message_zh: text.zh,
            message_en: text.en,
        }],
    }
}

fn overflow_text(prov: &Provision, message: &str) -> Text {
    Text::new(
        format!("计算“{}”时数值过大：{message}", prov.title.zh),
        format!(
            "numbers too large while computing '{}': {message}",
            prov.title.en
        ),
    )
}

impl ProvisionError {
    pub fn too_large(prov: &Provision, message: &str, lang: Lang) -> ProvisionError {
        ProvisionError {
            code: "too_large".into(),
            message: overflow_text(prov, message).get(lang).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FactsFile, PackSource, PolicyFileSource};

    /// The one fact of the test packs: a headcount.
    fn headcount_fact() -> FactsFile {
        toml::from_str(
            r#"
[[fact]]
id = "n"
type = "int"
subject = "organisation"
label = { zh = "人数", en = "Headcount" }
"#,
        )
        .expect("facts")
    }

    /// A pack with one amount that overflows for a large count, and one that cannot.
    fn pack() -> RulePack {
        let facts = headcount_fact();
        let policy: PolicyFileSource = toml::from_str(
            r#"
[policy]
id = "p"
document = "D1"
title = { zh = "示例", en = "Demo" }
issuer = { zh = "示例", en = "Demo" }

[[provision]]
id = "p.huge"
kind = "grant"
audience = "organisation"
recipient = "organisation"
unit = "one_off"
clause = "1"
title = { zh = "巨额", en = "Huge grant" }
explain = { zh = "每人", en = "Per head" }
amount = { per_unit = { count = ["n"], rate = "10000000000000000000000" } }

[[provision]]
id = "p.small"
kind = "grant"
audience = "organisation"
recipient = "organisation"
unit = "one_off"
clause = "2"
title = { zh = "小额", en = "Small grant" }
explain = { zh = "100元", en = "100" }
amount = { fixed = "100" }
"#,
        )
        .expect("policy");
        let source = PackSource {
            fact: facts.fact,
            policies: vec![policy],
            ..PackSource::default()
        };
        crate::compile(&source).expect("compiles")
    }

    fn headcount(pack: &RulePack, n: i64) -> Profile {
        let answers = [("n".to_string(), crate::source::InputValue::Int(n))].into();
        pack.profile(&answers).expect("a valid profile")
    }

    #[test]
    fn an_amount_that_overflows_is_its_provisions_error_not_the_reports() {
        let pack = pack();
        let profile = headcount(&pack, 100_000_000); // 10^22 × 10^8 is beyond any Decimal
        let options = EvaluateOptions::new("2024-06-01", Lang::En).expect("date");

        let report = evaluate(&pack, &profile, &options).expect("the report stands");
        let [huge, small] = &report.provisions[..] else {
            panic!("two provisions")
        };
        assert_eq!((huge.status, &huge.amount), (Status::Eligible, &None));
        let error = huge.error.as_ref().expect("the provision's error");
        assert_eq!(error.code, "too_large");
        assert!(error.message.contains("Huge grant"), "{}", error.message);
        assert!(huge.warnings.contains(&error.message));
        assert_eq!(small.error, None);
        assert_eq!(
            small.amount.as_ref().map(|a| a.min.value.as_str()),
            Some("100.00")
        );
        assert_eq!(report.totals[0].eligible.min.value, "100.00");

        let decided = decisions(&pack, &profile, &options).expect("the decisions stand");
        assert_eq!(decided.provisions[0].error.as_ref(), Some(error));
        assert_eq!(decided.provisions[0].amount, None);
        assert_eq!(decided.provisions[1].error, None);
        assert_eq!(decided.totals, report.totals);

        // A batch row is one provision: that row fails, naming it.
        match decide(&pack, &profile, 0, options.as_of) {
            Err(Error::InvalidProfile { problems }) => {
                assert_eq!(
                    (problems[0].code.as_str(), problems[0].fact.as_str()),
                    ("too_large", "p.huge")
                )
            }
            other => panic!("{other:?}"),
        }
        // A count within range is paid as before.
        let fine = evaluate(&pack, &headcount(&pack, 2), &options).expect("report");
        assert_eq!(fine.provisions[0].error, None);
        assert_eq!(
            fine.totals[0].eligible.min.value,
            "20000000000000000000100.00"
        );
    }

    /// A pack of two grants capped at a figure finer than a fen, and two dated values of one
    /// label with no entry in force.
    fn fine_pack() -> RulePack {
        let facts = headcount_fact();
        let provision = |id: &str, amount: &str| {
            format!(
                r#"
[[provision]]
id = "{id}"
kind = "grant"
audience = "organisation"
recipient = "organisation"
unit = "one_off"
clause = "1"
title = {{ zh = "补贴", en = "Grant" }}
explain = {{ zh = "补贴", en = "Grant" }}
amount = {amount}
"#
            )
        };
        let policy: PolicyFileSource = toml::from_str(&format!(
            "[policy]\nid = \"p\"\ndocument = \"D1\"\ntitle = {{ zh = \"示例\", en = \"Demo\" }}\nissuer = {{ zh = \"示例\", en = \"Demo\" }}\n{}{}{}",
            provision("p.a", r#"{ fixed = "5000", cap = "1000.005" }"#),
            provision("p.b", r#"{ fixed = "5000", cap = "1000.005" }"#),
            provision("p.rates", r#"{ sum = [{ fixed = "@rate_a" }, { fixed = "@rate_b" }] }"#),
        ))
        .expect("policy");
        let values: crate::source::ValuesFile = toml::from_str(
            r#"
[[value]]
id = "rate_a"
label = { zh = "标准", en = "Rate" }
history = [{ from = "2030-01-01", amount = "1", document = "D1", source = "s", confidence = "confirmed" }]

[[value]]
id = "rate_b"
label = { zh = "标准", en = "Rate" }
history = [{ from = "2030-01-01", amount = "2", document = "D1", source = "s", confidence = "confirmed" }]
"#,
        )
        .expect("values");
        let source = PackSource {
            fact: facts.fact,
            value: values.value,
            policies: vec![policy],
            ..PackSource::default()
        };
        crate::compile(&source).expect("compiles")
    }

    /// Totals add what the provisions show: two amounts capped at 1000.005 show 1000.01 each
    /// and total 2000.02, in the report and in the decisions alike.
    #[test]
    fn totals_add_the_amounts_as_shown_to_the_fen() {
        let pack = fine_pack();
        let profile = headcount(&pack, 1);
        let options = EvaluateOptions::new("2024-06-01", Lang::En).expect("date");
        let report = evaluate(&pack, &profile, &options).expect("evaluates");
        let shown: Vec<&str> = (report.provisions.iter().take(2))
            .filter_map(|p| p.amount.as_ref().map(|a| a.min.value.as_str()))
            .collect();
        assert_eq!(shown, ["1000.01", "1000.01"]);
        assert_eq!(report.totals[0].eligible.min.value, "2000.02");
        let decided = decisions(&pack, &profile, &options).expect("decides");
        assert_eq!(decided.totals, report.totals);
    }

    /// One sentence for two values of one label that have no entry in force.
    #[test]
    fn a_warning_is_said_once() {
        let pack = fine_pack();
        let profile = headcount(&pack, 1);
        let options = EvaluateOptions::new("2024-06-01", Lang::En).expect("date");
        let report = evaluate(&pack, &profile, &options).expect("evaluates");
        let rates = report
            .provisions
            .iter()
            .find(|p| p.id == "p.rates")
            .expect("p.rates");
        assert_eq!(
            rates.warnings,
            ["'Rate' has no value in force on 2024-06-01"]
        );
    }
}
