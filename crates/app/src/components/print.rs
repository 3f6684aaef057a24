//! The print summary (`#print-summary`): hidden on screen, the only thing printed. The answers
//! given, every result with its amount and its basis (document and clause), what rules it out
//! or is still missing, the totals, the policies' dates, and the disclaimer.

use super::results::{dates, in_force_label, not_in_force_text, status_icon};
use super::use_ctx;
use crate::form::Door;
use crate::i18n::{pack_line, recipient_label, status_label, ui};
use skillcalc_engine::{Lang, ProvisionReport, Report, Status};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrintProps {
    pub door: Door,
    pub as_of: String,
    pub answered: Vec<(String, String)>,
    pub cards: Rc<Vec<Rc<ProvisionReport>>>,
    pub report: Rc<Report>,
}

#[function_component(PrintSummary)]
pub fn print_summary(p: &PrintProps) -> Html {
    let ctx = use_ctx();
    let lang = ctx.lang;
    let u = ui(lang);
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    let label = |f: &str| {
        ctx.cat
            .fact(f)
            .map(|x| x.label.get(lang).to_string())
            .unwrap_or_else(|| f.to_string())
    };
    let door = match p.door {
        Door::Person => u.door_person,
        Door::Org => u.door_org,
    };
    let mut policies: Vec<_> = Vec::new();
    for c in p.cards.iter() {
        if let Some(pol) = p.report.policies.iter().find(|x| x.id == c.policy) {
            if !policies
                .iter()
                .any(|x: &&skillcalc_engine::PolicyReport| x.id == pol.id)
            {
                policies.push(pol);
            }
        }
    }

    html! {
        <section class="print-only" id="print-summary" aria-labelledby="print-title">
            <h2 id="print-title">{ u.print_title }{ " — " }{ u.title }</h2>
            <p>{ u.print_door }{ u.colon }{ door }{ " · " }{ u.print_generated }{ u.colon }{ p.as_of.clone() }</p>
            <p class="print-pack" id="print-pack">{ pack_line(lang, ctx.cat.pack) }</p>
            <h3>{ u.print_answers }</h3>
            if p.answered.is_empty() {
                <p>{ u.print_no_answers }</p>
            } else {
                <dl class="answers">
                    { for p.answered.iter().map(|(q, a)| html! { <><dt>{ q.clone() }</dt><dd>{ a.clone() }</dd></> }) }
                </dl>
            }
            <h3>{ u.results }</h3>
            <table>
                <thead><tr>
                    <th scope="col">{ u.print_provision }</th>
                    <th scope="col">{ u.print_status }</th>
                    <th scope="col">{ u.print_amount }</th>
                    <th scope="col">{ u.print_clause }</th>
                    <th scope="col">{ u.print_notes }</th>
                </tr></thead>
                <tbody>
                    { for p.cards.iter().map(|c| {
                        let notes = match c.status {
                            Status::NotEligible => {
                                let lacks: Vec<String> = c.failed_facts().iter().map(|f| label(f)).collect();
                                format!("{}{}{}", u.lacks, u.colon, lacks.join(sep))
                            }
                            Status::NeedsInfo => {
                                let m: Vec<String> = c.missing.iter().map(|f| label(f)).collect();
                                format!("{}{}{}", u.missing, u.colon, m.join(sep))
                            }
                            Status::NotInForce => p
                                .report
                                .policies
                                .iter()
                                .find(|x| x.id == c.policy)
                                .map(|pol| not_in_force_text(lang, pol))
                                .unwrap_or_default(),
                            Status::Eligible => c.warnings.join(sep),
                        };
                        let amount = c.amount.as_ref().map(|a| {
                            let mut s = a.not_published.clone().unwrap_or_else(|| a.display.clone());
                            if !a.steps.is_empty() && (a.exact || a.steps.len() <= 3) {
                                s.push_str(&format!("{}{}{}", u.open, a.steps.join(sep), u.close));
                            }
                            if !c.unit_label.is_empty() {
                                s.push_str(&format!(" {}", c.unit_label));
                            }
                            s
                        }).unwrap_or_else(|| "—".to_string());
                        html! {
                            <tr key={c.id.clone()}>
                                <td>{ c.title.clone() }</td>
                                <td>{ status_icon(c.status) }{ status_label(lang, c.status) }</td>
                                <td>{ amount }</td>
                                <td>{ c.document.clone() }{ " " }{ c.clause.clone() }</td>
                                <td>{ notes }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { for p.report.totals.iter().map(|t| html! {
                <p class="print-total">
                    <strong>{ u.totals }{ u.open }{ recipient_label(lang, t.recipient) }{ u.close }</strong>{ " " }
                    { u.totals_eligible }{ u.colon }{ t.eligible.display.clone() }
                    if t.possible != t.eligible { { sep }{ u.totals_possible }{ u.colon }{ t.possible.display.clone() } }
                </p>
            }) }
            <h3>{ u.policies }</h3>
            <ul>
                { for policies.iter().map(|pol| html! {
                    <li>{ pol.document.clone() }{ " " }{ pol.title.clone() }{ " — " }{ dates(lang, pol) }
                        { u.open }{ in_force_label(lang, pol.in_force) }{ u.close }</li>
                }) }
            </ul>
            <p class="print-disclaimer"><strong>{ u.disclaimer_title }{ u.colon }</strong>{ u.disclaimer }</p>
        </section>
    }
}
