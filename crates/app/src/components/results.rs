//! The results: totals per recipient (ranges where parts are ranges), one card per provision
//! (`#p-<provision id, dots as hyphens>`, with `data-status` and `data-decision`), each with
//! its amount, what it lacks or still needs, and an expandable explanation; then the policy
//! documents with their dates.

use super::{use_ctx, Ctx};
use crate::form::card_id;
use crate::i18n::{fill, kind_label, outcome_label, recipient_label, status_label, ui};
use crate::web::catalog;
use skillcalc_engine::{
    ConditionReport, InForce, Lang, Outcome, PolicyReport, ProvisionReport, Report, Status,
    TotalReport,
};
use std::rc::Rc;
use yew::prelude::*;

/// Steps shown on a card itself (more go into the explanation).
const SHORT_STEPS: usize = 3;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub cards: Rc<Vec<Rc<ProvisionReport>>>,
    pub report: Rc<Report>,
    pub eval_error: Option<String>,
}

#[function_component(Results)]
pub fn results(p: &ResultsProps) -> Html {
    let ctx = use_ctx();
    let u = ui(ctx.lang);
    let mut policies: Vec<&PolicyReport> = Vec::new();
    for c in p.cards.iter() {
        if let Some(pol) = p.report.policies.iter().find(|x| x.id == c.policy) {
            if !policies.iter().any(|x| x.id == pol.id) {
                policies.push(pol);
            }
        }
    }
    let not_in_force = policies
        .iter()
        .filter(|x| x.in_force != InForce::InForce)
        .count();

    html! {
        <section class="results" id="results" aria-labelledby="results-title" tabindex="-1">
            <h2 id="results-title">{ u.results }
                <span class="count">{ fill(u.results_count, &p.cards.len().to_string()) }</span></h2>
            <Totals totals={p.report.totals.clone()} />
            if let Some(e) = &p.eval_error {
                <p class="error" role="alert">{ u.eval_failed }{ e.clone() }</p>
            }
            if not_in_force > 0 {
                <p class="notice" id="not-in-force-notice">{ fill(u.policies_not_in_force, &not_in_force.to_string()) }</p>
            }
            if p.cards.is_empty() {
                <p class="help">{ u.no_provisions }</p>
            }
            <ol class="cards">
                { for p.cards.iter().map(|c| {
                    let policy = p.report.policies.iter().find(|x| x.id == c.policy).cloned();
                    html! { <li key={c.id.clone()}><Card prov={c.clone()} {policy} /></li> }
                }) }
            </ol>
            <section class="policies" id="policies" aria-labelledby="policies-title">
                <h3 id="policies-title">{ u.policies }</h3>
                <ul>
                    { for policies.iter().map(|pol| html! {
                        <li id={format!("policy-{}", crate::form::dom_safe(&pol.id))} data-in-force={in_force_str(pol.in_force)}>
                            <strong>{ pol.document.clone() }</strong>{ " " }{ pol.title.clone() }
                            <br />
                            <span class={classes!("pill", in_force_class(pol.in_force))}>{ in_force_label(ctx.lang, pol.in_force) }</span>
                            { " " }{ u.policy_dates }{ u.colon }{ dates(ctx.lang, pol) }
                            { " · " }{ u.issuer }{ u.colon }{ pol.issuer.clone() }
                        </li>
                    }) }
                </ul>
            </section>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct TotalsProps {
    pub totals: Vec<TotalReport>,
}

/// Sums per recipient. A polite live region: screen readers hear the new total as answers change.
#[function_component(Totals)]
pub fn totals(p: &TotalsProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    html! {
        <div class="totals" id="totals" aria-live="polite">
            { for p.totals.iter().map(|t| {
                let mut counts = vec![fill(u.counts_eligible, &t.eligible_count.to_string())];
                if t.needs_info_count > 0 {
                    counts.push(fill(u.counts_needs_info, &t.needs_info_count.to_string()));
                }
                if t.unpublished_count > 0 {
                    counts.push(fill(u.counts_unpublished, &t.unpublished_count.to_string()));
                }
                let sep = if lang == Lang::Zh { "，" } else { ", " };
                html! {
                    <div class="total" id={format!("total-{}", t.recipient)} key={t.recipient.clone()}>
                        <h3 class="h-small">{ u.totals }{ u.open }
                            { recipient_label(lang, &t.recipient) }{ u.close }</h3>
                        <p class="big"><span class="k">{ u.totals_eligible }</span>
                            <strong class="total-eligible">{ t.eligible.display.clone() }</strong></p>
                        if t.possible != t.eligible {
                            <p><span class="k">{ u.totals_possible }</span>
                                <span class="total-possible">{ t.possible.display.clone() }</span></p>
                        }
                        <p class="counts">{ counts.join(sep) }</p>
                    </div>
                }
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub prov: Rc<ProvisionReport>,
    pub policy: Option<PolicyReport>,
}

/// One provision: status, amount with unit and recipient, the arithmetic, what it lacks or
/// still needs, and an explanation (conditions, clause, document, dates, sources, notes).
#[function_component(Card)]
pub fn card(p: &CardProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let c = &p.prov;
    let id = card_id(&c.id);
    let status = c.status;
    let lacks = {
        let mut out = Vec::new();
        for cond in &c.conditions {
            failed_leaves(cond, false, &mut out);
        }
        out
    };
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            )
        })
    };
    let recipient = fill(u.received_by, recipient_label(lang, &c.recipient));
    let unit = if c.unit_label.is_empty() {
        recipient
    } else {
        format!("{} · {recipient}", c.unit_label)
    };

    html! {
        <article class={classes!("card", format!("st-{}", status.as_str()))} id={id.clone()}
            data-status={status.as_str()} data-decision={c.decision.as_str()} aria-labelledby={format!("{id}-title")}>
            <header>
                <p class={classes!("badge", format!("b-{}", status.as_str()))}>
                    <span aria-hidden="true">{ status_icon(status) }</span>{ status_label(lang, status) }</p>
                <h3 id={format!("{id}-title")}>{ c.title.clone() }</h3>
                <p class="meta"><span class="kind">{ kind_label(lang, &c.kind) }</span>{ " · " }
                    <span class="basis">{ c.document.clone() }{ " " }{ c.clause.clone() }</span></p>
            </header>
            if status == Status::NotInForce {
                <p class="decision">{ u.decision_would_be }<strong>{ status_label(lang, c.decision) }</strong>
                    { p.policy.as_ref().map(|pol| format!(" — {}", not_in_force_text(lang, pol))).unwrap_or_default() }</p>
            }
            if let Some(a) = &c.amount {
                <div class="amount">
                    if let Some(np) = &a.not_published {
                        <p class="value">{ np.clone() }</p>
                    } else {
                        <p class="value"><strong>{ a.display.clone() }</strong>
                            { " " }<span class="unit">{ unit.clone() }</span></p>
                    }
                    // The arithmetic on the card when it is short (a known amount); a long
                    // decision table for an open amount goes into the explanation.
                    if !a.steps.is_empty() && (a.exact || a.steps.len() <= SHORT_STEPS) {
                        <ol class="steps" aria-label={u.arithmetic}>
                            { for a.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }
                        </ol>
                    }
                </div>
            }
            if !lacks.is_empty() && c.decision == Status::NotEligible {
                <div class="lacks">
                    <p class="k">{ u.lacks }</p>
                    <ul>{ for lacks.iter().map(|l| leaf_line(&ctx, l, true)) }</ul>
                </div>
            }
            if !c.missing.is_empty() {
                <div class="missing">
                    <p class="k">{ u.missing }</p>
                    <ul>{ for c.missing.iter().map(|f| missing_line(&ctx, c, f)) }</ul>
                </div>
            }
            if !c.amount_missing.is_empty() {
                <div class="missing">
                    <p class="k">{ u.missing_amount }</p>
                    <ul>{ for c.amount_missing.iter().map(|f| missing_line(&ctx, c, f)) }</ul>
                </div>
            }
            // The explanation is built when opened (most are never opened; print has its own summary).
            <details class="why" ontoggle={ontoggle}>
                <summary>{ u.why }</summary>
                if *open {
                <div class="why-body">
                    if !c.explain.is_empty() { <p class="explain">{ c.explain.clone() }</p> }
                    if !c.conditions.is_empty() {
                        <h4>{ u.conditions }</h4>
                        <ul class="conds">{ for c.conditions.iter().map(|x| cond_tree(lang, x)) }</ul>
                    }
                    if let Some(a) = &c.amount {
                        if !(a.steps.is_empty() || a.exact || a.steps.len() <= SHORT_STEPS) {
                            <h4>{ u.arithmetic }</h4>
                            <ol class="steps">{ for a.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ol>
                        }
                        if let Some(cap) = &a.cap {
                            <p><span class="k">{ u.cap }{ u.colon }</span>{ cap.display.clone() }</p>
                        }
                    }
                    if !c.values_used.is_empty() {
                        <h4>{ u.values_used }</h4>
                        <ul class="values">
                            { for c.values_used.iter().map(|v| html! {
                                <li>
                                    <strong>{ v.label.clone() }{ u.colon }{ v.amount.display.clone() }</strong><br />
                                    { u.value_from }{ u.colon }{ v.from.clone() }{ " · " }{ u.document }{ u.colon }{ v.document.clone() }<br />
                                    { u.value_source }{ u.colon }{ v.source.clone() }{ " · " }
                                    { u.value_confidence }{ u.colon }<span class="confidence">{ v.confidence.clone() }</span>
                                </li>
                            }) }
                        </ul>
                    }
                    { list(u.warnings, "warnings", &c.warnings) }
                    { list(u.benefits, "benefits", &c.benefits) }
                    { list(u.process, "process", &c.process) }
                    if let Some(pol) = &p.policy {
                        <h4>{ u.document }</h4>
                        <p class="policy">
                            <strong>{ pol.document.clone() }</strong>{ " " }{ pol.title.clone() }<br />
                            { u.issuer }{ u.colon }{ pol.issuer.clone() }<br />
                            { u.policy_dates }{ u.colon }{ dates(lang, pol) }{ " " }
                            <span class={classes!("pill", in_force_class(pol.in_force))}>{ in_force_label(lang, pol.in_force) }</span>
                            if let Some(n) = &pol.note { <br /><span class="note">{ n.clone() }</span> }
                        </p>
                    }
                </div>
                }
            </details>
        </article>
    }
}

fn list(title: &str, class: &'static str, items: &[String]) -> Html {
    if items.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <h4>{ title.to_string() }</h4>
            <ul class={class}>{ for items.iter().map(|w| html! { <li>{ w.clone() }</li> }) }</ul>
        </>
    }
}

/// A condition that rules the provision out: what is required, what was given, the clause.
fn leaf_line(ctx: &Ctx, l: &ConditionReport, with_button: bool) -> Html {
    let u = ui(ctx.lang);
    let fact = l.fact.clone().unwrap_or_default();
    let c = ctx.clone();
    let f2 = fact.clone();
    html! {
        <li data-fact={fact}>
            { l.required.clone() }
            if let Some(g) = &l.given { <span class="given">{ " — " }{ u.given }{ u.colon }{ g.clone() }</span> }
            if !l.clause.is_empty() { <span class="clause">{ u.open }{ l.clause.clone() }{ u.close }</span> }
            if with_button && l.fact.is_some() {
                { " " }
                <button type="button" class="link small" onclick={Callback::from(move |_: MouseEvent| c.focus_question(&f2))}
                    aria-label={format!("{}{}{}", u.answer_it, u.colon, l.label.clone().unwrap_or_default())}>{ u.answer_it }</button>
            }
        </li>
    }
}

/// A question that would decide (or narrow) this result, with a button to go and answer it.
fn missing_line(ctx: &Ctx, c: &ProvisionReport, fact: &str) -> Html {
    let u = ui(ctx.lang);
    let label = catalog()
        .fact(fact)
        .map(|f| f.label.get(ctx.lang).to_string())
        .unwrap_or_else(|| fact.to_string());
    let mut leaf = None;
    for cond in &c.conditions {
        if leaf.is_none() {
            leaf = find_leaf(cond, fact);
        }
    }
    let required = leaf
        .map(|l| l.required.clone())
        .filter(|r| !r.is_empty() && *r != label);
    let cx = ctx.clone();
    let f = fact.to_string();
    html! {
        <li data-fact={fact.to_string()}>
            <span class="q">{ label.clone() }</span>
            if let Some(r) = required { <span class="required">{ " — " }{ u.required }{ u.colon }{ r }</span> }
            { " " }
            <button type="button" class="link small" onclick={Callback::from(move |_: MouseEvent| cx.focus_question(&f))}
                aria-label={format!("{}{}{label}", u.answer_it, u.colon)}>{ u.answer_it }</button>
        </li>
    }
}

fn find_leaf<'a>(c: &'a ConditionReport, fact: &str) -> Option<&'a ConditionReport> {
    if c.kind == "fact" && c.fact.as_deref() == Some(fact) {
        return Some(c);
    }
    c.parts.iter().find_map(|p| find_leaf(p, fact))
}

