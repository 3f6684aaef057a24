//! Explaining: a decision written out as a report, with the tree of its conditions, the steps
//! of its amount, its warnings in words, and the questions to ask next. Nothing here decides.

use super::*;

pub(super) fn policy_report(p: &Policy, options: &EvaluateOptions) -> PolicyReport {
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

/// A decision as a report: its texts and warnings and, with `options.explain`, the tree of
/// conditions and the amount's steps. It decides nothing: statuses, facts and amounts are the
/// decision's (one path decides, for `decide` and `evaluate` alike). The tree of conditions
/// words the marks of the walk that decides (condition.rs, `mark_all`, run again here); the
/// amount's steps are the same arithmetic run again with a pen.
pub(super) fn explain(
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
        Some(c) if options.explain => {
            // The walk that decided, run again for its marks (the decision keeps none: a
            // list decides without explaining); they are worded, not judged anew.
            let mut marks = Vec::new();
            mark_all(profile, c, &mut marks, &mut Vec::new());
            vec![condition(pack, profile, c, &marks, 0, lang)]
        }
        _ => Vec::new(),
    };
    let mut warnings = warning_texts(pack, index, &d, lang);
    // A report also says in words what the status `not_in_force` says, after the conditions'.
    let in_force = policy_in_force(policy, options.as_of);
    if in_force != InForce::InForce {
        let at = d.warnings.iter().filter(|w| !w.of_amount()).count();
        let said = Warning::NotInForce(policy, in_force, options.as_of).text(pack, lang);
        warnings.insert(at, said);
    }

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

/// The node at `at` of the tree `c`, as `marks` (pre-order, see condition.rs) judged it, with
/// every part under it: it words what was decided and decides nothing. An advisory node shows
/// whether it is met (its raw value), though it never refuses.
fn condition(
    pack: &RulePack,
    profile: &Profile,
    c: &Condition,
    marks: &[Mark],
    at: usize,
    lang: Lang,
) -> ConditionReport {
    let t = marks[at].raw;
    let mut child = at + 1;
    let mut part = |p: &Condition| {
        let report = condition(pack, profile, p, marks, child, lang);
        child += marks[child].size as usize;
        report
    };
    match &c.test {
        Test::All(parts) | Test::Any(parts) => {
            let kind = if matches!(c.test, Test::All(_)) {
                ConditionKind::All
            } else {
                ConditionKind::Any
            };
            // Every part, decisive or not: the explanation shows them all.
            let reports = parts.iter().map(&mut part).collect();
            node(kind, c, lang, t, None, None, None, reports)
        }
        Test::Not(inner) => node(
            ConditionKind::Not,
            c,
            lang,
            t,
            None,
            None,
            None,
            vec![part(inner)],
        ),
        Test::Leaf { fact, .. } => {
            let f = &pack.facts[*fact];
            let given = profile.get(*fact).map(|v| describe_value(f, v, lang));
            let (id, label) = (Some(f.id.clone()), Some(f.label.get(lang).to_string()));
            node(
                ConditionKind::Fact,
                c,
                lang,
                t,
                id,
                label,
                given,
                Vec::new(),
            )
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn node(
    kind: ConditionKind,
    c: &Condition,
    lang: Lang,
    t: Tri,
    fact: Option<String>,
    label: Option<String>,
    given: Option<String>,
    parts: Vec<ConditionReport>,
) -> ConditionReport {
    ConditionReport {
        kind,
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
    let mut out = String::new();
    push_value(&mut out, fact, v, lang);
    out
}

/// [`describe_value`], written at the end of `out` (a list's cap group, every row).
pub(crate) fn push_value(out: &mut String, fact: &Fact, v: &FactValue, lang: Lang) {
    let enum_label = |out: &mut String, i: u16| {
        if let Some(e) = fact.values.get(usize::from(i)) {
            out.push_str(e.label.get(lang));
        }
    };
    match v {
        FactValue::Bool(b) => out.push_str(match (b, lang) {
            (true, Lang::Zh) => "是",
            (false, Lang::Zh) => "否",
            (true, Lang::En) => "yes",
            (false, Lang::En) => "no",
        }),
        FactValue::Number(n) if fact.kind == FactType::Money => push_display(out, *n, lang),
        FactValue::Number(n) => push_plain(out, *n),
        FactValue::Enum(i) => enum_label(out, *i),
        FactValue::Set(s) => {
            let sep = if lang == Lang::Zh { "、" } else { ", " };
            for (k, &i) in s.iter().enumerate() {
                if k > 0 {
                    out.push_str(sep);
                }
                enum_label(out, i);
            }
        }
        FactValue::Date(d) => out.push_str(&d.to_string()),
        FactValue::Text(t) => out.push_str(t),
    }
}

pub(super) fn questions(pack: &RulePack, provisions: &[ProvisionReport]) -> Vec<String> {
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
