//! `skillcalc explain`: the report as text a policy officer can check line by line.

use crate::failure::pick;
use crate::labels::{recipient_label, status_label};
use crate::printable;
use skillcalc_engine::{
    ConditionKind, ConditionReport, InForce, Lang, Outcome, PolicyReport, ProvisionReport, Report,
    RulePack,
};
use std::io::{self, Write};

pub fn write(out: &mut impl Write, report: &Report, pack: &RulePack) -> io::Result<()> {
    let lang = report.lang;
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    write!(
        out,
        "{} {} · {} {} {}",
        t("截至", "As of"),
        report.as_of,
        t("规则包", "rule pack"),
        report.pack.name,
        report.pack.version
    )?;
    // Who published it and when, as the pack says; a pack given at run time is never the
    // built-in catalogue, and says so.
    let published: Vec<&str> = [report.pack.issuer.as_deref(), report.pack.date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !published.is_empty() {
        let (open, close) = (t("（", " ("), t("）", ")"));
        write!(out, "{open}{}{close}", published.join(t("，", ", ")))?;
    }
    if !report.pack.embedded {
        write!(out, " — {}", t("非内置目录", "not the built-in catalogue"))?;
    }
    writeln!(out)?;
    writeln!(out)?;
    writeln!(out, "{}", t("政策文件", "Policies"))?;
    for p in &report.policies {
        write_policy(out, p, lang)?;
    }
    for p in &report.provisions {
        writeln!(out)?;
        write_provision(out, p, pack, lang)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", t("合计", "Totals"))?;
    for total in &report.totals {
        writeln!(
            out,
            "  {}: {} {}; {} {}",
            recipient_label(total.recipient, lang),
            t("已符合", "eligible now"),
            total.eligible.display,
            t("可能", "possible"),
            total.possible.display
        )?;
    }
    if !report.questions.is_empty() {
        writeln!(
            out,
            "{}",
            t("接下来要回答的问题", "Questions to answer next")
        )?;
        for id in &report.questions {
            writeln!(out, "  ? {id}  {}", fact_label(pack, id, lang))?;
        }
    }
    Ok(())
}

fn write_policy(out: &mut impl Write, p: &PolicyReport, lang: Lang) -> io::Result<()> {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let from = p.from.as_deref().unwrap_or("—");
    let until = p.until.as_deref().unwrap_or(t("长期", "open-ended"));
    let state = match p.in_force {
        InForce::InForce => t("有效", "in force"),
        InForce::Expired => t("已失效", "expired"),
        InForce::NotYet => t("尚未生效", "not yet in force"),
    };
    writeln!(out, "  {} {} ({})", p.document, p.title, p.issuer)?;
    writeln!(
        out,
        "    {} {from} – {until}: {state}",
        t("有效期", "in force")
    )?;
    if let Some(note) = &p.note {
        writeln!(out, "    {note}")?;
    }
    Ok(())
}

fn write_provision(
    out: &mut impl Write,
    p: &ProvisionReport,
    pack: &RulePack,
    lang: Lang,
) -> io::Result<()> {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    writeln!(
        out,
        "[{}] {} — {}",
        status_label(p.status, lang),
        p.id,
        p.title
    )?;
    let unit = if p.unit_label.is_empty() {
        String::new()
    } else {
        format!(" · {}", p.unit_label)
    };
    writeln!(
        out,
        "  {} {} {}{unit} · {} {}",
        p.document,
        t("条款", "clause"),
        p.clause,
        t("受益方", "to the"),
        recipient_label(p.recipient, lang)
    )?;
    if !p.explain.is_empty() {
        writeln!(out, "  {}", p.explain)?;
    }
    if p.status == skillcalc_engine::Status::NotInForce {
        writeln!(
            out,
            "  {}: {}",
            t("条件判断（如政策有效）", "conditions alone give"),
            status_label(p.decision, lang)
        )?;
    }
    if let Some(a) = &p.amount {
        let cap = a
            .cap
            .as_ref()
            .map(|c| format!(" ({} {})", t("上限", "cap"), c.display))
            .unwrap_or_default();
        writeln!(out, "  {}: {}{cap}", t("金额", "Amount"), a.display)?;
        for step in &a.steps {
            writeln!(out, "    = {step}")?;
        }
        if let Some(group) = &a.cap_group {
            // The answers themselves: a line break in one is shown, not obeyed.
            writeln!(
                out,
                "    {}: {}",
                t("上限按组合计", "cap shared by the group"),
                printable::line(group)
            )?;
        }
    }
    if !p.conditions.is_empty() {
        writeln!(out, "  {}:", t("条件", "Conditions"))?;
        for c in &p.conditions {
            write_condition(out, c, 2, lang)?;
        }
    }
    list(out, t("提示", "Warnings"), "!", &p.warnings)?;
    let failed: Vec<String> = p
        .failed
        .iter()
        .map(|id| format!("{id}  {}", fact_label(pack, id, lang)))
        .collect();
    list(out, t("不满足的条件", "Ruled out by"), "✗", &failed)?;
    let missing: Vec<String> = p
        .missing
        .iter()
        .map(|id| format!("{id}  {}", fact_label(pack, id, lang)))
        .collect();
    list(
        out,
        t(
            "缺少的信息（决定是否符合）",
            "Missing (would decide eligibility)",
        ),
        "?",
        &missing,
    )?;
    let amount_missing: Vec<String> = p
        .amount_missing
        .iter()
        .map(|id| format!("{id}  {}", fact_label(pack, id, lang)))
        .collect();
    list(
        out,
        t("缺少的信息（确定金额）", "Missing (would fix the amount)"),
        "?",
        &amount_missing,
    )?;
    list(out, t("其他待遇", "Benefits"), "-", &p.benefits)?;
    list(out, t("办理流程", "Process"), "-", &p.process)?;
    if !p.values_used.is_empty() {
        writeln!(out, "  {}:", t("引用的标准", "Values used"))?;
        for v in &p.values_used {
            writeln!(
                out,
                "    {} ({}): {} {} {}",
                v.id,
                v.label,
                v.amount.display,
                t("自", "from"),
                v.from
            )?;
            writeln!(
                out,
                "      {}: {}; {}: {}; {}: {}",
                t("文件", "document"),
                v.document,
                t("来源", "source"),
                v.source,
                t("可信度", "confidence"),
                v.confidence
            )?;
        }
    }
    Ok(())
}

/// ✓ met, ✗ not met, ? unknown; all / any / not nest their parts one level deeper.
fn write_condition(
    out: &mut impl Write,
    c: &ConditionReport,
    depth: usize,
    lang: Lang,
) -> io::Result<()> {
    let t = |zh: &'static str, en: &'static str| pick(lang, zh, en);
    let mark = match c.outcome {
        Outcome::Met => "✓",
        Outcome::NotMet => "✗",
        Outcome::Unknown => "?",
    };
    let indent = "  ".repeat(depth);
    let advisory = if c.advisory {
        t("（倡导性，不作否决）", " (advisory: never refuses)")
    } else {
        ""
    };
    if c.kind == ConditionKind::Fact {
        // The answer itself: a line break in it is shown, not obeyed.
        let given = c
            .given
            .as_deref()
            .map_or(t("未填写", "not answered").into(), printable::line);
        let fact = c.fact.as_deref().unwrap_or("");
        writeln!(out, "{indent}{mark} {}{advisory}", c.required)?;
        writeln!(
            out,
            "{indent}    {}: {given} [{fact}] · {} {}",
            t("填写", "given"),
            t("条款", "clause"),
            c.clause
        )?;
    } else {
        writeln!(
            out,
            "{indent}{mark} {}{advisory} · {} {}",
            c.required,
            t("条款", "clause"),
            c.clause
        )?;
        for part in &c.parts {
            write_condition(out, part, depth + 1, lang)?;
        }
    }
    Ok(())
}

fn list(out: &mut impl Write, title: &str, mark: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "  {title}:")?;
    for item in items {
        writeln!(out, "    {mark} {item}")?;
    }
    Ok(())
}

fn fact_label<'a>(pack: &'a RulePack, id: &str, lang: Lang) -> &'a str {
    pack.fact(id).map_or("", |f| f.label.get(lang))
}