/// The leaves that rule a provision out (the engine's `failed_facts`, with their texts).
fn failed_leaves<'a>(c: &'a ConditionReport, negated: bool, out: &mut Vec<&'a ConditionReport>) {
    let failing = if negated {
        Outcome::Met
    } else {
        Outcome::NotMet
    };
    if c.advisory || c.outcome != failing {
        return;
    }
    match c.kind.as_str() {
        "fact" => out.push(c),
        "not" => c.parts.iter().for_each(|p| failed_leaves(p, !negated, out)),
        _ => c.parts.iter().for_each(|p| failed_leaves(p, negated, out)),
    }
}

/// The conditions as a tree: ✓ met, ✗ not met, ? unknown, ⚠ advisory and not met.
fn cond_tree(lang: Lang, c: &ConditionReport) -> Html {
    let u = ui(lang);
    let advisory_miss = c.advisory && c.outcome == Outcome::NotMet;
    let (icon, class) = match (c.outcome, advisory_miss) {
        (_, true) => ("⚠", "c-adv"),
        (Outcome::Met, _) => ("✓", "c-met"),
        (Outcome::NotMet, _) => ("✗", "c-not"),
        (Outcome::Unknown, _) => ("?", "c-unk"),
    };
    let head = match c.kind.as_str() {
        "all" => Some(u.all_of),
        "any" => Some(u.any_of),
        "not" => Some(u.none_of),
        _ => None,
    };
    let text = if !c.required.is_empty() {
        c.required.clone()
    } else {
        c.label.clone().unwrap_or_default()
    };
    html! {
        <li class={classes!("cond", class)} data-outcome={outcome_str(c.outcome)}>
            <span class="ic" aria-hidden="true">{ icon }</span>
            <span class="sr">{ outcome_label(lang, c.outcome) }{ u.colon }</span>
            if let Some(h) = head { <span class="k">{ h }</span>{ if text.is_empty() { "" } else { " — " } } }
            { text }
            if c.kind == "fact" {
                if let Some(g) = &c.given { <span class="given">{ " — " }{ u.given }{ u.colon }{ g.clone() }</span> }
                else { <span class="given">{ " — " }{ u.given }{ u.colon }{ u.unknown }</span> }
            }
            if !c.clause.is_empty() { <span class="clause">{ " — " }{ u.clause }{ " " }{ c.clause.clone() }</span> }
            if c.advisory { <span class="adv">{ u.open }{ u.advisory }{ u.close }</span> }
            if !c.parts.is_empty() {
                <ul>{ for c.parts.iter().map(|p| cond_tree(lang, p)) }</ul>
            }
        </li>
    }
}

