//! Source -> compiled pack. Collects every problem (never stops at the first), each naming
//! the file, the item and the field.

use crate::date::Date;
use crate::error::{excerpt, Error, PackProblem};
use crate::model::*;
use crate::source::*;
use crate::text::Text;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

/// Validates a pack source and compiles it into the form the evaluator runs.
pub fn compile(src: &PackSource) -> Result<RulePack, Error> {
    let mut c = Compiler {
        problems: Vec::new(),
        file: String::new(),
        item: String::new(),
    };
    let pack = c.pack(src);
    if c.problems.is_empty() {
        Ok(pack)
    } else {
        Err(Error::InvalidPack {
            problems: c.problems,
        })
    }
}

/// The longest id (fact, option, group, value, policy, provision).
const MAX_ID: usize = 100;

struct Compiler {
    problems: Vec<PackProblem>,
    file: String,
    item: String,
}

fn or_default(name: &str, default: &str) -> String {
    if name.is_empty() {
        default.to_string()
    } else {
        name.to_string()
    }
}

impl Compiler {
    fn problem(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.problems.push(PackProblem::new(
            self.file.clone(),
            self.item.clone(),
            field,
            message,
        ));
    }

    fn at(&mut self, file: &str, item: &str) {
        self.file = file.to_string();
        self.item = item.to_string();
    }

    fn text(&mut self, field: &str, t: &Text) {
        if t.is_blank() {
            self.problem(field, "both zh and en text are required");
        }
    }

    fn id(&mut self, field: &str, id: &str, seen: &mut HashSet<String>, what: &str) {
        if id.trim().is_empty() {
            self.problem(field, format!("{what} id is empty"));
        } else if self.id_chars(field, id, what) && !seen.insert(id.to_string()) {
            self.problem(field, format!("duplicate {what} id '{id}'"));
        }
    }

    /// Whether `id` keeps to the characters ids may hold (a problem when it does not). Ids
    /// go into answers, reports, CSV columns, links and the JS package's compact form (where
    /// control characters end fields): this set needs no escaping in any of them.
    fn id_chars(&mut self, field: &str, id: &str, what: &str) -> bool {
        let valid = id.len() <= MAX_ID
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !valid {
            self.problem(
                field,
                format!(
                    "{what} id '{}' may hold only ASCII letters, digits, '.', '_' and '-', at most {MAX_ID} of them",
                    excerpt(id).escape_debug()
                ),
            );
        }
        valid
    }

    fn decimal(&mut self, field: &str, s: &Scalar) -> Option<Decimal> {
        let parsed = match s {
            Scalar::Int(i) => Some(Decimal::from(*i)),
            Scalar::Float(f) if f.is_finite() => Decimal::from_str(&f.to_string()).ok(),
            Scalar::Str(t) => Decimal::from_str(t.trim()).ok(),
            _ => None,
        };
        if parsed.is_none() {
            self.problem(
                field,
                format!(
                    "'{}' is not a decimal number (or is too large)",
                    s.to_text()
                ),
            );
        }
        parsed
    }

    fn date(&mut self, field: &str, s: &str) -> Option<Date> {
        let d = Date::parse(s.trim());
        if d.is_none() {
            self.problem(
                field,
                format!("'{s}' is not a real date in the form YYYY-MM-DD"),
            );
        }
        d
    }

