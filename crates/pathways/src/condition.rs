//! Conditions as expression trees (all-of, any-of, not, and the atoms a prerequisite is made of),
//! with a short readable text form and a TOML form that both round-trip exactly.
//!
//! Text form, by example (the CSCP prerequisite):
//!
//! ```text
//! experience 3 years in "business" OR education bachelor OR holds active from "ASCM"
//! ```
//!
//! `AND` binds tighter than `OR`; `NOT x`, parentheses, and `all(a, b)` / `any(a, b)` are
//! accepted, and `true` / `false` are the empty all-of / any-of. The printer always writes the
//! canonical form, which parses back to the same tree.

use serde::{Deserialize, Serialize};

use crate::error::ConditionError;

/// Formal education, ordered from least to most; a higher level satisfies a lower requirement.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    /// No formal credential.
    #[default]
    None,
    /// High-school diploma or equivalent (GED).
    HighSchool,
    /// A postsecondary non-degree award.
    PostsecondaryCertificate,
    /// Associate degree.
    Associate,
    /// Bachelor's degree or an international equivalent.
    Bachelor,
    /// Master's degree.
    Master,
    /// Doctorate (research or professional).
    Doctorate,
}

impl EducationLevel {
    /// Every level, lowest first, for parsing and documentation.
    pub const ALL: [EducationLevel; 7] = [
        EducationLevel::None,
        EducationLevel::HighSchool,
        EducationLevel::PostsecondaryCertificate,
        EducationLevel::Associate,
        EducationLevel::Bachelor,
        EducationLevel::Master,
        EducationLevel::Doctorate,
    ];

    /// The keyword used in the text form and in TOML.
    pub fn as_str(self) -> &'static str {
        match self {
            EducationLevel::None => "none",
            EducationLevel::HighSchool => "high_school",
            EducationLevel::PostsecondaryCertificate => "postsecondary_certificate",
            EducationLevel::Associate => "associate",
            EducationLevel::Bachelor => "bachelor",
            EducationLevel::Master => "master",
            EducationLevel::Doctorate => "doctorate",
        }
    }

    /// Inverse of [`EducationLevel::as_str`].
    pub fn parse(s: &str) -> Option<EducationLevel> {
        EducationLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// Plain-language name, for explanations.
    pub fn words(self) -> &'static str {
        match self {
            EducationLevel::None => "no formal education",
            EducationLevel::HighSchool => "a high-school diploma or equivalent",
            EducationLevel::PostsecondaryCertificate => "a postsecondary certificate",
            EducationLevel::Associate => "an associate degree",
            EducationLevel::Bachelor => "a bachelor's degree or equivalent",
            EducationLevel::Master => "a master's degree",
            EducationLevel::Doctorate => "a doctorate",
        }
    }
}

/// A prerequisite or entry condition as an expression tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Every part must hold (`true` when empty).
    All(Vec<Condition>),
    /// At least one part must hold (`false` when empty): CTDL `alternativeCondition`.
    Any(Vec<Condition>),
    /// The part must not hold (e.g. not already licensed in another state).
    Not(Box<Condition>),
    /// Years of work experience, optionally in a named field.
    Experience {
        /// Years required (finite, ≥ 0).
        years: f64,
        /// Field of the experience, free text; `None` means any field.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
    },
    /// At least this level of formal education.
    Education(EducationLevel),
    /// Holding a specific credential (by id); `active` means it must not have expired.
    Holds {
        /// Record id or CTID of the credential.
        credential: String,
        /// Whether an expired credential does not count.
        active: bool,
    },
    /// Holding any credential from an issuer (the CSCP "active ASCM certification" branch).
    HoldsFrom {
        /// Issuer name as the person's profile writes it.
        issuer: String,
        /// Whether an expired credential does not count.
        active: bool,
    },
    /// A minimum age in years.
    MinAge(u32),
    /// Passing an assessment (by id or name).
    Passes(String),
    /// Completing a program or learning opportunity (by id or name).
    Completes(String),
    /// A requirement published only as text; the person must confirm it.
    Statement(String),
}

impl Condition {
    /// A condition with no requirement at all.
    pub fn nothing() -> Condition {
        Condition::All(Vec::new())
    }

    /// Whether the condition requires nothing.
    pub fn is_nothing(&self) -> bool {
        matches!(self, Condition::All(v) if v.is_empty())
    }

