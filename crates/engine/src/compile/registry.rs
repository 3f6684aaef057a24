//! The registry: facts (the questions) and dated values (amounts that change by date).

use super::*;

impl Compiler {
    pub(super) fn fact(&mut self, f: &FactSource, groups: &HashSet<&str>) -> Option<Fact> {
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

    pub(super) fn dated_value(&mut self, v: &ValueSource) -> DatedValue {
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
}