fn outcome_str(o: Outcome) -> &'static str {
    match o {
        Outcome::Met => "met",
        Outcome::NotMet => "not_met",
        Outcome::Unknown => "unknown",
    }
}

pub fn status_icon(s: Status) -> &'static str {
    match s {
        Status::Eligible => "✓ ",
        Status::NotEligible => "✗ ",
        Status::NeedsInfo => "? ",
        Status::NotInForce => "⏸ ",
    }
}

pub fn in_force_str(i: InForce) -> &'static str {
    match i {
        InForce::InForce => "in_force",
        InForce::Expired => "expired",
        InForce::NotYet => "not_yet",
    }
}

fn in_force_class(i: InForce) -> &'static str {
    match i {
        InForce::InForce => "ok",
        _ => "off",
    }
}

pub fn in_force_label(lang: Lang, i: InForce) -> &'static str {
    let u = ui(lang);
    match i {
        InForce::InForce => u.in_force,
        InForce::Expired => u.expired,
        InForce::NotYet => u.not_yet,
    }
}

/// Why a policy does not apply on the as-of date: "普人社〔2022〕27号 已于 2025-12-31 到期".
pub fn not_in_force_text(lang: Lang, p: &PolicyReport) -> String {
    let date = |d: &Option<String>| d.clone().unwrap_or_default();
    match (p.in_force, lang) {
        (InForce::Expired, Lang::Zh) => format!("{} 已于 {} 到期", p.document, date(&p.until)),
        (InForce::Expired, Lang::En) => format!("{} expired on {}", p.document, date(&p.until)),
        (_, Lang::Zh) => format!("{} 自 {} 起实施，尚未生效", p.document, date(&p.from)),
        (_, Lang::En) => format!("{} takes effect on {}", p.document, date(&p.from)),
    }
}

/// "2022-12-16 – 2025-12-31"; an open end reads "open".
pub fn dates(lang: Lang, p: &PolicyReport) -> String {
    let u = ui(lang);
    format!(
        "{} – {}",
        p.from.clone().unwrap_or_else(|| u.date_open.to_string()),
        p.until.clone().unwrap_or_else(|| u.date_open.to_string())
    )
}
