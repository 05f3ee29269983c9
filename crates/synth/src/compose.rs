//! Writes one posting body from a plan: the sections in order, the filler, the negatives and each
//! planned credential in a phrasing that matches its level, recording every span in the truth.

use credence_model::{Level, Mention, MentionKind, Section};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::catalog::CatalogEntry;
use crate::doc::{Doc, HeadingStyle, Layout, SpanInfo};
use crate::phrasing::{self as ph, Domain, Slot};

/// What a planned mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A catalog row, by index.
    Entry(usize),
    /// A generic ask from [`ph::GENERIC`], by index.
    Generic(usize),
    /// "No certification needed": the word `certification`, level unclear.
    NoneNeeded,
}

/// One credential the posting will mention, and how firmly.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plan {
    pub target: Target,
    pub level: Level,
}

/// Everything about the posting that the wording depends on.
pub(crate) struct Context<'a> {
    pub uk: bool,
    pub domain: Domain,
    pub employer: &'a str,
    pub town: &'a str,
    pub state_name: &'a str,
    pub target_words: usize,
    pub html: bool,
    pub flat: bool,
}

/// A chosen surface form: the text written and the catalog form it came from.
struct Surface {
    text: String,
    alias: String,
}

/// Class and endorsement spans for the CDL row: (surface, catalog alias).
const CDL_SPECIAL: &[(&str, &str)] = &[
    (
        "Class A CDL with Hazmat and Tanker endorsements",
        "Class A CDL",
    ),
    ("Class A CDL with Hazmat endorsement", "Class A CDL"),
    (
        "Class A CDL with doubles/triples endorsement",
        "Class A CDL",
    ),
    (
        "Class B CDL with passenger and school bus endorsements",
        "Class B CDL",
    ),
    ("Class B CDL with air brake endorsement", "Class B CDL"),
    ("CDL-A with tanker endorsement", "CDL-A"),
    (
        "Class A Commercial Driver's License (CDL)",
        "Class A Commercial Driver's License",
    ),
    ("Class A CDL", "Class A CDL"),
    ("CDL-A", "CDL-A"),
];

