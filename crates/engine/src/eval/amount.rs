//! Amounts: a provision's money as an exact value or a range, to the fen, capped, with the
//! steps of its arithmetic when a report is written; and money in words.

use super::*;

/// An interval of money; `max: None` is "no upper limit known".
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Iv {
    pub(super) min: Decimal,
    pub(super) max: Option<Decimal>,
}

impl Iv {
    pub(super) fn exact(d: Decimal) -> Iv {
        Iv {
            min: d,
            max: Some(d),
        }
    }
}

pub(super) struct Top {
    pub(super) iv: Iv,
    pub(super) uncapped: Iv,
    pub(super) cap: Option<Decimal>,
}

/// `'a`: the pack (the texts a decision keeps); `'p`: the profile.
pub(super) struct AmountCx<'a, 'p> {
    pub(super) pack: &'a RulePack,
    pub(super) profile: &'p Profile,
    pub(super) as_of: Date,
    pub(super) lang: Lang,
    pub(super) rounding: Rounding,
    pub(super) steps: Vec<String>,
    pub(super) missing: Vec<FactIndex>,
    pub(super) warnings: Vec<Warning<'a>>,
    pub(super) values: Vec<usize>,
    pub(super) not_published: Option<&'a Text>,
    /// Whether to write the steps (a report) or only compute (a decision).
    pub(super) explain: bool,
    /// Caps applied anywhere in the amount (a case of a decision table may carry its own).
    pub(super) caps: Caps,
    /// Whether a report is written (which lists the values used), not only a decision.
    pub(super) in_report: bool,
}

/// The caps applied anywhere in an amount: the one cap, if they are all the same one (what a
/// decision reports as the amount's cap).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Caps {
    pub(super) first: Option<Decimal>,
    pub(super) several: bool,
}

impl Caps {
    pub(super) fn add(&mut self, cap: Decimal) {
        match self.first {
            None => self.first = Some(cap),
            Some(first) => self.several |= first != cap,
        }
    }

    pub(super) fn only(&self) -> Option<Decimal> {
        self.first.filter(|_| !self.several)
    }
}

pub(super) type Calc<T> = Result<T, String>;

pub(super) fn mul(a: Decimal, b: Decimal) -> Calc<Decimal> {
    a.checked_mul(b).ok_or_else(|| format!("{a} × {b}"))
}

pub(super) fn add(a: Decimal, b: Decimal) -> Calc<Decimal> {
    a.checked_add(b).ok_or_else(|| format!("{a} + {b}"))
}

pub(super) fn mul_iv(a: Iv, b: Iv) -> Calc<Iv> {
    let min = mul(a.min, b.min)?;
    let max = match (a.max, b.max) {
        (Some(x), Some(y)) => Some(mul(x, y)?),
        // Unbounded times a known zero is zero; otherwise unbounded.
        (None, Some(y)) if y.is_zero() => Some(Decimal::ZERO),
        (Some(x), None) if x.is_zero() => Some(Decimal::ZERO),
        _ => None,
    };
    Ok(Iv { min, max })
}

impl<'a, 'p> AmountCx<'a, 'p> {
    pub(super) fn new(
        pack: &'a RulePack,
        profile: &'p Profile,
        as_of: Date,
        lang: Lang,
        rounding: Rounding,
        explain: bool,
    ) -> Self {
        AmountCx {
            pack,
            profile,
            as_of,
            lang,
            rounding,
            steps: Vec::new(),
            missing: Vec::new(),
            warnings: Vec::new(),
            values: Vec::new(),
            not_published: None,
            explain,
            caps: Caps::default(),
            in_report: true,
        }
    }

