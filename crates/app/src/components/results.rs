//! The results: totals of the chosen goals per recipient, one card per provision
//! (`#p-<provision id, dots as hyphens>`, with `data-status` and `data-decision`), what the
//! person may get first (largest first), the results ruled out folded into "not for you, and
//! why"; each card with its amount and arithmetic, what it lacks or still needs (with the answer
//! that would do), for a policy not in force the reading as of the days it was, for a grant that
//! waits on a designation what it pays once designated, and an expandable explanation; then the
//! policy documents with their dates, and the tools (share, print, clear).

use super::{use_ctx, Ctx, Snapshot};
use crate::form::card_id;
use crate::i18n::{
    fill, fill_date, kind_label, outcome_label, pack_line, recipient_label, status_label, ui,
};
use crate::state::{Action, Inputs, State, Window};
use crate::web;
use skillcalc_engine::{
    display_range, ConditionKind, ConditionReport, InForce, Lang, Outcome, PolicyReport,
    ProvisionReport, Status, Subject, TotalReport, ValueUsed,
};
use std::rc::Rc;
use yew::prelude::*;

/// The pack line at the top of the results, for a pack that is not the built-in catalogue.
fn custom_pack_line(ctx: &Ctx) -> Html {
    if ctx.cat.pack.is_embedded() {
        return Html::default();
    }
    html! {
        <p class="notice pack-line" id="results-pack" data-pack={ctx.cat.pack.name().to_string()}>
            { pack_line(ctx.lang, ctx.cat.pack) }
        </p>
    }
}

/// Steps shown on a card itself (more go into the explanation).
const SHORT_STEPS: usize = 4;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub state: Snapshot,
    pub share_link: String,
    /// Not in the app's first render: only the totals (what the bottom bar also shows), so the
    /// first result is on screen sooner; the cards, the documents and the tools follow in the
    /// next frame (on a phone they are screens below the first one).
    pub full: bool,
}

#[function_component(Results)]
pub fn results(p: &ResultsProps) -> Html {
    let ctx = use_ctx();
    let u = ui(ctx.lang);
    let s = &p.state.0;
    if !s.goals_chosen() {
        return html! {
            <section class="results" id="results" aria-labelledby="results-title" tabindex="-1">
                <h2 id="results-title" tabindex="-1">{ u.results }</h2>
                { custom_pack_line(&ctx) }
                <p class="help" id="choose-goal-first">{ u.choose_goal_first }</p>
            </section>
        };
    }
    let mut policies: Vec<&PolicyReport> = Vec::new();
    for c in s.cards.iter() {
        if let Some(pol) = s.report.policies.iter().find(|x| x.id == c.policy) {
            if !policies.iter().any(|x| x.id == pol.id) {
                policies.push(pol);
            }
        }
    }
    // The documents not in force on the chosen date under which these answers give something,
    // each with the day to compute as of. (A result that would only need more answers then, a
    // Lingang one for an enterprise elsewhere say, says so on its own card, not up here above
    // the results that matter.)
    let mut off: Vec<(&PolicyReport, String)> = Vec::new();
    for c in s.cards.iter().filter(|c| c.status == Status::NotInForce) {
        if let (Some(w), Some(pol)) = (
            s.window
                .get(&c.id)
                .filter(|w| w.report.status == Status::Eligible),
            policies.iter().find(|x| x.id == c.policy),
        ) {
            if !off.iter().any(|(x, _)| x.id == pol.id) {
                off.push((pol, w.date.clone()));
            }
        }
    }
    let (open, out): (Vec<&Rc<ProvisionReport>>, Vec<&Rc<ProvisionReport>>) =
        s.cards.iter().partition(|c| !s.not_for_you(c));

    html! {
        <section class="results" id="results" aria-labelledby="results-title" tabindex="-1">
            <h2 id="results-title" tabindex="-1">{ u.results }
                <span class="count">{ fill(u.results_count, &s.cards.len().to_string()) }</span></h2>
            { custom_pack_line(&ctx) }
            <Totals state={p.state.clone()} />
            if let Some(e) = &s.eval_error {
                <p class="error" role="alert">{ u.eval_failed }{ e.clone() }</p>
            }
            if !off.is_empty() {
                <div class="notice" id="not-in-force-notice">
                    { for off.iter().map(|(pol, date)| html! {
                        <p data-policy={pol.id.clone()}>
                            { not_in_force_text(ctx.lang, pol) }{ u.colon }
                            { window_button(&ctx, date, &format!("notice-{}", crate::form::dom_safe(&pol.id))) }
                        </p>
                    }) }
                    <p class="help">{ u.window_deadline }</p>
                </div>
            }
            if s.cards.is_empty() {
                <p class="help">{ u.no_provisions }</p>
            }
            if p.full {
                <ol class="cards">
                    { for open.iter().map(|c| card_item(s, c)) }
                </ol>
                if !out.is_empty() {
                    <details class="ruled-out" id="ruled-out">
                        <summary>{ fill(u.not_for_you, &out.len().to_string()) }</summary>
                        <ol class="cards">
                            { for out.iter().map(|c| card_item(s, c)) }
                        </ol>
                    </details>
                }
                <section class="policies" id="policies" aria-labelledby="policies-title">
                    <h3 id="policies-title">{ u.policies }</h3>
                    <ul>
                        { for policies.iter().map(|pol| html! {
                            <li id={format!("policy-{}", crate::form::dom_safe(&pol.id))} data-in-force={in_force_str(pol.in_force)}>
                                <strong>{ pol.title.clone() }</strong>{ u.open }{ pol.document.clone() }{ u.close }
                                <br />
                                <span class={classes!("pill", in_force_class(pol.in_force))}>{ in_force_label(ctx.lang, pol.in_force) }</span>
                                { " " }{ u.policy_dates }{ u.colon }{ dates(ctx.lang, pol) }
                                { " · " }{ u.issuer }{ u.colon }{ pol.issuer.clone() }
                            </li>
                        }) }
                    </ul>
                </section>
                <Tools inputs={s.inputs.clone()} share_link={p.share_link.clone()} />
            }
        </section>
    }
}

