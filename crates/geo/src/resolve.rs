//! Reading one location string: find the state, country, ZIP, postcode and remote words in it,
//! then look the remaining words up as a place or county inside the state they name. Only what is
//! certain is filled; an ambiguous name leaves the finer levels empty and says why.

use crate::gazetteer::Place;
use crate::text::{tokenize, Tokens};
use crate::uk;
use crate::vocab::{Vocab, MAX_PHRASE, SHORT_COUNTRY_WORDS, WORDY_CODES};
use crate::{Gazetteer, Level, Resolved};

/// Place-name runs longer than this many tokens are cut (to the words nearest the state).
const MAX_RUN: usize = 8;
/// Words that end a place name as written in postings but not in the index ("Edison Township").
const TRAILING_LSAD: &[&str] = &[
    "city", "town", "township", "twp", "village", "borough", "boro", "cdp",
];
/// A bare name is taken only when its largest candidate has this many people...
const BARE_MIN_POPULATION: u32 = 50_000;
/// ...and this many times the population of the next.
const BARE_DOMINANCE: u32 = 10;

/// What a span of tokens was recognized as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    State {
        state: usize,
        code: bool,
    },
    Country {
        code: &'static str,
        nation: Option<&'static str>,
    },
    Zip,
    Postcode {
        full: bool,
    },
    Remote,
    Multi,
    Noise,
}

/// A recognized span: tokens `from..to`.
#[derive(Debug, Clone, Copy)]
struct Mention {
    from: usize,
    to: usize,
    kind: Kind,
}

/// A place-or-county match inside a state.
enum Found {
    /// Same-named places (or subdivisions) in the state.
    Places(Vec<usize>),
    /// A county named with its "County"/"Parish" word.
    County(usize),
}

/// A ZIP that the text gives: its digits and its counties with land area, largest first.
struct Zip<'g> {
    code: String,
    counties: &'g [(usize, f32)],
}

/// Work state for one resolution.
struct Ctx<'a> {
    t: Tokens,
    mentions: Vec<Mention>,
    used: Vec<bool>,
    reasons: Vec<String>,
    out: Resolved,
    g: &'a Gazetteer,
}

impl Gazetteer {
    /// Resolves one free-text job location; never panics, never guesses among equals.
    pub fn resolve(&self, text: &str) -> Resolved {
        let t = tokenize(text);
        let mentions = scan(self, &t);
        let used = vec![false; t.len()];
        let mut cx = Ctx {
            t,
            mentions,
            used,
            reasons: Vec::new(),
            out: Resolved::unresolved(),
            g: self,
        };
        cx.run();
        cx.finish()
    }
}

/// Finds state names and codes, countries, ZIPs, postcodes and fixed phrases, left to right.
fn scan(g: &Gazetteer, t: &Tokens) -> Vec<Mention> {
    let mut found = Vec::new();
    let n = t.len();
    let mut i = 0;
    'outer: while i < n {
        for len in (1..=MAX_PHRASE.min(n - i)).rev() {
            if !t.same_segment(i, i + len) {
                continue;
            }
            let phrase = t.span(i, i + len);
            let Some(&v) = g.vocab.get(phrase) else {
                continue;
            };
            if len == 1 && SHORT_COUNTRY_WORDS.contains(&phrase) && !short_word_ok(t, i) {
                continue;
            }
            let kind = match v {
                Vocab::StateName(state) => Kind::State { state, code: false },
                Vocab::Country { code, nation } => Kind::Country { code, nation },
                Vocab::Remote => Kind::Remote,
                Vocab::Multi => Kind::Multi,
                Vocab::Noise => Kind::Noise,
            };
            found.push(Mention {
                from: i,
                to: i + len,
                kind,
            });
            i += len;
            continue 'outer;
        }
        let w = t.word(i);
        if let Some(kind) = single_token_kind(g, t, i, w) {
            let to = if kind == (Kind::Postcode { full: true }) {
                i + 2
            } else {
                i + 1
            };
            found.push(Mention { from: i, to, kind });
            i = to;
            continue;
        }
        i += 1;
    }
    found
}

