//! Small text readers: word tokens with byte spans, phrase search, number words, renewal-cycle
//! phrases ("every three (3) years", "biennial") and continuing-education amounts ("36 units",
//! "3.0 CEUs", "20 contact hours"). Pure functions over `&str`; they never panic on any input.

/// One word of a text: lower-cased, with its byte range in the original.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// The word, ASCII lower-cased.
    pub word: String,
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive) in the original text.
    pub end: usize,
}

/// Splits a text into words of letters and digits; a `.` between two digits stays inside the
/// word so that `1.5` and `3.0` are one token. Everything else separates words.
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let decimal_point = c == '.'
            && start.is_some()
            && i > 0
            && chars[i - 1].1.is_ascii_digit()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
        if c.is_alphanumeric() || decimal_point {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(token(text, s, at));
        }
    }
    if let Some(s) = start {
        out.push(token(text, s, text.len()));
    }
    out
}

/// Builds one token from a byte range known to lie on character boundaries.
fn token(text: &str, start: usize, end: usize) -> Token {
    Token {
        word: text
            .get(start..end)
            .unwrap_or_default()
            .to_ascii_lowercase(),
        start,
        end,
    }
}

/// First occurrence of a phrase (lower-case words separated by single spaces) on word
/// boundaries, as the exact text found.
pub(crate) fn find_phrase<'a>(text: &'a str, phrase: &str) -> Option<&'a str> {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let toks = tokens(text);
    if words.is_empty() || toks.len() < words.len() {
        return None;
    }
    (0..=toks.len() - words.len())
        .find(|&i| {
            words
                .iter()
                .enumerate()
                .all(|(k, w)| toks[i + k].word == *w)
        })
        .and_then(|i| text.get(toks[i].start..toks[i + words.len() - 1].end))
}

/// First of several phrases found, as the exact text.
pub(crate) fn find_any<'a>(text: &'a str, phrases: &[&str]) -> Option<&'a str> {
    phrases.iter().find_map(|p| find_phrase(text, p))
}

/// A number written in digits (`3`, `1.5`) or as a word (`three`, `twelve`).
pub(crate) fn number(word: &str) -> Option<f64> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    if let Some(n) = WORDS.iter().position(|w| *w == word) {
        return Some(n as f64);
    }
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    word.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A number at `toks[i]`, skipping a repeated number right after it ("three (3)"): the value and
/// the index of the next token.
fn number_at(toks: &[Token], i: usize) -> Option<(f64, usize)> {
    let n = number(&toks.get(i)?.word)?;
    let next = match toks.get(i + 1).and_then(|t| number(&t.word)) {
        Some(m) if (m - n).abs() < f64::EPSILON => i + 2,
        _ => i + 1,
    };
    Some((n, next))
}

/// Years in one unit word (`years` → 1, `months` → 1/12), for cycle lengths.
fn unit_years(word: &str) -> Option<f64> {
    match word {
        "year" | "years" | "yr" | "yrs" => Some(1.0),
        "month" | "months" => Some(1.0 / 12.0),
        _ => None,
    }
}

/// A renewal cycle found in text: its length in years and the exact span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CycleHit<'a> {
    /// Cycle length in years.
    pub years: f64,
    /// The text that says so.
    pub span: &'a str,
    /// True for a phrase with a number or "every"; false for an adjective ("annually").
    pub explicit: bool,
}

/// The renewal cycle a text states. Explicit phrases with a number ("every three (3) years",
/// "valid for a period of 3 years", "every 24 months", "3-year cycle") win over adjectives
/// ("biennial", "triennially", "annually"), because "renewal season occurs annually" must not
/// override "every three years".
pub(crate) fn cycle(text: &str) -> Option<CycleHit<'_>> {
    let toks = tokens(text);
    let found = (0..toks.len()).find_map(|i| explicit_cycle(&toks, i));
    let explicit = found.is_some();
    let (years, from, to) = found.or_else(|| adjective_cycle(&toks))?;
    let span = text.get(toks.get(from)?.start..toks.get(to)?.end)?;
    Some(CycleHit {
        years,
        span,
        explicit,
    })
}

