//! Numbers written with digits: thousands separators (space, U+00A0, U+202F, `,`, `.`),
//! decimal marks by language, read into a value. Not for scale words, units or context:
//! the engine handles those around the span found here.

use super::text::{char_at, is_hspace};

/// A run of digits read as one number.
#[derive(Debug, Clone, PartialEq)]
pub struct DigitNumber {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// No separator at all ("2024", "737"): years, models and codes look like this.
    pub bare_integer: bool,
    /// Number of digits of a bare integer (0 otherwise).
    pub digits: usize,
}

/// What stopped a digit run from being a number.
#[derive(Debug, Clone, PartialEq)]
pub enum DigitScan {
    Number(DigitNumber),
    /// A dotted or comma-separated code ("2.4.1", "192.168.1.2"): skip to `end`.
    NotANumber {
        end: usize,
    },
}

fn digit_run(bytes: &[u8], pos: usize) -> usize {
    bytes
        .get(pos..)
        .map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// Reads the number whose first digit is at `start` (`text[start]` must be an ASCII digit).
pub fn scan(text: &str, start: usize, decimal_comma: bool) -> DigitScan {
    let bytes = text.as_bytes();
    let first = digit_run(bytes, start);
    // groups after the first: (separator, start, len)
    let mut groups: Vec<(char, usize, usize)> = Vec::new();
    let mut pos = start + first;
    while let Some(c) = char_at(text, pos) {
        let after = pos + c.len_utf8();
        let len = digit_run(bytes, after);
        if len == 0 {
            break;
        }
        let space_group = is_hspace(c)
            && len == 3
            && groups.iter().all(|g| is_hspace(g.0))
            && first <= 3
            && (first > 0);
        if space_group || c == ',' || c == '.' {
            groups.push((c, after, len));
            pos = after + len;
        } else {
            break;
        }
    }
    interpret(text, start, first, &groups, decimal_comma)
}

fn interpret(
    text: &str,
    start: usize,
    first: usize,
    groups: &[(char, usize, usize)],
    decimal_comma: bool,
) -> DigitScan {
    let digits = |s: usize, l: usize| text.get(s..s + l).unwrap_or("");
    let number = |end: usize, int_groups: &[(usize, usize)], frac: Option<(usize, usize)>| {
        let mut s = String::with_capacity(24);
        for &(gs, gl) in int_groups {
            s.push_str(digits(gs, gl));
        }
        if let Some((fs, fl)) = frac {
            s.push('.');
            s.push_str(digits(fs, fl));
        }
        // hostile input: a 400-digit run is a code, not an amount
        let value = s
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && s.len() <= 40)?;
        let bare = int_groups.len() == 1 && frac.is_none();
        Some(DigitScan::Number(DigitNumber {
            start,
            end,
            value,
            bare_integer: bare,
            digits: if bare { first } else { 0 },
        }))
    };
    let first_group = (start, first);
    let end_of = |n: usize| {
        groups
            .get(n.wrapping_sub(1))
            .map_or(start + first, |g| g.1 + g.2)
    };
    if groups.is_empty() {
        return number(start + first, &[first_group], None)
            .unwrap_or(DigitScan::NotANumber { end: start + first });
    }
    let dec = if decimal_comma { ',' } else { '.' };
    let thou = if decimal_comma { '.' } else { ',' };
    // The last separator may be the decimal mark; every other one must be a thousands mark
    // followed by exactly three digits.
    let all_end = end_of(groups.len());
    let (last_sep, ls, ll) = groups[groups.len() - 1];
    let body = &groups[..groups.len() - 1];
    let body_is_thousands = |sep_ok: &dyn Fn(char) -> bool| {
        first <= 3 && body.iter().all(|&(c, _, l)| sep_ok(c) && l == 3)
    };
    let mut ints: Vec<(usize, usize)> = vec![first_group];
    ints.extend(body.iter().map(|&(_, s, l)| (s, l)));
    let seps: Vec<char> = groups.iter().map(|g| g.0).collect();
    let has = |c: char| seps.contains(&c);
    let spaced = seps.iter().any(|&c| is_hspace(c));

    if spaced {
        // "12 000", "3 000,5" (fr), "1 414 021 100"
        if is_hspace(last_sep) && body_is_thousands(&|c| is_hspace(c)) {
            let mut all = ints.clone();
            all.push((ls, ll));
            return number(all_end, &all, None).unwrap_or(DigitScan::NotANumber { end: all_end });
        }
        if last_sep == dec && body_is_thousands(&|c| is_hspace(c)) {
            return number(all_end, &ints, Some((ls, ll)))
                .unwrap_or(DigitScan::NotANumber { end: all_end });
        }
        // A space group followed by something else: keep the spaced part only.
        let n = groups.iter().take_while(|g| is_hspace(g.0)).count();
        let mut all = vec![first_group];
        all.extend(groups[..n].iter().map(|&(_, s, l)| (s, l)));
        return number(end_of(n), &all, None).unwrap_or(DigitScan::NotANumber { end: all_end });
    }
    if has(',') && has('.') {
        // "1,674,200.5" (en) or "125.000,50" (continental): the last mark is the decimal.
        let t = if last_sep == ',' { '.' } else { ',' };
        if body_is_thousands(&|c| c == t) && seps[..seps.len() - 1].iter().all(|&c| c == t) {
            return number(all_end, &ints, Some((ls, ll)))
                .unwrap_or(DigitScan::NotANumber { end: all_end });
        }
        return DigitScan::NotANumber { end: all_end };
    }
    let sep = last_sep;
    if groups.len() >= 2 {
        // "1,200,000" / "1.458.000": thousands in any language; otherwise a code.
        if first <= 3 && groups.iter().all(|g| g.2 == 3) {
            let mut all = ints.clone();
            all.push((ls, ll));
            return number(all_end, &all, None).unwrap_or(DigitScan::NotANumber { end: all_end });
        }
        if sep == ',' && !decimal_comma {
            // "22,24,26": a list; read the first number only.
            return number(start + first, &[first_group], None)
                .unwrap_or(DigitScan::NotANumber { end: all_end });
        }
        return DigitScan::NotANumber { end: all_end };
    }
    // One separator.
    if sep == ',' && decimal_comma && digits(ls, ll) == "000" && first <= 3 {
        // "85,000" in a French text is English thousands: no one writes ",000" decimals
        return number(all_end, &[first_group, (ls, ll)], None)
            .unwrap_or(DigitScan::NotANumber { end: all_end });
    }
    if sep == dec {
        if !decimal_comma && sep == '.' {
            return number(all_end, &[first_group], Some((ls, ll)))
                .unwrap_or(DigitScan::NotANumber { end: all_end });
        }
        // French comma: decimal.
        return number(all_end, &[first_group], Some((ls, ll)))
            .unwrap_or(DigitScan::NotANumber { end: all_end });
    }
    if sep == thou && ll == 3 && first <= 3 {
        // "12,000" (en), "10.000" (fr)
        return number(all_end, &[first_group, (ls, ll)], None)
            .unwrap_or(DigitScan::NotANumber { end: all_end });
    }
    if sep == '.' {
        // French text with an English decimal point ("3.5").
        return number(all_end, &[first_group], Some((ls, ll)))
            .unwrap_or(DigitScan::NotANumber { end: all_end });
    }
    // English "4,5": a list or a foreign decimal; read the first number only.
    number(start + first, &[first_group], None).unwrap_or(DigitScan::NotANumber { end: all_end })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(t: &str, fr: bool) -> Option<(f64, &str)> {
        match scan(t, 0, fr) {
            DigitScan::Number(n) => Some((n.value, &t[n.start..n.end])),
            DigitScan::NotANumber { .. } => None,
        }
    }

    #[test]
    fn reads_separators_by_language() {
        assert_eq!(val("12 000 GPU", true), Some((12000.0, "12 000")));
        assert_eq!(val("12\u{a0}000", true), Some((12000.0, "12\u{a0}000")));
        assert_eq!(
            val("12\u{202f}000,5", true),
            Some((12000.5, "12\u{202f}000,5"))
        );
        assert_eq!(val("3,5 %", true), Some((3.5, "3,5")));
        assert_eq!(val("3.5", false), Some((3.5, "3.5")));
        assert_eq!(val("12,000", false), Some((12000.0, "12,000")));
        assert_eq!(val("10.000", true), Some((10000.0, "10.000")));
        assert_eq!(val("1,674,200.5", false), Some((1674200.5, "1,674,200.5")));
        assert_eq!(val("125.000,50", true), Some((125000.5, "125.000,50")));
        assert_eq!(
            val("1 414 021 100", false),
            Some((1414021100.0, "1 414 021 100"))
        );
        assert_eq!(val("2.4.1", false), None);
        assert_eq!(val("2024 300", true), Some((2024.0, "2024")));
        assert_eq!(val("22,24,26", false), Some((22.0, "22")));
    }
}
