//! Text normalization shared by the loader and the resolver, so a Gazetteer name and a posting's
//! words meet in the same form: lowercase ASCII-folded tokens, "St."/"Saint" → `st`, "Ft."/"Fort"
//! → `ft`, "Mt."/"Mount" → `mt`, periods and apostrophes dropped, and punctuation splitting the
//! text into segments (a comma, a parenthesis or a spaced dash starts a new segment).

/// At most this many bytes of a location are read; longer input is cut at a character boundary.
pub(crate) const MAX_BYTES: usize = 1024;
/// At most this many tokens are kept, which bounds the work per resolution.
pub(crate) const MAX_TOKENS: usize = 64;

/// One word of normalized text: a byte range into [`Tokens::buf`] plus what the original looked like.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Start byte in the normalized buffer.
    pub start: usize,
    /// End byte (exclusive) in the normalized buffer.
    pub end: usize,
    /// Segment number: tokens in different segments never form one name.
    pub seg: u16,
    /// The original spelling had letters and all of them were uppercase (`TX`, `IN`).
    pub upper: bool,
}

/// A normalized text: tokens separated by single spaces in `buf`, so any run of tokens is a slice.
#[derive(Debug, Default)]
pub(crate) struct Tokens {
    /// Normalized tokens joined by single spaces.
    pub buf: String,
    /// The tokens, in order.
    pub toks: Vec<Tok>,
    /// The original text had letters and none of them was lowercase ("AUSTIN, TX").
    pub all_upper: bool,
}

impl Tokens {
    /// The normalized text of tokens `from..to` (exclusive), joined by single spaces.
    pub fn span(&self, from: usize, to: usize) -> &str {
        match (
            self.toks.get(from),
            to.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(a), Some(b)) if from < to => self.buf.get(a.start..b.end).unwrap_or(""),
            _ => "",
        }
    }

    /// The normalized text of one token.
    pub fn word(&self, i: usize) -> &str {
        self.span(i, i + 1)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.toks.len()
    }

    /// Whether token `i` is the only token of its segment.
    pub fn alone_in_segment(&self, i: usize) -> bool {
        self.first_in_segment(i) && self.last_in_segment(i)
    }

    /// Whether token `i` opens its segment.
    pub fn first_in_segment(&self, i: usize) -> bool {
        i == 0 || self.toks.get(i - 1).map(|t| t.seg) != self.toks.get(i).map(|t| t.seg)
    }

    /// Whether token `i` closes its segment.
    pub fn last_in_segment(&self, i: usize) -> bool {
        self.toks.get(i + 1).map(|t| t.seg) != self.toks.get(i).map(|t| t.seg)
    }

    /// Whether tokens `from..to` all lie in one segment.
    pub fn same_segment(&self, from: usize, to: usize) -> bool {
        match (
            self.toks.get(from),
            to.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(a), Some(b)) => a.seg == b.seg,
            _ => false,
        }
    }
}

/// Characters that vanish without splitting a word: "St." → `st`, "O'Fallon" → `ofallon`, "U.S." → `us`.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '`' | '´' | 'ʼ')
}

/// Characters that end a segment, so words on either side never form one name.
fn is_segment_break(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | '|'
            | '/'
            | '\\'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | ':'
            | '\n'
            | '\r'
            | '•'
            | '·'
            | '–'
            | '—'
            | '>'
            | '<'
            | '+'
            | '&'
    )
}

/// ASCII form of the accented Latin letters found in Gazetteer names and common in postings.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
            "a"
        }
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => "i",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "o",
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => "u",
        'ñ' | 'Ñ' => "n",
        'ç' | 'Ç' | 'č' | 'Č' => "c",
        'ý' | 'ÿ' | 'Ý' => "y",
        'š' | 'Š' => "s",
        'ž' | 'Ž' => "z",
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => return None,
    })
}

/// The canonical spelling of abbreviations that name parts of places.
fn canonical(word: &str) -> Option<&'static str> {
    Some(match word {
        "saint" => "st",
        "sainte" => "ste",
        "fort" => "ft",
        "mount" => "mt",
        _ => return None,
    })
}

