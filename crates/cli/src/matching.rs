//! `skillcalc match`: every provision over a list of people or organisations (免申即享: tell
//! each what it qualifies for before it asks), streamed.
//!
//! Reads the rows as `batch` does (rows.rs: CSV, XLSX or JSON lines). For each valid row, on
//! stdout (or the file given with `--out`, its extension naming the format):
//!   jsonl: {"row": n, "results": [{"id", "status", "amount": {…}|null, "missing": […]}, …],
//!          "total": {"min", "max", "display"}} — only the provisions the row is eligible for or
//!          needs information on; the total sums the eligible ones' amounts;
//!   csv:   row,provision,status,min,max,display,missing — one line per such provision;
//!   table: the same for a person (the default when stdout is a terminal): aligned columns with
//!          the provision's title and the status in words, each row's total under it;
//!   xlsx:  (`--out FILE.xlsx`) a workbook: the sheet 结果/Results, one line per row and
//!          provision (row, id, title, status in words, min, max, amount, the missing facts'
//!          labels), and 合计/Totals (the per-provision totals below, with titles).
//! Then, per provision some row is eligible for or needs information on, the rows counted by
//! status and its totals per cap group with each
//! cap applied once across rows (the training subsidy's 100万 per project and year): jsonl
//! lines {"provision", "eligible_rows", "needs_info_rows", "groups": […]} on stdout, or (csv)
//! a CSV table on stderr, so that stdout stays one table (with `--out FILE.csv`: in
//! FILE.totals.csv), or (table) a table after the rows. An invalid row gets no stdout line:
//! `row N: fact: message` goes to stderr and the list goes on, unless `--strict`. Stderr ends
//! with the rows counted: read, valid, invalid, with at least one eligible provision.

use crate::csv_out;
use crate::failure::{pick, profile_problem_line, warn, Failure};
use crate::input;
use crate::labels::status_label;
use crate::output::{self, Kind, Output};
use crate::printable;
use crate::rows::{self, Progress};
use crate::table::{self, Table};
use crate::{AsOfArg, PackArgs};
use clap::{Args, ValueEnum};
use serde::Serialize;
use skillcalc_engine::{
    DecidedAmountReport, Error, Lang, Profile, ProvisionTotals, Roster, RowTotal, RulePack, Subject,
};
use skillcalc_sheets::{Cell, Sheet};
use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(Args, Debug)]
pub struct MatchArgs {
    #[command(flatten)]
    as_of: AsOfArg,
    #[command(flatten)]
    pack: PackArgs,
    /// Only the provisions for people (`person`) or for organisations (`org`); default: all.
    #[arg(long, value_enum)]
    door: Option<Door>,
    #[command(flatten)]
    list: rows::ListArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Door {
    Person,
    Org,
}

/// One provision of a row, as written (jsonl).
#[derive(Serialize)]
struct RowProvision<'a> {
    id: &'a str,
    status: &'static str,
    amount: Option<&'a DecidedAmountReport>,
    missing: &'a [&'a str],
}

const CSV_HEADER: [&str; 7] = [
    "row",
    "provision",
    "status",
    "min",
    "max",
    "display",
    "missing",
];

struct Matching<'a> {
    pack: &'a RulePack,
    roster: Roster,
    lang: Lang,
    strict: bool,
    output: Output,
    /// Each provision's title in the output's language (table, xlsx).
    titles: HashMap<&'a str, &'a str>,
    /// The lines of the results sheet (xlsx), kept until the end.
    sheet: Vec<Vec<Cell>>,
    /// The column widths of the table (known from the pack, so the rows stream).
    widths: [usize; 4],
    progress: Progress,
}

