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
use crate::failure::{pick, warn, Failure};
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
    DecidedAmountReport, FactList, Lang, Profile, ProvisionTotals, Roster, RowTotal, RulePack,
    Subject,
};
use skillcalc_sheets::{Cell, Sheet};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::{mpsc, Mutex};
use std::thread;
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
    missing: &'a FactList<'a>,
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

/// How a row is written: shared by the threads that decide the rows.
struct Render<'a> {
    pack: &'a RulePack,
    lang: Lang,
    kind: Kind,
    /// Each provision's title in the output's language (table, xlsx).
    titles: HashMap<&'a str, &'a str>,
    /// The column widths of the table (known from the pack, so the rows stream).
    widths: [usize; 4],
}

/// The whole list: what is written at the start and the end, around the rows.
struct Matching<'a> {
    render: Render<'a>,
    roster: Roster,
    output: Output,
    /// The lines of the results sheet (xlsx), kept until the end.
    sheet: Vec<Vec<Cell>>,
}

/// A row as read: its profile, or what is wrong with it.
enum Entry {
    Valid(u64, Profile),
    Invalid(u64, Vec<String>),
}

/// A part of the list as one thread decided and wrote it, to be written in order.
#[derive(Default)]
struct Part {
    bytes: Vec<u8>,
    sheet: Vec<Vec<Cell>>,
    /// Invalid rows' and failed provisions' lines for stderr, in row order.
    warnings: Vec<String>,
    last_row: u64,
}

/// Rows per part: enough that handing parts between threads costs nothing next to deciding
/// them, few enough that memory stays flat.
const PART_ROWS: usize = 1024;

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
    let titles: HashMap<&str, &str> = (pack.provisions().iter())
        .map(|p| (p.id.as_str(), p.title.get(lang)))
        .collect();
    let widths = table_widths(&pack, lang, |p| keep(p.audience));
    let render = Render {
        pack: &pack,
        lang,
        kind: output.kind,
        titles,
        widths,
    };
    let mut matching = Matching {
        render,
        roster,
        output,
        sheet: Vec::new(),
    };
    matching.start()?;
    // Rows written to a terminal show the progress themselves.
    let progress = if matching.output.kind == Kind::Table && matching.output.path.is_none() {
        Progress::hidden()
    } else {
        Progress::new()
    };
    let read = |each: &mut dyn FnMut(u64, rows::Outcome) -> Result<(), Failure>| {
        rows::read(
            &pack,
            lang,
            reader,
            &args.list.input,
            input_format,
            args.list.strict,
            each,
        )
    };
    matching.rows(read, args.list.strict, progress)?;
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
    let ids = (pack.provisions().iter().filter(|p| keep(p)))
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

