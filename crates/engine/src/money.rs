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

/// The amount in fen (hundredths of a yuan), rounded half away from zero. Every Decimal fits:
/// its mantissa has 96 bits, an i128 has 127.
fn fen(d: Decimal) -> i128 {
    // Most amounts already have at most two decimals: no rounding to do.
    match d.scale() {
        0 => return d.mantissa() * 100,
        1 => return d.mantissa() * 10,
        2 => return d.mantissa(),
        _ => {}
    }
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    r.mantissa()
}

/// The machine form: always two decimals.
pub fn fen_string(d: Decimal) -> String {
    let mut out = String::with_capacity(16);
    push_fen(&mut out, d);
    out
}

/// The machine form (always two decimals, "50000.00"), written at the end of `out`.
pub fn push_fen(out: &mut String, d: Decimal) {
    let f = fen(d);
    if f < 0 {
        out.push('-');
    }
    let (yuan, fen) = split_fen(f.unsigned_abs());
    push_int(out, yuan);
    out.push('.');
    push_two(out, fen);
}

/// An amount in fen as whole yuan and the fen left over: in 64 bits for every amount below 184
/// trillion yuan, since 128-bit division is a call into compiler_builtins in wasm.
fn split_fen(f: u128) -> (u128, u64) {
    match u64::try_from(f) {
        Ok(f) => (u128::from(f / 100), f % 100),
        Err(_) => (f / 100, (f % 100) as u64),
    }
}

/// A plain number without trailing zeros, for arithmetic steps.
pub fn plain(d: Decimal) -> String {
    let mut out = String::with_capacity(16);
    push_plain(&mut out, d);
    out
}

/// A plain number without trailing zeros ("2024", "0.8", "-1.25"), written at the end of `out`.
pub fn push_plain(out: &mut String, d: Decimal) {
    // Most numbers (a year, a count) are whole: no normalizing, no 128-bit division.
    if d.scale() == 0 {
        let m = d.mantissa();
        if m < 0 {
            out.push('-');
        }
        push_int(out, m.unsigned_abs());
        return;
    }
    let d = d.normalize();
    let m = d.mantissa();
    if m < 0 {
        out.push('-');
    }
    let scale = d.scale() as usize; // at most 28
    let unit = 10u128.pow(d.scale());
    push_decimal(out, m.unsigned_abs() / unit, m.unsigned_abs() % unit, scale);
}

// Money is written digit by digit rather than through `format!`: it is written for every
// amount of every decision, and in WebAssembly the formatting machinery (and 128-bit division)
// cost several times the rest of a decision.

