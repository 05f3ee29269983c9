//! A posting body under construction: appends text in one of several layouts (plain lines,
//! one flattened line, HTML tags, HTML with `<br>`) and records each credential span with its
//! offsets in Unicode code points, so truth and text can never drift apart.

use credence_model::{Level, Mention, MentionKind, Section};

/// How the body is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Newlines, bullets and headings as plain text.
    Lines,
    /// Everything on one line (what many CSV exports do to descriptions).
    Flat,
    /// `<p>`, `<ul><li>` and heading tags; `&` written as `&amp;`.
    Html,
    /// Text lines joined with `<br>` (older applicant tracking systems).
    HtmlBr,
}

/// How headings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadingStyle {
    /// `Requirements:`
    Colon,
    /// `REQUIREMENTS`
    Upper,
    /// `**Requirements**`
    Bold,
    /// `## Requirements`
    Hash,
}

/// What the generator wants said about one credential span.
#[derive(Debug, Clone)]
pub(crate) struct SpanInfo {
    /// Canonical credential name or `unspecified`.
    pub credential: String,
    /// Catalog id, `None` for generic asks.
    pub credential_id: Option<String>,
    /// Kind of the credential.
    pub kind: MentionKind,
    /// How firmly it is asked for.
    pub level: Level,
    /// The catalog alias, acronym or rule name the span was written from.
    pub alias: Option<String>,
}

/// The body being written, with its mentions.
pub(crate) struct Doc {
    pub text: String,
    pub mentions: Vec<Mention>,
    cp: usize,
    pub words: usize,
    pub layout: Layout,
    pub heading_style: HeadingStyle,
    pub bullet: &'static str,
    section: Section,
    in_list: bool,
    /// Separator written between HTML block tags ("" or "\n").
    tag_gap: &'static str,
}