/// A state code, ZIP or UK postcode in one token.
fn single_token_kind(g: &Gazetteer, t: &Tokens, i: usize, w: &str) -> Option<Kind> {
    if w.len() == 2 && w.bytes().all(|b| b.is_ascii_lowercase()) {
        let &state = g.state_by_usps.get(w)?;
        return code_ok(t, i, WORDY_CODES.contains(&w))
            .then_some(Kind::State { state, code: true });
    }
    if w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Kind::Zip);
    }
    let area = uk::outward_area(w)?;
    if !g.uk.areas.contains_key(area) {
        return None;
    }
    let full = t.same_segment(i, i + 2) && uk::is_inward(t.word(i + 1));
    Some(Kind::Postcode { full })
}

/// Whether a short country word ("us") is meant as one: capitals, alone, or closing its segment.
fn short_word_ok(t: &Tokens, i: usize) -> bool {
    let upper = t.toks.get(i).is_some_and(|k| k.upper);
    upper || t.alone_in_segment(i) || t.last_in_segment(i)
}

/// Whether a two-letter state code is meant as one ("TX", ", in"), not a word ("Hybrid in Austin").
fn code_ok(t: &Tokens, i: usize, wordy: bool) -> bool {
    if t.alone_in_segment(i) {
        return true;
    }
    let upper = t.toks.get(i).is_some_and(|k| k.upper);
    let next_is_zip = t.same_segment(i, i + 2) && is_zip_word(t.word(i + 1));
    let closes = t.last_in_segment(i) || next_is_zip;
    if wordy {
        upper && (closes || !t.all_upper)
    } else {
        upper || closes || t.first_in_segment(i)
    }
}

/// Five ASCII digits.
fn is_zip_word(w: &str) -> bool {
    w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit())
}

impl<'a> Ctx<'a> {
    fn run(&mut self) {
        let fixed: Vec<Mention> = self
            .mentions
            .iter()
            .copied()
            .filter(|m| matches!(m.kind, Kind::Remote | Kind::Multi | Kind::Noise))
            .collect();
        for m in fixed {
            self.mark(m.from, m.to);
        }
        self.out.remote = self.mentions.iter().any(|m| m.kind == Kind::Remote);
        if self.out.remote {
            self.reasons.push("remote".into());
        }
        match self.anchor() {
            Some(m) => match m.kind {
                Kind::State { state, .. } => {
                    self.mark(m.from, m.to);
                    self.mark_countries("US");
                    let zip = self.zip(Some(state));
                    self.resolve_us(state, Some(m), zip);
                }
                Kind::Country { code: "GB", .. } => self.resolve_uk(),
                Kind::Country { code, .. } => self.resolve_foreign(code),
                _ => {}
            },
            None => self.resolve_without_anchor(),
        }
    }

    /// The mention that decides the country: the rightmost state or non-U.S. country, skipping a
    /// state name that opens a longer place name ("Kansas City", "Virginia Beach").
    fn anchor(&self) -> Option<Mention> {
        self.mentions.iter().rev().copied().find(|m| match m.kind {
            Kind::State { code: false, .. } => !self.opens_place_name(m),
            Kind::State { code: true, .. } => true,
            Kind::Country { code, .. } => code != "US",
            _ => false,
        })
    }

    /// Whether a state name plus the words after it in its segment is a place name.
    fn opens_place_name(&self, m: &Mention) -> bool {
        let end = (m.to..self.t.len())
            .take_while(|&j| self.t.same_segment(m.from, j + 1) && !self.is_mention(j))
            .last();
        let Some(end) = end else {
            return false;
        };
        (m.to..=end).any(|j| self.g.place_index.contains_key(self.t.span(m.from, j + 1)))
    }

    fn is_mention(&self, j: usize) -> bool {
        self.mentions.iter().any(|m| m.from <= j && j < m.to)
    }

    fn mark(&mut self, from: usize, to: usize) {
        for u in self.used.iter_mut().take(to).skip(from) {
            *u = true;
        }
    }