    /// Checks values the type allows but the domain does not (negative or non-finite years).
    pub fn validate(&self) -> Result<(), ConditionError> {
        match self {
            Condition::All(v) | Condition::Any(v) => v.iter().try_for_each(Condition::validate),
            Condition::Not(c) => c.validate(),
            Condition::Experience { years, .. } if !years.is_finite() || *years < 0.0 => {
                Err(ConditionError::Invalid(format!(
                    "experience years must be a finite number ≥ 0, got {years}"
                )))
            }
            _ => Ok(()),
        }
    }

    /// Credentials this condition mentions with `holds` (for graph edges).
    pub fn held_credentials(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(&mut |c| {
            if let Condition::Holds { credential, .. } = c {
                out.push(credential.as_str());
            }
        });
        out
    }

    /// Visits every node, parents first.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Condition)) {
        f(self);
        match self {
            Condition::All(v) | Condition::Any(v) => v.iter().for_each(|c| c.walk(f)),
            Condition::Not(c) => c.walk(f),
            _ => {}
        }
    }

    /// Why no person could ever meet this condition, when its own parts show it (an all-of that
    /// asks for something and its negation, "at least 21" with "not at least 18", an any-of whose
    /// every alternative is impossible); `None` when no contradiction is found.
    pub fn contradiction(&self) -> Option<String> {
        match self {
            Condition::Any(v) if v.is_empty() => {
                Some("an empty any-of (`false`) can never be met".into())
            }
            Condition::Any(v) => {
                let reasons: Option<Vec<String>> = v.iter().map(Condition::contradiction).collect();
                reasons.map(|r| format!("every alternative is impossible: {}", r.join("; ")))
            }
            Condition::All(v) => v
                .iter()
                .find_map(Condition::contradiction)
                .or_else(|| conflicting_literals(self)),
            Condition::Not(inner) if inner.always_met() => {
                Some(format!("`{self}` negates a condition everyone meets"))
            }
            _ => None,
        }
    }

    /// Whether everyone meets it whatever their profile (`true`, zero years, no education, age 0).
    fn always_met(&self) -> bool {
        match self {
            Condition::All(v) => v.iter().all(Condition::always_met),
            Condition::Any(v) => v.iter().any(Condition::always_met),
            Condition::Experience { years, .. } => *years <= 0.0,
            Condition::Education(level) => *level == EducationLevel::None,
            Condition::MinAge(n) => *n == 0,
            _ => false,
        }
    }

    /// Whether meeting `self` always means meeting `other` (a stronger form of the same atom).
    fn implies(&self, other: &Condition) -> bool {
        use Condition as C;
        match (self, other) {
            (C::Education(a), C::Education(b)) => a >= b,
            (C::MinAge(a), C::MinAge(b)) => a >= b,
            (C::Experience { years: a, field: f }, C::Experience { years: b, field: g }) => {
                a >= b
                    && match (f, g) {
                        (_, None) => true,
                        (Some(f), Some(g)) => f.trim().eq_ignore_ascii_case(g.trim()),
                        (None, Some(_)) => false,
                    }
            }
            (
                C::Holds {
                    credential: a,
                    active: x,
                },
                C::Holds {
                    credential: b,
                    active: y,
                },
            ) => a == b && (*x || !*y),
            (
                C::HoldsFrom {
                    issuer: a,
                    active: x,
                },
                C::HoldsFrom {
                    issuer: b,
                    active: y,
                },
            ) => a.trim().eq_ignore_ascii_case(b.trim()) && (*x || !*y),
            (C::Passes(a), C::Passes(b))
            | (C::Completes(a), C::Completes(b))
            | (C::Statement(a), C::Statement(b)) => a.trim().eq_ignore_ascii_case(b.trim()),
            _ => self == other,
        }
    }

    /// Number of nodes, to bound work on hostile input.
    pub fn size(&self) -> usize {
        let mut n = 0;
        self.walk(&mut |_| n += 1);
        n
    }

    /// The alternatives at the top: the parts of an any-of, else the condition itself.
    pub fn alternatives(&self) -> Vec<&Condition> {
        match self {
            Condition::Any(v) if !v.is_empty() => v.iter().collect(),
            other => vec![other],
        }
    }

    /// Canonical text form; [`parse_condition`] reads it back to an equal tree.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        write_text(self, &mut s, true);
        s
    }

    /// The TOML form: a table with one `condition` key.
    pub fn to_toml(&self) -> Result<String, ConditionError> {
        #[derive(Serialize)]
        struct Doc<'a> {
            condition: &'a Condition,
        }
        toml::to_string(&Doc { condition: self })
            .map_err(|e| ConditionError::Invalid(format!("cannot write TOML: {e}")))
    }

    /// Reads the TOML form written by [`Condition::to_toml`].
    pub fn from_toml(text: &str) -> Result<Condition, ConditionError> {
        #[derive(Deserialize)]
        struct Doc {
            condition: Condition,
        }
        let doc: Doc = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ConditionError::Parse {
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        doc.condition.validate()?;
        Ok(doc.condition)
    }
}