    /// A decimal of the rule; `None` when a dated value has no entry in force on the as-of
    /// date (the amount then stays open, with a warning, rather than guessing).
    fn num(&mut self, n: &Num) -> Option<Decimal> {
        match n {
            Num::Lit(d) => Some(*d),
            Num::Unbounded => None,
            Num::Value(i) => {
                // Which values were used: the report's list (a decision has none).
                if self.in_report && !self.values.contains(i) {
                    self.values.push(*i);
                }
                let found = self.pack.value_on(*i, self.as_of).map(|e| e.amount);
                let said = |w: &Warning| matches!(w, Warning::NoValue(v, _) if v == i);
                if found.is_none() && !self.warnings.iter().any(said) {
                    self.warnings.push(Warning::NoValue(*i, self.as_of));
                }
                found
            }
        }
    }

    /// Records an arithmetic step, formatting it only when a report is being written.
    fn say(&mut self, step: impl FnOnce(&Self) -> String) {
        if self.explain {
            let text = step(self);
            self.steps.push(text);
        }
    }

    fn money(&self, d: Decimal) -> String {
        display(d, self.lang)
    }

    fn zh(&self) -> bool {
        self.lang == Lang::Zh
    }

    fn fen(&self, d: Decimal) -> Decimal {
        to_fen(d, self.rounding)
    }

    fn known_number(&mut self, fact: FactIndex) -> Option<Decimal> {
        match self.profile.get(fact) {
            Some(FactValue::Number(n)) => Some(*n),
            _ => {
                if !self.missing.contains(&fact) {
                    self.missing.push(fact);
                }
                None
            }
        }
    }

    fn label(&self, fact: FactIndex) -> &str {
        self.pack.facts[fact].label.get(self.lang)
    }

    pub(super) fn amount(&mut self, a: &'a Amount) -> Calc<Top> {
        let raw = self.form(&a.form)?;
        let raw = Iv {
            min: self.fen(raw.min),
            max: raw.max.map(|m| self.fen(m)),
        };
        let Some(cap) = &a.cap else {
            return Ok(Top {
                iv: raw,
                uncapped: raw,
                cap: None,
            });
        };
        let Some(cap) = self.num(cap) else {
            return Ok(Top {
                iv: Iv {
                    min: raw.min,
                    max: None,
                },
                uncapped: raw,
                cap: None,
            });
        };
        self.caps.add(cap);
        let capped = Iv {
            min: raw.min.min(cap),
            max: Some(raw.max.map_or(cap, |m| m.min(cap))),
        };
        let exceeded = raw.max.is_none_or(|m| m > cap);
        self.say(|cx| match (raw.max, exceeded, cx.zh()) {
            (Some(m), true, true) if raw.min == m => format!(
                "{} 超过上限 {}，按 {} 计",
                cx.money(m),
                cx.money(cap),
                cx.money(cap)
            ),
            (Some(m), true, false) if raw.min == m => {
                format!("{}, capped at {}", cx.money(m), cx.money(cap))
            }
            (_, true, true) => format!("上限 {}（不超过 {}）", cx.money(cap), cx.money(cap)),
            (_, true, false) => format!("capped at {}", cx.money(cap)),
            (_, false, true) => format!("未超过上限 {}", cx.money(cap)),
            (_, false, false) => format!("within the cap of {}", cx.money(cap)),
        });
        Ok(Top {
            iv: capped,
            uncapped: raw,
            cap: Some(cap),
        })
    }