/// Picks uniformly from the union of two pools (shared and country-specific wordings).
fn pick2<'a>(rng: &mut ChaCha8Rng, a: &[&'a str], b: &[&'a str]) -> &'a str {
    let i = rng.gen_range(0..a.len() + b.len());
    if i < a.len() {
        a[i]
    } else {
        b[i - a.len()]
    }
}

/// True when lower-casing `alias` still reads naturally (no acronyms or brand capitals inside).
fn lowercasable(alias: &str) -> bool {
    alias.split(' ').all(|w| {
        w.chars().skip(1).all(|c| !c.is_uppercase())
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
    })
}

/// Upper-cases the first character at the start of a sentence, unless the first word already
/// has capitals (acronyms such as `aPHR` keep their case).
fn capitalize(s: &str) -> String {
    let first_word = s.split(' ').next().unwrap_or("");
    if first_word.chars().any(char::is_uppercase) {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The word a coordinated list ends with, or `None` when the kind does not list naturally.
fn list_word(kind: MentionKind) -> Option<&'static str> {
    match kind {
        MentionKind::Certification | MentionKind::Certificate => Some("certifications"),
        MentionKind::License => Some("licenses"),
        _ => None,
    }
}

/// Writes one posting body.
pub(crate) struct Composer<'a> {
    pub rng: &'a mut ChaCha8Rng,
    pub entries: &'a [CatalogEntry],
    pub ctx: Context<'a>,
    pub doc: Doc,
    headings: bool,
}

impl<'a> Composer<'a> {
    /// A composer with a randomly chosen layout and heading style.
    pub fn new(rng: &'a mut ChaCha8Rng, entries: &'a [CatalogEntry], ctx: Context<'a>) -> Self {
        let layout = if ctx.html {
            if rng.gen_bool(0.75) {
                Layout::Html
            } else {
                Layout::HtmlBr
            }
        } else if ctx.flat {
            Layout::Flat
        } else {
            Layout::Lines
        };
        let style = *[
            HeadingStyle::Colon,
            HeadingStyle::Upper,
            HeadingStyle::Bold,
            HeadingStyle::Hash,
        ]
        .choose(rng)
        .unwrap_or(&HeadingStyle::Colon);
        let bullet = *["- ", "• ", "* ", "✔ ", "· ", "– "]
            .choose(rng)
            .unwrap_or(&"- ");
        let gap = rng.gen_bool(0.5);
        let headings = rng.gen_bool(0.85);
        Composer {
            doc: Doc::new(layout, style, bullet, gap),
            rng,
            entries,
            ctx,
            headings,
        }
    }

    /// Replaces `{E}`, `{P}`, `{S}` and `{N}` in a template.
    fn fill(&mut self, t: &str) -> String {
        if !t.contains('{') {
            return t.to_string();
        }
        let days = *[30, 60, 90, 120, 180].choose(self.rng).unwrap_or(&90);
        t.replace("{E}", self.ctx.employer)
            .replace("{P}", self.ctx.town)
            .replace("{S}", self.ctx.state_name)
            .replace("{N}", &days.to_string())
    }

    /// Writes prose, occasionally with a `&nbsp;` in HTML.
    fn prose(&mut self, s: &str) {
        if self.rng.gen_bool(0.08) {
            self.doc.plain_nbsp(s);
        } else {
            self.doc.plain(s);
        }
    }

    /// Writes a heading when this posting uses headings, else just moves to the section.
    fn heading(&mut self, pools: (&[&str], &[&str]), section: Section) {
        if self.headings {
            let pool = if self.ctx.uk { pools.1 } else { pools.0 };
            let h = *pool.choose(self.rng).unwrap_or(&"Details");
            self.doc.heading(h, section);
        } else {
            self.doc.set_section(Section::Other);
        }
    }

    /// Starts a run of lines: a list under headings, a paragraph otherwise.
    fn open(&mut self, list: bool) {
        if list {
            self.doc.open_list()
        } else {
            self.doc.open_para()
        }
    }

    /// Ends a run of lines.
    fn close(&mut self, list: bool) {
        if list {
            self.doc.close_list()
        } else {
            self.doc.close_para()
        }
    }

    /// Writes one line of prose as a bullet or as a sentence.
    fn text_line(&mut self, list: bool, s: &str) {
        let s = self.fill(s);
        if list {
            self.doc.open_item();
            self.prose(s.trim_end_matches('.'));
            self.doc.close_item();
        } else {
            self.prose(&s);
            if !s.ends_with(['.', '!', '?']) {
                self.doc.plain(".");
            }
            self.doc.sentence_gap();
        }
    }

    /// Chooses how to write a catalog credential; `None` if no form fits this layout.
    fn surface(&mut self, e: &CatalogEntry) -> Option<Surface> {
        let mut forms: Vec<Surface> = Vec::with_capacity(e.aliases.len() + e.acronyms.len() + 4);
        for a in &e.aliases {
            let text = if lowercasable(a) && self.rng.gen_bool(0.2) {
                a.to_lowercase()
            } else {
                a.clone()
            };
            forms.push(Surface {
                text,
                alias: a.clone(),
            });
        }
        for a in e.acronyms.iter().take(2) {
            forms.push(Surface {
                text: a.clone(),
                alias: a.clone(),
            });
        }
        if let (Some(full), Some(acr)) = (e.aliases.first(), e.acronyms.first()) {
            let last_cap = full
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase));
            if last_cap && !full.to_lowercase().contains(&acr.to_lowercase()) {
                for _ in 0..2 {
                    forms.push(Surface {
                        text: format!("{full} ({acr})"),
                        alias: full.clone(),
                    });
                }
            }
        }
        if e.id == "cdl" {
            for (s, a) in CDL_SPECIAL {
                forms.push(Surface {
                    text: s.to_string(),
                    alias: a.to_string(),
                });
            }
        }
        forms.retain(|f| self.doc.span_fits(&f.text));
        if forms.is_empty() {
            return None;
        }
        let i = self.rng.gen_range(0..forms.len());
        Some(forms.swap_remove(i))
    }

    /// The span metadata of a catalog row at a level, its kind as `surface` writes it.
    fn entry_info(e: &CatalogEntry, level: Level, surface: &str, alias: String) -> SpanInfo {
        SpanInfo {
            credential: e.name.clone(),
            credential_id: Some(e.id.clone()),
            kind: e.kind.as_written(surface),
            level,
            alias: Some(alias),
        }
    }

    /// Writes `template` with its one span placeholder replaced by `span`.
    fn templated(
        &mut self,
        list: bool,
        template: &str,
        placeholder: &str,
        span: (String, SpanInfo),
    ) {
        let t = self.fill(template);
        let (before, after) = t.split_once(placeholder).unwrap_or(("", &t));
        let text = if before.is_empty() {
            capitalize(&span.0)
        } else {
            span.0
        };
        if list {
            self.doc.open_item()
        }
        self.prose(before);
        self.doc.span(&text, &span.1);
        let after = if list {
            after.trim_end_matches('.')
        } else {
            after
        };
        self.doc.plain(after);
        if list {
            self.doc.close_item()
        } else {
            self.doc.sentence_gap()
        }
    }

    /// Template pool for a catalog credential at a level and place.
    fn entry_template(
        &mut self,
        e: &CatalogEntry,
        level: Level,
        list: bool,
        under_pref: bool,
    ) -> &'static str {
        let uk = self.ctx.uk;
        let licensed = matches!(e.kind, MentionKind::License | MentionKind::Registration);
        loop {
            let t = match level {
                Level::Required if list && self.rng.gen_bool(0.4) => {
                    *ph::REQUIRED_BULLET.choose(self.rng).unwrap_or(&"{C}")
                }
                Level::Required if uk => pick2(self.rng, ph::REQUIRED_ANY, ph::REQUIRED_UK),
                Level::Required => pick2(self.rng, ph::REQUIRED_ANY, ph::REQUIRED_US),
                Level::Preferred if under_pref && self.rng.gen_bool(0.5) => {
                    *ph::PREFERRED_BULLET.choose(self.rng).unwrap_or(&"{C}")
                }
                Level::Preferred if uk => pick2(self.rng, ph::PREFERRED_ANY, ph::PREFERRED_UK),
                Level::Preferred => pick2(self.rng, ph::PREFERRED_ANY, &[]),
                Level::OrEquivalent => pick2(self.rng, ph::OR_EQUIVALENT, &[]),
                Level::AfterHire if uk => pick2(self.rng, ph::AFTER_HIRE, ph::AFTER_HIRE_UK),
                Level::AfterHire => pick2(self.rng, ph::AFTER_HIRE, &[]),
                Level::Unclear if uk => pick2(self.rng, ph::UNCLEAR_REQS, ph::UNCLEAR_BENEFIT_UK),
                Level::Unclear => pick2(self.rng, ph::UNCLEAR_REQS, ph::UNCLEAR_BENEFIT),
            };
            let license_only = t.contains("{S}")
                || t.starts_with("Clean")
                || t.contains("good standing")
                || t.contains("unrestricted");
            if !license_only || licensed {
                return t;
            }
        }
    }

    /// Writes one planned catalog credential.
    fn entry_line(&mut self, list: bool, idx: usize, level: Level, template: &'static str) {
        let entries = self.entries;
        let e = &entries[idx];
        if let Some(s) = self.surface(e) {
            let info = Self::entry_info(e, level, &s.text, s.alias);
            self.templated(list, template, "{C}", (s.text, info));
        }
    }

    /// Writes a generic ask ("relevant certifications", "appropriate licensure").
    fn generic_line(&mut self, list: bool, target: Target, level: Level) {
        let (surface, kind_word, template) = match target {
            Target::Generic(g) => {
                let (s, k, _) = ph::GENERIC[g];
                let pool = match level {
                    Level::Preferred => ph::GENERIC_PREFERRED,
                    Level::AfterHire => ph::GENERIC_AFTER,
                    _ => ph::GENERIC_REQUIRED,
                };
                (s, k, *pool.choose(self.rng).unwrap_or(&"{G} required."))
            }
            _ => (
                "certification",
                "certification",
                *ph::GENERIC_NONE
                    .choose(self.rng)
                    .unwrap_or(&"No prior {G} required."),
            ),
        };
        let info = SpanInfo {
            credential: "unspecified".into(),
            credential_id: None,
            kind: MentionKind::parse(kind_word).unwrap_or(MentionKind::Unspecified),
            level,
            alias: Some("generic ask".into()),
        };
        self.templated(list, template, "{G}", (surface.to_string(), info));
    }

    /// Writes two or three catalog credentials as one coordinated list ("BLS and ACLS").
    fn list_line(&mut self, list: bool, items: &[(usize, Level)], word: &str) {
        let level = items[0].1;
        let entries = self.entries;
        let (cue_before, cue_after) = match (level, self.rng.gen_range(0..3u32)) {
            (Level::Preferred, 0) => ("", format!(" {word} preferred.")),
            (Level::Preferred, _) => ("", " a plus.".to_string()),
            (_, 0) => ("Current ", format!(" {word} required.")),
            (_, 1) => ("Must hold current ", format!(" {word}.")),
            _ => ("", " required.".to_string()),
        };
        let slash = items.len() == 2 && self.rng.gen_bool(0.3);
        if list {
            self.doc.open_item()
        }
        self.prose(cue_before);
        for (i, &(idx, lvl)) in items.iter().enumerate() {
            if i > 0 {
                let sep = if slash {
                    "/"
                } else if i + 1 == items.len() {
                    " and "
                } else {
                    ", "
                };
                self.doc.plain(sep);
            }
            let e = &entries[idx];
            let acr = e
                .acronyms
                .iter()
                .find(|a| self.doc.span_fits(a))
                .cloned()
                .unwrap_or_default();
            let info = Self::entry_info(e, lvl, &acr, acr.clone());
            self.doc.span(&acr, &info);
        }
        let after = if list {
            cue_after.trim_end_matches('.').to_string()
        } else {
            cue_after
        };
        self.doc.plain(&after);
        if list {
            self.doc.close_item()
        } else {
            self.doc.sentence_gap()
        }
    }

    /// Groups plans that can be written as one coordinated list, in order.
    fn coordinate(&mut self, plans: &[Plan], share: f64) -> Vec<Vec<Plan>> {
        let mut out: Vec<Vec<Plan>> = Vec::new();
        for p in plans {
            let joinable = |q: &Plan| -> Option<(MentionKind, Level)> {
                match q.target {
                    Target::Entry(i) => {
                        let e = &self.entries[i];
                        let fits = e.acronyms.iter().any(|a| !a.contains(['&', '<', '>']));
                        (fits
                            && list_word(e.kind).is_some()
                            && matches!(q.level, Level::Required | Level::Preferred))
                        .then_some((e.kind, q.level))
                    }
                    _ => None,
                }
            };
            let key = joinable(p);
            if let (Some(k), Some(last)) = (key, out.last_mut()) {
                if last.len() < 3
                    && joinable(&last[0]) == Some(k)
                    && last.iter().all(|q| joinable(q).is_some())
                {
                    last.push(*p);
                    continue;
                }
            }
            out.push(vec![*p]);
        }
        // Split groups back into singles unless the coin says "write them together".
        let mut result = Vec::new();
        for g in out {
            if g.len() > 1 && self.rng.gen_bool(share) {
                result.push(g);
            } else {
                result.extend(g.into_iter().map(|p| vec![p]));
            }
        }
        result
    }

    /// Writes one planned group (a single mention or a coordinated list).
    fn plan_line(&mut self, list: bool, group: &[Plan], under_pref: bool) {
        if group.len() > 1 {
            let items: Vec<(usize, Level)> = group
                .iter()
                .filter_map(|p| match p.target {
                    Target::Entry(i) => Some((i, p.level)),
                    _ => None,
                })
                .collect();
            let word = list_word(self.entries[items[0].0].kind).unwrap_or("certifications");
            self.list_line(list, &items, word);
            return;
        }
        let p = group[0];
        match p.target {
            Target::Entry(i) => {
                let entries = self.entries;
                let t = self.entry_template(&entries[i], p.level, list, under_pref);
                self.entry_line(list, i, p.level, t);
            }
            t => self.generic_line(list, t, p.level),
        }
    }

    /// Negatives for this posting's slot.
    fn negatives(&mut self, slot: Slot, chosen: &[(Slot, &'static str)]) -> Vec<&'static str> {
        chosen
            .iter()
            .filter(|(s, _)| *s == slot)
            .map(|(_, t)| *t)
            .collect()
    }

    /// Writes the whole body and returns it with its mentions.
    pub fn compose(mut self, plans: &[Plan], coordinated_share: f64) -> (String, Vec<Mention>) {
        let uk = self.ctx.uk;
        let d = self.ctx.domain;
        // Pick negatives: 1-4 from the family, general and country pools.
        let mut pool: Vec<(Slot, &'static str)> = ph::negatives_domain(d).to_vec();
        pool.extend_from_slice(ph::NEGATIVES_ANY);
        pool.extend_from_slice(if uk {
            ph::NEGATIVES_UK
        } else {
            ph::NEGATIVES_US
        });
        let k = self.rng.gen_range(1..=4usize);
        let negs: Vec<(Slot, &'static str)> = pool.choose_multiple(self.rng, k).copied().collect();

        // Sort plans into the parts of the posting.
        let mut reqs = Vec::new();
        let mut prefs = Vec::new();
        let mut benefits = Vec::new();
        for p in plans {
            match p.level {
                Level::Preferred => prefs.push(*p),
                Level::Unclear
                    if matches!(p.target, Target::Entry(_)) && self.rng.gen_bool(0.5) =>
                {
                    benefits.push(*p)
                }
                _ => reqs.push(*p),
            }
        }
        reqs.shuffle(self.rng);

        self.about(&negs);
        self.duties(&negs);
        let pref_heading = self.headings && !prefs.is_empty() && self.rng.gen_bool(0.6);
        self.requirements(
            &negs,
            &reqs,
            if pref_heading { &[] } else { &prefs },
            coordinated_share,
        );
        if pref_heading {
            self.heading(ph::H_PREF, Section::Preferred);
            let groups = self.coordinate(&prefs, coordinated_share);
            self.open(true);
            for g in &groups {
                self.plan_line(true, g, true);
            }
            self.close(true);
        }
        self.benefits(&negs, &benefits);
        self.closing();
        self.doc.finish()
    }

    /// The opening paragraph.
    fn about(&mut self, negs: &[(Slot, &'static str)]) {
        if self.headings && self.rng.gen_bool(0.5) {
            self.heading(ph::H_ABOUT, Section::Other);
        }
        let n = 1 + self.ctx.target_words / 150;
        let mut lines: Vec<&str> = ph::about_domain(self.ctx.domain)
            .choose_multiple(self.rng, 1)
            .copied()
            .collect();
        lines.extend(ph::ABOUT_ANY.choose_multiple(self.rng, n));
        lines.extend(self.negatives(Slot::About, negs));
        self.doc.open_para();
        for l in lines {
            self.text_line(false, l);
        }
        self.doc.close_para();
    }

    /// The duties list, padded until the posting is on course for its target length.
    fn duties(&mut self, negs: &[(Slot, &'static str)]) {
        self.heading(ph::H_DUTIES, Section::Responsibilities);
        let list = self.headings;
        let mut lines: Vec<&str> = ph::duties_domain(self.ctx.domain).to_vec();
        lines.shuffle(self.rng);
        let mut generic: Vec<&str> = ph::DUTIES_ANY.to_vec();
        generic.shuffle(self.rng);
        lines.extend(generic);
        let negatives = self.negatives(Slot::Duties, negs);
        let goal = self.ctx.target_words.saturating_sub(110);
        self.open(list);
        for (i, l) in lines.iter().enumerate() {
            if i >= 3 && self.doc.words >= goal {
                break;
            }
            self.text_line(list, l);
        }
        for l in negatives {
            self.text_line(list, l);
        }
        self.close(list);
    }

    /// The requirements part: filler, negatives and every required-ish plan.
    fn requirements(
        &mut self,
        negs: &[(Slot, &'static str)],
        reqs: &[Plan],
        prefs: &[Plan],
        share: f64,
    ) {
        self.heading(ph::H_REQS, Section::Requirements);
        let list = self.headings;
        let mut filler: Vec<&str> = ph::REQS_ANY.choose_multiple(self.rng, 2).copied().collect();
        filler.extend(self.negatives(Slot::Reqs, negs));
        let mut groups = self.coordinate(reqs, share);
        groups.extend(self.coordinate(prefs, share));
        self.open(list);
        let mut f = filler.into_iter();
        if let Some(l) = f.next() {
            self.text_line(list, l);
        }
        for g in &groups {
            self.plan_line(list, g, false);
        }
        for l in f {
            self.text_line(list, l);
        }
        self.close(list);
    }

    /// The benefits list, with pay-table and fee-paid mentions.
    fn benefits(&mut self, negs: &[(Slot, &'static str)], plans: &[Plan]) {
        self.heading(ph::H_BENEFITS, Section::Benefits);
        let list = self.headings;
        let pool = if self.ctx.uk {
            ph::BENEFITS_UK
        } else {
            ph::BENEFITS_US
        };
        let lines: Vec<&str> = pool
            .choose_multiple(self.rng, 3 + self.ctx.target_words / 200)
            .copied()
            .collect();
        self.open(list);
        for l in lines {
            self.text_line(list, l);
        }
        let entries = self.entries;
        for p in plans {
            if let Target::Entry(i) = p.target {
                let pool = if self.ctx.uk {
                    ph::UNCLEAR_BENEFIT_UK
                } else {
                    ph::UNCLEAR_BENEFIT
                };
                let t = *pool.choose(self.rng).unwrap_or(&"{C} differential $2/hr");
                let _ = &entries[i];
                self.entry_line(list, i, p.level, t);
            }
        }
        for l in self.negatives(Slot::Benefits, negs) {
            self.text_line(list, l);
        }
        self.close(list);
    }

    /// The closing paragraph, padded up to the target length.
    fn closing(&mut self) {
        let pool = if self.ctx.uk {
            ph::CLOSING_UK
        } else {
            ph::CLOSING_US
        };
        let mut lines: Vec<&str> = pool.to_vec();
        lines.shuffle(self.rng);
        let mut extra: Vec<&str> = ph::ABOUT_ANY.to_vec();
        extra.shuffle(self.rng);
        lines.truncate(1);
        let min = self.ctx.target_words.min(150);
        lines.extend(extra.into_iter().take(8));
        self.doc.open_para();
        for (i, l) in lines.iter().enumerate() {
            if i >= 1 && self.doc.words >= min {
                break;
            }
            self.text_line(false, l);
        }
        self.doc.close_para();
    }
}
