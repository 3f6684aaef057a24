//! Conditions: references to facts, literals checked against their fact, operators, and a
//! sentence for each leaf whose author wrote none.

use super::*;

impl Compiler {
    pub(super) fn fact_ref(
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

    pub(super) fn condition(
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

    pub(super) fn literal(&mut self, field: &str, s: &Scalar, fact: &Fact) -> Option<Literal> {
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

    pub(super) fn op(&mut self, field: &str, c: &ConditionSource, fact: &Fact) -> Option<Op> {
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
}

/// A sentence of what a leaf condition requires, when the author wrote none.
pub(super) fn describe(fact: &Fact, op: &Op) -> Text {
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