/// "every [other] [N] years|months", "valid for [a period of|up to] N years",
/// "N year cycle|period|term" starting at token `i`: years and the token range.
fn explicit_cycle(toks: &[Token], i: usize) -> Option<(f64, usize, usize)> {
    let w = toks.get(i)?.word.as_str();
    let mut j = i + 1;
    match w {
        "every" | "each" => {
            if toks.get(j)?.word == "other" {
                let unit = unit_years(&toks.get(j + 1)?.word)?;
                return Some((2.0 * unit, i, j + 1));
            }
            let (n, next) = number_at(toks, j).unwrap_or((1.0, j));
            let unit = unit_years(&toks.get(next)?.word)?;
            (n > 0.0).then_some((n * unit, i, next))
        }
        "valid" => {
            while matches!(
                toks.get(j)?.word.as_str(),
                "for" | "a" | "period" | "of" | "up" | "to"
            ) {
                j += 1;
            }
            let (n, next) = number_at(toks, j)?;
            let unit = unit_years(&toks.get(next)?.word)?;
            (n > 0.0 && j > i + 1).then_some((n * unit, i, next))
        }
        _ => {
            let (n, next) = number_at(toks, i)?;
            let unit = unit_years(&toks.get(next)?.word)?;
            let tail = toks.get(next + 1)?.word.as_str();
            let is_cycle = matches!(tail, "cycle" | "renewal" | "recertification" | "term");
            (n > 0.0 && is_cycle).then_some((n * unit, i, next + 1))
        }
    }
}

/// "biennial(ly)", "triennial(ly)", "annual(ly)", "yearly": years and the token range.
fn adjective_cycle(toks: &[Token]) -> Option<(f64, usize, usize)> {
    let years = |w: &str| match w {
        "annual" | "annually" | "yearly" => Some(1.0),
        "biennial" | "biennially" => Some(2.0),
        "triennial" | "triennially" => Some(3.0),
        _ => None,
    };
    // A multi-year adjective is more specific than "annually" (a renewal *season* each year).
    let multi = toks
        .iter()
        .enumerate()
        .find_map(|(i, t)| years(&t.word).filter(|y| *y > 1.0).map(|y| (y, i, i)));
    multi.or_else(|| {
        toks.iter()
            .enumerate()
            .find_map(|(i, t)| years(&t.word).map(|y| (y, i, i)))
    })
}

/// How a continuing-education amount is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CeUnit {
    /// Continuing Education Units (IACET): 1 CEU = 10 contact hours.
    Ceu,
    /// Contact, clock or plain hours.
    Hours,
    /// Units, credits, PDUs, PDHs, points: counted one hour each (an assumption, stated).
    Units,
}

/// Contact hours per CEU (IACET definition: one CEU is ten contact hours).
pub(crate) const HOURS_PER_CEU: f64 = 10.0;

/// A continuing-education amount found in text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CeHit<'a> {
    /// The number as published.
    pub amount: f64,
    /// Its unit.
    pub unit: CeUnit,
    /// The text that says so.
    pub span: &'a str,
}

impl CeHit<'_> {
    /// The amount in contact hours (CEUs × 10; other units one-for-one).
    pub(crate) fn hours(&self) -> f64 {
        match self.unit {
            CeUnit::Ceu => self.amount * HOURS_PER_CEU,
            CeUnit::Hours | CeUnit::Units => self.amount,
        }
    }
}

/// Words that may stand between the number and the unit ("36 continuing education units").
const CE_FILLER: &[&str] = &[
    "continuing",
    "education",
    "ce",
    "professional",
    "development",
    "contact",
    "clock",
    "credit",
    "of",
];

/// The first continuing-education amount in a text: a number followed (after optional filler
/// words) by a CE unit. "continuing education units" are CEUs; "contact/clock hours" and bare
/// "hours" are hours; "units", "credits", "PDUs", "PDHs", "points" count one hour each.
pub(crate) fn ce_amount(text: &str) -> Option<CeHit<'_>> {
    let toks = tokens(text);
    (0..toks.len()).find_map(|i| ce_at(text, &toks, i))
}

/// A CE amount starting at token `i`.
fn ce_at<'a>(text: &'a str, toks: &[Token], i: usize) -> Option<CeHit<'a>> {
    let (amount, mut j) = number_at(toks, i)?;
    let first_filler = j;
    while toks
        .get(j)
        .is_some_and(|t| CE_FILLER.contains(&t.word.as_str()))
        && j < i + 5
    {
        j += 1;
    }
    let fillers: Vec<&str> = toks[first_filler..j]
        .iter()
        .map(|t| t.word.as_str())
        .collect();
    let unit = match toks.get(j)?.word.as_str() {
        "ceu" | "ceus" => CeUnit::Ceu,
        "units" | "unit" if fillers.contains(&"education") => CeUnit::Ceu,
        "hours" | "hour" | "hrs" => CeUnit::Hours,
        "units" | "unit" | "credits" | "pdus" | "pdu" | "pdhs" | "pdh" | "points" | "cmes"
        | "cpes" => CeUnit::Units,
        _ => return None,
    };
    let span = text.get(toks[i].start..toks[j].end)?;
    (amount > 0.0).then_some(CeHit { amount, unit, span })
}