pub fn run(args: &MatchArgs) -> Result<ExitCode, Failure> {
    let lang: Lang = args.pack.lang.into();
    let options = input::options(&args.as_of, lang)?;
    let pack = input::load_pack(&args.pack)?;
    let keep = |audience: Subject| match args.door {
        None => true,
        Some(Door::Person) => audience == Subject::Person,
        Some(Door::Org) => audience == Subject::Organisation,
    };
    let roster = Roster::new(&pack, options, |_, p| keep(p.audience));
    let (reader, input_format) = rows::open(&args.list.input, args.list.input_format, lang)?;
    let output = output::open(&args.list, lang)?;
    let titles: HashMap<&str, &str> = (pack.provisions.iter())
        .map(|p| (p.id.as_str(), p.title.get(lang)))
        .collect();
    let widths = table_widths(&pack, lang, |p| keep(p.audience));
    let mut matching = Matching {
        pack: &pack,
        roster,
        lang,
        strict: args.list.strict,
        // Rows written to a terminal show the progress themselves.
        progress: if output.kind == Kind::Table && output.path.is_none() {
            Progress::hidden()
        } else {
            Progress::new()
        },
        output,
        titles,
        sheet: Vec::new(),
        widths,
    };
    matching.start()?;
    let result = rows::read(
        &pack,
        lang,
        reader,
        &args.list.input,
        input_format,
        args.list.strict,
        &mut |row, outcome| matching.row(row, outcome),
    );
    matching.progress.clear();
    matching.output.out.flush()?;
    result?;
    matching.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// The table's widths: row number, provision id, status, amount.
fn table_widths(
    pack: &RulePack,
    lang: Lang,
    keep: impl Fn(&skillcalc_engine::Provision) -> bool,
) -> [usize; 4] {
    let [row, id, status, amount, _] = table_header(lang);
    let ids = (pack.provisions.iter().filter(|p| keep(p)))
        .map(|p| printable::line(&p.id).width())
        .max()
        .unwrap_or(0);
    let statuses = [
        skillcalc_engine::Status::Eligible,
        skillcalc_engine::Status::NeedsInfo,
    ]
    .iter()
    .map(|s| status_label(*s, lang).width())
    .chain([pick(lang, "合计", "total").width()])
    .max()
    .unwrap_or(0);
    [
        row.width().max(5),
        id.width().max(ids),
        status.width().max(statuses),
        amount.width().max(12),
    ]
}

fn table_header(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["行", "条款编号", "状态", "金额", "条款"],
        Lang::En => ["row", "provision", "status", "amount", "title"],
    }
}

