//! Parsers for the code spellings found in the wild (SOC, O*NET-SOC, CIP, NAICS); total and panic-free.

use serde::{Deserialize, Serialize};

/// A SOC 2018 code in canonical `15-1211` form, with the O*NET suffix kept apart when one was given.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SocCode {
    /// Canonical six-digit SOC code with hyphen (`15-1211`).
    pub code: String,
    /// O*NET-SOC suffix without the dot (`00` for `15-1211.00`), if the input had one.
    pub onet_suffix: Option<String>,
}

impl SocCode {
    /// The O*NET-SOC spelling (`15-1211.00`), defaulting the suffix to `00` as O*NET does.
    pub fn onet_code(&self) -> String {
        format!(
            "{}.{}",
            self.code,
            self.onet_suffix.as_deref().unwrap_or("00")
        )
    }

    /// The major group this code belongs to (`15-0000`).
    pub fn major_group(&self) -> String {
        format!("{}-0000", self.code.get(..2).unwrap_or("00"))
    }
}

/// A CIP 2020 code in canonical form: `52`, `52.02` or `52.0201`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CipCode {
    /// Canonical spelling with a two-digit family (`05.0201`).
    pub code: String,
}

/// A NAICS 2022 code: 2–6 digits, or a sector range such as `31-33`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NaicsCode {
    /// The code as published (`541511`, `31-33`).
    pub code: String,
}

impl NaicsCode {
    /// Number of digits of detail (2 for sectors, including ranges like `31-33`).
    pub fn level(&self) -> u8 {
        if self.code.contains('-') {
            2
        } else {
            self.code.len() as u8
        }
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Parses `15-1211`, `151211` or `15-1211.00` (O*NET-SOC, suffix kept separately); `None` otherwise.
pub fn parse_soc(input: &str) -> Option<SocCode> {
    let s = input.trim();
    let (base, suffix) = match s.split_once('.') {
        Some((b, suf)) if suf.len() == 2 && all_digits(suf) => (b, Some(suf.to_string())),
        Some(_) => return None,
        None => (s, None),
    };
    let digits: String = match base.split_once('-') {
        Some((major, rest)) if major.len() == 2 && rest.len() == 4 => format!("{major}{rest}"),
        Some(_) => return None,
        None => base.to_string(),
    };
    if digits.len() != 6 || !all_digits(&digits) {
        return None;
    }
    Some(SocCode {
        code: format!("{}-{}", &digits[..2], &digits[2..]),
        onet_suffix: suffix,
    })
}

/// The SOC code an O*NET-SOC code rolls up to (`15-1252.00` → `15-1252`); `None` if it is not one.
pub fn onet_to_soc(input: &str) -> Option<String> {
    parse_soc(input).map(|c| c.code)
}

/// The SOC major group of any SOC or O*NET-SOC spelling (`15-1252` → `15-0000`).
pub fn soc_major_group(input: &str) -> Option<String> {
    parse_soc(input).map(|c| c.major_group())
}

/// Parses `52.0201`, `520201`, `52.02`, `52`, and repairs lost zeros (`5.0201` → `05.0201`).
///
/// Spreadsheets drop a leading zero (`10201` for `01.0201`) and trailing zeros (`52.1` for
/// `52.10`), so digits are padded back to the nearest valid width; anything else is `None`.
pub fn parse_cip(input: &str) -> Option<CipCode> {
    let s = input.trim();
    let (family, rest) = match s.split_once('.') {
        Some((f, r)) => (f.to_string(), r.to_string()),
        None => split_undotted_cip(s)?,
    };
    if family.is_empty() || family.len() > 2 || !all_digits(&family) {
        return None;
    }
    let family = format!("{family:0>2}");
    if rest.is_empty() {
        return (!s.contains('.')).then_some(CipCode { code: family });
    }
    if rest.len() > 4 || !all_digits(&rest) {
        return None;
    }
    let width = if rest.len() <= 2 { 2 } else { 4 };
    Some(CipCode {
        code: format!("{family}.{rest:0<width$}"),
    })
}

/// Splits `520201` / `10201` / `5202` / `52` into family and the digits after the dot.
fn split_undotted_cip(s: &str) -> Option<(String, String)> {
    if !all_digits(s) || s.len() > 6 {
        return None;
    }
    let even = if s.len() % 2 == 1 {
        format!("0{s}")
    } else {
        s.to_string()
    };
    Some((even[..2].to_string(), even[2..].to_string()))
}

/// Parses a NAICS code: 2–6 digits, or a two-digit sector range (`31-33`); `None` otherwise.
pub fn parse_naics(input: &str) -> Option<NaicsCode> {
    let s = input.trim();
    let ok = match s.split_once('-') {
        Some((a, b)) => a.len() == 2 && b.len() == 2 && all_digits(a) && all_digits(b),
        None => (2..=6).contains(&s.len()) && all_digits(s),
    };
    ok.then(|| NaicsCode {
        code: s.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn soc_spellings() {
        assert_eq!(parse_soc("15-1211").unwrap().code, "15-1211");
        assert_eq!(parse_soc(" 151211 ").unwrap().code, "15-1211");
        let o = parse_soc("15-1211.01").unwrap();
        assert_eq!(
            (o.code.as_str(), o.onet_suffix.as_deref()),
            ("15-1211", Some("01"))
        );
        assert_eq!(o.onet_code(), "15-1211.01");
        assert_eq!(parse_soc("151211.00").unwrap().code, "15-1211");
        for bad in [
            "",
            "15-121",
            "15-12111",
            "1a-1211",
            "15-1211.0",
            "15-1211.",
            "15–1211",
            "-151211",
        ] {
            assert_eq!(parse_soc(bad), None, "{bad}");
        }
        assert_eq!(onet_to_soc("15-1252.00").as_deref(), Some("15-1252"));
        assert_eq!(soc_major_group("15-1252").as_deref(), Some("15-0000"));
    }

    #[test]
    fn cip_spellings() {
        let c = |s: &str| parse_cip(s).map(|c| c.code);
        assert_eq!(c("52.0201").as_deref(), Some("52.0201"));
        assert_eq!(c("520201").as_deref(), Some("52.0201"));
        assert_eq!(c("52.02").as_deref(), Some("52.02"));
        assert_eq!(c("5.0201").as_deref(), Some("05.0201"));
        assert_eq!(c("10201").as_deref(), Some("01.0201"));
        assert_eq!(c("52").as_deref(), Some("52"));
        assert_eq!(c("52.021").as_deref(), Some("52.0210"));
        for bad in [
            "", "52.", ".0201", "123.0201", "52.02011", "52-0201", "abc", "5202011",
        ] {
            assert_eq!(c(bad), None, "{bad}");
        }
    }

    #[test]
    fn naics_spellings() {
        assert_eq!(parse_naics("541511").unwrap().level(), 6);
        assert_eq!(parse_naics("31-33").unwrap().level(), 2);
        for bad in ["1", "1234567", "54a", "3-33", ""] {
            assert_eq!(parse_naics(bad), None, "{bad}");
        }
    }
}