    /// Marks the country words that agree with `code` as used, and sets the country.
    fn mark_countries(&mut self, code: &str) {
        let hits: Vec<Mention> = self
            .mentions
            .iter()
            .copied()
            .filter(|m| matches!(m.kind, Kind::Country { code: c, .. } if c == code))
            .collect();
        for m in hits {
            self.mark(m.from, m.to);
        }
    }

    fn explicit_country(&self, code: &str) -> bool {
        self.mentions
            .iter()
            .any(|m| matches!(m.kind, Kind::Country { code: c, .. } if c == code))
    }

    /// The ZIP the text gives, if it is a known ZCTA placed like a ZIP (after the state, or opening
    /// or closing its segment) and, when a state is named, lies in that state.
    fn zip(&mut self, state: Option<usize>) -> Option<Zip<'a>> {
        let g = self.g;
        let candidates: Vec<Mention> = self
            .mentions
            .iter()
            .rev()
            .copied()
            .filter(|m| m.kind == Kind::Zip)
            .collect();
        for m in candidates {
            let after_state = m.from > 0
                && self.used.get(m.from - 1) == Some(&true)
                && self
                    .mentions
                    .iter()
                    .any(|s| s.to == m.from && matches!(s.kind, Kind::State { .. }));
            if !(after_state || self.t.first_in_segment(m.from) || self.t.last_in_segment(m.from)) {
                continue;
            }
            let code = self.t.word(m.from).to_string();
            let Some(counties) = g.zips.get(&code) else {
                continue;
            };
            self.mark(m.from, m.to);
            if let Some(s) = state {
                let inside = counties
                    .iter()
                    .any(|(c, _)| g.counties.get(*c).is_some_and(|c| c.state == s));
                if !inside {
                    let zip_state = self.state_of_county(counties.first().map(|c| c.0));
                    self.reasons.push(format!(
                        "ZIP {code} lies in {}, not {}; ignored",
                        zip_state.unwrap_or("?"),
                        g.states.get(s).map(|s| s.usps.as_str()).unwrap_or("?")
                    ));
                    return None;
                }
            }
            return Some(Zip { code, counties });
        }
        None
    }

    fn state_of_county(&self, county: Option<usize>) -> Option<&'a str> {
        let g = self.g;
        let c = g.counties.get(county?)?;
        g.states.get(c.state).map(|s| s.usps.as_str())
    }

    /// Maximal runs of unused tokens within one segment, in text order.
    fn runs(&self) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        let mut start: Option<usize> = None;
        for i in 0..=self.t.len() {
            let free = i < self.t.len() && !self.used.get(i).copied().unwrap_or(true);
            let joins = start.is_some_and(|s| free && self.t.same_segment(s, i + 1));
            match (start, free, joins) {
                (Some(_), true, true) => {}
                (Some(s), true, false) => {
                    runs.push((s, i));
                    start = Some(i);
                }
                (Some(s), false, _) => {
                    runs.push((s, i));
                    start = None;
                }
                (None, true, _) => start = Some(i),
                (None, false, _) => {}
            }
        }
        runs
    }

    fn resolve_us(&mut self, state: usize, mention: Option<Mention>, zip: Option<Zip<'a>>) {
        self.fill_state(state);
        let runs = self.runs();
        let ordered: Vec<((usize, usize), bool)> = match mention {
            Some(m) => {
                let before = runs
                    .iter()
                    .rev()
                    .find(|r| r.1 <= m.from)
                    .map(|&r| (r, false));
                let after = runs.iter().find(|r| r.0 >= m.to).map(|&r| (r, true));
                before.into_iter().chain(after).collect()
            }
            None => runs.iter().map(|&r| (r, true)).collect(),
        };
        let found = ordered
            .into_iter()
            .find_map(|(run, forward)| self.find_in_state(run, forward, state));
        let leftover = !self.runs().is_empty();
        match found {
            Some((Found::Places(places), written)) => {
                self.settle_place(&places, &written, zip.as_ref())
            }
            Some((Found::County(c), _)) => {
                self.fill_county(c);
                self.out.level = Level::County;
                self.out.confidence = 0.95;
                let name = self.out.county_name.clone().unwrap_or_default();
                self.reasons.push(format!("county '{name}' named"));
                if let Some(z) = zip.as_ref() {
                    self.note_zip_against(z, &[c]);
                }
            }
            None => {
                let name = self
                    .g
                    .states
                    .get(state)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                self.reasons.push(format!("state {name}"));
                self.settle_state_or_zip(state, zip.as_ref(), leftover)
            }
        }
    }

    /// No place matched: the ZIP locates a county, else the state is the answer.
    fn settle_state_or_zip(&mut self, state: usize, zip: Option<&Zip<'a>>, leftover: bool) {
        let g = self.g;
        if let Some(z) = zip {
            let in_state: Vec<(usize, f32)> = z
                .counties
                .iter()
                .copied()
                .filter(|(c, _)| g.counties.get(*c).is_some_and(|c| c.state == state))
                .collect();
            if let Some(&(c, land)) = in_state.first() {
                let total: f32 = z.counties.iter().map(|x| x.1).sum();
                let share = if total > 0.0 { land / total } else { 1.0 };
                self.fill_county(c);
                self.out.postal_code = Some(z.code.clone());
                self.out.level = Level::Zip;
                self.out.confidence = 0.6 + 0.35 * share.clamp(0.0, 1.0);
                self.reasons.push(format!(
                    "ZIP {} → {} ({:.0}% of its land)",
                    z.code,
                    self.out.county_name.clone().unwrap_or_default(),
                    share * 100.0
                ));
                return;
            }
        }
        let only_county = g
            .states
            .get(state)
            .and_then(|s| match s.counties.as_slice() {
                [only] => Some(*only),
                _ => None,
            });
        if let Some(c) = only_county {
            self.fill_county(c);
            self.out.level = Level::County;
            self.out.confidence = 0.95;
            self.reasons.push("the state has a single county".into());
            return;
        }
        self.out.level = Level::State;
        self.out.confidence = if leftover { 0.85 } else { 0.95 };
        if leftover {
            let text: Vec<String> = self
                .runs()
                .iter()
                .map(|&(a, b)| self.t.span(a, b).to_string())
                .collect();
            self.reasons
                .push(format!("'{}' is not a place in the state", text.join(", ")));
        }
    }

    /// Searches one run for a place, county or subdivision in `state`: longest spans first, the
    /// span nearest the state first.
    fn find_in_state(
        &self,
        run: (usize, usize),
        forward: bool,
        state: usize,
    ) -> Option<(Found, String)> {
        let (a, b) = if run.1 - run.0 > MAX_RUN {
            if forward {
                (run.0, run.0 + MAX_RUN)
            } else {
                (run.1 - MAX_RUN, run.1)
            }
        } else {
            run
        };
        for len in (1..=b - a).rev() {
            let starts: Vec<usize> = if forward {
                (a..=b - len).collect()
            } else {
                (a..=b - len).rev().collect()
            };
            for s in starts {
                if let Some(found) = self.match_span(s, s + len, state) {
                    return Some((found, self.t.span(s, s + len).to_string()));
                }
            }
        }
        None
    }

    fn match_span(&self, from: usize, to: usize, state: usize) -> Option<Found> {
        let g = self.g;
        let span = self.t.span(from, to);
        let places = self.in_state(g.place_index.get(span), state);
        if !places.is_empty() {
            return Some(Found::Places(places));
        }
        let last = self.t.word(to - 1);
        if to - from > 1 && TRAILING_LSAD.contains(&last) {
            let stem = self.t.span(from, to - 1);
            let places = self.in_state(g.place_index.get(stem), state);
            if !places.is_empty() {
                return Some(Found::Places(places));
            }
            let subs = self.in_state(g.cousub_index.get(stem), state);
            if !subs.is_empty() {
                return Some(Found::Places(subs));
            }
        }
        if let Some(c) = self.county_in(from, to, state) {
            return Some(Found::County(c));
        }
        let subs = self.in_state(g.cousub_index.get(span), state);
        (!subs.is_empty()).then_some(Found::Places(subs))
    }

    fn in_state(&self, list: Option<&Vec<usize>>, state: usize) -> Vec<usize> {
        list.into_iter()
            .flatten()
            .copied()
            .filter(|&p| self.g.places.get(p).is_some_and(|p| p.state == state))
            .collect()
    }

    /// A county written with its kind word ("Harris County", "Orleans Parish", "Harris Co.").
    fn county_in(&self, from: usize, to: usize, state: usize) -> Option<usize> {
        let g = self.g;
        let last = self.t.word(to - 1);
        let name = match last {
            "county" | "parish" | "borough" | "municipality" | "city" => {
                self.t.span(from, to).to_string()
            }
            "co" | "cty" if to - from > 1 => format!("{} county", self.t.span(from, to - 1)),
            _ => return None,
        };
        let hits: Vec<usize> = g
            .county_index
            .get(&name)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&c| g.counties.get(c).is_some_and(|c| c.state == state))
            .collect();
        let current: Vec<usize> = hits
            .iter()
            .copied()
            .filter(|&c| g.counties.get(c).is_some_and(|c| c.current))
            .collect();
        match (current.as_slice(), hits.as_slice()) {
            ([only], _) | ([], [only]) => Some(*only),
            _ => None,
        }
    }

    /// Chooses among same-named places in a state (ZIP first, then a clear population lead) and
    /// fills place, county and CBSA as far as they are certain.
    fn settle_place(&mut self, places: &[usize], written: &str, zip: Option<&Zip<'a>>) {
        let g = self.g;
        let zip_counties: Vec<usize> = zip
            .map(|z| z.counties.iter().map(|c| c.0).collect())
            .unwrap_or_default();
        let (chosen, how) = choose(g, places, &zip_counties);
        let Some(p) = chosen.and_then(|p| g.places.get(p)) else {
            self.reasons.push(format!(
                "'{written}' names {} places in {}; not guessed",
                places.len(),
                self.out.state.clone().unwrap_or_default()
            ));
            let state = g
                .places
                .get(places.first().copied().unwrap_or(usize::MAX))
                .map(|p| p.state);
            if let Some(s) = state {
                self.settle_state_or_zip(s, zip, false);
            }
            return;
        };
        self.out.place = Some(p.name.clone());
        self.out.place_geoid = Some(p.geoid.clone());
        self.out.level = Level::Place;
        self.out.confidence = if how == Choice::Unique { 0.95 } else { 0.75 };
        let kind = if p.geoid.len() == 10 {
            "town/township"
        } else {
            "place"
        };
        self.reasons.push(match how {
            Choice::Unique => format!("{kind} '{}' matched 1 in {}", p.name, self.state_code()),
            Choice::Zip => format!(
                "'{}' names {} places in {}; the ZIP picks one",
                p.name,
                places.len(),
                self.state_code()
            ),
            Choice::Population => format!(
                "'{}' names {} places in {}; took the one with {} people",
                p.name,
                places.len(),
                self.state_code(),
                p.population
            ),
        });
        self.place_counties(p, zip);
    }

    fn state_code(&self) -> String {
        self.out.state.clone().unwrap_or_default()
    }

    /// County and CBSA of a chosen place: unique county, or the ZIP's county inside the place, or
    /// only the CBSA when all the place's counties share it.
    fn place_counties(&mut self, p: &Place, zip: Option<&Zip<'a>>) {
        let g = self.g;
        if let Some(z) = zip {
            self.out.postal_code = Some(z.code.clone());
            let inside = z.counties.iter().find(|(c, _)| p.counties.contains(c));
            match inside {
                Some(&(c, _)) => {
                    self.fill_county(c);
                    self.out.confidence = (self.out.confidence + 0.03).min(0.98);
                    self.reasons.push(format!("ZIP {} agrees", z.code));
                    return;
                }
                None if p.counties.is_empty() => {
                    if let Some(&(c, _)) = z.counties.first() {
                        self.fill_county(c);
                        self.reasons.push(format!("county from ZIP {}", z.code));
                        return;
                    }
                }
                None => {
                    self.out.confidence -= 0.2;
                    self.reasons.push(format!(
                        "ZIP {} lies outside '{}'; ignored for the county",
                        z.code, p.name
                    ));
                }
            }
        }
        match p.counties.as_slice() {
            [only] => self.fill_county(*only),
            [] => self.reasons.push("county unknown".into()),
            many => {
                let cbsas: Vec<Option<usize>> = many
                    .iter()
                    .map(|&c| g.counties.get(c).and_then(|c| c.cbsa))
                    .collect();
                self.reasons
                    .push(format!("spans {} counties, none reported", many.len()));
                if let Some(Some(first)) = cbsas.first() {
                    if cbsas.iter().all(|c| *c == Some(*first)) {
                        self.fill_cbsa(*first);
                        self.reasons.push("all in one CBSA".into());
                    }
                }
            }
        }
    }

    /// A ZIP given with a county: say whether it agrees.
    fn note_zip_against(&mut self, z: &Zip<'a>, counties: &[usize]) {
        self.out.postal_code = Some(z.code.clone());
        if z.counties.iter().any(|(c, _)| counties.contains(c)) {
            self.reasons.push(format!("ZIP {} agrees", z.code));
        } else {
            self.out.confidence -= 0.2;
            self.reasons.push(format!("ZIP {} lies elsewhere", z.code));
        }
    }

    fn fill_state(&mut self, state: usize) {
        let Some(s) = self.g.states.get(state) else {
            return;
        };
        let territory = matches!(s.usps.as_str(), "PR" | "GU" | "VI" | "AS" | "MP" | "UM");
        self.out.country = Some(if territory {
            s.usps.clone()
        } else {
            "US".into()
        });
        self.out.state = Some(s.usps.clone());
        self.out.state_fips = Some(s.fips.clone());
        if self.out.level == Level::Unresolved {
            self.out.level = Level::State;
            self.out.confidence = 0.95;
        }
    }

    fn fill_county(&mut self, county: usize) {
        let Some(c) = self.g.counties.get(county) else {
            return;
        };
        if self.out.state.is_none() {
            self.fill_state(c.state);
        }
        self.out.county_fips = Some(c.fips.clone());
        self.out.county_name = Some(c.name.clone());
        match c.cbsa {
            Some(cbsa) => self.fill_cbsa(cbsa),
            None if !c.current => self.reasons.push(format!(
                "{} is a pre-2022 or island county code with no CBSA in the July 2023 delineation",
                c.fips
            )),
            None => {}
        }
    }

    fn fill_cbsa(&mut self, cbsa: usize) {
        if let Some(c) = self.g.cbsas.get(cbsa) {
            self.out.cbsa = Some(c.code.clone());
            self.out.cbsa_title = Some(c.title.clone());
        }
    }

    /// No state and no foreign country: a ZIP, a UK postcode, or a bare place name.
    fn resolve_without_anchor(&mut self) {
        let us = self.explicit_country("US");
        if let Some(zip) = self.zip(None) {
            let state = zip
                .counties
                .first()
                .and_then(|(c, _)| self.g.counties.get(*c))
                .map(|c| c.state);
            if let Some(s) = state {
                self.mark_countries("US");
                self.reasons.push(format!("state from ZIP {}", zip.code));
                self.resolve_us(s, None, Some(zip));
                return;
            }
        }
        if !us && self.uk_postcode_applies() {
            self.resolve_uk();
            return;
        }
        self.resolve_bare(us);
    }

    /// A full postcode, or an outward code next to a UK town name ("Belfast BT1").
    fn uk_postcode_applies(&self) -> bool {
        self.mentions.iter().any(|m| match m.kind {
            Kind::Postcode { full: true } => true,
            Kind::Postcode { full: false } => self.runs().iter().any(|&(a, b)| {
                (a..b).any(|i| (i + 1..=b).any(|j| self.g.uk.towns.contains_key(self.t.span(i, j))))
            }),
            _ => false,
        })
    }

    /// The country is GB (named, or a postcode): nation from postcode, town or nation word.
    fn resolve_uk(&mut self) {
        self.out.country = Some("GB".into());
        self.out.level = Level::Country;
        self.out.confidence = 0.9;
        self.mark_countries("GB");
        let word_nation = self.mentions.iter().find_map(|m| match m.kind {
            Kind::Country { code: "GB", nation } => nation,
            _ => None,
        });
        let postcode = self.postcode();
        let town = self.uk_town();
        let postcode_nation = postcode.as_ref().and_then(|(_, n)| *n);
        let nation = postcode_nation
            .or(town.as_ref().map(|t| t.1))
            .or(word_nation);
        if let Some(n) = nation {
            self.out.state = Some(n.to_string());
            self.out.level = Level::State;
        }
        if let Some((code, _)) = &postcode {
            self.out.postal_code = Some(code.clone());
            self.out.level = Level::Zip;
            self.out.confidence = 0.95;
            self.reasons.push(format!("UK postcode {code}"));
        }
        if let Some((name, n)) = town {
            self.out.place = Some(name.clone());
            self.out.level = Level::Place;
            self.out.confidence = if postcode.is_some() { 0.95 } else { 0.9 };
            self.reasons
                .push(format!("UK town '{name}' (curated table)"));
            let other = postcode_nation.or(word_nation);
            if other.is_some_and(|o| o != n) {
                self.out.confidence -= 0.2;
                self.reasons.push("nation words disagree".into());
            }
        }
        if self.out.level == Level::Country || self.out.level == Level::State {
            self.reasons.push("United Kingdom".into());
        }
    }

    /// The postcode mention, as written, and its area's nation.
    fn postcode(&mut self) -> Option<(String, Option<&'static str>)> {
        let m = self
            .mentions
            .iter()
            .copied()
            .find(|m| matches!(m.kind, Kind::Postcode { .. }))?;
        let g = self.g;
        let word = self.t.word(m.from);
        let area = uk::outward_area(word)?;
        let nation = *g.uk.areas.get(area)?;
        let code = self.t.span(m.from, m.to).to_ascii_uppercase();
        self.mark(m.from, m.to);
        Some((code, nation))
    }

    /// The first curated UK town in the free text, longest name first.
    fn uk_town(&mut self) -> Option<(String, &'static str)> {
        let g = self.g;
        for (a, b) in self.runs() {
            for len in (1..=(b - a).min(MAX_RUN)).rev() {
                for s in a..=b - len {
                    if let Some(town) = g.uk.towns.get(self.t.span(s, s + len)) {
                        self.mark(s, s + len);
                        return Some((town.name.clone(), town.nation));
                    }
                }
            }
        }
        None
    }

    fn resolve_foreign(&mut self, code: &'static str) {
        self.mark_countries(code);
        self.out.country = Some(code.to_string());
        self.out.level = Level::Country;
        self.out.confidence = 0.9;
        self.reasons.push(format!(
            "country {code}; places are resolved only in the U.S. and UK"
        ));
    }

    /// A name with no state: take it only when one candidate clearly dominates by population
    /// ("Houston", "London"); "Springfield" stays unresolved.
    fn resolve_bare(&mut self, us: bool) {
        let g = self.g;
        if us {
            self.mark_countries("US");
            self.out.country = Some("US".into());
            self.out.level = Level::Country;
            self.out.confidence = 0.9;
        }
        for (a, b) in self.runs() {
            for len in (1..=(b - a).min(MAX_RUN)).rev() {
                for s in a..=b - len {
                    let span = self.t.span(s, s + len).to_string();
                    let places: Vec<usize> = g.place_index.get(&span).cloned().unwrap_or_default();
                    let town = if us { None } else { g.uk.towns.get(&span) };
                    if places.is_empty() && town.is_none() {
                        continue;
                    }
                    self.settle_bare(
                        &span,
                        &places,
                        town.map(|t| (t.name.clone(), t.nation, t.population)),
                    );
                    return;
                }
            }
        }
        if self.out.level == Level::Unresolved {
            let multi = self.mentions.iter().any(|m| m.kind == Kind::Multi);
            self.reasons.push(if multi {
                "several or unnamed locations".into()
            } else {
                "no state, ZIP or known place".into()
            });
        } else {
            self.reasons.push("country named".into());
        }
    }

    fn settle_bare(
        &mut self,
        span: &str,
        places: &[usize],
        town: Option<(String, &'static str, u32)>,
    ) {
        let g = self.g;
        let mut pops: Vec<(u32, Option<usize>)> = places
            .iter()
            .map(|&p| (g.places.get(p).map(|p| p.population).unwrap_or(0), Some(p)))
            .collect();
        if let Some((_, _, pop)) = &town {
            pops.push((*pop, None));
        }
        pops.sort_by_key(|p| std::cmp::Reverse(p.0));
        let top = pops.first().copied().unwrap_or((0, None));
        let second = pops.get(1).map(|p| p.0).unwrap_or(0);
        let dominant =
            top.0 >= BARE_MIN_POPULATION && top.0 >= second.saturating_mul(BARE_DOMINANCE);
        if !dominant {
            self.reasons.push(format!(
                "'{span}' names {} places and no state is given; not guessed",
                pops.len()
            ));
            return;
        }
        match (top.1, town) {
            (Some(p), _) => {
                let Some(place) = g.places.get(p) else { return };
                self.fill_state(place.state);
                self.out.place = Some(place.name.clone());
                self.out.place_geoid = Some(place.geoid.clone());
                self.out.level = Level::Place;
                self.out.confidence = 0.7;
                self.reasons.push(format!(
                    "no state given; '{}' {} ({} people) outweighs {} other candidates",
                    place.name,
                    self.state_code(),
                    place.population,
                    pops.len() - 1
                ));
                self.place_counties(place, None);
            }
            (None, Some((name, nation, _))) => {
                self.out.country = Some("GB".into());
                self.out.state = Some(nation.to_string());
                self.out.place = Some(name.clone());
                self.out.level = Level::Place;
                self.out.confidence = 0.7;
                self.reasons.push(format!(
                    "no country given; UK town '{name}' outweighs {} same-named U.S. places",
                    pops.len() - 1
                ));
            }
            (None, None) => {}
        }
    }

    fn finish(mut self) -> Resolved {
        if self.out.level == Level::Unresolved {
            self.out.confidence = 0.0;
        }
        self.out.confidence = self.out.confidence.clamp(0.0, 1.0);
        self.out.reason = self.reasons.join("; ");
        self.out
    }
}