impl std::fmt::Display for Condition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_text())
    }
}

fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write_text(c: &Condition, out: &mut String, top: bool) {
    match c {
        Condition::All(v) if v.is_empty() => out.push_str("true"),
        Condition::Any(v) if v.is_empty() => out.push_str("false"),
        Condition::All(v) | Condition::Any(v) if v.len() == 1 => {
            out.push_str(if matches!(c, Condition::All(_)) {
                "all("
            } else {
                "any("
            });
            write_text(&v[0], out, true);
            out.push(')');
        }
        Condition::All(v) | Condition::Any(v) => {
            let op = if matches!(c, Condition::All(_)) {
                " AND "
            } else {
                " OR "
            };
            if !top {
                out.push('(');
            }
            for (i, part) in v.iter().enumerate() {
                if i > 0 {
                    out.push_str(op);
                }
                write_text(part, out, false);
            }
            if !top {
                out.push(')');
            }
        }
        Condition::Not(inner) => {
            out.push_str("NOT ");
            write_text(inner, out, false);
        }
        Condition::Experience { years, field } => {
            out.push_str(&format!("experience {years} years"));
            if let Some(f) = field {
                out.push_str(" in ");
                quote(f, out);
            }
        }
        Condition::Education(level) => {
            out.push_str("education ");
            out.push_str(level.as_str());
        }
        Condition::Holds { credential, active } => {
            out.push_str(if *active { "holds active " } else { "holds " });
            quote(credential, out);
        }
        Condition::HoldsFrom { issuer, active } => {
            out.push_str(if *active {
                "holds active from "
            } else {
                "holds from "
            });
            quote(issuer, out);
        }
        Condition::MinAge(n) => out.push_str(&format!("age {n}")),
        Condition::Passes(s) => {
            out.push_str("passes ");
            quote(s, out);
        }
        Condition::Completes(s) => {
            out.push_str("completes ");
            quote(s, out);
        }
        Condition::Statement(s) => {
            out.push_str("confirms ");
            quote(s, out);
        }
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Num(f64),
    LParen,
    RParen,
    Comma,
}

/// Deepest nesting the parser accepts; hostile input cannot overflow the stack.
const MAX_DEPTH: usize = 64;

struct Parser<'a> {
    text: &'a str,
    toks: Vec<(Tok, usize)>,
    pos: usize,
    depth: usize,
}

fn tokenize(text: &str) -> Result<Vec<(Tok, usize)>, ConditionError> {
    let mut out = Vec::new();
    let bytes: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    let err = |at: usize, message: String| {
        let (line, column) = line_col(text, at);
        ConditionError::Parse {
            line,
            column,
            message,
        }
    };
    while i < bytes.len() {
        let (at, c) = bytes[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            out.push((Tok::LParen, at));
            i += 1;
        } else if c == ')' {
            out.push((Tok::RParen, at));
            i += 1;
        } else if c == ',' {
            out.push((Tok::Comma, at));
            i += 1;
        } else if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                let Some(&(_, c)) = bytes.get(i) else {
                    return Err(err(at, "unterminated string".into()));
                };
                i += 1;
                match c {
                    '"' => break,
                    '\\' => {
                        let Some(&(eat, e)) = bytes.get(i) else {
                            return Err(err(at, "unterminated string".into()));
                        };
                        i += 1;
                        s.push(match e {
                            '"' => '"',
                            '\\' => '\\',
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            other => return Err(err(eat, format!("unknown escape `\\{other}`"))),
                        });
                    }
                    c => s.push(c),
                }
            }
            out.push((Tok::Str(s), at));
        } else if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < bytes.len() && {
                let d = bytes[i].1;
                d.is_ascii_digit() || d == '.' || d == 'e' || d == 'E' || d == '+' || d == '-'
            } {
                i += 1;
            }
            let end = bytes.get(i).map_or(text.len(), |b| b.0);
            let raw = &text[at..end];
            let n: f64 = raw
                .parse()
                .map_err(|_| err(bytes[start].0, format!("`{raw}` is not a number")))?;
            out.push((Tok::Num(n), at));
        } else if c.is_alphabetic() || c == '_' {
            while i < bytes.len() && (bytes[i].1.is_alphanumeric() || bytes[i].1 == '_') {
                i += 1;
            }
            let end = bytes.get(i).map_or(text.len(), |b| b.0);
            out.push((Tok::Word(text[at..end].to_string()), at));
        } else {
            return Err(err(at, format!("unexpected character `{c}`")));
        }
    }
    Ok(out)
}