/// `n` in decimal digits, written at the end of `out`.
pub fn push_int(out: &mut String, n: u128) {
    let Ok(mut n) = u64::try_from(n) else {
        out.push_str(&n.to_string());
        return;
    };
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // One copy of the digits, not a `push` (and its check for room) per digit.
    out.push_str(core::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// `n` (below 100) as two digits.
fn push_two(out: &mut String, n: u64) {
    out.push((b'0' + (n / 10) as u8) as char);
    out.push((b'0' + (n % 10) as u8) as char);
}

/// `n` with a comma between groups of three digits.
fn push_grouped(out: &mut String, n: u128) {
    let mut digits = String::with_capacity(40);
    push_int(&mut digits, n);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
}

/// `whole` and then `part` as the decimals of a number with `digits` decimal places, trailing
/// zeros dropped: (12, 50, 2) -> "12.5", (3, 0, 2) -> "3".
fn push_decimal(out: &mut String, whole: u128, part: u128, digits: usize) {
    push_int(out, whole);
    if part == 0 {
        return;
    }
    let (part, digits) = without_trailing_zeros(part, digits);
    out.push('.');
    let start = out.len();
    push_int(out, part);
    // Leading zeros: "0.05" has two decimals and the part 5. `digits` is at most 28.
    const ZEROS: &str = "0000000000000000000000000000";
    let written = out.len() - start;
    out.insert_str(
        start,
        ZEROS.get(..digits.saturating_sub(written)).unwrap_or(""),
    );
}

/// `part`, a number's `digits` decimals, without its trailing zeros (and the decimals left):
/// in 64 bits when it fits (money always does), as in [`split_fen`].
fn without_trailing_zeros(part: u128, mut digits: usize) -> (u128, usize) {
    match u64::try_from(part) {
        Ok(mut part) => {
            while part.is_multiple_of(10) {
                part /= 10;
                digits -= 1;
            }
            (u128::from(part), digits)
        }
        Err(_) => {
            let mut part = part;
            while part.is_multiple_of(10) {
                part /= 10;
                digits -= 1;
            }
            (part, digits)
        }
    }
}

/// "5万元", "3000元", "1.25万元" in Chinese; "¥50,000", "¥1,234.50" in English. Money is
/// rounded to the fen first, then written from whole numbers (not decimal division: shown
/// for every amount of every report, this is on the hot path).
pub fn display(d: Decimal, lang: Lang) -> String {
    let mut out = String::with_capacity(24);
    push_display(&mut out, d, lang);
    out
}

/// Money as people read it ("5万元", "¥50,000"), written at the end of `out`.
pub fn push_display(out: &mut String, d: Decimal, lang: Lang) {
    let f = fen(d);
    if f < 0 {
        out.push('-');
    }
    let (yuan, cents) = split_fen(f.unsigned_abs());
    match lang {
        // 万 when the amount is at least 1万 and whole yuan (so at most four decimals of 万).
        Lang::Zh if f >= 1_000_000 && cents == 0 => {
            let (wan, rest) = match u64::try_from(yuan) {
                Ok(yuan) => (u128::from(yuan / 10_000), u128::from(yuan % 10_000)),
                Err(_) => (yuan / 10_000, yuan % 10_000),
            };
            push_decimal(out, wan, rest, 4);
            out.push_str("万元");
        }
        Lang::Zh => {
            push_decimal(out, yuan, u128::from(cents), 2);
            out.push('元');
        }
        Lang::En => {
            out.push('¥');
            push_grouped(out, yuan);
            if cents != 0 {
                out.push('.');
                push_two(out, cents);
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

    /// `plain`, written digit by digit, against rust_decimal's own formatting of the number
    /// without trailing zeros.
    #[test]
    fn plain_agrees_with_decimal_formatting() {
        let samples = [
            "0",
            "0.000",
            "-0",
            "-0.00",
            "1",
            "2024",
            "10",
            "100.00",
            "0.8",
            "0.80",
            "1.05",
            "-1.25",
            "0.0001",
            "123456.789000",
            "-0.5",
            "3000",
            "1e-28",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.0000000000000000000000000001",
        ];
        for s in samples {
            let v = Decimal::from_scientific(s)
                .or_else(|_| Decimal::from_str(s))
                .unwrap();
            assert_eq!(plain(v), v.normalize().to_string(), "{s}");
        }
        // And over many mantissas and scales.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = Decimal::new(
                (x >> 1) as i64 * if x & 1 == 0 { 1 } else { -1 },
                (x % 29) as u32,
            );
            assert_eq!(plain(v), v.normalize().to_string(), "{v:?}");
        }
    }

    /// The whole-number formatting against the decimal arithmetic it replaced.
    #[test]
    fn display_agrees_with_decimal_arithmetic() {
        fn reference(d: Decimal, lang: Lang) -> String {
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
                    let mut grouped = String::new();
                    push_grouped(&mut grouped, int_part.parse().expect("digits"));
                    match frac {
                        Some(f) => format!("{sign}¥{grouped}.{f}"),
                        None => format!("{sign}¥{grouped}"),
                    }
                }
            }
        }
        let samples = [
            "0",
            "0.004",
            "0.005",
            "0.01",
            "0.1",
            "1",
            "9.99",
            "999.995",
            "1000",
            "9999.99",
            "10000",
            "10000.01",
            "10000.5",
            "12345",
            "12500",
            "50000",
            "66500",
            "100000",
            "123456.78",
            "1000000",
            "79228162514264337593543950",
            "-1",
            "-0.5",
            "-12345.6",
            "-50000",
        ];
        for s in samples {
            for lang in [Lang::Zh, Lang::En] {
                assert_eq!(display(d(s), lang), reference(d(s), lang), "{s} {lang:?}");
            }
            let mut r = d(s).round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            r.rescale(2);
            assert_eq!(fen_string(d(s)), r.to_string(), "{s}");
        }
        // And a sweep of whole and fractional amounts around the 万 boundary and beyond.
        for i in (0..2_000_000u64).step_by(997) {
            let v = Decimal::new(i as i64 * 37, 2);
            for lang in [Lang::Zh, Lang::En] {
                assert_eq!(display(v, lang), reference(v, lang), "{v} {lang:?}");
            }
            assert_eq!(fen_string(v), v.to_string(), "{v}");
            let yuan = Decimal::from(i * 10);
            assert_eq!(display(yuan, Lang::Zh), reference(yuan, Lang::Zh), "{yuan}");
        }
    }

    #[test]
    fn rounds_to_the_fen() {
        assert_eq!(to_fen(d("1.005"), Rounding::HalfUp), d("1.01"));
        assert_eq!(to_fen(d("1.005"), Rounding::HalfEven), d("1.00"));
        assert_eq!(to_fen(d("1.009"), Rounding::Down), d("1.00"));
    }
}
