//! One normalization for documents and queries, so spellings of the same credential meet.
//!
//! Tokenizers drop punctuation, which would turn `A+`, `Network+` and `C++` into `a`, `network`
//! and `c`. Before tokenizing we fold a trailing `+` into the word (`aplus`, `networkplus`,
//! `cplusplus`), and the spelled-out form `a plus` into the same token. `&` becomes `and`.

/// Rewrites text so that `A+`, `a+` and `a plus` produce the same token.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev_alnum = false;
    for c in text.chars() {
        match c {
            '+' if prev_alnum => out.push_str("plus"),
            '+' => out.push(' '),
            '&' => out.push_str(" and "),
            _ => out.push(c),
        }
        prev_alnum = c.is_alphanumeric() || (c == '+' && prev_alnum);
    }
    join_spelled_plus(&out)
}

/// Folds simple English plurals (`certifications`, `nurses`) onto the singular, on both sides.
///
/// A full stemmer would also merge `certificate` and `certification`, the very distinction
/// credence exists to keep, so only a trailing `s` is dropped (not `ss`, not short words).
fn singular(word: &str) -> &str {
    let n = word.len();
    if n > 4
        && word.is_ascii()
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
    {
        &word[..n - 1]
    } else {
        word
    }
}

/// `a plus` → `aplus`, when `plus` follows a single letter or a word a `+` usually ends.
fn join_spelled_plus(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for w in words {
        let joinable = out
            .last()
            .map(|p| p.chars().count() == 1 && p.chars().all(char::is_alphanumeric))
            .unwrap_or(false);
        if joinable && w.eq_ignore_ascii_case("plus") {
            if let Some(last) = out.last_mut() {
                last.push_str("plus");
            }
        } else {
            // Fold the plural of the word's letters, keeping punctuation around it ("nurses," → "nurse,").
            let core_end = w.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            let (core, tail) = w.split_at(core_end);
            out.push(format!("{}{tail}", singular(core)));
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::normalize_text;

    #[test]
    fn plus_spellings_meet() {
        assert_eq!(normalize_text("CompTIA A+"), "CompTIA Aplus");
        assert_eq!(normalize_text("comptia a plus"), "comptia aplus");
        assert_eq!(normalize_text("a+ certification"), "aplus certification");
        assert_eq!(normalize_text("Network+ (Net+)"), "Networkplus (Netplus)");
        assert_eq!(normalize_text("C++"), "Cplusplus");
        assert_eq!(normalize_text("AT&T"), "AT and T");
        assert_eq!(normalize_text("+ +"), "");
        assert_eq!(
            normalize_text("Certifications for nurses"),
            "Certification for nurse"
        );
        assert_eq!(normalize_text("business status"), "business status");
        assert_eq!(
            normalize_text("Registered nurses, LPNs."),
            "Registered nurse, LPNs."
        );
    }
}