/// How a place was picked among same-named ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Unique,
    Zip,
    Population,
}

/// One place among same-named candidates in a state, if the ZIP or a 10× population lead settles it.
fn choose(g: &Gazetteer, places: &[usize], zip_counties: &[usize]) -> (Option<usize>, Choice) {
    if let [only] = places {
        return (Some(*only), Choice::Unique);
    }
    if !zip_counties.is_empty() {
        let by_zip: Vec<usize> = places
            .iter()
            .copied()
            .filter(|&p| {
                g.places
                    .get(p)
                    .is_some_and(|p| p.counties.iter().any(|c| zip_counties.contains(c)))
            })
            .collect();
        if let [only] = by_zip.as_slice() {
            return (Some(*only), Choice::Zip);
        }
    }
    let mut pops: Vec<(u32, usize)> = places
        .iter()
        .map(|&p| (g.places.get(p).map(|p| p.population).unwrap_or(0), p))
        .collect();
    pops.sort_by_key(|p| std::cmp::Reverse(p.0));
    let rest: u32 = pops.iter().skip(1).map(|p| p.0).sum();
    match pops.first() {
        Some(&(top, p)) if top > 0 && top >= rest.saturating_mul(BARE_DOMINANCE) => {
            (Some(p), Choice::Population)
        }
        _ => (None, Choice::Unique),
    }
}
