//! Time estimates: `N` or `N-M` with a unit, `h`, `d` (8 hours) or `w` (5 days).

use std::fmt;
use std::ops::Add;

use serde::{Deserialize, Serialize};

const HOURS_PER_DAY: u32 = 8;
const HOURS_PER_WEEK: u32 = 5 * HOURS_PER_DAY;

/// A range of working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Estimate {
    /// Fewest hours.
    pub min_hours: u32,
    /// Most hours.
    pub max_hours: u32,
}

impl Estimate {
    /// Parses `3d`, `2-4w`, `10h`; the error says what was expected.
    pub fn parse(s: &str) -> Result<Estimate, String> {
        let s = s.trim();
        let bad = || {
            format!(
                "`{s}` is not an estimate; write N or N-M followed by h, d or w, like `3d` or `2-4w`"
            )
        };
        let unit = s.chars().last().ok_or_else(bad)?;
        let per = match unit {
            'h' => 1,
            'd' => HOURS_PER_DAY,
            'w' => HOURS_PER_WEEK,
            _ => return Err(bad()),
        };
        let body = &s[..s.len() - 1];
        let (lo, hi) = match body.split_once('-') {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (body.trim(), body.trim()),
        };
        let num = |t: &str| -> Result<u32, String> {
            if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse::<u32>()
                .ok()
                .and_then(|n| n.checked_mul(per))
                .filter(|&h| h <= 100_000)
                .ok_or_else(|| format!("`{s}` is too long an estimate; keep it under 2,500 weeks"))
        };
        let (min_hours, max_hours) = (num(lo)?, num(hi)?);
        if min_hours > max_hours {
            return Err(format!(
                "`{s}` has its range backwards; write the smaller number first"
            ));
        }
        Ok(Estimate {
            min_hours,
            max_hours,
        })
    }
}

impl Add for Estimate {
    type Output = Estimate;
    fn add(self, o: Estimate) -> Estimate {
        Estimate {
            min_hours: self.min_hours.saturating_add(o.min_hours),
            max_hours: self.max_hours.saturating_add(o.max_hours),
        }
    }
}

impl std::iter::Sum for Estimate {
    fn sum<I: Iterator<Item = Estimate>>(iter: I) -> Estimate {
        iter.fold(Estimate::default(), Add::add)
    }
}

impl fmt::Display for Estimate {
    /// Shows the range in the largest unit that keeps it readable: `2-4w`, `3d`, `6h`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (per, unit) = if self.max_hours >= HOURS_PER_WEEK {
            (HOURS_PER_WEEK, 'w')
        } else if self.max_hours >= HOURS_PER_DAY {
            (HOURS_PER_DAY, 'd')
        } else {
            (1, 'h')
        };
        let show = |h: u32| {
            let whole = h / per;
            let tenth = (h % per) * 10 / per;
            if tenth == 0 {
                whole.to_string()
            } else {
                format!("{whole}.{tenth}")
            }
        };
        if self.min_hours == self.max_hours {
            write!(f, "{}{unit}", show(self.max_hours))
        } else {
            write!(f, "{}-{}{unit}", show(self.min_hours), show(self.max_hours))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let ok = [
            ("3h", 3, 3),
            ("2d", 16, 16),
            ("2-4w", 80, 160),
            ("1-2d", 8, 16),
            (" 5w ", 200, 200),
        ];
        for (s, lo, hi) in ok {
            assert_eq!(
                Estimate::parse(s),
                Ok(Estimate {
                    min_hours: lo,
                    max_hours: hi
                }),
                "{s}"
            );
        }
        for bad in [
            "",
            "3",
            "w",
            "3x",
            "-3d",
            "4-2w",
            "2-w",
            "1.5w",
            "99999999w",
            "3 weeks",
        ] {
            assert!(Estimate::parse(bad).is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn display_picks_a_readable_unit() {
        let show = |s: &str| Estimate::parse(s).unwrap().to_string();
        assert_eq!(show("2-4w"), "2-4w");
        assert_eq!(show("3d"), "3d");
        assert_eq!(show("6h"), "6h");
        assert_eq!(show("4-12h"), "0.5-1.5d");
        let sum: Estimate = ["2-4w", "1w", "5d"]
            .iter()
            .map(|s| Estimate::parse(s).unwrap())
            .sum();
        assert_eq!(sum.to_string(), "4-6w");
    }
}
