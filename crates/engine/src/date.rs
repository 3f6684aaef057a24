use core::fmt;
use serde::{Deserialize, Serialize};

/// A calendar date (proleptic Gregorian). Ordered by year, month, day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A date only if it exists (no 2023-02-29, no month 13).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The next day (the same date on 9999-12-31, the last one there is).
    pub fn next_day(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Date::new(self.year + 1, 1, 1).unwrap_or(self)
        }
    }

    /// The day before (the same date on 0001-01-01, the first one there is).
    pub fn prev_day(self) -> Date {
        if self.day > 1 {
            Date {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            Date {
                month: self.month - 1,
                day: days_in_month(self.year, self.month - 1),
                ..self
            }
        } else {
            Date::new(self.year - 1, 12, 31).unwrap_or(self)
        }
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: core::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + u32::from(c - b'0');
            }
            Some(v)
        };
        let year = digits(0..4)? as i32;
        let month = digits(5..7)? as u8;
        let day = digits(8..10)? as u8;
        Date::new(year, month, day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

impl fmt::Display for Date {
    /// YYYY-MM-DD. Written digit by digit where it can be (every date `Date::new` makes): a date
    /// is in every result and in many warnings, and in a profile of the wasm, `{:04}` and its
    /// kind took about 4 % of `decide` on an empty profile.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (Ok(year @ 0..=9999), month @ 0..=99, day @ 0..=99) =
            (u16::try_from(self.year), self.month, self.day)
        else {
            return write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day);
        };
        let digit = |n: u16, unit: u16| b'0' + (n / unit % 10) as u8;
        let (month, day) = (u16::from(month), u16::from(day));
        let written = [
            digit(year, 1000),
            digit(year, 100),
            digit(year, 10),
            digit(year, 1),
            b'-',
            digit(month, 10),
            digit(month, 1),
            b'-',
            digit(day, 10),
            digit(day, 1),
        ];
        f.write_str(core::str::from_utf8(&written).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_and_refuses_impossible_ones() {
        assert_eq!(Date::parse("2024-02-29"), Date::new(2024, 2, 29));
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2100-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2025-13-01").is_none());
        assert!(Date::parse("2025-04-31").is_none());
        assert!(Date::parse("2025-4-1").is_none());
        assert!(Date::parse("２０２５-01-01").is_none());
        assert_eq!(Date::parse("2025-12-31").unwrap().to_string(), "2025-12-31");
        assert!(Date::parse("2025-12-31") < Date::parse("2026-01-01"));
    }

    #[test]
    fn dates_are_written_as_iso_days_padded_with_zeros() {
        let written = |year, month, day| Date { year, month, day }.to_string();
        assert_eq!(written(5, 3, 7), "0005-03-07");
        assert_eq!(written(9999, 12, 31), "9999-12-31");
        assert_eq!(written(1, 10, 1), "0001-10-01");
        // Beyond what `Date::new` makes (the fields are public): as `{:04}-{:02}-{:02}` writes.
        assert_eq!(written(12345, 1, 2), "12345-01-02");
        assert_eq!(written(-44, 3, 15), "-044-03-15");
        assert_eq!(written(2024, 200, 1), "2024-200-01");
    }

    #[test]
    fn days_step_over_months_years_and_leap_days() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert_eq!(d("2024-02-28").next_day(), d("2024-02-29"));
        assert_eq!(d("2023-02-28").next_day(), d("2023-03-01"));
        assert_eq!(d("2025-12-31").next_day(), d("2026-01-01"));
        assert_eq!(d("2024-03-01").prev_day(), d("2024-02-29"));
        assert_eq!(d("2026-01-01").prev_day(), d("2025-12-31"));
        assert_eq!(d("2025-05-01").prev_day(), d("2025-04-30"));
        assert_eq!(d("2025-05-02").prev_day(), d("2025-05-01"));
        assert_eq!(d("9999-12-31").next_day(), d("9999-12-31"));
        assert_eq!(d("0001-01-01").prev_day(), d("0001-01-01"));
        // Every day of four years, there and back.
        let mut day = d("2023-01-01");
        for _ in 0..1461 {
            assert_eq!(day.next_day().prev_day(), day);
            assert!(day.next_day() > day);
            day = day.next_day();
        }
        assert_eq!(day, d("2027-01-01"));
    }
}