    fn pack(&mut self, src: &PackSource) -> RulePack {
        let facts_file = or_default(&src.files.facts, "facts");
        let values_file = or_default(&src.files.values, "values");

        let mut seen = HashSet::new();
        let mut groups = Vec::new();
        for g in &src.group {
            self.at(&facts_file, &g.id);
            self.id("id", &g.id, &mut seen, "group");
            self.text("label", &g.label);
            groups.push(Group {
                id: g.id.clone(),
                label: g.label.clone(),
            });
        }
        let group_ids: HashSet<&str> = src.group.iter().map(|g| g.id.as_str()).collect();

        let mut seen = HashSet::new();
        let mut facts = Vec::new();
        for f in &src.fact {
            self.at(&facts_file, &f.id);
            self.id("id", &f.id, &mut seen, "fact");
            if let Some(fact) = self.fact(f, &group_ids) {
                facts.push(fact);
            }
        }
        let fact_ids: FactIds = facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.clone(), i))
            .collect();

        let mut seen = HashSet::new();
        let mut values = Vec::new();
        for v in &src.value {
            self.at(&values_file, &v.id);
            self.id("id", &v.id, &mut seen, "value");
            self.text("label", &v.label);
            values.push(self.dated_value(v));
        }
        let value_ids: HashMap<String, usize> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.clone(), i))
            .collect();

        // The pack's own fields: `pack.toml` in a folder, the top level of the JSON form.
        let name = src.name.clone().unwrap_or_else(|| "custom".into());
        self.at(&or_default(&src.files.pack, "pack"), &name);
        if let Some(issuer) = &src.issuer {
            self.text("issuer", issuer);
        }
        let date = src.date.as_deref().and_then(|d| self.date("date", d));

        let mut pack = RulePack {
            name,
            version: src.version.clone().unwrap_or_else(|| "0".into()),
            issuer: src.issuer.clone(),
            date,
            facts,
            groups,
            values,
            policies: Vec::new(),
            provisions: Vec::new(),
            goals: Vec::new(),
            fact_ids,
            embedded: false,
        };
        let refs = Refs {
            facts: &pack.fact_ids,
            facts_list: &pack.facts,
            values: &value_ids,
        };

        let mut seen_policies = HashSet::new();
        let mut seen_provisions = HashSet::new();
        let mut policies = Vec::new();
        let mut provisions = Vec::new();
        for (pi, file) in src.policies.iter().enumerate() {
            let file_name = src
                .files
                .policies
                .get(pi)
                .cloned()
                .unwrap_or_else(|| format!("policies[{pi}]"));
            let p = &file.policy;
            self.at(&file_name, &p.id);
            self.id("policy.id", &p.id, &mut seen_policies, "policy");
            if p.document.trim().is_empty() {
                self.problem("policy.document", "the document number or name is required");
            }
            self.text("policy.title", &p.title);
            self.text("policy.issuer", &p.issuer);
            let from = p.from.as_deref().and_then(|s| self.date("policy.from", s));
            let until = p
                .until
                .as_deref()
                .and_then(|s| self.date("policy.until", s));
            if let (Some(a), Some(b)) = (from, until) {
                if a > b {
                    self.problem(
                        "policy.until",
                        format!("the policy ends ({b}) before it starts ({a})"),
                    );
                }
            }
            policies.push(Policy {
                id: p.id.clone(),
                document: p.document.clone(),
                title: p.title.clone(),
                issuer: p.issuer.clone(),
                from,
                until,
                source: p.source.clone(),
                note: p.note.clone(),
            });
            for (i, prov) in file.provision.iter().enumerate() {
                let item = if prov.id.is_empty() {
                    format!("provision[{i}]")
                } else {
                    prov.id.clone()
                };
                self.at(&file_name, &item);
                self.id("id", &prov.id, &mut seen_provisions, "provision");
                if let Some(compiled) = self.provision(prov, pi, &refs) {
                    provisions.push(compiled);
                }
            }
        }
        pack.policies = policies;
        pack.provisions = provisions;
        pack.goals = self.goals(src, &pack.provisions);
        pack
    }

    fn goals(&mut self, src: &PackSource, provisions: &[Provision]) -> Vec<Goal> {
        let file = or_default(&src.files.goals, "goals");
        let mut seen = HashSet::new();
        let mut goals = Vec::new();
        for g in &src.goal {
            self.at(&file, &g.id);
            self.id("id", &g.id, &mut seen, "goal");
            self.text("label", &g.label);
            if let Some(h) = &g.hint {
                self.text("hint", h);
            }
            if let Some(e) = &g.event {
                self.text("event", e);
            }
            let audience = Subject::parse(&g.audience);
            if audience.is_none() {
                self.problem(
                    "audience",
                    format!("unknown audience '{}' (person, organisation)", g.audience),
                );
            }
            if g.provisions.is_empty() {
                self.problem("provisions", "a goal names the provisions it covers");
            }
            let mut indexes = Vec::new();
            for (i, id) in g.provisions.iter().enumerate() {
                let field = format!("provisions[{i}]");
                match provisions.iter().position(|p| &p.id == id) {
                    None => self.problem(field, format!("unknown provision '{id}'")),
                    Some(p) if Some(provisions[p].audience) != audience && audience.is_some() => {
                        self.problem(
                            field,
                            format!("provision '{id}' is for another audience than the goal"),
                        )
                    }
                    Some(p) if indexes.contains(&p) => {
                        self.problem(field, format!("provision '{id}' is named twice"))
                    }
                    Some(p) => indexes.push(p),
                }
            }
            if let Some(audience) = audience {
                goals.push(Goal {
                    id: g.id.clone(),
                    audience,
                    label: g.label.clone(),
                    hint: g.hint.clone(),
                    event: g.event.clone(),
                    provisions: indexes,
                });
            }
        }
        goals
    }

    fn fact(&mut self, f: &FactSource, groups: &HashSet<&str>) -> Option<Fact> {
        let kind = FactType::parse(&f.kind);
        if kind.is_none() {
            self.problem(
                "type",
                format!(
                    "unknown type '{}' (bool, int, money, decimal, enum, enum_set, date, text)",
                    f.kind
                ),
            );
        }
        let subject = Subject::parse(&f.subject);
        if subject.is_none() {
            self.problem(
                "subject",
                format!("unknown subject '{}' (person, organisation)", f.subject),
            );
        }
        let group = f.group.clone().unwrap_or_default();
        if !group.is_empty() && !groups.contains(group.as_str()) {
            self.problem("group", format!("unknown group '{group}'"));
        }
        self.text("label", &f.label);
        let kind = kind?;
        let mut values = Vec::new();
        let mut seen = HashSet::new();
        for (i, v) in f.values.iter().enumerate() {
            if self.id_chars(&format!("values[{i}].id"), &v.id, "option") && !seen.insert(&v.id) {
                self.problem(
                    format!("values[{i}].id"),
                    format!("duplicate value '{}'", v.id),
                );
            }
            if v.zh.trim().is_empty() || v.en.trim().is_empty() {
                self.problem(format!("values[{i}]"), "both zh and en labels are required");
            }
            values.push(EnumValue {
                id: v.id.clone(),
                label: Text::new(v.zh.clone(), v.en.clone()),
            });
        }
        match kind {
            FactType::Enum | FactType::EnumSet if values.is_empty() => {
                self.problem("values", "an enum fact needs its allowed values")
            }
            FactType::Enum | FactType::EnumSet => {}
            _ if !values.is_empty() => self.problem("values", "only enum facts take values"),
            _ => {}
        }
        if values.len() > usize::from(u16::MAX) {
            self.problem("values", "too many values");
        }
        let mut min = f.min.as_ref().and_then(|s| self.decimal("min", s));
        let max = f.max.as_ref().and_then(|s| self.decimal("max", s));
        if (f.min.is_some() || f.max.is_some()) && !kind.is_number() {
            self.problem("min", "only int, money and decimal facts take min/max");
        }
        // Counts and money are never negative unless the registry says otherwise.
        if min.is_none() && matches!(kind, FactType::Int | FactType::Money) {
            min = Some(Decimal::ZERO);
        }
        if let (Some(a), Some(b)) = (min, max) {
            if a > b {
                self.problem("max", format!("min {a} is greater than max {b}"));
            }
        }
        let min_date = f.min_date.as_deref().and_then(|s| self.date("min_date", s));
        let max_date = f.max_date.as_deref().and_then(|s| self.date("max_date", s));
        if let (Some(a), Some(b)) = (min_date, max_date) {
            if a > b {
                self.problem("max_date", format!("min_date {a} is after max_date {b}"));
            }
        }
        Some(Fact {
            id: f.id.clone(),
            kind,
            subject: subject?,
            group,
            label: f.label.clone(),
            help: f.help.clone(),
            values,
            min,
            max,
            min_date,
            max_date,
        })
    }

    fn dated_value(&mut self, v: &ValueSource) -> DatedValue {
        if v.history.is_empty() {
            self.problem("history", "a dated value needs at least one entry");
        }
        let mut history: Vec<DatedEntry> = Vec::new();
        for (i, h) in v.history.iter().enumerate() {
            let field = format!("history[{i}]");
            let from = self.date(&format!("{field}.from"), &h.from);
            let amount = self.decimal(&format!("{field}.amount"), &h.amount);
            if let Some(a) = amount {
                if a.is_sign_negative() {
                    self.problem(
                        format!("{field}.amount"),
                        "a dated amount cannot be negative",
                    );
                }
            }
            for (name, s) in [("document", &h.document), ("source", &h.source)] {
                if s.trim().is_empty() {
                    self.problem(
                        format!("{field}.{name}"),
                        "every dated value carries its document and source",
                    );
                }
            }
            if !matches!(
                h.confidence.as_str(),
                "confirmed" | "uncertain" | "official"
            ) {
                self.problem(
                    format!("{field}.confidence"),
                    "confidence must be confirmed, official or uncertain",
                );
            }
            if let (Some(from), Some(amount)) = (from, amount) {
                if let Some(prev) = history.last() {
                    if prev.from >= from {
                        self.problem(
                            format!("{field}.from"),
                            format!("dates out of order: {} then {from}", prev.from),
                        );
                    }
                }
                history.push(DatedEntry {
                    from,
                    amount,
                    document: h.document.clone(),
                    source: h.source.clone(),
                    confidence: h.confidence.clone(),
                });
            }
        }
        DatedValue {
            id: v.id.clone(),
            label: v.label.clone(),
            history,
        }
    }

    fn provision(&mut self, p: &ProvisionSource, policy: usize, refs: &Refs) -> Option<Provision> {
        let kind = ProvisionKind::parse(&p.kind);
        if kind.is_none() {
            self.problem(
                "kind",
                format!(
                    "unknown kind '{}' (designation, subsidy, award, grant, pathway, check)",
                    p.kind
                ),
            );
        }
        let audience = Subject::parse(&p.audience);
        if audience.is_none() {
            self.problem(
                "audience",
                format!("unknown audience '{}' (person, organisation)", p.audience),
            );
        }
        let recipient = Subject::parse(&p.recipient);
        if recipient.is_none() {
            self.problem(
                "recipient",
                format!("unknown recipient '{}' (person, organisation)", p.recipient),
            );
        }
        let unit = match p.unit.as_deref() {
            None if p.amount.is_some() => {
                self.problem("unit", "a provision with an amount needs its unit");
                None
            }
            None => Some(Unit::None),
            Some(u) => {
                let parsed = Unit::parse(u);
                if parsed.is_none() {
                    self.problem("unit", format!("unknown unit '{u}'"));
                }
                parsed
            }
        };
        let clause = p.clause.text();
        if clause.zh.trim().is_empty() {
            self.problem("clause", "every provision cites its clause");
        } else if let ClauseSource::Words(t) = &p.clause {
            self.text("clause", t);
        }
        self.text("title", &p.title);
        self.text("explain", &p.explain);
        for (i, t) in p.benefits.iter().enumerate() {
            self.text(&format!("benefits[{i}]"), t);
        }
        for (i, t) in p.process.iter().enumerate() {
            self.text(&format!("process[{i}]"), t);
        }
        let rounding = match p.rounding.as_deref().unwrap_or("half_up") {
            "half_up" => Some(Rounding::HalfUp),
            "half_even" => Some(Rounding::HalfEven),
            "down" => Some(Rounding::Down),
            other => {
                self.problem(
                    "rounding",
                    format!("unknown rounding '{other}' (half_up, half_even, down)"),
                );
                None
            }
        };
        let mut facts = Vec::new();
        let when = p
            .when
            .as_ref()
            .and_then(|c| self.condition("when", c, &clause, refs, &mut facts));
        let amount = p
            .amount
            .as_ref()
            .and_then(|a| self.amount("amount", a, refs, &mut facts));
        let grants = p.grants.as_ref().and_then(|g| {
            // Not a fact the provision reads: `used` stays as it is.
            let index = self.fact_ref("grants.fact", &g.fact, refs, &mut Vec::new())?;
            let fact = &refs.facts_list[index];
            if !matches!(fact.kind, FactType::Bool | FactType::Enum) {
                self.problem(
                    "grants.fact",
                    format!("fact '{}' is not a yes/no or choice fact", fact.id),
                );
                return None;
            }
            let value = self.literal("grants.is", &g.is, fact)?;
            Some((index, value))
        });
        if p.grants.is_some() && kind.is_some() && kind != Some(ProvisionKind::Designation) {
            self.problem("grants", "only a designation grants a status");
        }
        Some(Provision {
            id: p.id.clone(),
            policy,
            kind: kind?,
            audience: audience?,
            recipient: recipient?,
            unit: unit?,
            clause,
            title: p.title.clone(),
            explain: p.explain.clone(),
            benefits: p.benefits.clone(),
            process: p.process.clone(),
            rounding: rounding?,
            when,
            amount,
            facts,
            grants,
        })
    }

    fn fact_ref(
        &mut self,
        field: &str,
        id: &str,
        refs: &Refs,
        used: &mut Vec<FactIndex>,
    ) -> Option<FactIndex> {
        match refs.facts.get(id) {
            Some(&i) => {
                if !used.contains(&i) {
                    used.push(i);
                }
                Some(i)
            }
            None => {
                self.problem(field, format!("unknown fact '{id}'"));
                None
            }
        }
    }

    fn condition(
        &mut self,
        field: &str,
        c: &ConditionSource,
        clause: &Text,
        refs: &Refs,
        used: &mut Vec<FactIndex>,
    ) -> Option<Condition> {
        let ops = [
            c.all.is_some(),
            c.any.is_some(),
            c.not.is_some(),
            c.is.is_some(),
            c.one_of.is_some(),
            c.at_least.is_some(),
            c.at_most.is_some(),
            c.between.is_some(),
            c.contains.is_some(),
            c.intersects.is_some(),
        ];
        let count = ops.iter().filter(|x| **x).count();
        if count != 1 {
            self.problem(
                field,
                format!("a condition needs exactly one of all, any, not, is, one_of, at_least, at_most, between, contains, intersects (found {count})"),
            );
            return None;
        }
        let clause = match &c.clause {
            Some(own) => {
                if let ClauseSource::Words(t) = own {
                    self.text(&format!("{field}.clause"), t);
                }
                own.text()
            }
            None => clause.clone(),
        };
        let advisory = match c.strictness.as_deref() {
            None | Some("required") => false,
            Some("advisory") => true,
            Some(other) => {
                self.problem(
                    format!("{field}.strictness"),
                    format!("unknown strictness '{other}' (required, advisory)"),
                );
                false
            }
        };
        if let Some(t) = &c.text {
            self.text(&format!("{field}.text"), t);
        }
        let is_composite = c.all.is_some() || c.any.is_some() || c.not.is_some();
        if is_composite && c.fact.is_some() {
            self.problem(format!("{field}.fact"), "all / any / not take no fact");
        }
        let (test, generated) = if let Some(parts) = c.all.as_ref().or(c.any.as_ref()) {
            let is_all = c.all.is_some();
            let name = if is_all { "all" } else { "any" };
            if parts.is_empty() {
                self.problem(format!("{field}.{name}"), "an empty list");
            }
            let compiled: Vec<Condition> = parts
                .iter()
                .enumerate()
                .filter_map(|(i, p)| {
                    self.condition(&format!("{field}.{name}[{i}]"), p, &clause, refs, used)
                })
                .collect();
            let text = if is_all {
                Text::new("同时满足以下全部条件", "All of the following")
            } else {
                Text::new("至少满足以下一项", "At least one of the following")
            };
            (
                if is_all {
                    Test::All(compiled)
                } else {
                    Test::Any(compiled)
                },
                text,
            )
        } else if let Some(inner) = &c.not {
            let compiled = self.condition(&format!("{field}.not"), inner, &clause, refs, used)?;
            let text = Text::new(
                format!("不属于：{}", compiled.required.zh),
                format!("Not: {}", compiled.required.en),
            );
            (Test::Not(Box::new(compiled)), text)
        } else {
            let Some(fact_id) = c.fact.as_deref() else {
                self.problem(
                    format!("{field}.fact"),
                    "this condition needs the fact it tests",
                );
                return None;
            };
            let index = self.fact_ref(&format!("{field}.fact"), fact_id, refs, used)?;
            let fact = &refs.facts_list[index];
            let op = self.op(field, c, fact)?;
            let text = describe(fact, &op);
            (Test::Leaf { fact: index, op }, text)
        };
        Some(Condition {
            test,
            clause,
            required: c.text.clone().unwrap_or(generated),
            advisory,
        })
    }

    fn literal(&mut self, field: &str, s: &Scalar, fact: &Fact) -> Option<Literal> {
        let bad = |c: &mut Compiler, expected: &str| {
            c.problem(
                field,
                format!(
                    "'{}' does not fit fact '{}' of type {} ({expected})",
                    s.to_text(),
                    fact.id,
                    fact.kind.as_str()
                ),
            );
            None
        };
        match fact.kind {
            FactType::Bool => match s {
                Scalar::Bool(b) => Some(Literal::Bool(*b)),
                _ => bad(self, "true or false"),
            },
            FactType::Int | FactType::Money | FactType::Decimal => match s {
                Scalar::Bool(_) => bad(self, "a number"),
                _ => self.decimal(field, s).map(Literal::Number),
            },
            FactType::Enum | FactType::EnumSet => match s {
                Scalar::Str(v) => match fact.values.iter().position(|x| &x.id == v) {
                    Some(i) => Some(Literal::Enum(i as u16)),
                    None => bad(self, "one of its values"),
                },
                _ => bad(self, "one of its values"),
            },
            FactType::Date => match s {
                Scalar::Str(v) => self.date(field, v).map(Literal::Date),
                _ => bad(self, "a date YYYY-MM-DD"),
            },
            FactType::Text => match s {
                Scalar::Str(v) => Some(Literal::Text(v.clone())),
                _ => bad(self, "text"),
            },
        }
    }

    fn op(&mut self, field: &str, c: &ConditionSource, fact: &Fact) -> Option<Op> {
        let ordered = fact.kind.is_number() || fact.kind == FactType::Date;
        let set = fact.kind == FactType::EnumSet;
        if let Some(v) = &c.is {
            if set {
                self.problem(
                    format!("{field}.is"),
                    format!("fact '{}' is a set: use contains or intersects", fact.id),
                );
                return None;
            }
            return self.literal(&format!("{field}.is"), v, fact).map(Op::Is);
        }
        if let Some(vs) = &c.one_of {
            if set || fact.kind == FactType::Bool {
                self.problem(
                    format!("{field}.one_of"),
                    format!(
                        "one_of does not apply to fact '{}' of type {}",
                        fact.id,
                        fact.kind.as_str()
                    ),
                );
                return None;
            }
            let lits: Vec<Literal> = vs
                .iter()
                .enumerate()
                .filter_map(|(i, v)| self.literal(&format!("{field}.one_of[{i}]"), v, fact))
                .collect();
            if lits.len() != vs.len() {
                return None;
            }
            if lits.is_empty() {
                self.problem(format!("{field}.one_of"), "an empty list");
            }
            return Some(Op::OneOf(lits));
        }
        let need_ordered = |c: &mut Compiler, name: &str| {
            c.problem(
                format!("{field}.{name}"),
                format!(
                    "{name} needs a number, money or date fact; '{}' is {}",
                    fact.id,
                    fact.kind.as_str()
                ),
            );
        };
        if let Some(v) = &c.at_least {
            if !ordered {
                need_ordered(self, "at_least");
                return None;
            }
            return self
                .literal(&format!("{field}.at_least"), v, fact)
                .map(Op::AtLeast);
        }
        if let Some(v) = &c.at_most {
            if !ordered {
                need_ordered(self, "at_most");
                return None;
            }
            return self
                .literal(&format!("{field}.at_most"), v, fact)
                .map(Op::AtMost);
        }
        if let Some(vs) = &c.between {
            if !ordered {
                need_ordered(self, "between");
                return None;
            }
            if vs.len() != 2 {
                self.problem(format!("{field}.between"), "between takes [low, high]");
                return None;
            }
            let lo = self.literal(&format!("{field}.between[0]"), &vs[0], fact)?;
            let hi = self.literal(&format!("{field}.between[1]"), &vs[1], fact)?;
            let out_of_order = match (&lo, &hi) {
                (Literal::Number(a), Literal::Number(b)) => a > b,
                (Literal::Date(a), Literal::Date(b)) => a > b,
                _ => false,
            };
            if out_of_order {
                self.problem(format!("{field}.between"), "low is greater than high");
                return None;
            }
            return Some(Op::Between(lo, hi));
        }
        if !set {
            self.problem(
                field,
                format!(
                    "contains / intersects need an enum_set fact; '{}' is {}",
                    fact.id,
                    fact.kind.as_str()
                ),
            );
            return None;
        }
        if let Some(v) = &c.contains {
            return match self.literal(&format!("{field}.contains"), v, fact)? {
                Literal::Enum(i) => Some(Op::Contains(i)),
                _ => None,
            };
        }
        let vs = c.intersects.as_ref()?;
        let mut out = Vec::new();
        for (i, v) in vs.iter().enumerate() {
            if let Some(Literal::Enum(e)) =
                self.literal(&format!("{field}.intersects[{i}]"), v, fact)
            {
                out.push(e);
            }
        }
        if out.len() != vs.len() {
            return None;
        }
        Some(Op::Intersects(out))
    }

    fn num(&mut self, field: &str, s: &Scalar, refs: &Refs) -> Option<Num> {
        if let Scalar::Str(t) = s {
            if let Some(id) = t.strip_prefix('@') {
                return match refs.values.get(id) {
                    Some(&i) => Some(Num::Value(i)),
                    None => {
                        self.problem(field, format!("unknown dated value '{id}'"));
                        None
                    }
                };
            }
        }
        let d = self.decimal(field, s)?;
        if d.is_sign_negative() {
            self.problem(field, format!("{d} is negative"));
            return None;
        }
        Some(Num::Lit(d))
    }

    fn num_pair(&mut self, field: &str, v: &[Scalar], refs: &Refs) -> Option<(Num, Num)> {
        if v.len() != 2 {
            self.problem(field, "a range is [min, max]");
            return None;
        }
        let a = self.num(&format!("{field}[0]"), &v[0], refs)?;
        let b = self.num(&format!("{field}[1]"), &v[1], refs)?;
        if let (Num::Lit(x), Num::Lit(y)) = (&a, &b) {
            if x > y {
                self.problem(field, format!("min {x} is greater than max {y}"));
                return None;
            }
        }
        Some((a, b))
    }

    fn numeric_fact(
        &mut self,
        field: &str,
        id: &str,
        refs: &Refs,
        used: &mut Vec<FactIndex>,
    ) -> Option<FactIndex> {
        let i = self.fact_ref(field, id, refs, used)?;
        if !refs.facts_list[i].kind.is_number() {
            self.problem(
                field,
                format!(
                    "fact '{id}' is {}, not a number",
                    refs.facts_list[i].kind.as_str()
                ),
            );
            return None;
        }
        Some(i)
    }

    fn amount(
        &mut self,
        field: &str,
        a: &AmountSource,
        refs: &Refs,
        used: &mut Vec<FactIndex>,
    ) -> Option<Amount> {
        let forms = [
            a.fixed.is_some(),
            a.range.is_some(),
            a.per_unit.is_some(),
            a.ratio.is_some(),
            a.by.is_some(),
            a.sum.is_some(),
            a.not_published.is_some(),
        ];
        let count = forms.iter().filter(|x| **x).count();
        if count != 1 {
            self.problem(
                field,
                format!("an amount needs exactly one of fixed, range, per_unit, ratio, by, sum, not_published (found {count})"),
            );
            return None;
        }
        if a.of.is_some() && a.ratio.is_none() {
            self.problem(format!("{field}.of"), "'of' goes with 'ratio'");
        }
        if a.cases.is_some() && a.by.is_none() {
            self.problem(format!("{field}.cases"), "'cases' goes with 'by'");
        }
        let cap = a
            .cap
            .as_ref()
            .and_then(|c| self.num(&format!("{field}.cap"), c, refs));
        let mut cap_scope = Vec::new();
        for (i, id) in a.cap_scope.iter().flatten().enumerate() {
            if let Some(f) = self.fact_ref(&format!("{field}.cap_scope[{i}]"), id, refs, used) {
                cap_scope.push(f);
            }
        }
        if !cap_scope.is_empty() && cap.is_none() {
            self.problem(format!("{field}.cap_scope"), "cap_scope without a cap");
        }
        let form = if let Some(v) = &a.fixed {
            AmountForm::Fixed(self.num(&format!("{field}.fixed"), v, refs)?)
        } else if let Some(v) = &a.range {
            let (lo, hi) = self.num_pair(&format!("{field}.range"), v, refs)?;
            AmountForm::Range(lo, hi)
        } else if let Some(p) = &a.per_unit {
            let f = format!("{field}.per_unit");
            if p.count.is_empty() {
                self.problem(
                    format!("{f}.count"),
                    "per_unit needs at least one count fact",
                );
            }
            let count: Vec<FactIndex> = p
                .count
                .iter()
                .enumerate()
                .filter_map(|(i, id)| self.numeric_fact(&format!("{f}.count[{i}]"), id, refs, used))
                .collect();
            if count.len() != p.count.len() {
                return None;
            }
            let range = match &p.rate_range {
                // [min, "none"]: a floor with no ceiling (e.g. "in principle at least 5000").
                Some(v) if v.len() == 2 && v[1] == Scalar::Str("none".into()) => Some((
                    self.num(&format!("{f}.rate_range[0]"), &v[0], refs)?,
                    Num::Unbounded,
                )),
                Some(v) => Some(self.num_pair(&format!("{f}.rate_range"), v, refs)?),
                None => None,
            };
            let reject_outside = match p.rate_check.as_deref() {
                None | Some("reject") => true,
                Some("warn") => false,
                Some(other) => {
                    self.problem(
                        format!("{f}.rate_check"),
                        format!("unknown rate_check '{other}' (reject, warn)"),
                    );
                    true
                }
            };
            let rate = match (&p.rate, &p.rate_fact, range) {
                (Some(r), None, None) => Rate::Fixed(self.num(&format!("{f}.rate"), r, refs)?),
                (None, None, Some((lo, hi))) => Rate::Range(lo, hi),
                (None, Some(id), range) => {
                    let fact = self.numeric_fact(&format!("{f}.rate_fact"), id, refs, used)?;
                    Rate::FromFact {
                        fact,
                        range,
                        reject_outside,
                    }
                }
                _ => {
                    self.problem(&f, "per_unit needs one of: rate, rate_range, or rate_fact (with an optional rate_range)");
                    return None;
                }
            };
            AmountForm::PerUnit { count, rate }
        } else if let Some(r) = &a.ratio {
            // A literal share ("0.5"), or a dated value ("@id") that carries its source.
            let ratio = self.num(&format!("{field}.ratio"), r, refs)?;
            // 1:1 is "1"; anything beyond a hundredfold is a typo, not a policy.
            if let Num::Lit(d) = ratio {
                if d > Decimal::from(100) {
                    self.problem(
                        format!("{field}.ratio"),
                        format!(
                            "ratio {d} is more than 100 (a share is written 0.5, a 1:1 match 1)"
                        ),
                    );
                }
            }
            let Some(of) = a.of.as_deref() else {
                self.problem(
                    format!("{field}.of"),
                    "a ratio needs 'of' (the reference amount's fact, or a dated value '@id')",
                );
                return None;
            };
            let of = match of.strip_prefix('@') {
                Some(value) => match refs.values.get(value) {
                    Some(&i) => RatioBase::Value(i),
                    None => {
                        self.problem(
                            format!("{field}.of"),
                            format!("unknown dated value '{value}'"),
                        );
                        return None;
                    }
                },
                None => {
                    RatioBase::Fact(self.numeric_fact(&format!("{field}.of"), of, refs, used)?)
                }
            };
            AmountForm::Ratio { ratio, of }
        } else if let Some(by) = &a.by {
            let fact = self.fact_ref(&format!("{field}.by"), by, refs, used)?;
            if refs.facts_list[fact].kind != FactType::Enum {
                self.problem(
                    format!("{field}.by"),
                    format!(
                        "'by' needs an enum fact; '{by}' is {}",
                        refs.facts_list[fact].kind.as_str()
                    ),
                );
                return None;
            }
            let Some(cases) = &a.cases else {
                self.problem(format!("{field}.cases"), "'by' needs its cases");
                return None;
            };
            if cases.is_empty() {
                self.problem(format!("{field}.cases"), "no cases");
            }
            let mut out = Vec::new();
            for (key, sub) in cases {
                let f = format!("{field}.cases.{key}");
                match refs.facts_list[fact]
                    .values
                    .iter()
                    .position(|v| &v.id == key)
                {
                    Some(i) => {
                        if let Some(amt) = self.amount(&f, sub, refs, used) {
                            out.push((i as u16, amt));
                        }
                    }
                    None => self.problem(&f, format!("'{key}' is not a value of fact '{by}'")),
                }
            }
            AmountForm::ByCase { fact, cases: out }
        } else if let Some(parts) = &a.sum {
            if parts.is_empty() {
                self.problem(format!("{field}.sum"), "an empty sum");
            }
            let out: Vec<Amount> = parts
                .iter()
                .enumerate()
                .filter_map(|(i, p)| self.amount(&format!("{field}.sum[{i}]"), p, refs, used))
                .collect();
            AmountForm::Sum(out)
        } else {
            let t = a.not_published.clone().unwrap_or_default();
            self.text(&format!("{field}.not_published"), &t);
            AmountForm::NotPublished(t)
        };
        Some(Amount {
            form,
            cap,
            cap_scope,
        })
    }
}