    fn form(&mut self, f: &'a AmountForm) -> Calc<Iv> {
        match f {
            AmountForm::Fixed(n) => {
                let Some(d) = self.num(n) else {
                    return Ok(Iv {
                        min: Decimal::ZERO,
                        max: None,
                    });
                };
                self.say(|cx| {
                    if cx.zh() {
                        format!("定额 {}", cx.money(d))
                    } else {
                        format!("fixed amount {}", cx.money(d))
                    }
                });
                Ok(Iv::exact(d))
            }
            AmountForm::Range(lo, hi) => {
                let (Some(lo), Some(hi)) = (self.num(lo), self.num(hi)) else {
                    return Ok(Iv {
                        min: Decimal::ZERO,
                        max: None,
                    });
                };
                self.say(|cx| {
                    if cx.zh() {
                        format!(
                            "文件规定 {}–{}，具体金额由主管部门核定",
                            cx.money(lo),
                            cx.money(hi)
                        )
                    } else {
                        format!(
                            "the text gives {}–{}; the authority sets the exact figure",
                            cx.money(lo),
                            cx.money(hi)
                        )
                    }
                });
                Ok(Iv {
                    min: lo,
                    max: Some(hi),
                })
            }
            AmountForm::NotPublished(t) => {
                self.not_published = Some(t);
                self.say(|cx| t.get(cx.lang).to_string());
                Ok(Iv {
                    min: Decimal::ZERO,
                    max: None,
                })
            }
            AmountForm::Ratio { ratio, of } => {
                let Some(ratio) = &self.num(ratio) else {
                    return Ok(Iv {
                        min: Decimal::ZERO,
                        max: None,
                    });
                };
                let base = match of {
                    RatioBase::Fact(f) => self.known_number(*f),
                    RatioBase::Value(v) => self.num(&Num::Value(*v)),
                };
                match base {
                    Some(base) => {
                        let v = self.fen(mul(*ratio, base)?);
                        self.say(|cx| {
                            format!("{} × {} = {}", percent(*ratio), cx.money(base), cx.money(v))
                        });
                        Ok(Iv::exact(v))
                    }
                    None => {
                        if let RatioBase::Fact(f) = of {
                            self.say(|cx| {
                                if cx.zh() {
                                    format!("{} ×“{}”（未填写）", percent(*ratio), cx.label(*f))
                                } else {
                                    format!(
                                        "{} × '{}' (not answered)",
                                        percent(*ratio),
                                        cx.label(*f)
                                    )
                                }
                            });
                        }
                        Ok(Iv {
                            min: Decimal::ZERO,
                            max: None,
                        })
                    }
                }
            }
            AmountForm::PerUnit { count, rate } => {
                let mut iv = Iv::exact(Decimal::ONE);
                for &c in count {
                    let n = self.known_number(c);
                    iv = mul_iv(
                        iv,
                        n.map_or(
                            Iv {
                                min: Decimal::ZERO,
                                max: None,
                            },
                            Iv::exact,
                        ),
                    )?;
                }
                let rate_iv = self.rate(rate)?;
                let result = mul_iv(iv, rate_iv)?;
                let result = Iv {
                    min: self.fen(result.min),
                    max: result.max.map(|m| self.fen(m)),
                };
                self.say(|cx| {
                    let parts: Vec<String> = count
                        .iter()
                        .map(|&c| match cx.profile.get(c) {
                            Some(FactValue::Number(n)) => format!("{} {}", cx.label(c), plain(*n)),
                            _ if cx.zh() => format!("{}（未填写）", cx.label(c)),
                            _ => format!("{} (not answered)", cx.label(c)),
                        })
                        .collect();
                    // An unanswered rate with a floor: the floor, and where it comes from,
                    // so the product adds up on the card ("20 × 2 × ¥5,000 = at least ¥200,000").
                    let floor = match rate {
                        Rate::FromFact {
                            range: Some((Num::Value(v), _)),
                            ..
                        } => Some(cx.pack.values[*v].label.get(cx.lang)),
                        _ => None,
                    };
                    let rate_text = match (rate_iv.max, floor) {
                        (Some(m), _) if m == rate_iv.min => cx.money(m),
                        (Some(m), _) => format!("{}–{}", cx.money(rate_iv.min), cx.money(m)),
                        (None, _) if rate_iv.min.is_zero() && cx.zh() => "标准（未填写）".into(),
                        (None, _) if rate_iv.min.is_zero() => "rate (not answered)".into(),
                        (None, Some(from)) if cx.zh() => {
                            format!("{}（{from}；实际标准未填写）", cx.money(rate_iv.min))
                        }
                        (None, Some(from)) => format!(
                            "{} ({from}; the actual rate is not answered)",
                            cx.money(rate_iv.min)
                        ),
                        (None, None) if cx.zh() => {
                            format!("{}（最低标准；实际标准未填写）", cx.money(rate_iv.min))
                        }
                        (None, None) => format!(
                            "{} (the minimum; the actual rate is not answered)",
                            cx.money(rate_iv.min)
                        ),
                    };
                    let result_text = match result.max {
                        Some(m) if m == result.min => cx.money(m),
                        Some(m) => format!("{}–{}", cx.money(result.min), cx.money(m)),
                        None if cx.zh() => format!("至少 {}", cx.money(result.min)),
                        None => format!("at least {}", cx.money(result.min)),
                    };
                    format!("{} × {rate_text} = {result_text}", parts.join(" × "))
                });
                Ok(result)
            }
            AmountForm::ByCase { fact, cases } => {
                let f = &self.pack.facts[*fact];
                match self.profile.get(*fact) {
                    Some(FactValue::Enum(v)) => {
                        self.say(|cx| {
                            let chosen = f
                                .values
                                .get(usize::from(*v))
                                .map_or("", |e| e.label.get(cx.lang));
                            let colon = if cx.zh() { "：" } else { ": " };
                            format!("{}{colon}{chosen}", f.label.get(cx.lang))
                        });
                        match cases.iter().find(|(k, _)| k == v) {
                            Some((_, sub)) => Ok(self.amount(sub)?.iv),
                            None => {
                                self.say(|cx| {
                                    if cx.zh() {
                                        "该情形无对应金额".into()
                                    } else {
                                        "no amount for this case".into()
                                    }
                                });
                                Ok(Iv::exact(Decimal::ZERO))
                            }
                        }
                    }
                    _ => {
                        if !self.missing.contains(fact) {
                            self.missing.push(*fact);
                        }
                        self.say(|cx| {
                            let label = f.label.get(cx.lang);
                            if cx.zh() {
                                format!("按“{label}”而定（未填写）：")
                            } else {
                                format!("depends on '{label}' (not answered):")
                            }
                        });
                        let mut out: Option<Iv> = None;
                        // The caps of individual cases do not bound the union: don't report them.
                        let caps_before = self.caps;
                        for (_, sub) in cases {
                            let iv = self.amount(sub)?.iv;
                            out = Some(match out {
                                None => iv,
                                Some(o) => Iv {
                                    min: o.min.min(iv.min),
                                    max: match (o.max, iv.max) {
                                        (Some(a), Some(b)) => Some(a.max(b)),
                                        _ => None,
                                    },
                                },
                            });
                        }
                        self.caps = caps_before;
                        Ok(out.unwrap_or(Iv::exact(Decimal::ZERO)))
                    }
                }
            }
            AmountForm::Sum(parts) => {
                let mut total = Iv::exact(Decimal::ZERO);
                for p in parts {
                    let iv = self.amount(p)?.iv;
                    total = Iv {
                        min: add(total.min, iv.min)?,
                        max: match (total.max, iv.max) {
                            (Some(a), Some(b)) => Some(add(a, b)?),
                            _ => None,
                        },
                    };
                }
                Ok(total)
            }
        }
    }