/// Atoms an all-of asks for, split into those required and those negated (nested all-ofs and
/// double negations flattened).
fn literals<'a>(c: &'a Condition, positive: bool, out: &mut Vec<(bool, &'a Condition)>) {
    match c {
        Condition::All(v) if positive => v.iter().for_each(|p| literals(p, true, out)),
        Condition::Not(inner) => literals(inner, !positive, out),
        other => out.push((positive, other)),
    }
}

/// A required atom that implies a negated one inside the same all-of.
fn conflicting_literals(all: &Condition) -> Option<String> {
    let mut lits = Vec::new();
    literals(all, true, &mut lits);
    lits.iter().filter(|(pos, _)| *pos).find_map(|(_, p)| {
        lits.iter()
            .filter(|(pos, _)| !*pos)
            .find(|(_, n)| p.implies(n))
            .map(|(_, n)| format!("`{p}` is required but `NOT {n}` rules it out"))
    })
}

/// Parses the text form; errors name the line, column and what was expected.
pub fn parse_condition(text: &str) -> Result<Condition, ConditionError> {
    let toks = tokenize(text)?;
    let mut p = Parser {
        text,
        toks,
        pos: 0,
        depth: 0,
    };
    if p.toks.is_empty() {
        return Err(p.error_at(0, "empty condition; write `true` for no requirement"));
    }
    let c = p.or()?;
    if p.pos < p.toks.len() {
        return Err(p.error_here("expected AND, OR or the end of the condition"));
    }
    c.validate()?;
    Ok(c)
}