fn card_item(s: &State, c: &Rc<ProvisionReport>) -> Html {
    let policy = s.report.policies.iter().find(|x| x.id == c.policy).cloned();
    let expired_since = policy
        .as_ref()
        .filter(|_| c.status != Status::NotInForce)
        .and_then(|pol| pol.until.clone())
        .filter(|until| until.as_str() < s.today.as_str());
    let lines: Vec<(String, Option<String>)> = c
        .missing
        .iter()
        .chain(&c.amount_missing)
        .map(|f| (f.clone(), s.requirement_line(&c.id, f)))
        .collect();
    html! {
        <li key={c.id.clone()}>
            <Card prov={c.clone()} {policy}
                window={s.window.get(&c.id).cloned()}
                designated={s.once_designated.get(&c.id).cloned()}
                requirements={lines}
                expired_since={expired_since} />
        </li>
    }
}

/// "Compute as of 2025-12-31": one tap sets the date (a history entry, so Back undoes it).
fn window_button(ctx: &Ctx, date: &str, id: &str) -> Html {
    let u = ui(ctx.lang);
    let d = ctx.dispatch.clone();
    let date = date.to_string();
    // The date is one word: a phone must not break it at its hyphens.
    let (before, after) = u
        .window_button
        .split_once("{d}")
        .unwrap_or((u.window_button, ""));
    html! {
        <button type="button" class="btn small window" id={id.to_string()} data-date={date.clone()}
            onclick={{ let date = date.clone(); Callback::from(move |_: MouseEvent| d.dispatch(Action::SetAsOf(date.clone()))) }}>
            { before }<span class="nowrap">{ date.clone() }</span>{ after }
        </button>
    }
}

/// The most telling total of the door, for the bottom bar: what is eligible now; else what the
/// answers give under policies in force when the event happened; else what is still possible.
pub fn headline_total(s: &State) -> String {
    let lang = s.inputs.lang;
    let u = ui(lang);
    let subject = s.inputs.door.subject();
    let t = s
        .report
        .totals
        .iter()
        .find(|t| t.recipient == subject)
        .or_else(|| s.report.totals.first());
    match t {
        Some(t) if t.eligible_count > 0 && has_money(&t.eligible) => {
            format!("{}{}{}", u.totals_eligible, u.colon, t.eligible.display)
        }
        // An eligible designation pays nothing itself: never "0元" for it.
        Some(t) if t.eligible_count > 0 && window_total(s, subject).is_none() => {
            fill(u.bar_eligible_no_money, &t.eligible_count.to_string())
        }
        _ => match window_total(s, subject) {
            Some(w) => format!("{}{}", u.window_short, w),
            None => match t {
                Some(t)
                    if t.needs_info_count > 0
                        && t.possible.max.as_ref().is_some_and(|m| m.value != "0.00") =>
                {
                    format!("{}{}{}", u.bar_possible, u.colon, t.possible.display)
                }
                Some(t) if t.needs_info_count > 0 => {
                    fill(u.counts_needs_info, &t.needs_info_count.to_string())
                }
                _ => u.totals_none_yet.to_string(),
            },
        },
    }
}

