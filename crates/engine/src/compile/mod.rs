//! Source -> compiled pack. Collects every problem (never stops at the first), each naming
//! the file, the item and the field. This file walks the pack (policies, provisions, goals);
//! registry.rs checks facts and dated values, condition.rs conditions, amount.rs amounts.

use crate::date::Date;
use crate::error::{excerpt, Error, PackProblem};
use crate::model::*;
use crate::source::*;
use crate::text::Text;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};
use std::str::FromStr;

mod amount;
mod condition;
mod registry;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture pack of the engine's tests, with `change` made to it.
    fn problems(change: impl FnOnce(&mut PackSource)) -> Vec<PackProblem> {
        let facts: FactsFile = toml::from_str(include_str!("../../tests/fixtures/demo/facts.toml"))
            .expect("facts.toml");
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