    fn rate(&mut self, r: &Rate) -> Calc<Iv> {
        match r {
            Rate::Fixed(n) => Ok(self.num(n).map_or(
                Iv {
                    min: Decimal::ZERO,
                    max: None,
                },
                Iv::exact,
            )),
            Rate::Range(lo, hi) => Ok(Iv {
                min: self.num(lo).unwrap_or(Decimal::ZERO),
                max: self.num(hi),
            }),
            Rate::FromFact {
                fact,
                range,
                reject_outside,
            } => {
                // A bound with no value in force is no bound at all.
                let bounds = range.as_ref().map(|(lo, hi)| {
                    (
                        self.num(lo).unwrap_or(Decimal::ZERO),
                        self.num(hi).unwrap_or(Decimal::MAX),
                    )
                });
                match self.known_number(*fact) {
                    Some(v) => {
                        if let Some((lo, hi)) = bounds {
                            if v < lo || v > hi {
                                let outside = Warning::OutsideRange {
                                    fact: *fact,
                                    value: v,
                                    lo,
                                    hi: (hi != Decimal::MAX).then_some(hi),
                                };
                                self.warnings.push(outside);
                                if *reject_outside {
                                    let msg = outside.text(self.pack, self.lang);
                                    self.steps.push(if self.zh() {
                                        format!("{msg}，不计算金额")
                                    } else {
                                        format!("{msg}: no amount computed")
                                    });
                                    return Ok(Iv {
                                        min: Decimal::ZERO,
                                        max: Some(Decimal::ZERO),
                                    });
                                }
                            }
                        }
                        Ok(Iv::exact(v))
                    }
                    None => Ok(match bounds {
                        Some((lo, hi)) => Iv {
                            min: lo,
                            max: (hi != Decimal::MAX).then_some(hi),
                        },
                        None => Iv {
                            min: Decimal::ZERO,
                            max: None,
                        },
                    }),
                }
            }
        }
    }
}

