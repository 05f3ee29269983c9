//! Case-insensitive phrase matching on word boundaries that returns the exact span found.

/// A phrase match: byte range in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// Start byte.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

impl Span {
    /// True when `other` lies inside `self`.
    fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in bytes.
    fn len(&self) -> usize {
        self.end - self.start
    }
}

/// True when `c` continues a word.
fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// First occurrence of `phrase` (ASCII, lower case) in `text` that starts on a word boundary and,
/// unless `prefix`, ends on one; with `prefix` the span runs to the end of the word.
pub(crate) fn find_phrase(text: &str, phrase: &str, prefix: bool) -> Option<Span> {
    if phrase.is_empty() {
        return None;
    }
    // ASCII lower-casing keeps every byte offset, so spans index the original text.
    let lowered = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lowered.get(from..).and_then(|rest| rest.find(phrase)) {
        let start = from + pos;
        let end = start + phrase.len();
        let before_ok = !lowered[..start].chars().next_back().is_some_and(is_word);
        let after = lowered[end..].chars().next();
        if before_ok && (prefix || !after.is_some_and(is_word)) {
            let end = if prefix { word_end(&lowered, end) } else { end };
            return Some(Span { start, end });
        }
        from = start + lowered[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Byte offset where the word running through `at` ends.
fn word_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// Keeps the longest spans and drops any span inside an already kept one, so that
/// "certificate of completion" is not also counted as "certificate".
pub(crate) fn drop_nested<T>(mut hits: Vec<(Span, T)>) -> Vec<(Span, T)> {
    hits.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.start.cmp(&b.0.start)));
    let mut kept: Vec<(Span, T)> = Vec::new();
    for hit in hits {
        if !kept.iter().any(|(k, _)| k.contains(&hit.0)) {
            kept.push(hit);
        }
    }
    kept.sort_by_key(|(s, _)| s.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_on_word_boundaries() {
        let t = "Certified Nursing Assistant";
        let s = find_phrase(t, "certified", false).expect("found");
        assert_eq!(&t[s.start..s.end], "Certified");
        assert!(find_phrase("Uncertified", "certified", false).is_none());
        assert!(find_phrase("certificates", "certificate", false).is_none());
    }

    #[test]
    fn prefix_runs_to_word_end() {
        let t = "must recertify every 3 years";
        let s = find_phrase(t, "recertif", true).expect("found");
        assert_eq!(&t[s.start..s.end], "recertify");
    }

    #[test]
    fn non_ascii_is_safe() {
        assert!(find_phrase("Ünïcødé ✓ certificate", "certificate", false).is_some());
        assert!(find_phrase("ééé", "e", false).is_none());
    }

    #[test]
    fn nested_spans_are_dropped() {
        let a = Span { start: 0, end: 25 };
        let b = Span { start: 0, end: 11 };
        let kept = drop_nested(vec![(b, "short"), (a, "long")]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].1, "long");
    }
}
