//! Money as people read it: "50000.00" for machines, "5万元" / "¥50,000" for people.

use crate::model::Rounding;
use crate::text::Lang;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to the fen (two decimals).
pub fn to_fen(d: Decimal, rounding: Rounding) -> Decimal {
    let strategy = match rounding {
        Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
        Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
        Rounding::Down => RoundingStrategy::ToZero,
    };
    d.round_dp_with_strategy(2, strategy)
}

/// The machine form: always two decimals.
pub fn fen_string(d: Decimal) -> String {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.to_string()
}

/// A plain number without trailing zeros, for arithmetic steps.
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

fn group_thousands(int_part: &str) -> String {
    let mut out = String::with_capacity(int_part.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "5万元", "3000元", "1.25万元" in Chinese; "¥50,000", "¥1,234.50" in English.
pub fn display(d: Decimal, lang: Lang) -> String {
    let d = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    match lang {
        Lang::Zh => {
            let wan = d / Decimal::from(10_000);
            if d >= Decimal::from(10_000) && wan.normalize().scale() <= 4 {
                format!("{}万元", wan.normalize())
            } else {
                format!("{}元", d.normalize())
            }
        }
        Lang::En => {
            let n = d.normalize();
            let s = n.abs().to_string();
            let (int_part, frac) = match s.split_once('.') {
                Some((i, f)) => (i.to_string(), Some(format!("{f:0<2}"))),
                None => (s.clone(), None),
            };
            let sign = if n.is_sign_negative() { "-" } else { "" };
            match frac {
                Some(f) => format!("{sign}¥{}.{f}", group_thousands(&int_part)),
                None => format!("{sign}¥{}", group_thousands(&int_part)),
            }
        }
    }
}

/// A ratio as a percentage: 0.5 -> "50%".
pub fn percent(r: Decimal) -> String {
    match r.checked_mul(Decimal::from(100)) {
        Some(p) => format!("{}%", p.normalize()),
        None => format!("× {}", r.normalize()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn displays_like_people_write_money() {
        assert_eq!(display(d("50000"), Lang::Zh), "5万元");
        assert_eq!(display(d("12500"), Lang::Zh), "1.25万元");
        assert_eq!(display(d("3000"), Lang::Zh), "3000元");
        assert_eq!(display(d("1000000"), Lang::Zh), "100万元");
        assert_eq!(display(d("12345.67"), Lang::Zh), "12345.67元");
        assert_eq!(display(d("50000"), Lang::En), "¥50,000");
        assert_eq!(display(d("1234.5"), Lang::En), "¥1,234.50");
        assert_eq!(display(d("999"), Lang::En), "¥999");
        assert_eq!(fen_string(d("50000")), "50000.00");
        assert_eq!(fen_string(d("0.005")), "0.01");
        assert_eq!(percent(d("0.5")), "50%");
    }

    #[test]
    fn rounds_to_the_fen() {
        assert_eq!(to_fen(d("1.005"), Rounding::HalfUp), d("1.01"));
        assert_eq!(to_fen(d("1.005"), Rounding::HalfEven), d("1.00"));
        assert_eq!(to_fen(d("1.009"), Rounding::Down), d("1.00"));
    }
}
