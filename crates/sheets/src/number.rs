//! Numbers between decimal text and Excel's binary (f64) numbers.

/// Excel shows and keeps numbers to 15 significant digits.
const EXCEL_DIGITS: usize = 15;

/// A number read from a cell as decimal text: the shortest that reads back as the same number
/// (`60000`, `0.8`, `-12.5`), never with an exponent. A value with more than 15 significant
/// digits (a formula's binary noise: `0.1 + 0.2` is `0.30000000000000004`) is rounded to 15, as
/// Excel shows it and writes it to CSV.
pub fn number_text(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if x == 0.0 {
        return "0".into();
    }
    // Rust prints the shortest round-trip form, without an exponent.
    let shortest = x.to_string();
    if significant_digits(&shortest) <= EXCEL_DIGITS {
        return shortest;
    }
    let rounded = format!("{:.*e}", EXCEL_DIGITS - 1, x);
    plain(&rounded).unwrap_or(shortest)
}

/// The significant digits of a plain decimal (no exponent): without sign, point, leading and
/// trailing zeros.
fn significant_digits(text: &str) -> usize {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// `d.ddde±N` (Rust's `{:e}`) as a plain decimal, trailing zeros dropped.
fn plain(scientific: &str) -> Option<String> {
    let (mantissa, exponent) = scientific.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // The point goes after `point` digits.
    let point = exponent + 1;
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        out.push_str(&digits);
    } else {
        let point = point as usize;
        if digits.len() <= point {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', point - digits.len()));
        } else {
            out.push_str(&digits[..point]);
            out.push('.');
            out.push_str(&digits[point..]);
        }
    }
    if out.contains('.') {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(trimmed);
    }
    Some(out)
}

/// A decimal text as an Excel number, when that is exact: `-?digits(.digits)?`, at most 15
/// significant digits, and the f64 reads back as the same decimal. Also the number of decimals
/// written (`30000.00`: 2), for the cell's number format. `None`: write it as text.
pub fn exact_number(text: &str) -> Option<(f64, usize)> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !fraction.is_none_or(digits) {
        return None;
    }
    let decimals = fraction.map_or(0, str::len);
    let canonical = {
        let whole = whole.trim_start_matches('0');
        let fraction = fraction.unwrap_or("").trim_end_matches('0');
        let mut c = if whole.is_empty() { "0" } else { whole }.to_string();
        if !fraction.is_empty() {
            c.push('.');
            c.push_str(fraction);
        }
        c
    };
    if significant_digits(&canonical) > EXCEL_DIGITS {
        return None;
    }
    let value: f64 = canonical.parse().ok()?;
    if value.to_string() != canonical {
        return None;
    }
    let value = if text.starts_with('-') && value != 0.0 {
        -value
    } else {
        value
    };
    Some((value, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_their_shortest_decimal() {
        assert_eq!(number_text(60000.0), "60000");
        assert_eq!(number_text(0.8), "0.8");
        assert_eq!(number_text(-12.5), "-12.5");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1e21), "1000000000000000000000");
        assert_eq!(number_text(1.5e-7), "0.00000015");
        assert_eq!(number_text(30000.01), "30000.01");
        assert_eq!(number_text(123456789012345.0), "123456789012345");
    }

    #[test]
    fn binary_noise_past_fifteen_digits_is_rounded_off() {
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(60000.0 * 1.1), "66000");
        assert_eq!(number_text(-(0.1 + 0.2)), "-0.3");
        assert_eq!(number_text(1.0 / 3.0), "0.333333333333333");
        assert_eq!(number_text(2.0 / 3.0 * 1e-5), "0.00000666666666666667");
        assert_eq!(number_text(1234567890123456789.0), "1234567890123460000");
        assert_eq!(
            plain("9.99999999999999e2").as_deref(),
            Some("999.999999999999")
        );
    }

    #[test]
    fn exact_decimals_become_numbers_and_the_rest_stays_text() {
        assert_eq!(exact_number("30000.00"), Some((30000.0, 2)));
        assert_eq!(exact_number("0.1"), Some((0.1, 1)));
        assert_eq!(exact_number("-2.50"), Some((-2.5, 2)));
        assert_eq!(exact_number("-0"), Some((0.0, 0)));
        assert_eq!(exact_number("007"), Some((7.0, 0)));
        assert_eq!(
            exact_number("123456789012345"),
            Some((123456789012345.0, 0))
        );
        for text in [
            "1234567890123456",
            "0.1234567890123456",
            "",
            "-",
            ".5",
            "5.",
            "1e5",
            "+1",
            " 1",
            "1,000",
            "NaN",
            "inf",
            "¥1",
        ] {
            assert_eq!(exact_number(text), None, "{text:?}");
        }
    }
}
