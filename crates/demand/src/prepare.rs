//! Posting text as the extractor reads it: HTML removed, entities decoded, offsets kept.
//!
//! Mentions must point into the text field *as it was read* (code points), so an auditor can
//! check every count against the source. Removing tags therefore keeps a map from each byte of
//! the cleaned text back to the code point it came from. Plain text, the common case, needs no
//! map at all: cleaned text and source are the same string.

use std::borrow::Cow;

/// Cleaned posting text plus the way back to source offsets.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// Text with tags removed and entities decoded; what every rule reads.
    pub text: Cow<'a, str>,
    /// For rewritten input: source code point offset of each byte of `text`, plus a final
    /// entry holding the source length in code points (the end of the last span).
    origin: Option<Vec<u32>>,
}

impl<'a> Prepared<'a> {
    /// Prepares a posting's text; only HTML, or text with no-break spaces, is rewritten.
    pub fn new(source: &'a str) -> Self {
        let rewritten = if looks_like_html(source) {
            Some(straight_quotes(strip_html(source)))
        } else if source.contains(['\u{a0}', '\u{2018}', '\u{2019}']) {
            // No-break spaces (pasted from word processors) become spaces, so "Emergency
            // First\u{a0}Responder" matches like any other name; curly apostrophes become
            // straight ones, so "don\u{2019}t have it yet" reads like "don't have it yet".
            Some(straight_quotes(replace_no_break_spaces(source)))
        } else {
            None
        };
        match rewritten {
            Some((text, origin)) => Prepared {
                text: Cow::Owned(text),
                origin: Some(origin),
            },
            None => Prepared {
                text: Cow::Borrowed(source),
                origin: None,
            },
        }
    }

    /// Converts sorted byte offsets of `text` into source code point offsets in one pass.
    pub fn to_source_chars(&self, byte_offsets: &[usize]) -> Vec<usize> {
        match &self.origin {
            Some(origin) => byte_offsets
                .iter()
                .map(|&b| origin.get(b).or(origin.last()).map_or(0, |&c| c as usize))
                .collect(),
            None => chars_at(&self.text, byte_offsets),
        }
    }
}

/// Code point offsets of sorted byte offsets in `text`, counting each character once.
fn chars_at(text: &str, byte_offsets: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(byte_offsets.len());
    let mut order: Vec<usize> = (0..byte_offsets.len()).collect();
    order.sort_by_key(|&i| byte_offsets[i]);
    out.resize(byte_offsets.len(), 0);
    let (mut byte, mut chars) = (0usize, 0usize);
    for i in order {
        let target = byte_offsets[i].min(text.len());
        if target > byte {
            chars += count_chars(&text.as_bytes()[byte..target]);
            byte = target;
        }
        out[i] = chars;
    }
    out
}

/// Counts UTF-8 code points in a byte slice that starts and ends on char boundaries.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// True when the text holds a tag or an entity, so stripping is worth its cost.
pub fn looks_like_html(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'<', b).any(|i| {
        b.get(i + 1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!')
    }) || memchr::memchr_iter(b'&', b).any(|i| entity_len(&text[i..]).is_some())
}

/// Tags that end a line of text when removed, so headings and list items stay separate.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "dt",
    "dd",
    "hr",
    "blockquote",
];

/// Removes tags, comments, scripts and styles; decodes entities; records each byte's origin.
fn strip_html(source: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(source.len());
    let mut origin: Vec<u32> = Vec::with_capacity(source.len() + 1);
    let bytes = source.as_bytes();
    let (mut bi, mut ci) = (0usize, 0usize);
    while bi < bytes.len() {
        // Ordinary text up to the next byte that may start a tag, an entity or a no-break
        // space (0xC2 leads U+00A0) is copied as one run.
        let end = memchr::memchr3(b'<', b'&', 0xC2, &bytes[bi..]).map_or(bytes.len(), |k| bi + k);
        if end > bi {
            ci = copy_run(&mut out, &mut origin, &source[bi..end], ci);
            bi = end;
            continue;
        }
        let rest = &source[bi..];
        let Some(c) = rest.chars().next() else { break };
        if c == '<'
            && bytes
                .get(bi + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'/' || *n == b'!')
        {
            let (skip, block) = tag_extent(rest);
            if block && !out.ends_with('\n') {
                push(&mut out, &mut origin, "\n", ci);
            }
            let next = ceil_boundary(source, bi + skip.max(1));
            ci += count_chars(&bytes[bi..next]);
            bi = next;
            continue;
        }
        if c == '&' {
            if let Some(len) = entity_len(rest) {
                let decoded = html_escape::decode_html_entities(&rest[..len]);
                let decoded = if decoded == "\u{a0}" {
                    Cow::Borrowed(" ")
                } else {
                    decoded
                };
                push(&mut out, &mut origin, &decoded, ci);
                ci += count_chars(&bytes[bi..bi + len]);
                bi += len;
                continue;
            }
        }
        let mut buf = [0u8; 4];
        let shown = if c == '\u{a0}' { ' ' } else { c };
        push(&mut out, &mut origin, shown.encode_utf8(&mut buf), ci);
        ci += 1;
        bi += c.len_utf8();
    }
    origin.push(ci as u32);
    (out, origin)
}

