//! Amounts: numbers and dated values, rates, caps and their scope.

use super::*;

impl Compiler {
    pub(super) fn num(&mut self, field: &str, s: &Scalar, refs: &Refs) -> Option<Num> {
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

    pub(super) fn num_pair(
        &mut self,
        field: &str,
        v: &[Scalar],
        refs: &Refs,
    ) -> Option<(Num, Num)> {
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

    pub(super) fn numeric_fact(
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

    pub(super) fn amount(
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