/// Whether a total holds any money (an eligible designation pays none).
fn has_money(r: &skillcalc_engine::Range) -> bool {
    r.min.value != "0.00" || r.max.as_ref().is_some_and(|m| m.value != "0.00")
}

/// The sum of what the answers give under the policies that were in force when the event
/// happened, for the results whose policy is not in force on the chosen date.
fn window_total(s: &State, recipient: Subject) -> Option<String> {
    use rust_decimal::Decimal;
    let parse = |v: &str| v.parse::<Decimal>().ok();
    let mut min = Decimal::ZERO;
    let mut max = Some(Decimal::ZERO);
    let mut any = false;
    for w in s.window.values() {
        let r = &w.report;
        if r.recipient != recipient || r.status != Status::Eligible {
            continue;
        }
        let Some(a) = &r.amount else { continue };
        if a.not_published.is_some() {
            continue;
        }
        any = true;
        min += parse(&a.min.value)?;
        max = match (max, a.max.as_ref().and_then(|m| parse(&m.value))) {
            (Some(x), Some(y)) => Some(x + y),
            _ => None,
        };
    }
    any.then(|| display_range(min, max, s.inputs.lang))
}

#[derive(Properties, PartialEq)]
pub struct TotalsProps {
    pub state: Snapshot,
}

