//! A user's answers, checked against the fact registry. Every problem names the fact, in both
//! languages; nothing is coerced silently.

use crate::date::Date;
use crate::error::{excerpt, Error, ProfileProblem};
use crate::model::{Fact, FactIndex, FactType, RulePack};
use crate::source::InputValue;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::str::FromStr;

/// A checked answer.
#[derive(Clone, Debug, PartialEq)]
pub enum FactValue {
    Bool(bool),
    Number(Decimal),
    Enum(u16),
    Set(Vec<u16>),
    Date(Date),
    Text(String),
}

/// Answers by fact index; `None` is unknown ("don't know" or not asked yet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    pub(crate) values: Vec<Option<FactValue>>,
}

impl Profile {
    pub fn get(&self, index: usize) -> Option<&FactValue> {
        self.values.get(index).and_then(|v| v.as_ref())
    }

    pub fn is_known(&self, index: usize) -> bool {
        self.get(index).is_some()
    }

    pub fn set(&mut self, index: usize, value: Option<FactValue>) {
        if index >= self.values.len() {
            self.values.resize(index + 1, None);
        }
        self.values[index] = value;
    }

    /// How many facts are answered.
    pub fn answered(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }
}

impl RulePack {
    /// Checks every answer; returns all problems at once.
    pub fn profile(&self, input: &BTreeMap<String, InputValue>) -> Result<Profile, Error> {
        let mut profile = Profile::default();
        let mut answers = Answers::new(self, &mut profile);
        for (id, value) in input {
            answers.add(id, value);
        }
        answers.finish()?;
        Ok(profile)
    }

    /// Replaces `profile`'s answers, one [`Answers::add`] at a time, checked as
    /// [`RulePack::profile`] checks them; [`Answers::finish`] says what was wrong. Read
    /// straight into the profile, with no map in between, reusing its room: a batch reads every
    /// row into one.
    pub fn answers<'a>(&'a self, profile: &'a mut Profile) -> Answers<'a> {
        Answers::new(self, profile)
    }
}

/// The error for a profile that is not an object of answers at all (no fact to name).
pub fn not_a_profile() -> Error {
    Error::InvalidProfile {
        problems: vec![problem(
            "wrong_type",
            "",
            "档案应为对象：{ 事实编号: 回答 }".into(),
            "the profile must be an object { factId: answer }".into(),
        )],
    }
}

/// Answers being read into a profile, with the problems found so far.
pub struct Answers<'a> {
    pack: &'a RulePack,
    profile: &'a mut Profile,
    problems: Vec<ProfileProblem>,
}

impl<'a> Answers<'a> {
    /// Starts from no answers.
    fn new(pack: &'a RulePack, profile: &'a mut Profile) -> Answers<'a> {
        // Only the answered slots are cleared: a batch's rows answer a few facts of many.
        for v in profile.values.iter_mut().filter(|v| v.is_some()) {
            *v = None;
        }
        profile.values.resize(pack.facts.len(), None);
        Answers {
            pack,
            profile,
            problems: Vec::new(),
        }
    }

    /// The answer `value` for the fact `id`.
    pub fn add(&mut self, id: &str, value: &InputValue) {
        let Some(index) = self.pack.fact_index(id) else {
            self.problems.push(unknown_fact(&excerpt(id)));
            return;
        };
        self.add_at(index, value);
    }

    /// The answer `value` for the fact at `index` (for a caller that knows the place).
    pub fn add_at(&mut self, index: FactIndex, value: &InputValue) {
        let Some(fact) = self.pack.facts.get(index) else {
            self.problems.push(unknown_fact(&format!("#{index}")));
            return;
        };
        match parse_answer(fact, value) {
            Ok(v) => self.profile.values[index] = v,
            Err(p) => self.problems.push(p),
        }
    }

    /// Every problem of the answers added, or none.
    pub fn finish(mut self) -> Result<(), Error> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            // In fact order, whatever order the answers came in (a map's, or the JS wrapper's).
            self.problems.sort_by(|a, b| a.fact.cmp(&b.fact));
            Err(Error::InvalidProfile {
                problems: self.problems,
            })
        }
    }
}

