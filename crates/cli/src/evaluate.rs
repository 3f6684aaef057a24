//! `skillcalc evaluate` and `skillcalc explain`: one profile, the whole pack (or some provisions).

use crate::failure::{pick, unknown_provision, Failure};
use crate::input::{self, Pack};
use crate::labels::{recipient_label, status_label};
use crate::printable;
use crate::table::Table;
use crate::{EvaluateArgs, ReportFormat};
use skillcalc_engine::{evaluate, Lang, Report};
use std::borrow::Cow;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

pub fn run(args: &EvaluateArgs, explain: bool) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let pack = only_provisions(pack, &args.provision, lang)?;
    let profile = input::read_profile(&args.profile, &pack, lang)?;
    let report = evaluate(&pack, &profile, &options).map_err(|e| Failure::engine(&e, lang))?;

    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == ReportFormat::Json && !explain {
        serde_json::to_writer_pretty(&mut out, &report).map_err(|e| Failure::output(e.into()))?;
        writeln!(out)?;
    } else {
        let mut text = Vec::new();
        if explain {
            crate::explain::write(&mut text, &report, &pack)?;
        } else {
            write_table(&mut text, &report, &pack)?;
        }
        printable::write_text(&mut out, &text)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// With `--provision`: a copy of the pack holding only those provisions (and their policies),
/// so the engine's totals and questions cover exactly what was asked for.
fn only_provisions(pack: Pack, ids: &[String], lang: Lang) -> Result<Pack, Failure> {
    if ids.is_empty() {
        return Ok(pack);
    }
    let unknown: Vec<String> = ids
        .iter()
        .filter(|id| pack.provision(id).is_none())
        .map(|id| unknown_provision(id, lang))
        .collect();
    if !unknown.is_empty() {
        return Err(Failure {
            exit: crate::failure::BAD_INPUT,
            lines: unknown,
        });
    }
    Ok(Cow::Owned(pack.retain_provisions(|p| ids.contains(&p.id))))
}

/// One row per provision (status, amount, unit, clause, title), then the totals and questions.
fn write_table(out: &mut impl Write, report: &Report, pack: &Pack) -> io::Result<()> {
    let lang = report.lang;
    let mut table = Table::new(&match lang {
        Lang::Zh => ["编号", "状态", "金额", "单位", "条款", "名称"],
        Lang::En => ["id", "status", "amount", "unit", "clause", "title"],
    });
    for p in &report.provisions {
        let amount = p
            .amount
            .as_ref()
            .map_or("—".to_string(), |a| a.display.clone());
        table.row(vec![
            p.id.clone(),
            status_label(p.status, lang).into(),
            amount,
            p.unit_label.clone(),
            format!("{} {}", p.document, p.clause),
            p.title.clone(),
        ]);
    }
    table.write(out)?;
    writeln!(out)?;
    writeln!(out, "{} {}:", pick(lang, "截至", "As of"), report.as_of)?;
    for t in &report.totals {
        match lang {
            Lang::Zh => writeln!(
                out,
                "  {}：已符合 {}（{} 项）；可能 {}（另有 {} 项待补充信息）",
                recipient_label(t.recipient, lang),
                t.eligible.display,
                t.eligible_count,
                t.possible.display,
                t.needs_info_count
            )?,
            Lang::En => writeln!(
                out,
                "  to the {}: eligible {} ({} eligible); possible {} ({} more need information)",
                t.recipient.as_str(),
                t.eligible.display,
                t.eligible_count,
                t.possible.display,
                t.needs_info_count
            )?,
        }
        if t.unpublished_count > 0 {
            writeln!(
                out,
                "    {} {}",
                t.unpublished_count,
                pick(
                    lang,
                    "项有资金但文件未公布金额",
                    "provisions pay an amount the text does not publish"
                )
            )?;
        }
    }
    if !report.questions.is_empty() {
        writeln!(
            out,
            "{}",
            pick(lang, "接下来要回答的问题：", "Questions to answer next:")
        )?;
        for id in &report.questions {
            let label = pack.fact(id).map_or("", |f| f.label.get(lang));
            writeln!(out, "  {id}  {label}")?;
        }
    }
    Ok(())
}