impl Render<'_> {
    fn lang_is_zh(&self) -> bool {
        matches!(self.lang, Lang::Zh)
    }

    fn table_line(&self, out: &mut impl Write, cells: &[String]) -> io::Result<()> {
        let cells: Vec<String> = (cells.iter())
            .map(|c| printable::line(c).into_owned())
            .collect();
        table::write_line(out, &cells, &self.widths)
    }

    /// Decides and writes one part of the list, counting it into `roster`.
    fn part(&self, roster: &mut Roster, entries: Vec<Entry>) -> Result<Part, Failure> {
        let mut part = Part::default();
        let lang = self.lang;
        for entry in entries {
            match entry {
                Entry::Invalid(row, problems) => {
                    roster.invalid_row();
                    (part.warnings).extend(problems.iter().map(|p| rows::row_line(row, p, lang)));
                    part.last_row = row;
                }
                Entry::Valid(row, profile) => {
                    let matched =
                        (roster.row(self.pack, &profile)).map_err(|e| Failure::engine(&e, lang))?;
                    for (id, problems) in &matched.errors {
                        part.warnings.extend(problems.iter().map(|p| {
                            let message = match lang {
                                Lang::Zh => format!("{id}：{}", p.message_zh),
                                Lang::En => format!("{id}: {}", p.message_en),
                            };
                            rows::row_line(row, &message, lang)
                        }));
                    }
                    self.write_row(row, &matched, &mut part)
                        .map_err(|e| Failure::output(e.into()))?;
                    part.last_row = row;
                }
            }
        }
        Ok(part)
    }

    /// Writes the provisions one row is eligible for or needs information on.
    fn write_row(
        &self,
        row: u64,
        matched: &skillcalc_engine::RowMatch,
        part: &mut Part,
    ) -> Result<(), serde_json::Error> {
        let shown = &matched.results;
        let out = &mut part.bytes;
        match self.kind {
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
                serde_json::to_writer(&mut *out, &line)?;
                out.push(b'\n');
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
                            &d.missing.to_vec().join(" "),
                        ],
                    )
                    .map_err(serde_json::Error::io)?;
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
                        self.title(d.id).to_string(),
                    ];
                    self.table_line(out, &line).map_err(serde_json::Error::io)?;
                }
                let total = [
                    number,
                    String::new(),
                    pick(self.lang, "合计", "total").to_string(),
                    matched.total.display.clone(),
                ];
                self.table_line(out, &total)
                    .map_err(serde_json::Error::io)?;
            }
            Kind::Xlsx => {
                let number = row.to_string();
                for d in shown {
                    let amount = d.amount.as_ref();
                    let missing: Vec<&str> = (d.missing.indexes().iter())
                        .map(|&i| self.pack.facts()[i].label.get(self.lang))
                        .collect();
                    part.sheet.push(vec![
                        Cell::Number(number.clone()),
                        output::text(d.id),
                        output::text(self.title(d.id)),
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

    fn title(&self, id: &str) -> &str {
        self.titles.get(id).copied().unwrap_or("")
    }

    fn yes_no(&self, yes: bool) -> &'static str {
        match (yes, self.lang_is_zh()) {
            (true, true) => "是",
            (false, true) => "否",
            (true, false) => "yes",
            (false, false) => "no",
        }
    }
}

impl Matching<'_> {
    /// What comes before the rows: the CSV header, the table's header.
    fn start(&mut self) -> Result<(), Failure> {
        let out = &mut self.output.out;
        match self.output.kind {
            Kind::Csv => csv_out::write_record(out, &CSV_HEADER)?,
            Kind::Table => {
                let header = table_header(self.render.lang).map(String::from);
                self.render.table_line(out, &header)?;
                let rule: Vec<String> = (self.render.widths.iter())
                    .map(|w| "-".repeat(*w))
                    .chain(["-".repeat(8)])
                    .collect();
                self.render.table_line(out, &rule)?;
            }
            Kind::Jsonl | Kind::Xlsx => {}
        }
        Ok(())
    }

    /// Reads, decides and writes every row. The reading stays on this thread; parts of
    /// `PART_ROWS` rows are decided on as many threads as the machine has cores (each with its
    /// own copy of the roster, merged at the end), and written here in the list's order, so the
    /// output is the same as one thread's, only sooner; memory holds a few parts at most.
    fn rows(
        &mut self,
        read: impl FnOnce(
            &mut dyn FnMut(u64, rows::Outcome) -> Result<(), Failure>,
        ) -> Result<(), Failure>,
        strict: bool,
        mut progress: Progress,
    ) -> Result<(), Failure> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let (parts_in, parts) = mpsc::sync_channel::<(usize, Vec<Entry>)>(threads * 2);
        let parts = Mutex::new(parts);
        let (done_in, done) = mpsc::sync_channel::<(usize, Result<Part, Failure>)>(threads * 2);
        let render = &self.render;
        let lang = render.lang;
        let output = &mut self.output;
        let sheet = &mut self.sheet;
        let (read, written, rosters) = thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let (parts, done_in) = (&parts, done_in.clone());
                    let mut roster = self.roster.clone();
                    scope.spawn(move || {
                        loop {
                            // A poisoned lock: another worker panicked; stop too.
                            let next = match parts.lock() {
                                Ok(parts) => parts.recv(),
                                Err(_) => break,
                            };
                            let Ok((index, entries)) = next else { break };
                            let part = render.part(&mut roster, entries);
                            if done_in.send((index, part)).is_err() {
                                break;
                            }
                        }
                        roster
                    })
                })
                .collect();
            drop(done_in);
            let writer = scope.spawn(move || -> Result<Progress, Failure> {
                let mut waiting = BTreeMap::new();
                let mut next = 0;
                for (index, part) in done {
                    waiting.insert(index, part);
                    while let Some(part) = waiting.remove(&next) {
                        let part = part?;
                        progress.warn(&part.warnings);
                        output.out.write_all(&part.bytes)?;
                        if sheet.len() + part.sheet.len() > output::SHEET_ROWS {
                            return Err(output::too_many_rows(lang));
                        }
                        sheet.extend(part.sheet);
                        progress.at(part.last_row);
                        next += 1;
                    }
                }
                Ok(progress)
            });
            let stopped = || Failure::internal(pick(lang, "写出已停止", "the writing stopped"));
            let mut entries = Vec::with_capacity(PART_ROWS);
            let mut index = 0;
            let mut send = |entries: Vec<Entry>| -> Result<(), Failure> {
                parts_in.send((index, entries)).map_err(|_| stopped())?;
                index += 1;
                Ok(())
            };
            let mut read = read(&mut |row, outcome| {
                let entry = match outcome {
                    Ok(profile) => Entry::Valid(row, profile.clone()),
                    Err(problems) if strict => {
                        return rows::invalid_row(row, &problems, true, lang, &Progress::hidden());
                    }
                    Err(problems) => Entry::Invalid(row, problems),
                };
                entries.push(entry);
                if entries.len() == PART_ROWS {
                    send(std::mem::replace(
                        &mut entries,
                        Vec::with_capacity(PART_ROWS),
                    ))?;
                }
                Ok(())
            });
            // The rows before a stop are written, as one thread would have.
            if !entries.is_empty() {
                if let Err(e) = send(entries) {
                    read = read.and(Err(e));
                }
            }
            drop(parts_in);
            let rosters: Vec<_> = workers.into_iter().map(|w| w.join()).collect();
            (read, writer.join(), rosters)
        });
        let mut progress = match written {
            Ok(written) => written?,
            Err(_) => return Err(Failure::internal("a writing thread panicked")),
        };
        progress.clear();
        self.output.out.flush()?;
        read?;
        let blank = self.roster.clone();
        for roster in rosters {
            let roster = roster.map_err(|_| Failure::internal("a deciding thread panicked"))?;
            self.roster
                .merge(roster)
                .map_err(|e| Failure::engine(&e, lang))?;
        }
        // Each thread's copy started from the same (empty) roster: nothing counted twice.
        debug_assert_eq!(blank.counts().rows, 0);
        Ok(())
    }

    /// Per provision: its rows by status and its totals per cap group; then the counts.
    fn finish(mut self) -> Result<(), Failure> {
        let totals = self.roster.totals(self.render.pack);
        let lang = self.render.lang;
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
                output::write_csv_totals(&self.output, lang, |csv| write_totals_csv(csv, &totals))?;
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
        output::say_written(&self.output, lang);
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

    fn totals_table(&self, totals: &[ProvisionTotals]) -> Table {
        let mut table = Table::new(&match self.render.lang {
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
                    self.render.yes_no(g.capped).to_string(),
                    self.render.title(&t.provision).to_string(),
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
                    self.render.title(&t.provision).to_string(),
                ]);
            }
        }
        table
    }

    /// The workbook of `--out FILE.xlsx`: the results, then the totals.
    fn workbook(&mut self, totals: &[ProvisionTotals]) -> [Sheet; 2] {
        let zh = self.render.lang_is_zh();
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
                output::text(self.render.title(&t.provision)),
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
                    output::text(self.render.yes_no(g.capped)),
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
