use serde::{Deserialize, Serialize};

/// A language the report is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// As in JSON: "zh" or "en".
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Text shown to people, always in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    pub fn is_blank(&self) -> bool {
        self.zh.trim().is_empty() || self.en.trim().is_empty()
    }
}

/// A clause number of a Chinese policy text in English: "二、（二）1（3）" → "2.(2)1(3)",
/// "四、5；三" → "4.5; 3". Document numbers ("普人社〔2022〕27号") are kept as they are (they
/// are names); anything else in words is left for the rule pack to translate (a clause may be
/// written `{ zh, en }`).
pub fn clause_en(zh: &str) -> String {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i / 3 + 1);
    let chars: Vec<char> = zh.chars().collect();
    let mut out = String::with_capacity(zh.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A Chinese numeral (1–99) that numbers a section: before "、", or inside "（…）".
        let mut j = i;
        let mut value = 0usize;
        let mut tens = false;
        while j < chars.len() && (digit(chars[j]).is_some() || chars[j] == '十') {
            if chars[j] == '十' {
                value = value.max(1) * 10;
                tens = true;
            } else if let Some(d) = digit(chars[j]) {
                value = if tens { value + d } else { value * 10 + d };
            }
            j += 1;
        }
        let numbered = j > i
            && (chars.get(j) == Some(&'、')
                || chars.get(j) == Some(&'）')
                || (j == chars.len() && !zh.contains('〔')));
        if numbered {
            out.push_str(&value.to_string());
            i = j;
            continue;
        }
        match c {
            '、' if out.ends_with(|d: char| d.is_ascii_digit()) => out.push('.'),
            '、' => out.push_str(", "),
            '（' => out.push('('),
            '）' => out.push(')'),
            '；' => out.push_str("; "),
            '，' => out.push_str(", "),
            '—' => out.push('–'),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod clause_tests {
    use super::clause_en;

    #[test]
    fn numbers_a_clause_in_english() {
        assert_eq!(clause_en("二、（二）1（3）"), "2.(2)1(3)");
        assert_eq!(clause_en("四、4"), "4.4");
        assert_eq!(clause_en("三"), "3");
        assert_eq!(clause_en("二、（二）1—4"), "2.(2)1–4");
        assert_eq!(clause_en("二、（四）1；四、（三）"), "2.(4)1; 4.(3)");
        assert_eq!(clause_en("十二、（十一）"), "12.(11)");
        assert_eq!(
            clause_en("普人社〔2022〕27号 四、4"),
            "普人社〔2022〕27号 4.4"
        );
        assert_eq!(clause_en("沪人社职〔2023〕449号"), "沪人社职〔2023〕449号");
    }
}