/// Code points in `s`, with a fast path for ASCII.
fn cps(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

impl Doc {
    /// An empty body in the given layout.
    pub fn new(
        layout: Layout,
        heading_style: HeadingStyle,
        bullet: &'static str,
        tag_gap: bool,
    ) -> Doc {
        Doc {
            text: String::with_capacity(4096),
            mentions: Vec::new(),
            cp: 0,
            words: 0,
            layout,
            heading_style,
            bullet,
            section: Section::Other,
            in_list: false,
            tag_gap: if tag_gap { "\n" } else { "" },
        }
    }

    /// True for the two HTML layouts.
    pub fn is_html(&self) -> bool {
        matches!(self.layout, Layout::Html | Layout::HtmlBr)
    }

    /// Appends markup or text exactly as given.
    fn raw(&mut self, s: &str) {
        self.cp += cps(s);
        self.text.push_str(s);
    }

    /// Appends prose, escaping `&`, `<` and `>` in HTML layouts.
    pub fn plain(&mut self, s: &str) {
        self.words += s.split_ascii_whitespace().count();
        if self.is_html() && s.contains(['&', '<', '>']) {
            let escaped = s
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            self.raw(&escaped);
        } else {
            self.raw(s);
        }
    }

    /// Appends prose with one space replaced by `&nbsp;` (HTML only), as pasted text often has.
    pub fn plain_nbsp(&mut self, s: &str) {
        match s.find(' ') {
            Some(i) if self.is_html() => {
                self.plain(&s[..i]);
                self.raw("&nbsp;");
                self.words += 1;
                self.plain(&s[i + 1..]);
            }
            _ => self.plain(s),
        }
    }

    /// True when `surface` can be written verbatim as a span in this layout (no entities needed).
    pub fn span_fits(&self, surface: &str) -> bool {
        !(self.is_html() && surface.contains(['&', '<', '>']))
    }

    /// Appends a credential span and records its mention in the current section.
    pub fn span(&mut self, surface: &str, info: &SpanInfo) {
        debug_assert!(self.span_fits(surface));
        let start = self.cp;
        self.words += surface.split_ascii_whitespace().count();
        self.raw(surface);
        self.mentions.push(Mention {
            start,
            end: self.cp,
            surface: surface.to_string(),
            credential: info.credential.clone(),
            credential_id: info.credential_id.clone(),
            kind: info.kind,
            level: info.level,
            alias: info.alias.clone(),
            section: self.section,
        });
    }

    /// Writes a heading and makes `section` the section of every later span.
    pub fn heading(&mut self, title: &str, section: Section) {
        self.section = section;
        let styled = match self.heading_style {
            HeadingStyle::Colon => format!("{title}:"),
            HeadingStyle::Upper => title.to_uppercase(),
            HeadingStyle::Bold => format!("**{title}**"),
            HeadingStyle::Hash => format!("## {title}"),
        };
        match self.layout {
            Layout::Lines => {
                self.plain(&styled);
                self.raw("\n");
            }
            Layout::Flat => {
                self.plain(&styled);
                self.raw(" ");
            }
            Layout::Html => {
                let (open, close) = if self.heading_style == HeadingStyle::Bold {
                    ("<p><strong>", "</strong></p>")
                } else {
                    ("<h3>", "</h3>")
                };
                self.raw(open);
                self.plain(title);
                self.raw(close);
                let gap = self.tag_gap;
                self.raw(gap);
            }
            Layout::HtmlBr => {
                self.raw("<b>");
                self.plain(title);
                self.raw("</b><br>");
            }
        }
    }

    /// Sets the section without writing a heading (text before any heading is `Other`).
    pub fn set_section(&mut self, section: Section) {
        self.section = section;
    }

    /// Opens a paragraph.
    pub fn open_para(&mut self) {
        if self.layout == Layout::Html {
            self.raw("<p>");
        }
    }

    /// Separates two sentences inside a paragraph.
    pub fn sentence_gap(&mut self) {
        self.raw(" ");
    }

    /// Closes a paragraph.
    pub fn close_para(&mut self) {
        match self.layout {
            Layout::Lines => self.raw("\n\n"),
            Layout::Flat => self.raw(" "),
            Layout::Html => {
                self.raw("</p>");
                let gap = self.tag_gap;
                self.raw(gap);
            }
            Layout::HtmlBr => self.raw("<br><br>"),
        }
    }

    /// Opens a bulleted list.
    pub fn open_list(&mut self) {
        self.in_list = true;
        if self.layout == Layout::Html {
            self.raw("<ul>");
        }
    }

    /// Starts one bullet.
    pub fn open_item(&mut self) {
        match self.layout {
            Layout::Html => self.raw("<li>"),
            Layout::Flat => {
                let b = self.bullet;
                self.raw(b);
            }
            Layout::Lines | Layout::HtmlBr => {
                let b = self.bullet;
                self.raw(b);
            }
        }
    }

    /// Ends one bullet.
    pub fn close_item(&mut self) {
        match self.layout {
            Layout::Html => self.raw("</li>"),
            Layout::Flat => self.raw(" "),
            Layout::Lines => self.raw("\n"),
            Layout::HtmlBr => self.raw("<br>"),
        }
    }

    /// Closes the list.
    pub fn close_list(&mut self) {
        self.in_list = false;
        match self.layout {
            Layout::Html => {
                self.raw("</ul>");
                let gap = self.tag_gap;
                self.raw(gap);
            }
            Layout::Lines => self.raw("\n"),
            Layout::Flat => {}
            Layout::HtmlBr => self.raw("<br>"),
        }
    }

    /// Removes trailing whitespace so the text does not end in blank lines.
    pub fn finish(mut self) -> (String, Vec<Mention>) {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        (self.text, self.mentions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> SpanInfo {
        SpanInfo {
            credential: "X".into(),
            credential_id: None,
            kind: MentionKind::License,
            level: Level::Required,
            alias: None,
        }
    }

    #[test]
    fn offsets_count_code_points_after_non_ascii_and_entities() {
        let mut d = Doc::new(Layout::Html, HeadingStyle::Colon, "- ", false);
        d.heading("Café & naïve — £", Section::Requirements);
        d.open_para();
        d.plain("Zoë’s 🚚 team & co ");
        d.span("Class A CDL", &info());
        d.close_para();
        let (text, mentions) = d.finish();
        let m = &mentions[0];
        let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(slice, "Class A CDL");
        assert_eq!(m.section, Section::Requirements);
        assert!(text.contains("&amp;"));
    }
}