pub(super) fn money(d: Decimal, lang: Lang) -> Money {
    Money {
        value: fen_string(d),
        display: display(d, lang),
    }
}

/// A range as people read it: "¥600–¥1,000"; "up to ¥50,000" when it starts at nothing; "at
/// least ¥200,000" when no upper limit is stated; "amount not yet known" when neither end says
/// anything (never "at least ¥0").
pub fn range_display(min: Decimal, max: Option<Decimal>, lang: Lang) -> String {
    let mut out = String::with_capacity(48);
    push_range_display(&mut out, min, max, lang);
    out
}

/// [`range_display`], written at the end of `out`.
pub fn push_range_display(out: &mut String, min: Decimal, max: Option<Decimal>, lang: Lang) {
    match max {
        Some(m) if m == min => push_display(out, m, lang),
        Some(m) if min.is_zero() => {
            out.push_str(match lang {
                Lang::Zh => "最多 ",
                Lang::En => "up to ",
            });
            push_display(out, m, lang);
        }
        Some(m) => {
            push_display(out, min, lang);
            out.push('–');
            push_display(out, m, lang);
        }
        None if min.is_zero() => out.push_str(match lang {
            Lang::Zh => "金额待定",
            Lang::En => "amount not yet known",
        }),
        None => {
            out.push_str(match lang {
                Lang::Zh => "至少 ",
                Lang::En => "at least ",
            });
            push_display(out, min, lang);
        }
    }
}

/// An amount as shown: the range, or what the text says when it publishes no amount.
pub(super) fn amount_display(
    min: Decimal,
    max: Option<Decimal>,
    not_published: Option<&Text>,
    lang: Lang,
) -> String {
    match not_published {
        Some(t) => t.get(lang).to_string(),
        None => range_display(min, max, lang),
    }
}

pub(super) fn amount_report(
    top: Top,
    steps: Vec<String>,
    not_published: Option<&Text>,
    index: usize,
    profile: &Profile,
    pack: &RulePack,
    lang: Lang,
) -> AmountReport {
    let cap_group = cap_group(pack, profile, index);
    AmountReport {
        min: money(top.iv.min, lang),
        max: top.iv.max.map(|m| money(m, lang)),
        exact: top.iv.max == Some(top.iv.min) && not_published.is_none(),
        cap: top.cap.map(|c| money(c, lang)),
        steps,
        not_published: not_published.map(|t| t.get(lang).to_string()),
        display: amount_display(top.iv.min, top.iv.max, not_published, lang),
        uncapped_min: cap_group.as_ref().map(|_| fen_string(top.uncapped.min)),
        uncapped_max: cap_group
            .as_ref()
            .and_then(|_| top.uncapped.max.map(fen_string)),
        cap_group,
    }
}
