//! `skillcalc facts` and `skillcalc policies`: what the pack asks and which documents it covers.

use crate::failure::{pick, Failure};
use crate::input;
use crate::printable;
use crate::table::Table;
use crate::{ListArgs, ReportFormat};
use serde::Serialize;
use skillcalc_engine::{InForce, Lang, Subject};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

pub fn facts(args: &ListArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let pack = input::load_pack(&args.pack)?;
    let rows = skillcalc_engine::facts(&pack, lang);
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
                r.kind.as_str().into(),
                match r.subject {
                    Subject::Person => "person".into(),
                    Subject::Organisation => "organisation".into(),
                },
                r.group.into(),
                r.label.into(),
                values.join(", "),
                bounds(
                    r.min.as_deref().or(r.min_date.as_deref()),
                    r.max.as_deref().or(r.max_date.as_deref()),
                ),
            ]);
        }
        let mut text = Vec::new();
        table.write(&mut text)?;
        printable::write_text(&mut out, &text)?;
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

pub fn policies(args: &ListArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let rows = skillcalc_engine::policies(&pack, &options);
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
        let mut text = Vec::new();
        table.write(&mut text)?;
        printable::write_text(&mut out, &text)?;
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
