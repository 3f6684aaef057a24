//! `skillcalc facts` and `skillcalc policies`: what the pack asks and which documents it covers.

use crate::failure::{pick, Failure};
use crate::input;
use crate::table::Table;
use crate::{ListArgs, ReportFormat};
use serde::Serialize;
use skillcalc_engine::{policy_in_force, Fact, InForce, Lang, RulePack, Subject};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

#[derive(Serialize)]
struct FactRow<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    subject: &'static str,
    group: &'a str,
    label: &'a str,
    help: Option<&'a str>,
    values: Vec<ValueRow<'a>>,
    min: Option<String>,
    max: Option<String>,
    min_date: Option<String>,
    max_date: Option<String>,
}

#[derive(Serialize)]
struct ValueRow<'a> {
    id: &'a str,
    label: &'a str,
}

fn fact_row(f: &Fact, lang: Lang) -> FactRow<'_> {
    FactRow {
        id: &f.id,
        kind: f.kind.as_str(),
        subject: match f.subject {
            Subject::Person => "person",
            Subject::Organisation => "organisation",
        },
        group: &f.group,
        label: f.label.get(lang),
        help: f.help.as_ref().map(|h| h.get(lang)),
        values: f
            .values
            .iter()
            .map(|v| ValueRow {
                id: &v.id,
                label: v.label.get(lang),
            })
            .collect(),
        min: f.min.map(|d| d.normalize().to_string()),
        max: f.max.map(|d| d.normalize().to_string()),
        min_date: f.min_date.map(|d| d.to_string()),
        max_date: f.max_date.map(|d| d.to_string()),
    }
}

pub fn facts(args: &ListArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let pack = input::load_pack(&args.pack)?;
    let rows: Vec<FactRow> = pack.facts.iter().map(|f| fact_row(f, lang)).collect();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == ReportFormat::Json {
        write_json(&mut out, &rows)?;
    } else {
        let mut table = Table::new(&match lang {
            Lang::Zh => ["编号", "类型", "对象", "分组", "名称", "可选值", "范围"],
            Lang::En => [
                "id",
                "type",
                "subject",
                "group",
                "label",
                "allowed values",
                "bounds",
            ],
        });
        for r in &rows {
            let values: Vec<&str> = r.values.iter().map(|v| v.id).collect();
            table.row(vec![
                r.id.into(),
                r.kind.into(),
                r.subject.into(),
                r.group.into(),
                r.label.into(),
                values.join(", "),
                bounds(
                    r.min.as_deref().or(r.min_date.as_deref()),
                    r.max.as_deref().or(r.max_date.as_deref()),
                ),
            ]);
        }
        table.write(&mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn bounds(min: Option<&str>, max: Option<&str>) -> String {
    match (min, max) {
        (None, None) => String::new(),
        (min, max) => format!("{} … {}", min.unwrap_or(""), max.unwrap_or("")),
    }
}

#[derive(Serialize)]
struct PolicyRow<'a> {
    id: &'a str,
    document: &'a str,
    title: &'a str,
    issuer: &'a str,
    from: Option<String>,
    until: Option<String>,
    in_force: InForce,
    provisions: Vec<&'a str>,
}

fn policy_rows<'a>(
    pack: &'a RulePack,
    options: &skillcalc_engine::EvaluateOptions,
) -> Vec<PolicyRow<'a>> {
    let lang = options.lang;
    pack.policies
        .iter()
        .enumerate()
        .map(|(i, p)| PolicyRow {
            id: &p.id,
            document: &p.document,
            title: p.title.get(lang),
            issuer: p.issuer.get(lang),
            from: p.from.map(|d| d.to_string()),
            until: p.until.map(|d| d.to_string()),
            in_force: policy_in_force(p, options.as_of),
            provisions: pack
                .provisions
                .iter()
                .filter(|v| v.policy == i)
                .map(|v| v.id.as_str())
                .collect(),
        })
        .collect()
}

pub fn policies(args: &ListArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let rows = policy_rows(&pack, &options);
    let mut out = BufWriter::new(io::stdout().lock());
    if args.format == ReportFormat::Json {
        write_json(&mut out, &rows)?;
    } else {
        let mut table = Table::new(&match lang {
            Lang::Zh => ["编号", "文号", "起", "止", "状态", "条款"],
            Lang::En => ["id", "document", "from", "until", "status", "provisions"],
        });
        for r in &rows {
            let state = match r.in_force {
                InForce::InForce => pick(lang, "有效", "in force"),
                InForce::Expired => pick(lang, "已失效", "expired"),
                InForce::NotYet => pick(lang, "尚未生效", "not yet in force"),
            };
            table.row(vec![
                r.id.into(),
                r.document.into(),
                r.from.clone().unwrap_or_default(),
                r.until.clone().unwrap_or_default(),
                state.into(),
                r.provisions.join(", "),
            ]);
        }
        table.write(&mut out)?;
        writeln!(
            out,
            "{} {}",
            pick(lang, "状态截至", "status as of"),
            options.as_of
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> Result<(), Failure> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| Failure::output(e.into()))?;
    writeln!(out)?;
    Ok(())
}