/// An answer for a fact the pack does not have (`name`: its id, or its place as "#7").
fn unknown_fact(name: &str) -> ProfileProblem {
    problem(
        "unknown_fact",
        name,
        format!("没有名为“{name}”的事实项"),
        format!("there is no fact named '{name}'"),
    )
}

fn problem(code: &str, fact: &str, zh: String, en: String) -> ProfileProblem {
    ProfileProblem {
        code: code.into(),
        fact: fact.into(),
        message_zh: zh,
        message_en: en,
    }
}

/// One answer for one fact. `Ok(None)` means unknown (null or an empty string).
pub fn parse_answer(fact: &Fact, value: &InputValue) -> Result<Option<FactValue>, ProfileProblem> {
    let wrong = |zh_expected: &str, en_expected: &str| {
        problem(
            "wrong_type",
            &fact.id,
            format!("“{}”应为{zh_expected}", fact.label.zh),
            format!("'{}' ({}) must be {en_expected}", fact.label.en, fact.id),
        )
    };
    if let InputValue::Null = value {
        return Ok(None);
    }
    if let InputValue::Str(s) = value {
        if trim(s).is_empty() {
            return Ok(None);
        }
    }
    let parsed = match fact.kind {
        FactType::Bool => match value {
            InputValue::Bool(b) => FactValue::Bool(*b),
            InputValue::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "是" => FactValue::Bool(true),
                "false" | "no" | "n" | "0" | "否" => FactValue::Bool(false),
                _ => return Err(wrong("“是”或“否”", "true or false")),
            },
            _ => return Err(wrong("“是”或“否”", "true or false")),
        },
        FactType::Int | FactType::Money | FactType::Decimal => {
            FactValue::Number(number(fact, value)?)
        }
        FactType::Enum => match value {
            InputValue::Str(s) => FactValue::Enum(enum_index(fact, trim(s))?),
            _ => return Err(wrong("一个选项", "one of its options")),
        },
        FactType::EnumSet => {
            let mut out = Vec::new();
            let mut push = |s: &str| -> Result<(), ProfileProblem> {
                let s = s.trim();
                if s.is_empty() {
                    return Ok(());
                }
                let i = enum_index(fact, s)?;
                if !out.contains(&i) {
                    out.push(i);
                }
                Ok(())
            };
            match value {
                InputValue::List(items) => {
                    if items.len() > fact.values.len() * 4 + 16 {
                        return Err(wrong(
                            "一组选项（项数过多）",
                            "a list of its options (too many items)",
                        ));
                    }
                    for item in items {
                        match item {
                            InputValue::Str(s) => push(s)?,
                            _ => return Err(wrong("一组选项", "a list of its options")),
                        }
                    }
                }
                // CSV cells: "a;b;c"; "无" or "none" for none of them (an empty cell is
                // unknown), unless an option is called so.
                InputValue::Str(s) if is_none_word(s) && enum_index(fact, s.trim()).is_err() => {}
                InputValue::Str(s) => {
                    for part in s.split([';', ',', '|']) {
                        push(part)?;
                    }
                }
                _ => return Err(wrong("一组选项", "a list of its options")),
            }
            out.sort_unstable();
            FactValue::Set(out)
        }
        FactType::Date => match value {
            InputValue::Str(s) => {
                let d = Date::parse(trim(s)).ok_or_else(|| {
                    let s = excerpt(s);
                    problem(
                        "impossible_date",
                        &fact.id,
                        format!("“{}”不是有效日期（应为 YYYY-MM-DD）：{s}", fact.label.zh),
                        format!(
                            "'{}' ({}) is not a real date in the form YYYY-MM-DD: {s}",
                            fact.label.en, fact.id
                        ),
                    )
                })?;
                let too_early = fact.min_date.is_some_and(|m| d < m);
                let too_late = fact.max_date.is_some_and(|m| d > m);
                if too_early || too_late {
                    return Err(problem(
                        "out_of_bounds",
                        &fact.id,
                        format!("“{}”超出允许范围：{d}", fact.label.zh),
                        format!(
                            "'{}' ({}) is outside the allowed dates: {d}",
                            fact.label.en, fact.id
                        ),
                    ));
                }
                FactValue::Date(d)
            }
            _ => return Err(wrong("日期（YYYY-MM-DD）", "a date YYYY-MM-DD")),
        },
        FactType::Text => match value {
            InputValue::Str(s) if s.len() <= 200 => FactValue::Text(trim(s).to_string()),
            InputValue::Int(i) => FactValue::Text(i.to_string()),
            _ => return Err(wrong("不超过200字的文字", "text of at most 200 characters")),
        },
    };
    Ok(Some(parsed))
}