impl Matching<'_> {
    fn lang_is_zh(&self) -> bool {
        matches!(self.lang, Lang::Zh)
    }

    /// What comes before the rows: the CSV header, the table's header.
    fn start(&mut self) -> Result<(), Failure> {
        match self.output.kind {
            Kind::Csv => csv_out::write_record(&mut self.output.out, &CSV_HEADER)?,
            Kind::Table => {
                let header = table_header(self.lang).map(String::from);
                self.table_line(&header)?;
                let rule: Vec<String> = (self.widths.iter())
                    .map(|w| "-".repeat(*w))
                    .chain(["-".repeat(8)])
                    .collect();
                self.table_line(&rule)?;
            }
            Kind::Jsonl | Kind::Xlsx => {}
        }
        Ok(())
    }

    fn table_line(&mut self, cells: &[String]) -> io::Result<()> {
        let cells: Vec<String> = (cells.iter())
            .map(|c| printable::line(c).into_owned())
            .collect();
        table::write_line(&mut self.output.out, &cells, &self.widths)
    }

    fn row(&mut self, row: u64, outcome: rows::Outcome) -> Result<(), Failure> {
        self.progress.tick(row);
        let profile = match outcome {
            Ok(profile) => profile,
            Err(problems) => return self.invalid_row(row, &problems),
        };
        match self.decide(row, profile) {
            Ok(()) => Ok(()),
            Err(Decided::Engine(Error::InvalidProfile { problems })) => {
                let lines: Vec<String> = problems
                    .iter()
                    .map(|p| profile_problem_line(p, self.lang))
                    .collect();
                self.invalid_row(row, &lines)
            }
            Err(Decided::Engine(e)) => Err(Failure::engine(&e, self.lang)),
            Err(Decided::Failure(f)) => Err(f),
        }
    }

    /// Decides every provision for one row and writes the ones it is eligible for or needs
    /// information on (the roster counts it towards each provision's totals).
    fn decide(&mut self, row: u64, profile: &Profile) -> Result<(), Decided> {
        let matched = self
            .roster
            .row(self.pack, profile)
            .map_err(Decided::Engine)?;
        if !matched.errors.is_empty() {
            let lang = self.lang;
            let lines: Vec<String> = (matched.errors.iter())
                .flat_map(|(id, problems)| {
                    problems.iter().map(move |p| {
                        let message = match lang {
                            Lang::Zh => format!("{id}：{}", p.message_zh),
                            Lang::En => format!("{id}: {}", p.message_en),
                        };
                        rows::row_line(row, &message, lang)
                    })
                })
                .collect();
            self.progress.warn(&lines);
        }
        let shown = &matched.results;
        let out = &mut self.output.out;
        match self.output.kind {
            Kind::Jsonl => {
                #[derive(Serialize)]
                struct RowLine<'a> {
                    row: u64,
                    results: Vec<RowProvision<'a>>,
                    total: &'a RowTotal,
                }
                let line = RowLine {
                    row,
                    results: shown
                        .iter()
                        .map(|d| RowProvision {
                            id: d.id,
                            status: d.status.as_str(),
                            amount: d.amount.as_ref(),
                            missing: &d.missing,
                        })
                        .collect(),
                    total: &matched.total,
                };
                serde_json::to_writer(&mut *out, &line)
                    .map_err(|e| Decided::Failure(Failure::output(e.into())))?;
                out.write_all(b"\n").map_err(Decided::output)?;
            }
            Kind::Csv => {
                let number = row.to_string();
                for d in shown {
                    let amount = d.amount.as_ref();
                    csv_out::write_record(
                        &mut *out,
                        &[
                            &number,
                            d.id,
                            d.status.as_str(),
                            amount.map_or("", |a| &a.min),
                            amount.and_then(|a| a.max.as_deref()).unwrap_or(""),
                            amount.map_or("", |a| &a.display),
                            &d.missing.join(" "),
                        ],
                    )
                    .map_err(Decided::output)?;
                }
            }
            Kind::Table => {
                let number = row.to_string();
                for d in shown {
                    let line = [
                        number.clone(),
                        d.id.to_string(),
                        status_label(d.status, self.lang).to_string(),
                        d.amount
                            .as_ref()
                            .map_or_else(String::new, |a| a.display.clone()),
                        self.titles.get(d.id).copied().unwrap_or("").to_string(),
                    ];
                    self.table_line(&line).map_err(Decided::output)?;
                }
                let total = [
                    number,
                    String::new(),
                    pick(self.lang, "合计", "total").to_string(),
                    matched.total.display.clone(),
                ];
                self.table_line(&total).map_err(Decided::output)?;
            }
            Kind::Xlsx => {
                if self.sheet.len() + shown.len() > output::SHEET_ROWS {
                    return Err(Decided::Failure(output::too_many_rows(self.lang)));
                }
                let number = row.to_string();
                for d in shown {
                    let amount = d.amount.as_ref();
                    let missing: Vec<&str> = (d.missing.iter())
                        .map(|id| self.pack.fact(id).map_or(*id, |f| f.label.get(self.lang)))
                        .collect();
                    self.sheet.push(vec![
                        Cell::Number(number.clone()),
                        output::text(d.id),
                        output::text(self.titles.get(d.id).copied().unwrap_or("")),
                        output::text(status_label(d.status, self.lang)),
                        output::number(amount.map(|a| a.min.as_str())),
                        output::number(amount.and_then(|a| a.max.as_deref())),
                        output::text(amount.map_or("", |a| &a.display)),
                        output::text(&missing.join(pick(self.lang, "、", "; "))),
                    ]);
                }
            }
        }
        Ok(())
    }

    fn invalid_row(&mut self, row: u64, problems: &[String]) -> Result<(), Failure> {
        self.roster.invalid_row();
        rows::invalid_row(row, problems, self.strict, self.lang, &self.progress)
    }

    /// Per provision: its rows by status and its totals per cap group; then the counts.
    fn finish(mut self) -> Result<(), Failure> {
        let totals = self.roster.totals(self.pack);
        let lang = self.lang;
        match self.output.kind {
            Kind::Jsonl => {
                for t in &totals {
                    serde_json::to_writer(&mut self.output.out, t)
                        .map_err(|e| Failure::output(e.into()))?;
                    self.output.out.write_all(b"\n")?;
                }
                self.output.out.flush()?;
            }
            Kind::Csv => {
                self.output.out.flush()?;
                match &self.output.path {
                    None => {
                        // Errors ignored: with stderr gone there is nowhere left to say anything.
                        let mut err = BufWriter::new(io::stderr().lock());
                        let _ = write_totals_csv(&mut err, &totals);
                        let _ = err.flush();
                    }
                    Some(path) => {
                        let path = output::totals_path(path);
                        let mut file = BufWriter::new(output::create(&path, lang)?);
                        write_totals_csv(&mut file, &totals)?;
                        file.flush()?;
                        warn(&match lang {
                            Lang::Zh => format!("合计已写入 {}", path.display()),
                            Lang::En => format!("totals written to {}", path.display()),
                        });
                    }
                }
            }
            Kind::Table => {
                let mut text = Vec::new();
                writeln!(text)?;
                self.totals_table(&totals).write(&mut text)?;
                printable::write_text(&mut self.output.out, &text)?;
                self.output.out.flush()?;
            }
            Kind::Xlsx => {
                let sheets = self.workbook(&totals);
                output::write_workbook(&mut self.output, &sheets, lang)?;
            }
        }
        if let Some(path) = &self.output.path {
            warn(&match lang {
                Lang::Zh => format!("结果已写入 {}", path.display()),
                Lang::En => format!("results written to {}", path.display()),
            });
        }
        let c = self.roster.counts();
        warn(&match lang {
            Lang::Zh => format!(
                "共 {} 条记录：有效 {}，无效 {}；至少符合一项的 {}",
                c.rows, c.valid, c.invalid, c.with_eligible
            ),
            Lang::En => format!(
                "rows: {} ({} valid, {} invalid); {} eligible for at least one provision",
                c.rows, c.valid, c.invalid, c.with_eligible
            ),
        });
        Ok(())
    }

    fn title(&self, id: &str) -> &str {
        self.titles.get(id).copied().unwrap_or("")
    }

    fn totals_table(&self, totals: &[ProvisionTotals]) -> Table {
        let mut table = Table::new(&match self.lang {
            Lang::Zh => [
                "条款编号",
                "符合",
                "待补充",
                "分组",
                "行数",
                "金额",
                "封顶",
                "条款",
            ],
            Lang::En => [
                "provision",
                "eligible",
                "needs info",
                "group",
                "rows",
                "amount",
                "capped",
                "title",
            ],
        });
        for t in totals {
            for g in &t.groups {
                table.row(vec![
                    t.provision.clone(),
                    t.eligible_rows.to_string(),
                    t.needs_info_rows.to_string(),
                    g.group.clone(),
                    g.rows.to_string(),
                    g.display.clone(),
                    self.yes_no(g.capped).to_string(),
                    self.title(&t.provision).to_string(),
                ]);
            }
            if t.groups.is_empty() {
                table.row(vec![
                    t.provision.clone(),
                    t.eligible_rows.to_string(),
                    t.needs_info_rows.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    self.title(&t.provision).to_string(),
                ]);
            }
        }
        table
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        match (yes, self.lang_is_zh()) {
            (true, true) => "是",
            (false, true) => "否",
            (true, false) => "yes",
            (false, false) => "no",
        }
    }

    /// The workbook of `--out FILE.xlsx`: the results, then the totals.
    fn workbook(&mut self, totals: &[ProvisionTotals]) -> [Sheet; 2] {
        let zh = self.lang_is_zh();
        let header = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let results = Sheet {
            name: if zh { "结果" } else { "Results" }.into(),
            header: header(if zh {
                &[
                    "行",
                    "条款编号",
                    "条款",
                    "状态",
                    "最低金额",
                    "最高金额",
                    "金额",
                    "待补充信息",
                ]
            } else {
                &[
                    "row",
                    "provision",
                    "title",
                    "status",
                    "min",
                    "max",
                    "amount",
                    "missing information",
                ]
            }),
            rows: std::mem::take(&mut self.sheet),
        };
        let mut rows = Vec::new();
        for t in totals {
            let lead = [
                output::text(&t.provision),
                output::text(self.title(&t.provision)),
                Cell::Number(t.eligible_rows.to_string()),
                Cell::Number(t.needs_info_rows.to_string()),
            ];
            if t.groups.is_empty() {
                rows.push(lead.to_vec());
            }
            for g in &t.groups {
                let mut line = lead.to_vec();
                line.extend([
                    output::text(&g.group),
                    Cell::Number(g.rows.to_string()),
                    output::number(Some(&g.min)),
                    output::number(g.max.as_deref()),
                    output::number(g.cap.as_deref()),
                    output::text(self.yes_no(g.capped)),
                    output::text(&g.display),
                ]);
                rows.push(line);
            }
        }
        let totals = Sheet {
            name: if zh { "合计" } else { "Totals" }.into(),
            header: header(if zh {
                &[
                    "条款编号",
                    "条款",
                    "符合行数",
                    "待补充行数",
                    "分组",
                    "行数",
                    "最低金额",
                    "最高金额",
                    "上限",
                    "已封顶",
                    "金额",
                ]
            } else {
                &[
                    "provision",
                    "title",
                    "eligible rows",
                    "needs-info rows",
                    "group",
                    "rows",
                    "min",
                    "max",
                    "cap",
                    "capped",
                    "amount",
                ]
            }),
            rows,
        };
        [results, totals]
    }
}

/// Why a row stopped: the engine's error (an invalid profile is the row's), or the output's.
enum Decided {
    Engine(Error),
    Failure(Failure),
}

impl Decided {
    fn output(e: io::Error) -> Decided {
        Decided::Failure(Failure::output(e))
    }
}

fn write_totals_csv(out: &mut impl Write, totals: &[ProvisionTotals]) -> io::Result<()> {
    csv_out::write_record(
        out,
        &[
            "provision",
            "eligible_rows",
            "needs_info_rows",
            "group",
            "rows",
            "min",
            "max",
            "cap",
            "capped",
            "display",
        ],
    )?;
    for t in totals {
        let (eligible, needs) = (t.eligible_rows.to_string(), t.needs_info_rows.to_string());
        for g in &t.groups {
            let rows = g.rows.to_string();
            csv_out::write_record(
                out,
                &[
                    &t.provision,
                    &eligible,
                    &needs,
                    &g.group,
                    &rows,
                    &g.min,
                    g.max.as_deref().unwrap_or(""),
                    g.cap.as_deref().unwrap_or(""),
                    if g.capped { "true" } else { "false" },
                    &g.display,
                ],
            )?;
        }
    }
    Ok(())
}
