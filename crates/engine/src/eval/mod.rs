//! Evaluation: Kleene three-valued conditions, amounts as exact values or ranges, and the
//! explanation of every step.

use crate::date::Date;
use crate::error::Error;
use crate::model::*;
use crate::money::{display, fen_string, percent, plain, push_display, to_fen};
use crate::profile::{FactValue, Profile};
use crate::report::*;
use crate::text::{Lang, Text};
use rust_decimal::Decimal;

mod condition;
mod warning;
use condition::{judge, Mark};
pub(crate) use condition::{tri_of, Tri};
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

fn policy_report(p: &Policy, options: &EvaluateOptions) -> PolicyReport {
    let lang = options.lang;
    PolicyReport {
        id: p.id.clone(),
        document: p.document.clone(),
        title: p.title.get(lang).to_string(),
        issuer: p.issuer.get(lang).to_string(),
        from: p.from.map(|d| d.to_string()),
        until: p.until.map(|d| d.to_string()),
        in_force: policy_in_force(p, options.as_of),
        source: p.source.clone(),
        note: p.note.as_ref().map(|t| t.get(lang).to_string()),
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

/// A decision as a report: its texts and warnings and, with `options.explain`, the tree of
/// conditions and the amount's steps. It decides nothing: statuses, facts and amounts are the
/// decision's (one path decides, for `decide` and `evaluate` alike); the explanation walks the
/// same rules again with a pen.
fn explain(
    pack: &RulePack,
    profile: &Profile,
    index: usize,
    d: Decision,
    options: &EvaluateOptions,
) -> ProvisionReport {
    let prov = &pack.provisions[index];
    let lang = options.lang;
    let policy = &pack.policies[prov.policy];
    let conditions = match &prov.when {
        Some(c) if options.explain => vec![condition(pack, profile, c, lang).1],
        _ => Vec::new(),
    };
    let warnings = warning_texts(pack, index, &d, lang);

    let mut values_used = Vec::new();
    let mut amount_missing = Vec::new();
    let error = (d.amount_error.as_ref()).map(|m| ProvisionError::too_large(prov, m, lang));
    let amount = match (&prov.amount, &d.amount) {
        (Some(a), Some(decided)) => {
            // The same arithmetic again, in the report's language, writing its steps and
            // noting what it used; the figures are the decision's.
            let mut cx = AmountCx::new(
                pack,
                profile,
                options.as_of,
                lang,
                prov.rounding,
                options.explain,
            );
            let _ = cx.amount(a);
            for f in cx.missing {
                let id = pack.facts[f].id.clone();
                if !amount_missing.contains(&id) && !d.missing.contains(&f) {
                    amount_missing.push(id);
                }
            }
            for v in cx.values {
                if let Some(e) = pack.value_on(v, options.as_of) {
                    let value = &pack.values[v];
                    if !values_used.iter().any(|u: &ValueUsed| u.id == value.id) {
                        values_used.push(ValueUsed {
                            id: value.id.clone(),
                            label: value.label.get(lang).to_string(),
                            amount: money(e.amount, lang),
                            from: e.from.to_string(),
                            document: e.document.clone(),
                            source: e.source.clone(),
                            confidence: e.confidence.clone(),
                        });
                    }
                }
            }
            let top = Top {
                iv: Iv {
                    min: decided.min,
                    max: decided.max,
                },
                uncapped: Iv {
                    min: decided.uncapped_min,
                    max: decided.uncapped_max,
                },
                cap: decided.cap,
            };
            let said = decided.not_published;
            Some(amount_report(
                top, cx.steps, said, index, profile, pack, lang,
            ))
        }
        _ => None,
    };

    let ids = |facts: &[FactIndex]| facts.iter().map(|&i| pack.facts[i].id.clone()).collect();
    ProvisionReport {
        id: prov.id.clone(),
        policy: policy.id.clone(),
        document: policy.document.clone(),
        kind: prov.kind,
        audience: prov.audience,
        recipient: prov.recipient,
        unit: prov.unit,
        unit_label: prov.unit.label().get(lang).to_string(),
        clause: prov.clause.get(lang).to_string(),
        title: prov.title.get(lang).to_string(),
        explain: prov.explain.get(lang).to_string(),
        status: d.status,
        decision: d.decision,
        amount,
        conditions,
        failed: ids(&d.failed),
        missing: ids(&d.missing),
        amount_missing,
        warnings,
        benefits: prov
            .benefits
            .iter()
            .map(|t| t.get(lang).to_string())
            .collect(),
        process: prov
            .process
            .iter()
            .map(|t| t.get(lang).to_string())
            .collect(),
        values_used,
        error,
    }
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

/// A decision's warnings in words, as its report and its result list them: the conditions'
/// and the policy's, the amount's error if its arithmetic overflowed, then the amount's.
pub fn warning_texts(pack: &RulePack, index: usize, d: &Decision, lang: Lang) -> Vec<String> {
    let mut out = Vec::with_capacity(d.warnings.len() + 1);
    let error = (d.amount_error.as_ref())
        .map(|m| ProvisionError::too_large(&pack.provisions[index], m, lang).message);
    let said = |amount: bool| {
        (d.warnings.iter())
            .filter(move |w| w.of_amount() == amount)
            .map(|w| w.text(pack, lang))
    };
    out.extend(said(false));
    out.extend(error);
    out.extend(said(true));
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

    /// [`DecidedAmount::display`], written at the end of `out`.
    pub fn push_display(&self, out: &mut String, lang: Lang) {
        match self.not_published {
            Some(t) => out.push_str(t.get(lang)),
            None => push_range_display(out, self.min, self.max, lang),
        }
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
    let d = decide_each(pack, profile, index, as_of, &mut Vec::new())?;
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
        warnings.push(Warning::NotInForce(policy, in_force, as_of));
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
/// [`decisions_only`] writes out in words, and what a compact encoding writes directly.
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

fn counted(pack: &RulePack, index: usize, d: &Decision) -> Counted {
    Counted {
        recipient: pack.provisions[index].recipient,
        status: d.status,
        amount: d.amount.as_ref().map(|a| {
            Counted::amount(
                Iv {
                    min: a.min,
                    max: a.max,
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

/// The group a row belongs to for a cap across rows (e.g. "P001|2024": project and year),
/// from the facts named in the amount's `cap_scope`; `None` when the amount has no such cap.
pub fn cap_group(pack: &RulePack, profile: &Profile, index: usize) -> Option<String> {
    let a = pack.provisions.get(index)?.amount.as_ref()?;
    if a.cap_scope.is_empty() {
        return None;
    }
    let parts: Vec<String> = a
        .cap_scope
        .iter()
        .map(|&f| {
            profile.get(f).map_or_else(
                || "?".to_string(),
                |v| describe_value(&pack.facts[f], v, Lang::En),
            )
        })
        .collect();
    Some(parts.join("|"))
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

// ---------------------------------------------------------------- conditions

fn condition(
    pack: &RulePack,
    profile: &Profile,
    c: &Condition,
    lang: Lang,
) -> (Tri, ConditionReport) {
    let (raw, report) = match &c.test {
        Test::All(parts) | Test::Any(parts) => {
            let is_all = matches!(c.test, Test::All(_));
            let mut reports = Vec::with_capacity(parts.len());
            let mut values = Vec::with_capacity(parts.len());
            // Every part, decisive or not: the explanation shows them all.
            for p in parts {
                let (t, r) = condition(pack, profile, p, lang);
                values.push(t);
                reports.push(r);
            }
            let t = Tri::combine(is_all, values);
            (
                t,
                node(
                    if is_all { "all" } else { "any" },
                    c,
                    lang,
                    t,
                    None,
                    None,
                    None,
                    reports,
                ),
            )
        }
        Test::Not(inner) => {
            let (t, r) = condition(pack, profile, inner, lang);
            let t = t.not();
            (t, node("not", c, lang, t, None, None, None, vec![r]))
        }
        Test::Leaf { fact, op } => {
            let f = &pack.facts[*fact];
            let value = profile.get(*fact);
            let t = Tri::of_answer(value, op);
            let given = value.map(|v| describe_value(f, v, lang));
            (
                t,
                node(
                    "fact",
                    c,
                    lang,
                    t,
                    Some(f.id.clone()),
                    Some(f.label.get(lang).to_string()),
                    given,
                    Vec::new(),
                ),
            )
        }
    };
    // An advisory condition (a vague word of the text) is shown, and said among the
    // decision's warnings (Warning::Advisory), but never refuses.
    if c.advisory {
        return (Tri::True, report);
    }
    (raw, report)
}

#[allow(clippy::too_many_arguments)]
fn node(
    kind: &str,
    c: &Condition,
    lang: Lang,
    t: Tri,
    fact: Option<String>,
    label: Option<String>,
    given: Option<String>,
    parts: Vec<ConditionReport>,
) -> ConditionReport {
    ConditionReport {
        kind: kind.into(),
        fact,
        label,
        outcome: t.outcome(),
        required: c.required.get(lang).to_string(),
        given,
        clause: c.clause.get(lang).to_string(),
        advisory: c.advisory,
        parts,
    }
}

/// An answer as people read it.
pub fn describe_value(fact: &Fact, v: &FactValue, lang: Lang) -> String {
    let enum_label = |i: &u16| {
        fact.values
            .get(usize::from(*i))
            .map(|e| e.label.get(lang).to_string())
            .unwrap_or_default()
    };
    match v {
        FactValue::Bool(b) => match (b, lang) {
            (true, Lang::Zh) => "是".into(),
            (false, Lang::Zh) => "否".into(),
            (true, Lang::En) => "yes".into(),
            (false, Lang::En) => "no".into(),
        },
        FactValue::Number(n) if fact.kind == FactType::Money => display(*n, lang),
        FactValue::Number(n) => plain(*n),
        FactValue::Enum(i) => enum_label(i),
        FactValue::Set(s) => {
            let sep = if lang == Lang::Zh { "、" } else { ", " };
            s.iter().map(enum_label).collect::<Vec<_>>().join(sep)
        }
        FactValue::Date(d) => d.to_string(),
        FactValue::Text(t) => t.clone(),
    }
}

// ---------------------------------------------------------------- amounts

/// An interval of money; `max: None` is "no upper limit known".
#[derive(Clone, Copy, Debug, PartialEq)]
struct Iv {
    min: Decimal,
    max: Option<Decimal>,
}

impl Iv {
    fn exact(d: Decimal) -> Iv {
        Iv {
            min: d,
            max: Some(d),
        }
    }
}

struct Top {
    iv: Iv,
    uncapped: Iv,
    cap: Option<Decimal>,
}

/// `'a`: the pack (the texts a decision keeps); `'p`: the profile.
struct AmountCx<'a, 'p> {
    pack: &'a RulePack,
    profile: &'p Profile,
    as_of: Date,
    lang: Lang,
    rounding: Rounding,
    steps: Vec<String>,
    missing: Vec<FactIndex>,
    warnings: Vec<Warning<'a>>,
    values: Vec<usize>,
    not_published: Option<&'a Text>,
    /// Whether to write the steps (a report) or only compute (a decision).
    explain: bool,
    /// Caps applied anywhere in the amount (a case of a decision table may carry its own).
    caps: Caps,
    /// Whether a report is written (which lists the values used), not only a decision.
    in_report: bool,
}

/// The caps applied anywhere in an amount: the one cap, if they are all the same one (what a
/// decision reports as the amount's cap).
#[derive(Clone, Copy, Debug, Default)]
struct Caps {
    first: Option<Decimal>,
    several: bool,
}

impl Caps {
    fn add(&mut self, cap: Decimal) {
        match self.first {
            None => self.first = Some(cap),
            Some(first) => self.several |= first != cap,
        }
    }

    fn only(&self) -> Option<Decimal> {
        self.first.filter(|_| !self.several)
    }
}

type Calc<T> = Result<T, String>;

fn mul(a: Decimal, b: Decimal) -> Calc<Decimal> {
    a.checked_mul(b).ok_or_else(|| format!("{a} × {b}"))
}

fn add(a: Decimal, b: Decimal) -> Calc<Decimal> {
    a.checked_add(b).ok_or_else(|| format!("{a} + {b}"))
}

fn mul_iv(a: Iv, b: Iv) -> Calc<Iv> {
    let min = mul(a.min, b.min)?;
    let max = match (a.max, b.max) {
        (Some(x), Some(y)) => Some(mul(x, y)?),
        // Unbounded times a known zero is zero; otherwise unbounded.
        (None, Some(y)) if y.is_zero() => Some(Decimal::ZERO),
        (Some(x), None) if x.is_zero() => Some(Decimal::ZERO),
        _ => None,
    };
    Ok(Iv { min, max })
}

impl<'a, 'p> AmountCx<'a, 'p> {
    fn new(
        pack: &'a RulePack,
        profile: &'p Profile,
        as_of: Date,
        lang: Lang,
        rounding: Rounding,
        explain: bool,
    ) -> Self {
        AmountCx {
            pack,
            profile,
            as_of,
            lang,
            rounding,
            steps: Vec::new(),
            missing: Vec::new(),
            warnings: Vec::new(),
            values: Vec::new(),
            not_published: None,
            explain,
            caps: Caps::default(),
            in_report: true,
        }
    }

    /// A decimal of the rule; `None` when a dated value has no entry in force on the as-of
    /// date (the amount then stays open, with a warning, rather than guessing).
    fn num(&mut self, n: &Num) -> Option<Decimal> {
        match n {
            Num::Lit(d) => Some(*d),
            Num::Unbounded => None,
            Num::Value(i) => {
                // Which values were used: the report's list (a decision has none).
                if self.in_report && !self.values.contains(i) {
                    self.values.push(*i);
                }
                let found = self.pack.value_on(*i, self.as_of).map(|e| e.amount);
                let said = |w: &Warning| matches!(w, Warning::NoValue(v, _) if v == i);
                if found.is_none() && !self.warnings.iter().any(said) {
                    self.warnings.push(Warning::NoValue(*i, self.as_of));
                }
                found
            }
        }
    }

    /// Records an arithmetic step, formatting it only when a report is being written.
    fn say(&mut self, step: impl FnOnce(&Self) -> String) {
        if self.explain {
            let text = step(self);
            self.steps.push(text);
        }
    }

    fn money(&self, d: Decimal) -> String {
        display(d, self.lang)
    }

    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    fn fen(&self, d: Decimal) -> Decimal {
        to_fen(d, self.rounding)
    }

    fn known_number(&mut self, fact: FactIndex) -> Option<Decimal> {
        match self.profile.get(fact) {
            Some(FactValue::Number(n)) => Some(*n),
            _ => {
                if !self.missing.contains(&fact) {
                    self.missing.push(fact);
                }
                None
            }
        }
    }

    fn label(&self, fact: FactIndex) -> &str {
        self.pack.facts[fact].label.get(self.lang)
    }

    fn amount(&mut self, a: &'a Amount) -> Calc<Top> {
        let raw = self.form(&a.form)?;
        let raw = Iv {
            min: self.fen(raw.min),
            max: raw.max.map(|m| self.fen(m)),
        };
        let Some(cap) = &a.cap else {
            return Ok(Top {
                iv: raw,
                uncapped: raw,
                cap: None,
            });
        };
        let Some(cap) = self.num(cap) else {
            return Ok(Top {
                iv: Iv {
                    min: raw.min,
                    max: None,
                },
                uncapped: raw,
                cap: None,
            });
        };
        self.caps.add(cap);
        let capped = Iv {
            min: raw.min.min(cap),
            max: Some(raw.max.map_or(cap, |m| m.min(cap))),
        };
        let exceeded = raw.max.is_none_or(|m| m > cap);
        self.say(|cx| match (raw.max, exceeded, cx.zh()) {
            (Some(m), true, true) if raw.min == m => format!(
                "{} 超过上限 {}，按 {} 计",
                cx.money(m),
                cx.money(cap),
                cx.money(cap)
            ),
            (Some(m), true, false) if raw.min == m => {
                format!("{}, capped at {}", cx.money(m), cx.money(cap))
            }
            (_, true, true) => format!("上限 {}（不超过 {}）", cx.money(cap), cx.money(cap)),
            (_, true, false) => format!("capped at {}", cx.money(cap)),
            (_, false, true) => format!("未超过上限 {}", cx.money(cap)),
            (_, false, false) => format!("within the cap of {}", cx.money(cap)),
        });
        Ok(Top {
            iv: capped,
            uncapped: raw,
            cap: Some(cap),
        })
    }

    fn form(&mut self, f: &'a AmountForm) -> Calc<Iv> {
        match f {
            AmountForm::Fixed(n) => {
                let Some(d) = self.num(n) else {
                    return Ok(Iv {
                        min: Decimal::ZERO,
                        max: None,
                    });
                };
                self.say(|cx| {
                    if cx.zh() {
                        format!("定额 {}", cx.money(d))
                    } else {
                        format!("fixed amount {}", cx.money(d))
                    }
                });
                Ok(Iv::exact(d))
            }
            AmountForm::Range(lo, hi) => {
                let (Some(lo), Some(hi)) = (self.num(lo), self.num(hi)) else {
                    return Ok(Iv {
                        min: Decimal::ZERO,
                        max: None,
                    });
                };
                self.say(|cx| {
                    if cx.zh() {
                        format!(
                            "文件规定 {}–{}，具体金额由主管部门核定",
                            cx.money(lo),
                            cx.money(hi)
                        )
                    } else {
                        format!(
                            "the text gives {}–{}; the authority sets the exact figure",
                            cx.money(lo),
                            cx.money(hi)
                        )
                    }
                });
                Ok(Iv {
                    min: lo,
                    max: Some(hi),
                })
            }
            AmountForm::NotPublished(t) => {
                self.not_published = Some(t);
                self.say(|cx| t.get(cx.lang).to_string());
                Ok(Iv {
                    min: Decimal::ZERO,
                    max: None,
                })
            }
            AmountForm::Ratio { ratio, of } => {
                let Some(ratio) = &self.num(ratio) else {
                    return Ok(Iv {
                        min: Decimal::ZERO,
                        max: None,
                    });
                };
                let base = match of {
                    RatioBase::Fact(f) => self.known_number(*f),
                    RatioBase::Value(v) => self.num(&Num::Value(*v)),
                };
                match base {
                    Some(base) => {
                        let v = self.fen(mul(*ratio, base)?);
                        self.say(|cx| {
                            format!("{} × {} = {}", percent(*ratio), cx.money(base), cx.money(v))
                        });
                        Ok(Iv::exact(v))
                    }
                    None => {
                        if let RatioBase::Fact(f) = of {
                            self.say(|cx| {
                                if cx.zh() {
                                    format!("{} ×“{}”（未填写）", percent(*ratio), cx.label(*f))
                                } else {
                                    format!(
                                        "{} × '{}' (not answered)",
                                        percent(*ratio),
                                        cx.label(*f)
                                    )
                                }
                            });
                        }
                        Ok(Iv {
                            min: Decimal::ZERO,
                            max: None,
                        })
                    }
                }
            }
            AmountForm::PerUnit { count, rate } => {
                let mut iv = Iv::exact(Decimal::ONE);
                for &c in count {
                    let n = self.known_number(c);
                    iv = mul_iv(
                        iv,
                        n.map_or(
                            Iv {
                                min: Decimal::ZERO,
                                max: None,
                            },
                            Iv::exact,
                        ),
                    )?;
                }
                let rate_iv = self.rate(rate)?;
                let result = mul_iv(iv, rate_iv)?;
                let result = Iv {
                    min: self.fen(result.min),
                    max: result.max.map(|m| self.fen(m)),
                };
                self.say(|cx| {
                    let parts: Vec<String> = count
                        .iter()
                        .map(|&c| match cx.profile.get(c) {
                            Some(FactValue::Number(n)) => format!("{} {}", cx.label(c), plain(*n)),
                            _ if cx.zh() => format!("{}（未填写）", cx.label(c)),
                            _ => format!("{} (not answered)", cx.label(c)),
                        })
                        .collect();
                    // An unanswered rate with a floor: the floor, and where it comes from,
                    // so the product adds up on the card ("20 × 2 × ¥5,000 = at least ¥200,000").
                    let floor = match rate {
                        Rate::FromFact {
                            range: Some((Num::Value(v), _)),
                            ..
                        } => Some(cx.pack.values[*v].label.get(cx.lang)),
                        _ => None,
                    };
                    let rate_text = match (rate_iv.max, floor) {
                        (Some(m), _) if m == rate_iv.min => cx.money(m),
                        (Some(m), _) => format!("{}–{}", cx.money(rate_iv.min), cx.money(m)),
                        (None, _) if rate_iv.min.is_zero() && cx.zh() => "标准（未填写）".into(),
                        (None, _) if rate_iv.min.is_zero() => "rate (not answered)".into(),
                        (None, Some(from)) if cx.zh() => {
                            format!("{}（{from}；实际标准未填写）", cx.money(rate_iv.min))
                        }
                        (None, Some(from)) => format!(
                            "{} ({from}; the actual rate is not answered)",
                            cx.money(rate_iv.min)
                        ),
                        (None, None) if cx.zh() => {
                            format!("{}（最低标准；实际标准未填写）", cx.money(rate_iv.min))
                        }
                        (None, None) => format!(
                            "{} (the minimum; the actual rate is not answered)",
                            cx.money(rate_iv.min)
                        ),
                    };
                    let result_text = match result.max {
                        Some(m) if m == result.min => cx.money(m),
                        Some(m) => format!("{}–{}", cx.money(result.min), cx.money(m)),
                        None if cx.zh() => format!("至少 {}", cx.money(result.min)),
                        None => format!("at least {}", cx.money(result.min)),
                    };
                    format!("{} × {rate_text} = {result_text}", parts.join(" × "))
                });
                Ok(result)
            }
            AmountForm::ByCase { fact, cases } => {
                let f = &self.pack.facts[*fact];
                match self.profile.get(*fact) {
                    Some(FactValue::Enum(v)) => {
                        self.say(|cx| {
                            let chosen = f
                                .values
                                .get(usize::from(*v))
                                .map_or("", |e| e.label.get(cx.lang));
                            let colon = if cx.zh() { "：" } else { ": " };
                            format!("{}{colon}{chosen}", f.label.get(cx.lang))
                        });
                        match cases.iter().find(|(k, _)| k == v) {
                            Some((_, sub)) => Ok(self.amount(sub)?.iv),
                            None => {
                                self.say(|cx| {
                                    if cx.zh() {
                                        "该情形无对应金额".into()
                                    } else {
                                        "no amount for this case".into()
                                    }
                                });
                                Ok(Iv::exact(Decimal::ZERO))
                            }
                        }
                    }
                    _ => {
                        if !self.missing.contains(fact) {
                            self.missing.push(*fact);
                        }
                        self.say(|cx| {
                            let label = f.label.get(cx.lang);
                            if cx.zh() {
                                format!("按“{label}”而定（未填写）：")
                            } else {
                                format!("depends on '{label}' (not answered):")
                            }
                        });
                        let mut out: Option<Iv> = None;
                        // The caps of individual cases do not bound the union: don't report them.
                        let caps_before = self.caps;
                        for (_, sub) in cases {
                            let iv = self.amount(sub)?.iv;
                            out = Some(match out {
                                None => iv,
                                Some(o) => Iv {
                                    min: o.min.min(iv.min),
                                    max: match (o.max, iv.max) {
                                        (Some(a), Some(b)) => Some(a.max(b)),
                                        _ => None,
                                    },
                                },
                            });
                        }
                        self.caps = caps_before;
                        Ok(out.unwrap_or(Iv::exact(Decimal::ZERO)))
                    }
                }
            }
            AmountForm::Sum(parts) => {
                let mut total = Iv::exact(Decimal::ZERO);
                for p in parts {
                    let iv = self.amount(p)?.iv;
                    total = Iv {
                        min: add(total.min, iv.min)?,
                        max: match (total.max, iv.max) {
                            (Some(a), Some(b)) => Some(add(a, b)?),
                            _ => None,
                        },
                    };
                }
                Ok(total)
            }
        }
    }

    fn rate(&mut self, r: &Rate) -> Calc<Iv> {
        match r {
            Rate::Fixed(n) => Ok(self.num(n).map_or(
                Iv {
                    min: Decimal::ZERO,
                    max: None,
                },
                Iv::exact,
            )),
            Rate::Range(lo, hi) => Ok(Iv {
                min: self.num(lo).unwrap_or(Decimal::ZERO),
                max: self.num(hi),
            }),
            Rate::FromFact {
                fact,
                range,
                reject_outside,
            } => {
                // A bound with no value in force is no bound at all.
                let bounds = range.as_ref().map(|(lo, hi)| {
                    (
                        self.num(lo).unwrap_or(Decimal::ZERO),
                        self.num(hi).unwrap_or(Decimal::MAX),
                    )
                });
                match self.known_number(*fact) {
                    Some(v) => {
                        if let Some((lo, hi)) = bounds {
                            if v < lo || v > hi {
                                let outside = Warning::OutsideRange {
                                    fact: *fact,
                                    value: v,
                                    lo,
                                    hi: (hi != Decimal::MAX).then_some(hi),
                                };
                                self.warnings.push(outside);
                                if *reject_outside {
                                    let msg = outside.text(self.pack, self.lang);
                                    self.steps.push(if self.zh() {
                                        format!("{msg}，不计算金额")
                                    } else {
                                        format!("{msg}: no amount computed")
                                    });
                                    return Ok(Iv {
                                        min: Decimal::ZERO,
                                        max: Some(Decimal::ZERO),
                                    });
                                }
                            }
                        }
                        Ok(Iv::exact(v))
                    }
                    None => Ok(match bounds {
                        Some((lo, hi)) => Iv {
                            min: lo,
                            max: (hi != Decimal::MAX).then_some(hi),
                        },
                        None => Iv {
                            min: Decimal::ZERO,
                            max: None,
                        },
                    }),
                }
            }
        }
    }
}

fn money(d: Decimal, lang: Lang) -> Money {
    Money {
        value: fen_string(d),
        display: display(d, lang),
    }
}

/// A range as people read it: "¥600–¥1,000"; "up to ¥50,000" when it starts at nothing; "at
/// least ¥200,000" when no upper limit is stated; "amount not yet known" when neither end says
/// anything (never "at least ¥0").
pub fn range_display(min: Decimal, max: Option<Decimal>, lang: Lang) -> String {
    let mut out = String::with_capacity(48);
    push_range_display(&mut out, min, max, lang);
    out
}

/// [`range_display`], written at the end of `out`.
pub fn push_range_display(out: &mut String, min: Decimal, max: Option<Decimal>, lang: Lang) {
    match max {
        Some(m) if m == min => push_display(out, m, lang),
        Some(m) if min.is_zero() => {
            out.push_str(match lang {
                Lang::Zh => "最多 ",
                Lang::En => "up to ",
            });
            push_display(out, m, lang);
        }
        Some(m) => {
            push_display(out, min, lang);
            out.push('–');
            push_display(out, m, lang);
        }
        None if min.is_zero() => out.push_str(match lang {
            Lang::Zh => "金额待定",
            Lang::En => "amount not yet known",
        }),
        None => {
            out.push_str(match lang {
                Lang::Zh => "至少 ",
                Lang::En => "at least ",
            });
            push_display(out, min, lang);
        }
    }
}

/// An amount as shown: the range, or what the text says when it publishes no amount.
fn amount_display(
    min: Decimal,
    max: Option<Decimal>,
    not_published: Option<&Text>,
    lang: Lang,
) -> String {
    match not_published {
        Some(t) => t.get(lang).to_string(),
        None => range_display(min, max, lang),
    }
}

fn amount_report(
    top: Top,
    steps: Vec<String>,
    not_published: Option<&Text>,
    index: usize,
    profile: &Profile,
    pack: &RulePack,
    lang: Lang,
) -> AmountReport {
    let cap_group = cap_group(pack, profile, index);
    AmountReport {
        min: money(top.iv.min, lang),
        max: top.iv.max.map(|m| money(m, lang)),
        exact: top.iv.max == Some(top.iv.min) && not_published.is_none(),
        cap: top.cap.map(|c| money(c, lang)),
        steps,
        not_published: not_published.map(|t| t.get(lang).to_string()),
        display: amount_display(top.iv.min, top.iv.max, not_published, lang),
        uncapped_min: cap_group.as_ref().map(|_| fen_string(top.uncapped.min)),
        uncapped_max: cap_group
            .as_ref()
            .and_then(|_| top.uncapped.max.map(fen_string)),
        cap_group,
    }
}

// ---------------------------------------------------------------- totals and questions

/// What the totals need of a provision's result (a report's or a decision's).
#[derive(Clone, Copy)]
struct Counted {
    recipient: Subject,
    status: Status,
    /// `None`: no amount; `Some(None)`: an amount the text does not publish.
    amount: Option<Option<Iv>>,
}

impl Counted {
    fn amount(iv: Iv, not_published: bool) -> Option<Iv> {
        (!not_published).then_some(iv)
    }
}

/// A recipient's totals as numbers: what [`TotalReport`] says in words.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Total {
    pub recipient: Subject,
    /// Provisions eligible now: (min, max; `None` no upper limit known).
    pub eligible: (Decimal, Option<Decimal>),
    /// Eligible now plus those still needing information.
    pub possible: (Decimal, Option<Decimal>),
    pub eligible_count: usize,
    pub needs_info_count: usize,
    pub unpublished_count: usize,
}

impl Total {
    pub fn report(&self, lang: Lang) -> TotalReport {
        let range = |(min, max): (Decimal, Option<Decimal>)| Range {
            min: money(min, lang),
            max: max.map(|m| money(m, lang)),
            display: range_display(min, max, lang),
        };
        TotalReport {
            recipient: self.recipient,
            eligible: range(self.eligible),
            possible: range(self.possible),
            eligible_count: self.eligible_count,
            needs_info_count: self.needs_info_count,
            unpublished_count: self.unpublished_count,
        }
    }
}

fn sum_totals(provisions: impl Iterator<Item = Counted>) -> Vec<Total> {
    // The person's first, as reports always listed them; a recipient without provisions has none.
    let mut slots: [Option<Total>; 2] = [None, None];
    for p in provisions {
        let slot = match p.recipient {
            Subject::Person => 0,
            Subject::Organisation => 1,
        };
        let t = slots[slot].get_or_insert(Total {
            recipient: p.recipient,
            eligible: (Decimal::ZERO, Some(Decimal::ZERO)),
            possible: (Decimal::ZERO, Some(Decimal::ZERO)),
            eligible_count: 0,
            needs_info_count: 0,
            unpublished_count: 0,
        });
        let Some(amount) = p.amount else {
            match p.status {
                Status::Eligible => t.eligible_count += 1,
                Status::NeedsInfo => t.needs_info_count += 1,
                _ => {}
            }
            continue;
        };
        let Some(iv) = amount else {
            if matches!(p.status, Status::Eligible | Status::NeedsInfo) {
                t.unpublished_count += 1;
            }
            continue;
        };
        let sum = |(min, max): (Decimal, Option<Decimal>)| {
            (
                min.saturating_add(iv.min),
                match (max, iv.max) {
                    (Some(x), Some(y)) => x.checked_add(y),
                    _ => None,
                },
            )
        };
        match p.status {
            Status::Eligible => {
                t.eligible_count += 1;
                t.eligible = sum(t.eligible);
                t.possible = sum(t.possible);
            }
            Status::NeedsInfo => {
                t.needs_info_count += 1;
                // Not yet certain: it may turn out to be nothing.
                t.possible = (t.possible.0, sum(t.possible).1);
            }
            _ => {}
        }
    }
    slots.into_iter().flatten().collect()
}

fn questions(pack: &RulePack, provisions: &[ProvisionReport]) -> Vec<String> {
    let mut counts: Vec<(usize, usize, &str)> = Vec::new();
    let mut bump = |id: &str, weight: usize| {
        let order = pack.fact_index(id).unwrap_or(usize::MAX);
        match counts.iter_mut().find(|(_, _, i)| *i == id) {
            Some(e) => e.0 += weight,
            None => counts.push((
                weight,
                order,
                pack.facts.get(order).map_or("", |f| f.id.as_str()),
            )),
        }
    };
    for p in provisions.iter().filter(|p| p.status != Status::NotInForce) {
        for id in &p.missing {
            bump(id, 2);
        }
        for id in &p.amount_missing {
            bump(id, 1);
        }
    }
    counts.retain(|(_, _, id)| !id.is_empty());
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    counts
        .into_iter()
        .map(|(_, _, id)| id.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FactsFile, PackSource, PolicyFileSource};

    /// A pack with one amount that overflows for a large count, and one that cannot.
    fn pack() -> RulePack {
        let facts: FactsFile = toml::from_str(
            r#"
[[fact]]
id = "n"
type = "int"
subject = "organisation"
label = { zh = "人数", en = "Headcount" }
"#,
        )
        .expect("facts");
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
}