/// Sums per recipient of the chosen goals. A polite live region: screen readers hear the new
/// total as answers change.
#[function_component(Totals)]
pub fn totals(p: &TotalsProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let s = &p.state.0;
    let shown: Vec<&TotalReport> = s
        .report
        .totals
        .iter()
        .filter(|t| {
            t.eligible_count + t.needs_info_count > 0 || window_total(s, t.recipient).is_some()
        })
        .collect();
    html! {
        <div class="totals" id="totals" aria-live="polite">
            { for shown.iter().map(|t| {
                let mut counts = vec![fill(u.counts_eligible, &t.eligible_count.to_string())];
                if t.needs_info_count > 0 {
                    counts.push(fill(u.counts_needs_info, &t.needs_info_count.to_string()));
                }
                if t.unpublished_count > 0 {
                    counts.push(fill(u.counts_unpublished, &t.unpublished_count.to_string()));
                }
                let sep = if lang == Lang::Zh { "，" } else { ", " };
                let window = window_total(s, t.recipient);
                html! {
                    <div class="total" id={format!("total-{}", t.recipient.as_str())} key={t.recipient.as_str()}>
                        <h3 class="h-small">{ u.totals }{ u.open }
                            { recipient_label(lang, t.recipient) }{ u.close }</h3>
                        if t.eligible_count > 0 && has_money(&t.eligible) {
                            <p class="big"><span class="k">{ u.totals_eligible }</span>
                                <strong class="total-eligible">{ t.eligible.display.clone() }</strong></p>
                        } else if t.eligible_count > 0 {
                            <p class="none-yet"><span class="total-eligible">{ fill(u.eligible_no_money, &t.eligible_count.to_string()) }</span></p>
                        } else {
                            <p class="none-yet"><span class="total-eligible">{ u.totals_none_yet }</span></p>
                        }
                        if let Some(w) = window {
                            <p class="window-total"><span class="k">{ u.window_total }</span>
                                <strong class="total-window">{ w }</strong></p>
                        }
                        if t.possible != t.eligible && t.needs_info_count > 0 && t.possible.max.as_ref().is_none_or(|m| m.value != "0.00") {
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
    /// Its reading as of the days its policy was in force (a policy not in force now).
    pub window: Option<Window>,
    /// What it gives once the designation it waits on is granted.
    pub designated: Option<Rc<ProvisionReport>>,
    /// Each question that would decide or narrow it, with the answer that would do.
    pub requirements: Vec<(String, Option<String>)>,
    /// The policy's last day, when it has passed though the result is for an earlier date.
    pub expired_since: Option<String>,
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
            failed_parts(cond, false, &mut out);
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
    let unit = unit_text(lang, c);
    // Once designated, what is still to answer is what the designated reading lacks.
    let missing: &[String] = match &p.designated {
        Some(d) => &d.missing,
        None => &c.missing,
    };
    let requirement = |f: &str| {
        p.requirements
            .iter()
            .find(|(x, _)| x == f)
            .and_then(|(_, r)| r.clone())
    };

    html! {
        <article class={classes!("card", format!("st-{}", status.as_str()))} id={id.clone()}
            data-status={status.as_str()} data-decision={c.decision.as_str()} aria-labelledby={format!("{id}-title")}>
            <header>
                <p class={classes!("badge", format!("b-{}", status.as_str()))}>
                    <span aria-hidden="true">{ status_icon(status) }</span>{ status_label(lang, status) }</p>
                <h3 id={format!("{id}-title")}>{ c.title.clone() }</h3>
                <p class="meta"><span class="kind">{ kind_label(lang, c.kind) }</span>{ " · " }
                    <span class="basis">{ p.policy.as_ref().map_or_else(|| c.document.clone(), |pol| document_name(lang, pol)) }{ " " }{ c.clause.clone() }</span></p>
            </header>
            if status == Status::NotInForce {
                <p class="decision">
                    { p.policy.as_ref().map(|pol| not_in_force_text(lang, pol)).unwrap_or_default() }
                    if p.window.is_none() { { u.colon }{ u.decision_would_be }<strong>{ status_label(lang, c.decision) }</strong> }
                </p>
            }
            if let (Some(until), Some(pol)) = (&p.expired_since, &p.policy) {
                <p class="expired-since help">{ fill_date(u.expired_since, until, &document_name(lang, pol)) }{ u.window_deadline }</p>
            }
            if let (Some(w), Some(pol)) = (&p.window, &p.policy) {
                <div class="window" data-date={w.date.clone()} data-status={w.report.status.as_str()}>
                    <p>
                        { fill_date(if pol.in_force == InForce::NotYet { u.window_not_yet } else { u.window_expired }, &w.date, &document_name(lang, pol)) }
                        <strong>{ status_label(lang, w.report.status) }</strong>
                        if let Some(a) = w.report.amount.as_ref().filter(|a| a.max.is_some() || a.min.value != "0.00") {
                            { u.colon }<strong class="window-amount">{ a.not_published.clone().unwrap_or_else(|| a.display.clone()) }</strong>
                            { " " }<span class="unit">{ unit.clone() }</span>
                        }
                    </p>
                    if let Some(a) = &w.report.amount {
                        { steps(u.arithmetic, &a.steps, a.exact) }
                    }
                    { window_button(&ctx, &w.date, &format!("{id}-window")) }
                </div>
            }
            if status != Status::NotInForce {
                if let Some(a) = &c.amount {
                    <div class="amount">
                        if let Some(np) = &a.not_published {
                            <p class="value">{ np.clone() }</p>
                        } else {
                            <p class="value"><strong>{ a.display.clone() }</strong>
                                { " " }<span class="unit">{ unit.clone() }</span></p>
                        }
                        { steps(u.arithmetic, &a.steps, a.exact) }
                    </div>
                }
            }
            if let Some(d) = &p.designated {
                <div class="designated">
                    <p><span class="k">{ u.once_designated }</span>
                        if let Some(a) = &d.amount {
                            <strong class="designated-amount">{ a.not_published.clone().unwrap_or_else(|| a.display.clone()) }</strong>
                            { " " }<span class="unit">{ unit.clone() }</span>
                        } else {
                            <strong>{ status_label(lang, d.decision) }</strong>
                        }
                    </p>
                    <p class="help">{ u.once_designated_note }</p>
                </div>
            }
            if !lacks.is_empty() && c.decision == Status::NotEligible && p.designated.is_none() {
                <div class="lacks">
                    <p class="k">{ u.lacks }</p>
                    <ul>{ for lacks.iter().map(|l| leaf_line(&ctx, l)) }</ul>
                </div>
            }
            if !missing.is_empty() {
                <div class="missing">
                    <p class="k">{ u.missing }</p>
                    <ul>{ for missing.iter().map(|f| missing_line(&ctx, f, requirement(f))) }</ul>
                </div>
            }
            if !c.amount_missing.is_empty() {
                <div class="missing">
                    <p class="k">{ u.missing_amount }</p>
                    <ul>{ for c.amount_missing.iter().map(|f| missing_line(&ctx, f, None)) }</ul>
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
                        <ul class="conds">{ for c.conditions.iter().map(|x| cond_tree(lang, x, Shown::Judged)) }</ul>
                    }
                    if let Some(a) = &c.amount {
                        if a.steps.len() > SHORT_STEPS && !a.exact {
                            <h4>{ u.arithmetic }</h4>
                            <ol class="steps">{ for a.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ol>
                        }
                        if let Some(cap) = &a.cap {
                            <p><span class="k">{ u.cap }{ u.colon }</span>{ cap.display.clone() }</p>
                        }
                    }
                    if !c.values_used.is_empty() {
                        <h4>{ u.values_used }</h4>
                        <ul class="values">{ for c.values_used.iter().map(|v| value_used(lang, v)) }</ul>
                    }
                    { list(u.warnings, "warnings", &c.warnings) }
                    { list(u.benefits, "benefits", &c.benefits) }
                    { list(u.process, "process", &c.process) }
                    if let Some(pol) = &p.policy {
                        <h4>{ u.document }</h4>
                        <p class="policy">
                            <strong>{ pol.title.clone() }</strong>{ u.open }{ pol.document.clone() }{ u.close }<br />
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

/// "¥2,000 per person · received by the person".
fn unit_text(lang: Lang, c: &ProvisionReport) -> String {
    let u = ui(lang);
    let recipient = fill(u.received_by, recipient_label(lang, c.recipient));
    if c.unit_label.is_empty() {
        recipient
    } else {
        format!("{} · {recipient}", c.unit_label)
    }
}

/// The arithmetic on the card: whole when it is short or the amount is known; a long decision
/// table for an open amount goes into the explanation.
fn steps(label: &'static str, steps: &[String], exact: bool) -> Html {
    if steps.is_empty() || !(exact || steps.len() <= SHORT_STEPS) {
        return Html::default();
    }
    html! {
        <ol class="steps" aria-label={label}>
            { for steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }
        </ol>
    }
}

/// A supplementary value: its amount, the public document, since when, and in plain words how
/// sure it is; where it was read, in a details view.
fn value_used(lang: Lang, v: &ValueUsed) -> Html {
    let u = ui(lang);
    let how = match v.confidence.as_str() {
        "official" => u.value_official,
        "confirmed" => u.value_secondary,
        _ => u.value_uncertain,
    };
    html! {
        <li>
            <strong>{ v.label.clone() }{ u.colon }{ v.amount.display.clone() }</strong><br />
            { u.document }{ u.colon }{ v.document.clone() }{ " · " }{ u.value_from }{ u.colon }{ v.from.clone() }<br />
            <span class="confidence">{ how }</span>
            <details class="source">
                <summary>{ u.value_where }</summary>
                <p>{ v.source.clone() }</p>
            </details>
        </li>
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

/// A condition that rules the provision out: what it requires, what was given, the clause.
fn leaf_line(ctx: &Ctx, l: &ConditionReport) -> Html {
    let u = ui(ctx.lang);
    let fact = l.fact.clone().or_else(|| first_fact(l)).unwrap_or_default();
    let c = ctx.clone();
    let f2 = fact.clone();
    let label = ctx
        .cat
        .fact(&fact)
        .map(|f| f.label.get(ctx.lang).to_string())
        .unwrap_or_default();
    html! {
        <li data-fact={fact.clone()}>
            { l.required.clone() }
            if let Some(g) = &l.given { <span class="given">{ " — " }{ u.given }{ u.colon }{ g.clone() }</span> }
            if !l.clause.is_empty() { <span class="clause">{ u.open }{ l.clause.clone() }{ u.close }</span> }
            if !fact.is_empty() {
                { " " }
                <button type="button" class="link small" onclick={Callback::from(move |_: MouseEvent| c.focus_question(&f2))}
                    aria-label={format!("{}{}{}", u.answer_it, u.colon, label)}>{ u.answer_it }</button>
            }
        </li>
    }
}

/// A question that would decide (or narrow) this result, with the answer that would do and a
/// button to go and answer it.
fn missing_line(ctx: &Ctx, fact: &str, required: Option<String>) -> Html {
    let u = ui(ctx.lang);
    let label = ctx
        .cat
        .fact(fact)
        .map(|f| f.label.get(ctx.lang).to_string())
        .unwrap_or_else(|| fact.to_string());
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

fn first_fact(c: &ConditionReport) -> Option<String> {
    c.fact
        .clone()
        .or_else(|| c.parts.iter().find_map(first_fact))
}

/// The parts that rule a provision out, each as the condition the text states: a failing leaf,
/// or a failing `not` as a whole (its own words, "graduating students: once only", never the
/// words of the thing it forbids).
fn failed_parts<'a>(c: &'a ConditionReport, negated: bool, out: &mut Vec<&'a ConditionReport>) {
    let failing = if negated {
        Outcome::Met
    } else {
        Outcome::NotMet
    };
    if c.advisory || c.outcome != failing {
        return;
    }
    match c.kind {
        ConditionKind::Fact | ConditionKind::Not => out.push(c),
        ConditionKind::All | ConditionKind::Any => {
            c.parts.iter().for_each(|p| failed_parts(p, negated, out))
        }
    }
}

/// How a condition is shown in the tree: judged (✓ ✗ ?), or only listed, when its outcome does
/// not decide anything (a branch of an `any` that another branch met, the inside of a `not`,
/// whose own outcome is shown on the `not`).
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Judged,
    Listed,
}

/// The conditions as a tree: ✓ met, ✗ not met, ? unknown, ⚠ advisory and not met; a branch
/// that did not matter is listed without a mark.
fn cond_tree(lang: Lang, c: &ConditionReport, shown: Shown) -> Html {
    let u = ui(lang);
    let advisory_miss = c.advisory && c.outcome == Outcome::NotMet;
    let (icon, class) = match (shown, c.outcome, advisory_miss) {
        (Shown::Listed, _, _) => ("·", "c-listed"),
        (_, _, true) => ("⚠", "c-adv"),
        (_, Outcome::Met, _) => ("✓", "c-met"),
        (_, Outcome::NotMet, _) => ("✗", "c-not"),
        // Full-width: the marks sit next to Chinese text.
        (_, Outcome::Unknown, _) => ("？", "c-unk"),
    };
    let head = match c.kind {
        ConditionKind::All => Some(u.all_of),
        ConditionKind::Any => Some(u.any_of),
        ConditionKind::Not => Some(u.none_of),
        ConditionKind::Fact => None,
    };
    let text = if !c.required.is_empty() {
        c.required.clone()
    } else {
        c.label.clone().unwrap_or_default()
    };
    let child = |p: &ConditionReport| -> Shown {
        match c.kind {
            _ if shown == Shown::Listed => Shown::Listed,
            ConditionKind::Not => Shown::Listed,
            ConditionKind::Any if c.outcome == Outcome::Met && p.outcome != Outcome::Met => {
                Shown::Listed
            }
            ConditionKind::All if c.outcome == Outcome::NotMet && p.outcome == Outcome::Unknown => {
                Shown::Listed
            }
            _ => Shown::Judged,
        }
    };
    html! {
        <li class={classes!("cond", class)} data-outcome={if shown == Shown::Listed { "listed" } else { outcome_str(c.outcome) }}>
            <span class="ic" aria-hidden="true">{ icon }</span>
            if shown == Shown::Judged { <span class="sr">{ outcome_label(lang, c.outcome) }{ u.colon }</span> }
            if let Some(h) = head { <span class="k">{ h }</span>{ if text.is_empty() { "" } else { " — " } } }
            { text }
            if c.kind == ConditionKind::Fact {
                if let Some(g) = &c.given { <span class="given">{ " — " }{ u.given }{ u.colon }{ g.clone() }</span> }
                else { <span class="given">{ " — " }{ u.given }{ u.colon }{ u.unknown }</span> }
            }
            if !c.clause.is_empty() { <span class="clause">{ " — " }{ u.clause }{ " " }{ c.clause.clone() }</span> }
            if c.advisory { <span class="adv">{ u.open }{ u.advisory }{ u.close }</span> }
            if !c.parts.is_empty() {
                <ul>{ for c.parts.iter().map(|p| cond_tree(lang, p, child(p))) }</ul>
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
        Status::NeedsInfo => "？ ",
        Status::NotInForce => "○ ",
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

/// A policy's document as a reader names it: its number ("普人社〔2022〕27号", kept as it is in
/// English too: it is a name); a document known by a Chinese name only goes by its title in the
/// reader's language.
pub fn document_name(lang: Lang, p: &PolicyReport) -> String {
    if lang == Lang::Zh || p.document.contains('〔') {
        p.document.clone()
    } else {
        p.title.clone()
    }
}

/// Why a policy does not apply on the as-of date: "普人社〔2022〕27号 已于 2025-12-31 到期".
pub fn not_in_force_text(lang: Lang, p: &PolicyReport) -> String {
    let date = |d: &Option<String>| d.clone().unwrap_or_default();
    let doc = document_name(lang, p);
    match (p.in_force, lang) {
        (InForce::Expired, Lang::Zh) => format!("{doc} 已于 {} 到期", date(&p.until)),
        (InForce::Expired, Lang::En) => format!("{doc} expired on {}", date(&p.until)),
        (_, Lang::Zh) => format!("{doc} 自 {} 起实施，尚未生效", date(&p.from)),
        (_, Lang::En) => format!("{doc} takes effect on {}", date(&p.from)),
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

#[derive(Properties, PartialEq)]
pub struct ToolsProps {
    pub inputs: Inputs,
    pub share_link: String,
}

/// Share (the system share sheet where there is one, else copy), print, clear (with undo).
#[function_component(Tools)]
pub fn tools(p: &ToolsProps) -> Html {
    let ctx = use_ctx();
    let u = ui(ctx.lang);
    let share_open = use_state(|| false);
    let status = use_state(String::new);
    // What "clear" removed, until the next answer: the undo.
    let undo = use_state(|| None::<Inputs>);
    {
        let undo = undo.clone();
        use_effect_with(p.inputs.answers.len(), move |n| {
            if *n > 0 {
                undo.set(None);
            }
        });
    }

    let on_share = {
        let open = share_open.clone();
        let status = status.clone();
        let link = p.share_link.clone();
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| {
            open.set(true);
            let status = status.clone();
            web::copy_text(&link, move |ok| {
                status.set(if ok { u.share_copied } else { u.share_failed }.to_string())
            });
            let c = ctx.clone();
            // Put the link in the user's hands (selected, ready to copy by hand too).
            yew::platform::spawn_local(async move {
                c.focus("#share-link");
                web::select_in(&c.root, "#share-link");
            });
        })
    };
    let on_native_share = {
        let link = p.share_link.clone();
        Callback::from(move |_: MouseEvent| web::native_share(u.title, &link))
    };
    let on_print = Callback::from(|_: MouseEvent| web::print());
    let on_clear = {
        let d = ctx.dispatch.clone();
        let status = status.clone();
        let undo = undo.clone();
        let inputs = p.inputs.clone();
        Callback::from(move |_: MouseEvent| {
            undo.set(Some(inputs.clone()));
            d.dispatch(Action::Clear);
            status.set(u.cleared.to_string());
        })
    };
    let on_undo = {
        let d = ctx.dispatch.clone();
        let status = status.clone();
        let undo = undo.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(before) = (*undo).clone() {
                d.dispatch(Action::Restore(before));
            }
            undo.set(None);
            status.set(String::new());
        })
    };

    html! {
        <section class="tools no-print" id="tools" aria-labelledby="tools-title">
            <h3 id="tools-title" class="h-small">{ u.tools }</h3>
            <div class="row">
                <button type="button" class="btn" id="share" onclick={on_share}
                    aria-expanded={if *share_open { "true" } else { "false" }}
                    aria-controls={share_open.then_some("share-panel")}>{ u.share }</button>
                if web::can_share() {
                    <button type="button" class="btn" id="share-native" onclick={on_native_share}>{ u.share_native }</button>
                }
                <button type="button" class="btn" id="print" onclick={on_print}>{ u.print }</button>
                <button type="button" class="btn" id="clear" onclick={on_clear}>{ u.clear }</button>
            </div>
            if *share_open {
                <div class="share" id="share-panel">
                    <label for="share-link">{ u.share_link }</label>
                    <input type="text" id="share-link" readonly=true value={p.share_link.clone()} />
                </div>
            }
            <p class="status" id="status" role="status">
                { (*status).clone() }
                if undo.is_some() && !status.is_empty() {
                    { " " }<button type="button" class="link" id="undo" onclick={on_undo}>{ u.undo }</button>
                }
            </p>
        </section>
    }
}