/// Years in an ISO 8601 duration (`P3Y`, `P36M`, `P1Y6M`, `P2Y0M0D`); weeks and days count too.
/// `None` for anything else or a zero duration.
pub(crate) fn iso_years(iso: &str) -> Option<f64> {
    let rest = iso.trim().strip_prefix(['P', 'p'])?;
    let date = rest.split(['T', 't']).next().unwrap_or_default();
    let mut years = 0.0;
    let mut digits = String::new();
    for c in date.chars() {
        if c.is_ascii_digit() || c == '.' {
            digits.push(c);
            continue;
        }
        let n: f64 = digits.parse().ok()?;
        digits.clear();
        years += n * match c.to_ascii_uppercase() {
            'Y' => 1.0,
            'M' => 1.0 / 12.0,
            'W' => 7.0 / 365.25,
            'D' => 1.0 / 365.25,
            _ => return None,
        };
    }
    (digits.is_empty() && years > 0.0 && years.is_finite()).then_some(years)
}

/// Sentences of a text (split at `.`, `;`, `!`, `?` followed by space, and at line breaks),
/// for reading a renewal cue and its number together.
pub(crate) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_mark = matches!(b, b'.' | b';' | b'!' | b'?')
            && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if end_mark || b == b'\n' {
            out.extend(text.get(from..i + 1));
            from = i + 1;
        }
    }
    out.extend(text.get(from..));
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// First 160 characters of a text, for evidence spans of whole fields.
pub(crate) fn clip(text: &str) -> String {
    let t: String = text.chars().take(160).collect();
    if t.len() < text.len() {
        format!("{t}…")
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_decimals_and_spans() {
        let t = "Earn 3.0 CEUs (30 hours).";
        let words: Vec<String> = tokens(t).into_iter().map(|t| t.word).collect();
        assert_eq!(words, ["earn", "3.0", "ceus", "30", "hours"]);
        assert_eq!(find_phrase(t, "3.0 ceus"), Some("3.0 CEUs"));
        assert_eq!(find_phrase("Ünï ✓ NCCA.", "ncca"), Some("NCCA"));
    }

    #[test]
    fn cycles() {
        let c = |t| cycle(t).map(|h| (h.years, h.span.to_string()));
        assert_eq!(
            c("renew every three years"),
            Some((3.0, "every three years".into()))
        );
        assert_eq!(
            c("valid for a period of three (3) years"),
            Some((3.0, "valid for a period of three (3) years".into()))
        );
        assert_eq!(
            c("Recertify every 24 months."),
            Some((2.0, "every 24 months".into()))
        );
        assert_eq!(c("a 5-year cycle"), Some((5.0, "5-year cycle".into())));
        assert_eq!(
            c("renewed every other year"),
            Some((2.0, "every other year".into()))
        );
        assert_eq!(c("renewed annually"), Some((1.0, "annually".into())));
        assert_eq!(
            c("season occurs annually; biennial renewal"),
            Some((2.0, "biennial".into()))
        );
        assert_eq!(
            c("season occurs annually, renewal every three years"),
            Some((3.0, "every three years".into()))
        );
        assert_eq!(c("every week"), None);
        assert_eq!(c(""), None);
    }

    #[test]
    fn ce_amounts() {
        let h = |t| ce_amount(t).map(|h| (h.hours(), h.span.to_string()));
        assert_eq!(
            h("accrue 36 units in three years"),
            Some((36.0, "36 units".into()))
        );
        assert_eq!(h("30 CEUs"), Some((300.0, "30 CEUs".into())));
        assert_eq!(
            h("3.0 continuing education units"),
            Some((30.0, "3.0 continuing education units".into()))
        );
        assert_eq!(
            h("20 contact hours"),
            Some((20.0, "20 contact hours".into()))
        );
        assert_eq!(h("60 PDUs"), Some((60.0, "60 PDUs".into())));
        assert_eq!(h("3 years"), None);
    }

    #[test]
    fn iso_durations() {
        assert_eq!(iso_years("P3Y"), Some(3.0));
        assert_eq!(iso_years("P36M"), Some(3.0));
        assert_eq!(iso_years("P1Y6M"), Some(1.5));
        assert_eq!(iso_years("PT40H"), None);
        assert_eq!(iso_years("P"), None);
        assert_eq!(iso_years("3 years"), None);
        assert_eq!(
            iso_years("P9999999999999999999999999999999999999Y").map(|y| y > 0.0),
            Some(true)
        );
    }

    #[test]
    fn splits_sentences() {
        let s = sentences("Renew every 3 years. Fee is 1.5 dollars\nNext");
        assert_eq!(s, ["Renew every 3 years.", " Fee is 1.5 dollars\n", "Next"]);
    }
}