impl Parser<'_> {
    fn error_at(&self, offset: usize, message: &str) -> ConditionError {
        let (line, column) = line_col(self.text, offset);
        ConditionError::Parse {
            line,
            column,
            message: message.to_string(),
        }
    }

    fn error_here(&self, message: &str) -> ConditionError {
        let offset = self
            .toks
            .get(self.pos)
            .map_or(self.text.len(), |(_, at)| *at);
        let found = match self.toks.get(self.pos) {
            Some((Tok::Word(w), _)) => format!(" (found `{w}`)"),
            Some((Tok::Str(s), _)) => format!(" (found \"{s}\")"),
            Some((Tok::Num(n), _)) => format!(" (found {n})"),
            Some((Tok::LParen, _)) => " (found `(`)".into(),
            Some((Tok::RParen, _)) => " (found `)`)".into(),
            Some((Tok::Comma, _)) => " (found `,`)".into(),
            None => " (found the end)".into(),
        };
        self.error_at(offset, &format!("{message}{found}"))
    }

    fn peek_word(&self, w: &str) -> bool {
        matches!(self.toks.get(self.pos), Some((Tok::Word(x), _)) if x == w)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).map(|t| t.0.clone());
        self.pos += 1;
        t
    }

    fn expect(&mut self, t: Tok, what: &str) -> Result<(), ConditionError> {
        if self.toks.get(self.pos).map(|x| &x.0) == Some(&t) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error_here(&format!("expected {what}")))
        }
    }

    fn string(&mut self, what: &str) -> Result<String, ConditionError> {
        match self.toks.get(self.pos) {
            Some((Tok::Str(s), _)) => {
                let s = s.clone();
                self.pos += 1;
                Ok(s)
            }
            _ => Err(self.error_here(&format!("expected {what} in double quotes"))),
        }
    }

    fn enter(&mut self) -> Result<(), ConditionError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here("condition nested too deeply"));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Condition, ConditionError> {
        self.enter()?;
        let mut parts = vec![self.and()?];
        while self.peek_word("OR") {
            self.pos += 1;
            parts.push(self.and()?);
        }
        self.depth -= 1;
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::Any(parts)
        })
    }

    fn and(&mut self) -> Result<Condition, ConditionError> {
        let mut parts = vec![self.unary()?];
        while self.peek_word("AND") {
            self.pos += 1;
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::All(parts)
        })
    }

    fn unary(&mut self) -> Result<Condition, ConditionError> {
        let start = self.pos;
        match self.next() {
            Some(Tok::LParen) => {
                let c = self.or()?;
                self.expect(Tok::RParen, "`)`")?;
                Ok(c)
            }
            Some(Tok::Word(w)) => match w.as_str() {
                "NOT" => {
                    self.enter()?;
                    let c = self.unary()?;
                    self.depth -= 1;
                    Ok(Condition::Not(Box::new(c)))
                }
                "true" => Ok(Condition::All(Vec::new())),
                "false" => Ok(Condition::Any(Vec::new())),
                "all" | "any" => {
                    self.expect(Tok::LParen, "`(` after all/any")?;
                    let mut parts = Vec::new();
                    if self.toks.get(self.pos).map(|t| &t.0) != Some(&Tok::RParen) {
                        parts.push(self.or()?);
                        while self.toks.get(self.pos).map(|t| &t.0) == Some(&Tok::Comma) {
                            self.pos += 1;
                            parts.push(self.or()?);
                        }
                    }
                    self.expect(Tok::RParen, "`,` or `)`")?;
                    Ok(if w == "all" {
                        Condition::All(parts)
                    } else {
                        Condition::Any(parts)
                    })
                }
                "experience" => {
                    let years = match self.next() {
                        Some(Tok::Num(n)) => n,
                        _ => {
                            self.pos -= 1;
                            return Err(self.error_here("expected a number of years"));
                        }
                    };
                    if !self.peek_word("years") && !self.peek_word("year") {
                        return Err(self.error_here("expected `years`"));
                    }
                    self.pos += 1;
                    let field = if self.peek_word("in") {
                        self.pos += 1;
                        Some(self.string("a field of experience")?)
                    } else {
                        None
                    };
                    let c = Condition::Experience { years, field };
                    c.validate()?;
                    Ok(c)
                }
                "education" => match self.next() {
                    Some(Tok::Word(l)) => EducationLevel::parse(&l)
                        .map(Condition::Education)
                        .ok_or_else(|| {
                            self.pos -= 1;
                            self.error_here(
                                "expected an education level (none, high_school, postsecondary_certificate, associate, bachelor, master, doctorate)",
                            )
                        }),
                    _ => {
                        self.pos -= 1;
                        Err(self.error_here("expected an education level"))
                    }
                },
                "holds" => {
                    let active = self.peek_word("active");
                    if active {
                        self.pos += 1;
                    }
                    if self.peek_word("from") {
                        self.pos += 1;
                        let issuer = self.string("an issuer name")?;
                        Ok(Condition::HoldsFrom { issuer, active })
                    } else {
                        let credential = self.string("a credential id")?;
                        Ok(Condition::Holds { credential, active })
                    }
                }
                "age" => match self.next() {
                    Some(Tok::Num(n)) if n >= 0.0 && n.fract() == 0.0 && n <= 150.0 => {
                        Ok(Condition::MinAge(n as u32))
                    }
                    _ => {
                        self.pos -= 1;
                        Err(self.error_here("expected a whole number of years for age"))
                    }
                },
                "passes" => Ok(Condition::Passes(self.string("an assessment")?)),
                "completes" => Ok(Condition::Completes(self.string("a program")?)),
                "confirms" => Ok(Condition::Statement(self.string("a statement")?)),
                _ => {
                    self.pos = start;
                    Err(self.error_here(
                        "expected a condition (experience, education, holds, age, passes, completes, confirms, NOT, all, any, true, false or `(`)",
                    ))
                }
            },
            _ => {
                self.pos = start;
                Err(self.error_here("expected a condition"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cscp() -> Condition {
        Condition::Any(vec![
            Condition::Experience {
                years: 3.0,
                field: Some("business".into()),
            },
            Condition::Education(EducationLevel::Bachelor),
            Condition::HoldsFrom {
                issuer: "ASCM".into(),
                active: true,
            },
        ])
    }

    #[test]
    fn cscp_text_reads_as_written() {
        let text =
            r#"experience 3 years in "business" OR education bachelor OR holds active from "ASCM""#;
        assert_eq!(parse_condition(text).unwrap(), cscp());
        assert_eq!(cscp().to_text(), text);
    }

    #[test]
    fn and_binds_tighter_than_or() {
        let c = parse_condition(r#"age 18 AND passes "X" OR completes "Y""#).unwrap();
        assert_eq!(
            c,
            Condition::Any(vec![
                Condition::All(vec![Condition::MinAge(18), Condition::Passes("X".into())]),
                Condition::Completes("Y".into()),
            ])
        );
    }

    #[test]
    fn contradictions_are_found_and_consistent_conditions_pass() {
        let bad = |t: &str| parse_condition(t).unwrap().contradiction();
        for t in [
            "age 21 AND NOT age 18",
            "education bachelor AND NOT education associate",
            "experience 3 years in \"nursing\" AND NOT experience 1 years",
            "holds active \"ce-1\" AND all(age 18, NOT holds \"ce-1\")",
            "false",
            "(age 21 AND NOT age 21) OR false",
            "NOT true",
        ] {
            assert!(bad(t).is_some(), "{t} should be contradictory");
        }
        for t in [
            "age 18 AND NOT age 21",
            "education associate AND NOT education bachelor",
            "experience 1 years AND NOT experience 3 years in \"nursing\"",
            "holds \"ce-1\" AND NOT holds active \"ce-1\"",
            "(age 21 AND NOT age 18) OR education bachelor",
            "true",
        ] {
            assert_eq!(bad(t), None, "{t} can be met");
        }
        let why = bad("age 21 AND NOT age 18").unwrap();
        assert!(why.contains("age 21") && why.contains("age 18"), "{why}");
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse_condition("age 18 AND\n  educaton bachelor").unwrap_err();
        match e {
            ConditionError::Parse { line, column, .. } => assert_eq!((line, column), (2, 3)),
            other => panic!("unexpected {other:?}"),
        }
        assert!(parse_condition("education wizard").is_err());
        assert!(parse_condition("(age 18").is_err());
        assert!(parse_condition("experience -1 years").is_err());
        assert!(parse_condition("").is_err());
        let deep = "(".repeat(500) + "true" + &")".repeat(500);
        assert!(parse_condition(&deep).is_err());
    }

    #[test]
    fn toml_round_trips_cscp() {
        let t = cscp().to_toml().unwrap();
        assert_eq!(Condition::from_toml(&t).unwrap(), cscp());
    }

    fn arb_text() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a-zA-Z0-9 \"\\\\+.\n-]{0,12}").unwrap()
    }

    fn arb_condition() -> impl Strategy<Value = Condition> {
        let leaf = prop_oneof![
            (0u32..400, proptest::option::of(arb_text())).prop_map(|(q, field)| {
                Condition::Experience {
                    years: q as f64 / 4.0,
                    field,
                }
            }),
            (0usize..7).prop_map(|i| Condition::Education(EducationLevel::ALL[i])),
            (arb_text(), any::<bool>())
                .prop_map(|(credential, active)| Condition::Holds { credential, active }),
            (arb_text(), any::<bool>())
                .prop_map(|(issuer, active)| Condition::HoldsFrom { issuer, active }),
            (0u32..100).prop_map(Condition::MinAge),
            arb_text().prop_map(Condition::Passes),
            arb_text().prop_map(Condition::Completes),
            arb_text().prop_map(Condition::Statement),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Condition::All),
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Condition::Any),
                inner.prop_map(|c| Condition::Not(Box::new(c))),
            ]
        })
    }

    proptest! {
        #[test]
        fn text_round_trips(c in arb_condition()) {
            let text = c.to_text();
            prop_assert_eq!(parse_condition(&text).unwrap(), c);
        }

        #[test]
        fn toml_round_trips(c in arb_condition()) {
            let text = c.to_toml().unwrap();
            prop_assert_eq!(Condition::from_toml(&text).unwrap(), c);
        }

        #[test]
        fn parser_never_panics(s in "\\PC{0,80}") {
            let _ = parse_condition(&s);
            let _ = Condition::from_toml(&s);
        }

        #[test]
        fn parser_never_panics_on_near_grammar(s in "(experience|years|in|AND|OR|NOT|holds|active|from|age|education|bachelor|\\(|\\)|,|\"x\"|1\\.5|all|any| ){0,30}") {
            let _ = parse_condition(&s);
        }
    }
}