/// Builder state while scanning characters.
struct Builder {
    out: Tokens,
    start: Option<usize>,
    seg: u16,
    has_upper: bool,
    has_lower: bool,
    text_upper: bool,
    text_lower: bool,
}

impl Builder {
    fn push_char(&mut self, c: char) {
        if self.out.toks.len() >= MAX_TOKENS {
            return;
        }
        if self.start.is_none() {
            if !self.out.buf.is_empty() {
                self.out.buf.push(' ');
            }
            self.start = Some(self.out.buf.len());
        }
        if c.is_uppercase() {
            self.has_upper = true;
            self.text_upper = true;
        } else if c.is_lowercase() {
            self.has_lower = true;
            self.text_lower = true;
        }
        if c.is_ascii() {
            self.out.buf.push(c.to_ascii_lowercase());
        } else if let Some(f) = fold(c) {
            self.out.buf.push_str(f);
        } else {
            self.out.buf.extend(c.to_lowercase());
        }
    }

    fn end_word(&mut self) {
        let Some(start) = self.start.take() else {
            return;
        };
        if let Some(c) = self.out.buf.get(start..).and_then(canonical) {
            self.out.buf.truncate(start);
            self.out.buf.push_str(c);
        }
        let end = self.out.buf.len();
        self.out.toks.push(Tok {
            start,
            end,
            seg: self.seg,
            upper: self.has_upper && !self.has_lower,
        });
        self.has_upper = false;
        self.has_lower = false;
    }

    fn end_segment(&mut self) {
        self.end_word();
        self.seg = self.seg.saturating_add(1);
    }
}

/// The longest prefix of `text` that fits in `max` bytes and ends on a character boundary.
fn clip(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// Splits a location or a Gazetteer name into normalized tokens and segments.
pub(crate) fn tokenize(text: &str) -> Tokens {
    let text = clip(text, MAX_BYTES);
    let mut b = Builder {
        out: Tokens::default(),
        start: None,
        seg: 0,
        has_upper: false,
        has_lower: false,
        text_upper: false,
        text_lower: false,
    };
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if is_joiner(c) || ('\u{300}'..='\u{36f}').contains(&c) {
            continue;
        }
        if c.is_alphanumeric() {
            b.push_char(c);
        } else if is_segment_break(c) {
            b.end_segment();
        } else if c == '-' || c == '‐' || c == '‑' {
            let spaced_before = i == 0 || chars.get(i - 1).is_some_and(|p| p.is_whitespace());
            let spaced_after = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
            if spaced_before || spaced_after {
                b.end_segment();
            } else {
                b.end_word();
            }
        } else {
            b.end_word();
        }
    }
    b.end_word();
    b.out.all_upper = b.text_upper && !b.text_lower;
    b.out
}

/// The normalized key of a name: its tokens joined by single spaces, segments ignored.
pub(crate) fn key(name: &str) -> String {
    tokenize(name).buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_punctuation_meet_in_one_form() {
        assert_eq!(key("St. Louis"), "st louis");
        assert_eq!(key("Saint Louis"), "st louis");
        assert_eq!(key("Ft. Worth"), "ft worth");
        assert_eq!(key("Fort Worth"), "ft worth");
        assert_eq!(key("O'Fallon"), "ofallon");
        assert_eq!(key("Cañon City"), "canon city");
        assert_eq!(key("Winston-Salem"), "winston salem");
    }

    #[test]
    fn segments_split_on_commas_and_spaced_dashes_only() {
        let t = tokenize("Remote - TX, Austin-Round Rock");
        let segs: Vec<u16> = t.toks.iter().map(|t| t.seg).collect();
        assert_eq!(segs, vec![0, 1, 2, 2, 2]);
        assert!(t.toks[1].upper && !t.toks[0].upper);
        assert_eq!(t.span(2, 5), "austin round rock");
    }

    #[test]
    fn long_input_is_clipped_on_a_char_boundary() {
        let s = "é".repeat(5000);
        let t = tokenize(&s);
        assert!(t.buf.len() <= MAX_BYTES);
        assert_eq!(t.len(), 1);
    }
}