/// `s.trim()`, the usual case (nothing to trim: an ASCII letter, digit or sign at either end)
/// seen from the two end bytes: every answer of every row passes here, several times.
pub(crate) fn trim(s: &str) -> &str {
    match s.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => s,
        [only] if only.is_ascii_graphic() => s,
        _ => s.trim(),
    }
}

/// How a list's cell says "none of these options": 无, none (any case).
fn is_none_word(s: &str) -> bool {
    let s = s.trim();
    s == "无" || s.eq_ignore_ascii_case("none")
}

fn enum_index(fact: &Fact, s: &str) -> Result<u16, ProfileProblem> {
    fact.values
        .iter()
        .position(|v| v.id == s || v.label.zh == s || v.label.en.eq_ignore_ascii_case(s))
        .map(|i| i as u16)
        .ok_or_else(|| {
            let s = excerpt(s);
            // The options as people write them in a list (their labels; ids are read too).
            let labels = |lang: crate::Lang| -> Vec<&str> {
                fact.values.iter().map(|v| v.label.get(lang)).collect()
            };
            problem(
                "not_allowed",
                &fact.id,
                format!(
                    "“{}”没有“{s}”这个选项，可选：{}",
                    fact.label.zh,
                    labels(crate::Lang::Zh).join("、")
                ),
                format!(
                    "'{}' ({}) has no option '{s}'; allowed: {}",
                    fact.label.en,
                    fact.id,
                    labels(crate::Lang::En).join(", ")
                ),
            )
        })
}

/// A number as people type it, as Decimal reads it: full-width digits and signs (what a
/// Chinese input method gives) in ASCII, grouping commas and underscores dropped; for money
/// also a leading ¥ or ￥ and a trailing 元, and whether it ends in 万 (ten thousand:
/// "１２万元" is 120000). `None` when a comma stands anywhere but between groups of three
/// digits: "12,34" is no number anyone means as 1234. Anything else is left for Decimal to
/// refuse.
fn number_text(s: &str, money: bool) -> Option<(Cow<'_, str>, bool)> {
    // Most answers (every cell of a list's number column): ASCII digits, nothing to map or
    // drop, read where they stand.
    let trimmed = trim(s);
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Some((Cow::Borrowed(trimmed), false));
    }
    let ascii: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '，' => ',',
            '０'..='９' | '．' | '－' | '＋' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    let (text, wan) = if money {
        let text = ascii.trim_start_matches(['¥', '￥']).trim_end_matches('元');
        match text.strip_suffix('万') {
            Some(number) => (number, true),
            None => (text, false),
        }
    } else {
        (ascii.as_str(), false)
    };
    Some((Cow::Owned(ungrouped(text)?), wan))
}

/// `text` without the commas (or underscores) that group its whole part in thousands
/// ("1,234,567.89"), or `None` when one stands anywhere else ("1,2,0,000", "1.234,5").
fn ungrouped(text: &str) -> Option<String> {
    const GROUPING: [char; 2] = [',', '_'];
    if !text.contains(GROUPING) {
        return Some(text.to_string());
    }
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let mut groups = whole.trim_start_matches(['+', '-']).split(GROUPING);
    let first = groups.next().unwrap_or_default();
    let grouped = (1..=3).contains(&first.len())
        && digits(first)
        && groups.all(|g| g.len() == 3 && digits(g))
        && !fraction.contains(GROUPING);
    grouped.then(|| text.replace(GROUPING, ""))
}