struct Refs<'a> {
    facts: &'a FactIds,
    facts_list: &'a [Fact],
    values: &'a HashMap<String, usize>,
}

/// Each item's text, joined by `sep`.
fn joined<T>(items: &[T], text: impl Fn(&T) -> String, sep: &str) -> String {
    items.iter().map(text).collect::<Vec<_>>().join(sep)
}

/// A sentence of what a leaf condition requires, when the author wrote none.
fn describe(fact: &Fact, op: &Op) -> Text {
    let lit = |l: &Literal, zh: bool| -> String {
        match l {
            Literal::Bool(true) => (if zh { "是" } else { "yes" }).into(),
            Literal::Bool(false) => (if zh { "否" } else { "no" }).into(),
            Literal::Number(n) => n.normalize().to_string(),
            Literal::Enum(i) => fact
                .values
                .get(usize::from(*i))
                .map(|v| {
                    if zh {
                        v.label.zh.clone()
                    } else {
                        v.label.en.clone()
                    }
                })
                .unwrap_or_default(),
            Literal::Date(d) => d.to_string(),
            Literal::Text(t) => t.clone(),
        }
    };
    let enum_label = |i: &u16, zh: bool| lit(&Literal::Enum(*i), zh);
    let (l_zh, l_en) = (&fact.label.zh, &fact.label.en);
    match op {
        Op::Is(v) => Text::new(
            format!("{l_zh}：{}", lit(v, true)),
            format!("{l_en}: {}", lit(v, false)),
        ),
        Op::OneOf(vs) => Text::new(
            format!("{l_zh}：{}", joined(vs, |v| lit(v, true), "或")),
            format!("{l_en}: {}", joined(vs, |v| lit(v, false), " or ")),
        ),
        Op::AtLeast(v) => Text::new(
            format!("{l_zh}不少于 {}", lit(v, true)),
            format!("{l_en}: at least {}", lit(v, false)),
        ),
        Op::AtMost(v) => Text::new(
            format!("{l_zh}不超过 {}", lit(v, true)),
            format!("{l_en}: at most {}", lit(v, false)),
        ),
        Op::Between(a, b) => Text::new(
            format!("{l_zh}在 {} 至 {} 之间", lit(a, true), lit(b, true)),
            format!("{l_en}: between {} and {}", lit(a, false), lit(b, false)),
        ),
        Op::Contains(i) => Text::new(
            format!("{l_zh}包括{}", enum_label(i, true)),
            format!("{l_en} include {}", enum_label(i, false)),
        ),
        Op::Intersects(vs) => Text::new(
            format!(
                "{l_zh}包括以下任一：{}",
                joined(vs, |i| enum_label(i, true), "、")
            ),
            format!(
                "{l_en} include any of: {}",
                joined(vs, |i| enum_label(i, false), ", ")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture pack of the engine's tests, with `change` made to it.
    fn problems(change: impl FnOnce(&mut PackSource)) -> Vec<PackProblem> {
        let facts: FactsFile =
            toml::from_str(include_str!("../tests/fixtures/demo/facts.toml")).expect("facts.toml");
        let mut src = PackSource {
            fact: facts.fact,
            group: facts.group,
            ..PackSource::default()
        };
        change(&mut src);
        match compile(&src) {
            Ok(_) => Vec::new(),
            Err(Error::InvalidPack { problems }) => problems,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn ids_hold_letters_digits_dots_underscores_and_hyphens_only() {
        assert_eq!(problems(|_| {}), []);
        for bad in [
            "a\u{1e}b",
            "a\u{1f}",
            "a b",
            "a|b",
            "a,b",
            "ß",
            "@x",
            &"x".repeat(101),
        ] {
            let found = problems(|p| p.fact[0].id = bad.into());
            assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
            assert_eq!(
                (found[0].field.as_str(), found[0].item.as_str()),
                ("id", bad)
            );
            assert!(found[0].message.contains("may hold only"), "{found:?}");
            assert!(
                !found[0].message.contains(|c: char| c.is_control()),
                "{found:?}"
            );
            let found = problems(|p| p.fact[0].values[0].id = bad.into());
            assert_eq!(found.len(), 1, "{bad:?}: {found:?}");
            assert_eq!(found[0].field, "values[0].id");
        }
        let ok = "Aa0.b_c-d".to_string() + &"x".repeat(91);
        assert_eq!(problems(|p| p.fact[0].id = ok), []);
    }
}