/// Plain text with each no-break space replaced by a space, and the offset map back.
fn replace_no_break_spaces(source: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(source.len());
    let mut origin: Vec<u32> = Vec::with_capacity(source.len() + 1);
    let mut ci = 0;
    for (k, run) in source.split('\u{a0}').enumerate() {
        if k > 0 {
            push(&mut out, &mut origin, " ", ci);
            ci += 1;
        }
        ci = copy_run(&mut out, &mut origin, run, ci);
    }
    origin.push(ci as u32);
    (out, origin)
}

/// Replaces curly single quotes (three bytes each) with a straight apostrophe, dropping the
/// two bytes' entries from the offset map, so cue phrases written with "'" match.
fn straight_quotes((text, origin): (String, Vec<u32>)) -> (String, Vec<u32>) {
    if !text.contains(['\u{2018}', '\u{2019}']) {
        return (text, origin);
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(origin.len());
    for (b, c) in text.char_indices() {
        if matches!(c, '\u{2018}' | '\u{2019}') {
            out.push('\'');
            map.push(origin[b]);
        } else {
            out.push(c);
            map.extend_from_slice(&origin[b..b + c.len_utf8()]);
        }
    }
    map.push(*origin.last().unwrap_or(&0));
    (out, map)
}

/// Appends a run of plain text, mapping each byte to the code point it belongs to; returns
/// the code point index after the run.
fn copy_run(out: &mut String, origin: &mut Vec<u32>, run: &str, mut ci: usize) -> usize {
    out.push_str(run);
    for &b in run.as_bytes() {
        // A continuation byte belongs to the code point its lead byte began.
        if (b as i8) < -0x40 {
            origin.push(ci.saturating_sub(1) as u32);
        } else {
            origin.push(ci as u32);
            ci += 1;
        }
    }
    ci
}

/// The first char boundary of `s` at or after byte `i`.
fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Appends `s`, mapping each of its bytes to source code point `ci`.
fn push(out: &mut String, origin: &mut Vec<u32>, s: &str, ci: usize) {
    out.push_str(s);
    origin.extend(std::iter::repeat_n(ci as u32, s.len()));
}

/// Length in bytes of a tag, comment, script or style element starting at `rest`, and whether
/// removing it should break the line.
fn tag_extent(rest: &str) -> (usize, bool) {
    if let Some(body) = rest.strip_prefix("<!--") {
        return (body.find("-->").map_or(rest.len(), |e| 4 + e + 3), false);
    }
    let close = rest.find('>').map_or(rest.len(), |e| e + 1);
    let name: String = rest[1..close.min(rest.len())]
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if (name == "script" || name == "style") && !rest[1..].starts_with('/') {
        let end_tag = format!("</{name}");
        let lower = rest.to_ascii_lowercase();
        let end = lower[close..]
            .find(&end_tag)
            .map(|e| close + e)
            .and_then(|e| rest[e..].find('>').map(|g| e + g + 1))
            .unwrap_or(rest.len());
        return (end, true);
    }
    (close, BLOCK_TAGS.contains(&name.as_str()))
}

/// Length of an HTML entity (`&amp;`, `&#39;`, `&#x27;`) at the start of `rest`, if any.
fn entity_len(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let end = b.iter().take(12).position(|&c| c == b';')?;
    let body = &rest[1..end];
    let ok = if let Some(num) = body.strip_prefix('#') {
        let digits = num.strip_prefix(['x', 'X']).unwrap_or(num);
        !digits.is_empty() && digits.chars().all(|c| c.is_ascii_hexdigit())
    } else {
        !body.is_empty() && body.chars().all(|c| c.is_ascii_alphanumeric())
    };
    (ok && html_escape::decode_html_entities(&rest[..=end]) != rest[..=end]).then_some(end + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source_span(source: &str, p: &Prepared, needle: &str) -> String {
        let b = p.text.find(needle).unwrap();
        let offs = p.to_source_chars(&[b, b + needle.len()]);
        source
            .chars()
            .skip(offs[0])
            .take(offs[1] - offs[0])
            .collect()
    }

    /// Texts built from pieces that exercise every branch: tags, entities, no-break spaces,
    /// multibyte letters, stray `<` and `&`.
    fn mixed_texts() -> Vec<String> {
        const PIECES: [&str; 16] = [
            "\u{2019}",
            "&rsquo;",
            "<p>",
            "</li>",
            "<br/>",
            "&amp;",
            "&nbsp;",
            "&#x27;",
            "\u{a0}",
            "é",
            "Ω",
            "a",
            " ",
            "< 5",
            "& co",
            "<!-- x -->",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..400)
            .map(|n| {
                (0..(n % 23))
                    .map(|_| {
                        state = state
                            .wrapping_mul(6_364_136_223_846_793_005)
                            .wrapping_add(1_442_695_040_888_963_407);
                        PIECES[(state >> 33) as usize % PIECES.len()]
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn every_byte_maps_back_to_the_code_point_it_came_from() {
        for source in mixed_texts() {
            let p = Prepared::new(&source);
            let Some(origin) = &p.origin else {
                continue;
            };
            let src: Vec<char> = source.chars().collect();
            assert_eq!(origin.len(), p.text.len() + 1, "{source:?}");
            assert_eq!(*origin.last().unwrap() as usize, src.len(), "{source:?}");
            assert!(origin.windows(2).all(|w| w[0] <= w[1]), "{source:?}");
            for (b, c) in p.text.char_indices() {
                let from = src[origin[b] as usize];
                // Copied text maps to itself; a no-break space, a tag's line break or a
                // decoded entity maps to the character that began it.
                let ok = from == c
                    || (c == ' ' && from == '\u{a0}')
                    || (c == '\'' && matches!(from, '\u{2018}' | '\u{2019}'))
                    || from == '<'
                    || from == '&';
                assert!(ok, "{source:?}: byte {b} {c:?} came from {from:?}");
            }
        }
    }

    #[test]
    fn curly_apostrophes_read_as_straight_ones_and_map_back() {
        let s = "Don\u{2019}t have your CSCS card? We\u{2019}ll book you in.";
        let p = Prepared::new(s);
        assert!(p.text.starts_with("Don't have your CSCS card? We'll"));
        assert_eq!(source_span(s, &p, "CSCS card"), "CSCS card");
        let h = "<p>If you don&rsquo;t have it yet, we\u{2019}ll pay</p>";
        assert!(Prepared::new(h)
            .text
            .contains("don't have it yet, we'll pay"));
    }

    #[test]
    fn no_break_spaces_read_as_spaces_and_map_back() {
        let s = "Café: Emergency First\u{a0}Responder (EFR) card";
        let p = Prepared::new(s);
        assert!(p.text.contains("Emergency First Responder (EFR)"));
        assert_eq!(
            source_span(s, &p, "First Responder"),
            "First\u{a0}Responder"
        );
        let h = "<p>BLS\u{a0}card</p>";
        assert!(Prepared::new(h).text.contains("BLS card"));
    }

    #[test]
    fn plain_text_is_borrowed_and_offsets_count_code_points() {
        let s = "Café naïve — must hold a Class A CDL";
        let p = Prepared::new(s);
        assert!(matches!(p.text, Cow::Borrowed(_)));
        assert_eq!(source_span(s, &p, "Class A CDL"), "Class A CDL");
        let b = s.find("Class").unwrap();
        assert_eq!(p.to_source_chars(&[b])[0], s[..b].chars().count());
    }

    #[test]
    fn html_is_stripped_and_spans_map_back_to_the_markup() {
        let s = "<h2>Requirements</h2><ul><li>Valid <b>Class A</b> CDL</li><li>BLS&nbsp;card &amp; CPR</li></ul>";
        let p = Prepared::new(s);
        assert!(p.text.contains("Requirements\n"));
        assert!(p.text.contains("Valid Class A CDL"));
        assert!(p.text.contains("BLS card & CPR"));
        let b = p.text.find("CPR").unwrap();
        let o = p.to_source_chars(&[b, b + 3]);
        assert_eq!(&s[o[0]..o[1]], "CPR");
    }

    #[test]
    fn scripts_comments_and_stray_angles_do_not_leak_or_panic() {
        let s =
            "<script>var x = '<li>CDL</li>';</script><!-- CPR -->a < b & c &bogus; &#9999999999;";
        let p = Prepared::new(s);
        assert!(!p.text.contains("CDL"));
        assert!(!p.text.contains("CPR"));
        assert!(p.text.contains("a < b & c &bogus;"));
        for t in ["<", "<a", "&", "&#;", "&#x;", "<!--", "<script", "é<b>é"] {
            let p = Prepared::new(t);
            let _ = p.to_source_chars(&[0, p.text.len()]);
        }
    }
}