/// Why a decimal text could not be read exactly.
enum Unread {
    /// More digits than a Decimal holds (28 places, 96 bits): reading it would round, and
    /// 5e-324 would become 0.
    TooPrecise,
    TooLarge,
    NotANumber,
}

/// `text` as an exact Decimal, never rounded.
fn exact_decimal(text: &str) -> Result<Decimal, Unread> {
    let places = text
        .split_once('.')
        .map_or(0, |(_, decimals)| decimals.len());
    match Decimal::from_str(text) {
        // from_str rounds away the digits that do not fit, which leaves fewer places than
        // the text has. (from_str_exact would say so itself, for 9 KB more of wasm.)
        Ok(d) if d.scale() as usize == places => Ok(d),
        Ok(_) => Err(Unread::TooPrecise),
        Err(_) => {
            let looks_numeric = !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == '-' || c == '+');
            if looks_numeric && text.chars().filter(|c| c.is_ascii_digit()).count() > 20 {
                Err(Unread::TooLarge)
            } else {
                Err(Unread::NotANumber)
            }
        }
    }
}

fn number(fact: &Fact, value: &InputValue) -> Result<Decimal, ProfileProblem> {
    let (zh_kind, en_kind) = match fact.kind {
        FactType::Int => ("整数", "a whole number"),
        FactType::Money => ("金额（元）", "an amount in yuan"),
        _ => ("数字", "a number"),
    };
    let fail = |code: &str, zh: String, en: String| Err(problem(code, &fact.id, zh, en));
    let unread = |why: Unread, text: &str| {
        let text = excerpt(text);
        match why {
            Unread::TooPrecise => fail(
                "too_many_decimals",
                format!("“{}”的小数位数过多，无法精确表示：{text}", fact.label.zh),
                format!(
                    "'{}' ({}) has more decimal places than can be held exactly: {text}",
                    fact.label.en, fact.id
                ),
            ),
            Unread::TooLarge => fail(
                "too_large",
                format!("“{}”数值过大：{text}", fact.label.zh),
                format!("'{}' ({}) is too large: {text}", fact.label.en, fact.id),
            ),
            Unread::NotANumber => fail(
                "wrong_type",
                format!("“{}”应为{zh_kind}：{text}", fact.label.zh),
                format!(
                    "'{}' ({}) must be {en_kind}: {text}",
                    fact.label.en, fact.id
                ),
            ),
        }
    };
    let d = match value {
        InputValue::Int(i) => Decimal::from(*i),
        InputValue::Float(f) if !f.is_finite() => {
            return fail(
                "not_finite",
                format!("“{}”应为{zh_kind}，不能是 NaN 或无穷大", fact.label.zh),
                format!(
                    "'{}' ({}) must be {en_kind}, not NaN or infinity",
                    fact.label.en, fact.id
                ),
            )
        }
        // The shortest decimal that prints it, read as that text would be: so 5e-324 is a
        // number with 324 decimal places (refused), never a rounded 0.
        InputValue::Float(f) => {
            let text = f.to_string();
            match exact_decimal(&text) {
                Ok(d) => d,
                Err(why) => return unread(why, &text),
            }
        }
        InputValue::Str(s) => {
            let Some((cleaned, wan)) = number_text(s, fact.kind == FactType::Money) else {
                let s = excerpt(s);
                return fail(
                    "wrong_type",
                    format!("“{}”应为{zh_kind}（逗号只用于每三位分隔）：{s}", fact.label.zh),
                    format!(
                        "'{}' ({}) must be {en_kind} (commas only between groups of three digits): {s}",
                        fact.label.en, fact.id
                    ),
                );
            };
            let d = match exact_decimal(&cleaned) {
                Ok(d) => d,
                Err(why) => return unread(why, s),
            };
            if !wan {
                d
            } else {
                match d.checked_mul(Decimal::from(10_000)) {
                    Some(d) => d,
                    None => return unread(Unread::TooLarge, s),
                }
            }
        }
        _ => {
            return fail(
                "wrong_type",
                format!("“{}”应为{zh_kind}", fact.label.zh),
                format!("'{}' ({}) must be {en_kind}", fact.label.en, fact.id),
            )
        }
    };
    if fact.kind == FactType::Int && !d.fract().is_zero() {
        return fail(
            "not_whole",
            format!("“{}”应为整数：{d}", fact.label.zh),
            format!(
                "'{}' ({}) must be a whole number: {d}",
                fact.label.en, fact.id
            ),
        );
    }
    if fact.kind == FactType::Money && d.normalize().scale() > 2 {
        return fail(
            "too_many_decimals",
            format!("“{}”最多精确到分（两位小数）：{d}", fact.label.zh),
            format!(
                "'{}' ({}) has more than two decimals (fen): {d}",
                fact.label.en, fact.id
            ),
        );
    }
    if d.is_sign_negative() && !d.is_zero() && fact.min.is_some_and(|m| m >= Decimal::ZERO) {
        return fail(
            "negative",
            format!("“{}”不能为负数：{d}", fact.label.zh),
            format!("'{}' ({}) cannot be negative: {d}", fact.label.en, fact.id),
        );
    }
    if let Some(min) = fact.min {
        if d < min {
            return fail(
                "out_of_bounds",
                format!("“{}”不能小于 {min}：{d}", fact.label.zh),
                format!(
                    "'{}' ({}) must be at least {min}: {d}",
                    fact.label.en, fact.id
                ),
            );
        }
    }
    if let Some(max) = fact.max {
        if d > max {
            return fail(
                "out_of_bounds",
                format!("“{}”不能大于 {max}：{d}", fact.label.zh),
                format!(
                    "'{}' ({}) must be at most {max}: {d}",
                    fact.label.en, fact.id
                ),
            );
        }
    }
    Ok(d.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FactsFile, PackSource};

    /// The one fact of a pack that has only it (compiled, so it is checked as any pack's).
    fn fact(kind: &str) -> Fact {
        let file: FactsFile = toml::from_str(&format!(
            "[[fact]]\nid = \"n\"\ntype = \"{kind}\"\nsubject = \"person\"\nlabel = {{ zh = \"数\", en = \"N\" }}\n"
        ))
        .expect("facts.toml");
        let source = PackSource {
            fact: file.fact,
            ..PackSource::default()
        };
        crate::compile(&source).expect("compiles").facts[0].clone()
    }

    /// The number read, or the code of the problem.
    fn read(kind: &str, value: InputValue) -> Result<String, String> {
        match parse_answer(&fact(kind), &value) {
            Ok(Some(FactValue::Number(d))) => Ok(d.to_string()),
            Ok(other) => panic!("{value:?}: {other:?}"),
            Err(p) => Err(p.code),
        }
    }

    fn text(s: &str) -> InputValue {
        InputValue::Str(s.into())
    }

    #[test]
    fn a_number_too_small_to_hold_exactly_is_refused_not_read_as_zero() {
        for kind in ["decimal", "money", "int"] {
            for v in [5e-324, -5e-324, 1.5e-29, 1.2345678901234567e-20] {
                let got = read(kind, InputValue::Float(v));
                assert_eq!(got, Err("too_many_decimals".into()), "{kind} {v:e}");
            }
            // As text too: from_str would round it to 0.
            let tiny = format!("0.{}1", "0".repeat(40));
            assert_eq!(read(kind, text(&tiny)), Err("too_many_decimals".into()));
        }
        // Nor is a number with more digits than its 96 bits hold rounded to fit.
        assert_eq!(
            read("decimal", text("1234567890123456789012345678.95")),
            Err("too_many_decimals".into())
        );
        // 28 places is what a Decimal holds: read exactly.
        assert_eq!(
            read("decimal", InputValue::Float(1e-28)),
            Ok("0.0000000000000000000000000001".into())
        );
        assert_eq!(read("decimal", InputValue::Float(0.5)), Ok("0.5".into()));
        assert_eq!(read("decimal", InputValue::Float(-0.0)), Ok("0".into()));
    }

    /// A list's cell says "none of them" as 无 or none; an empty cell stays unknown; an option
    /// that is called so is that option.
    #[test]
    fn none_of_the_options_is_written_as_a_word() {
        let set = |values: &str, cell: &str| {
            let file: FactsFile = toml::from_str(&format!(
                "[[fact]]\nid = \"s\"\ntype = \"enum_set\"\nsubject = \"person\"\nlabel = {{ zh = \"集\", en = \"S\" }}\nvalues = [{values}]\n"
            ))
            .expect("facts.toml");
            let source = PackSource {
                fact: file.fact,
                ..PackSource::default()
            };
            let fact = crate::compile(&source).expect("compiles").facts[0].clone();
            parse_answer(&fact, &text(cell))
        };
        let ab = r#"{ id = "a", zh = "甲", en = "A" }, { id = "b", zh = "乙", en = "B" }"#;
        for cell in ["无", "none", " NONE "] {
            assert_eq!(set(ab, cell), Ok(Some(FactValue::Set(vec![]))), "{cell}");
        }
        assert_eq!(set(ab, "甲;b"), Ok(Some(FactValue::Set(vec![0, 1]))));
        let with_none =
            r#"{ id = "none", zh = "无", en = "None" }, { id = "b", zh = "乙", en = "B" }"#;
        assert_eq!(set(with_none, "无"), Ok(Some(FactValue::Set(vec![0]))));
    }

    #[test]
    fn commas_group_thousands_and_nothing_else() {
        for (typed, value) in [
            ("120,000", "120000"),
            ("1,234,567.89", "1234567.89"),
            ("-1,000", "-1000"),
            ("１２０，０００", "120000"),
            ("1_000", "1000"),
            ("999", "999"),
        ] {
            assert_eq!(read("decimal", text(typed)), Ok(value.into()), "{typed}");
        }
        assert_eq!(read("money", text("¥1,200,000元")), Ok("1200000".into()));
        assert_eq!(read("money", text("1,234.5万")), Ok("12345000".into()));
        for typed in [
            "12,34",
            "1,2,0,000",
            "1234,567",
            ",123",
            "123,",
            "1,,000",
            "1,23,456",
            "1.234,5",
            "1,000.000,1",
            "1_0",
        ] {
            assert_eq!(
                read("decimal", text(typed)),
                Err("wrong_type".into()),
                "{typed}"
            );
        }
        assert_eq!(read("money", text("1,2万")), Err("wrong_type".into()));
        assert_eq!(read("int", text("12,34")), Err("wrong_type".into()));
    }

    #[test]
    fn a_message_quotes_a_short_start_of_a_long_value() {
        let long = "9x".repeat(500_000); // a megabyte
        for kind in ["decimal", "money", "date"] {
            let p = parse_answer(&fact(kind), &text(&long)).expect_err("refused");
            assert!(
                p.message_en.len() < 400,
                "{kind}: {} bytes",
                p.message_en.len()
            );
            assert!(
                p.message_zh.len() < 400,
                "{kind}: {} bytes",
                p.message_zh.len()
            );
            assert!(p.message_en.contains("9x9x9x") && p.message_en.ends_with('…'));
        }
        let digits = "1".repeat(1_000_000);
        let p = parse_answer(&fact("decimal"), &text(&digits)).expect_err("too large");
        assert_eq!(p.code, "too_large");
        assert!(p.message_en.len() < 400);
        // An unknown fact id is quoted the same way, in the message and the field.
        let source = PackSource::default();
        let pack = crate::compile(&source).expect("compiles");
        let mut profile = Profile::default();
        let mut answers = pack.answers(&mut profile);
        answers.add(&long, &InputValue::Null);
        let Err(Error::InvalidProfile { problems }) = answers.finish() else {
            panic!("an unknown fact is refused")
        };
        assert!(problems[0].message_en.len() < 400);
        assert!(problems[0].fact.chars().count() <= 101);
    }
}
