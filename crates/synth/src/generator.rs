//! The posting generator: picks an occupation, a title, an employer, a place and a date, plans
//! which credentials the posting asks for and how firmly, writes the text and keeps the truth.

use std::collections::{BTreeMap, VecDeque};

use credence_model::{Level, PostingMentions};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::catalog::{Catalog, CatalogEntry};
use crate::compose::{Composer, Context, Plan, Target};
use crate::phrasing::{self as ph, domain, Domain};
use crate::places::{state_name, uk_location, us_location, UK_TOWNS, US_CITIES};
use crate::titles::noisy_title;
use crate::trend::{
    credential_trend, month_index, month_start, month_weight, window_days, ymd, MONTHS,
};

/// The rates the generator draws with; [`Default`] gives the documented mix.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorConfig {
    /// Relative weight of each level, in [`Level::ALL`] order (required, preferred,
    /// or_equivalent, after_hire, unclear).
    pub level_weights: [f64; 5],
    /// Share of postings from the United Kingdom.
    pub uk_share: f64,
    /// Share of postings whose text is HTML.
    pub html_share: f64,
    /// Share of postings flattened onto one line.
    pub flat_share: f64,
    /// Share of postings planned with no credential mention at all.
    pub no_mention_share: f64,
    /// Share of postings that are reposts or cross-posts of an earlier posting.
    pub duplicate_share: f64,
    /// Share of postings that add a generic ask ("relevant certifications").
    pub generic_share: f64,
    /// Chance that credentials that can be listed together are written as one list.
    pub coordinated_share: f64,
    /// Share of postings whose SOC is one the catalog has credentials for.
    pub catalog_soc_share: f64,
}

impl Default for GeneratorConfig {
    fn default() -> Self {
        GeneratorConfig {
            level_weights: [0.50, 0.20, 0.07, 0.12, 0.11],
            uk_share: 0.15,
            html_share: 0.20,
            flat_share: 0.08,
            no_mention_share: 0.20,
            duplicate_share: 0.08,
            generic_share: 0.12,
            coordinated_share: 0.4,
            catalog_soc_share: 0.75,
        }
    }
}

/// One generated posting with everything a perfect reader would know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedPosting {
    /// Unique id (`syn-00000042`).
    pub id: String,
    /// Title as a job board shows it, noise included.
    pub title: String,
    /// The description, possibly HTML; mention offsets index this text in code points.
    pub text: String,
    /// The location string as written.
    pub location: String,
    /// Posting date, `YYYY-MM-DD`.
    pub date: String,
    /// Employer name as written.
    pub employer: String,
    /// The SOC 2018 code the title was drawn from.
    pub soc_truth: String,
    /// USPS state code (US) or nation code ENG, SCT, WLS, NIR (GB); `None` for "Remote" and the like.
    pub state_truth: Option<String>,
    /// `US` or `GB`.
    pub country_truth: String,
    /// The id of the original posting when this one is a repost or cross-post.
    pub duplicate_of: Option<String>,
    /// Every credential mention in `text`, sorted by start.
    pub truth: PostingMentions,
}

impl GeneratedPosting {
    /// The posting month, `YYYY-MM`.
    pub fn month(&self) -> &str {
        &self.date[..7]
    }
}

/// Titles of one SOC and the catalog rows the generator may use for it in each country.
struct SocPool {
    soc: String,
    titles: Vec<String>,
    us: Vec<usize>,
    uk: Vec<usize>,
}

/// How many recent originals a duplicate can copy; bounds memory.
const RECENT: usize = 512;

/// Credentials any posting may ask for regardless of occupation: (US ids, UK ids).
const GENERAL_US: &[&str] = &["drivers-license", "cpr", "first-aid"];
/// UK counterparts of [`GENERAL_US`].
const GENERAL_UK: &[&str] = &["uk-driving-licence", "first-aid-at-work", "first-aid"];

/// Rows usable in both countries (vendor and international certifications).
fn international(e: &CatalogEntry) -> bool {
    const IDS: &[&str] = &[
        "pmp",
        "capm",
        "csm",
        "psm",
        "prince2",
        "itil-foundation",
        "six-sigma-green-belt",
        "six-sigma-black-belt",
        "cbap",
        "cfa",
        "first-aid",
        "food-safety-certificate",
        "google-data-analytics",
        "lifeguard",
        "personal-trainer",
    ];
    e.socs
        .iter()
        .all(|s| s.starts_with("15-") || s == "11-3021")
        || IDS.contains(&e.id.as_str())
}

/// An infinite, seeded stream of [`GeneratedPosting`]s; the same seed, catalog and titles always
/// give the same stream.
pub struct PostingGenerator {
    rng: ChaCha8Rng,
    config: GeneratorConfig,
    entries: Vec<CatalogEntry>,
    pools: Vec<SocPool>,
    covered_us: Vec<usize>,
    covered_uk: Vec<usize>,
    general_us: Vec<usize>,
    general_uk: Vec<usize>,
    month_cdf: Vec<f64>,
    next: u64,
    recent: VecDeque<(GeneratedPosting, i64)>,
}

impl PostingGenerator {
    /// A generator with the default mix; `titles` are `(title, SOC 2018)` pairs such as
    /// [`crate::onet_titles`] returns (an empty list falls back to [`crate::builtin_titles`]).
    pub fn new(seed: u64, catalog: &Catalog, titles: Vec<(String, String)>) -> Self {
        Self::with_config(seed, catalog, titles, GeneratorConfig::default())
    }

    /// A generator with explicit rates.
    pub fn with_config(
        seed: u64,
        catalog: &Catalog,
        titles: Vec<(String, String)>,
        config: GeneratorConfig,
    ) -> Self {
        let titles = if titles.is_empty() {
            crate::titles::builtin_titles()
        } else {
            titles
        };
        let entries = catalog.entries().to_vec();
        let mut by_soc: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (t, s) in titles {
            by_soc.entry(s).or_default().push(t);
        }
        let pools: Vec<SocPool> = by_soc
            .into_iter()
            .map(|(soc, titles)| {
                let (mut us, mut uk) = (Vec::new(), Vec::new());
                for (i, e) in entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.socs.contains(&soc))
                {
                    if e.is_uk() || international(e) {
                        uk.push(i);
                    }
                    if !e.is_uk() {
                        us.push(i);
                    }
                }
                SocPool {
                    soc,
                    titles,
                    us,
                    uk,
                }
            })
            .collect();
        let covered = |f: fn(&SocPool) -> &Vec<usize>| {
            pools
                .iter()
                .enumerate()
                .filter(|(_, p)| !f(p).is_empty())
                .map(|(i, _)| i)
                .collect()
        };
        let ids = |list: &[&str]| {
            list.iter()
                .filter_map(|id| entries.iter().position(|e| e.id == *id))
                .collect()
        };
        let mut acc = 0.0;
        let month_cdf = (0..MONTHS)
            .map(|m| {
                acc += month_weight(m);
                acc
            })
            .collect();
        PostingGenerator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            covered_us: covered(|p| &p.us),
            covered_uk: covered(|p| &p.uk),
            general_us: ids(GENERAL_US),
            general_uk: ids(GENERAL_UK),
            config,
            entries,
            pools,
            month_cdf,
            next: 0,
            recent: VecDeque::with_capacity(RECENT),
        }
    }

    /// The catalog rows this generator writes from (indices in [`GeneratedPosting::truth`] ids).
    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// A level drawn from the configured weights.
    fn level(&mut self) -> Level {
        let w = self.config.level_weights;
        let total: f64 = w.iter().sum();
        let mut x = self.rng.gen_range(0.0..total.max(f64::MIN_POSITIVE));
        for (i, wi) in w.iter().enumerate() {
            if x < *wi {
                return Level::ALL[i];
            }
            x -= wi;
        }
        Level::Required
    }

    /// A month index drawn from the volume curve.
    fn month(&mut self) -> u32 {
        let total = *self.month_cdf.last().unwrap_or(&1.0);
        let x = self.rng.gen_range(0.0..total);
        self.month_cdf.iter().position(|c| x < *c).unwrap_or(0) as u32
    }

    /// Decides which credentials an original posting mentions and at what level.
    fn plan(&mut self, pool: usize, uk: bool, month: u32) -> Vec<Plan> {
        if self.rng.gen_bool(self.config.no_mention_share) {
            return Vec::new();
        }
        let soc = &self.pools[pool].soc;
        let cands = if uk {
            &self.pools[pool].uk
        } else {
            &self.pools[pool].us
        };
        let mut chosen: Vec<usize> = Vec::new();
        for &i in cands {
            let e = &self.entries[i];
            let base = if e.socs.first() == Some(soc) {
                0.55
            } else {
                0.12
            };
            let p = (base * credential_trend(&e.id, month)).min(0.95);
            if self.rng.gen_bool(p) {
                chosen.push(i);
            }
        }
        chosen.truncate(5);
        let general = if uk {
            &self.general_uk
        } else {
            &self.general_us
        };
        for &i in general {
            let p = (0.06 * credential_trend(&self.entries[i].id, month)).min(0.95);
            if !chosen.contains(&i) && self.rng.gen_bool(p) {
                chosen.push(i);
            }
        }
        let mut plans: Vec<Plan> = chosen
            .into_iter()
            .map(|i| Plan {
                target: Target::Entry(i),
                level: Level::Required,
            })
            .collect();
        if plans.is_empty() || self.rng.gen_bool(self.config.generic_share) {
            plans.push(Plan {
                target: self.generic(uk),
                level: Level::Required,
            });
        }
        for p in &mut plans {
            p.level = self.level();
            if !matches!(p.target, Target::Entry(_)) {
                p.level = match p.level {
                    Level::OrEquivalent => Level::Required,
                    Level::Unclear => {
                        p.target = Target::NoneNeeded;
                        Level::Unclear
                    }
                    l => l,
                };
            }
        }
        plans
    }

    /// A generic ask suitable for the country.
    fn generic(&mut self, uk: bool) -> Target {
        loop {
            let g = self.rng.gen_range(0..ph::GENERIC.len());
            if uk || !ph::GENERIC[g].2 {
                return Target::Generic(g);
            }
        }
    }

    /// An employer name for the family and country.
    fn employer(&mut self, d: Domain, uk: bool) -> String {
        const FIRST: &[&str] = &[
            "Summit",
            "Blue Ridge",
            "Lakeside",
            "Pioneer",
            "Riverbend",
            "Northstar",
            "Cedar Grove",
            "Harbor",
            "Keystone",
            "Evergreen",
            "Granite",
            "Silver Creek",
            "Redwood",
            "Prairie",
            "Beacon",
            "Crescent",
            "Ironwood",
            "Sunrise",
            "Heritage",
            "Brightpath",
            "Clearwater",
            "Oakridge",
            "Westfield",
            "Highland",
            "Meridian",
            "Nordström",
            "Águila",
            "Lumière",
            "Zoë's",
            "Bayview",
            "Copperleaf",
            "Stonebridge",
        ];
        let second: &[&str] = match (d, uk) {
            (Domain::Health | Domain::Coding, false) => &[
                "Health",
                "Medical Center",
                "Regional Hospital",
                "Care Center",
                "Family Clinic",
                "Senior Living",
                "Home Care",
            ],
            (Domain::Health | Domain::Coding, true) => &[
                "NHS Foundation Trust",
                "Care Homes",
                "Healthcare",
                "Medical Practice",
            ],
            (Domain::Transport, false) => &[
                "Logistics",
                "Freight",
                "Transport",
                "Trucking",
                "Carriers",
                "Express",
            ],
            (Domain::Transport, true) => &["Haulage", "Logistics", "Distribution", "Coaches"],
            (Domain::It, _) => &[
                "Technologies",
                "Systems",
                "Digital",
                "IT Solutions",
                "Software",
                "Networks",
            ],
            (Domain::Trades, _) => &[
                "Construction",
                "Electric",
                "Mechanical",
                "Plumbing & Heating",
                "Builders",
                "Fabrication",
            ],
            (Domain::Food, _) => &[
                "Kitchen",
                "Bistro",
                "Foods",
                "Grill",
                "Café",
                "Catering",
                "Hospitality Group",
            ],
            (Domain::Finance, _) => &[
                "Financial",
                "Accounting",
                "Insurance Agency",
                "Wealth Partners",
                "Bank",
                "Realty",
            ],
            (Domain::Education, false) => &[
                "School District",
                "Academy",
                "Learning Center",
                "Charter Schools",
                "Early Learning",
            ],
            (Domain::Education, true) => {
                &["Academy Trust", "Primary School", "Day Nursery", "College"]
            }
            (Domain::Protective, _) => &["Security", "Protective Services", "Guard Services"],
            (Domain::Social, _) => &[
                "Behavioral Health",
                "Family Services",
                "Counseling Center",
                "Community Services",
            ],
            (Domain::Office, _) => &["Group", "Partners", "Associates", "Holdings", "Enterprises"],
        };
        let a = FIRST.choose(&mut self.rng).unwrap_or(&"Acme");
        let b = second.choose(&mut self.rng).unwrap_or(&"Group");
        let legal: &[&str] = if uk {
            &["", "", " Ltd", " Ltd", " plc"]
        } else {
            &["", "", " Inc.", " LLC", ", Inc.", " Corp."]
        };
        let l = if b.contains("NHS") || b.contains("School") || b.contains("Trust") {
            ""
        } else {
            legal.choose(&mut self.rng).unwrap_or(&"")
        };
        format!("{a} {b}{l}")
    }

    /// Writes a brand-new posting.
    fn original(&mut self, id: String) -> (GeneratedPosting, i64) {
        let uk = self.rng.gen_bool(self.config.uk_share);
        let covered = if uk {
            &self.covered_uk
        } else {
            &self.covered_us
        };
        let pool = if !covered.is_empty() && self.rng.gen_bool(self.config.catalog_soc_share) {
            covered[self.rng.gen_range(0..covered.len())]
        } else {
            self.rng.gen_range(0..self.pools.len())
        };
        let soc = self.pools[pool].soc.clone();
        let d = domain(&soc);
        let base_title = self.pools[pool]
            .titles
            .choose(&mut self.rng)
            .cloned()
            .unwrap_or_default();
        let title = noisy_title(&mut self.rng, &base_title, &soc, uk);
        let (place, town, st_name) = if uk {
            let t = &UK_TOWNS[self.rng.gen_range(0..UK_TOWNS.len())];
            (uk_location(&mut self.rng, t), t.name, "")
        } else {
            let c = &US_CITIES[self.rng.gen_range(0..US_CITIES.len())];
            (us_location(&mut self.rng, c), c.name, state_name(c.state))
        };
        let month = self.month();
        let day = month_start(month) + self.rng.gen_range(0..28);
        let employer = self.employer(d, uk);
        let plans = self.plan(pool, uk, month);
        let html = self.rng.gen_bool(self.config.html_share);
        let flat = !html && self.rng.gen_bool(self.config.flat_share);
        let ctx = Context {
            uk,
            domain: d,
            employer: &employer,
            town,
            state_name: st_name,
            target_words: self.rng.gen_range(150..=600),
            html,
            flat,
        };
        let share = self.config.coordinated_share;
        let (text, mentions) =
            Composer::new(&mut self.rng, &self.entries, ctx).compose(&plans, share);
        let posting = GeneratedPosting {
            truth: PostingMentions {
                id: id.clone(),
                mentions,
            },
            id,
            title,
            text,
            location: place.text,
            date: ymd(day),
            employer,
            soc_truth: soc,
            state_truth: place.state.map(str::to_string),
            country_truth: if uk { "GB" } else { "US" }.to_string(),
            duplicate_of: None,
        };
        (posting, day)
    }

    /// Writes a repost (same employer, later date, tiny edit) or a cross-post (same text,
    /// different employer wording) of a recent original.
    fn duplicate(&mut self, id: String) -> GeneratedPosting {
        let k = self.rng.gen_range(0..self.recent.len());
        let (orig, day) = self.recent[k].clone();
        let mut p = orig;
        p.duplicate_of = Some(p.id.clone());
        p.id = id.clone();
        p.truth.id = id;
        let (_, end) = window_days();
        if self.rng.gen_bool(0.6) {
            let new_day = (day + self.rng.gen_range(7..=60)).min(end - 1);
            p.date = ymd(new_day);
            self.small_edit(&mut p);
        } else {
            let new_day = (day + self.rng.gen_range(0..=3)).min(end - 1);
            p.date = ymd(new_day);
            p.employer = self.employer_variant(&p.employer);
        }
        debug_assert!(month_index(window_days().0) == 0);
        p
    }

    /// A repost's tiny edit: a prefix (shifting every offset) or a suffix.
    fn small_edit(&mut self, p: &mut GeneratedPosting) {
        match self.rng.gen_range(0..4u32) {
            0 => {
                let prefix = "UPDATED: ";
                p.text.insert_str(0, prefix);
                let shift = prefix.chars().count();
                for m in &mut p.truth.mentions {
                    m.start += shift;
                    m.end += shift;
                }
            }
            1 => p.text.push_str(" Still hiring — apply today!"),
            2 => p.title.push_str(" (Reposted)"),
            _ => p.text.push_str("\n\nReposted."),
        }
    }

    /// The same employer written differently, as aggregators and staffing firms do.
    fn employer_variant(&mut self, employer: &str) -> String {
        match self.rng.gen_range(0..4u32) {
            0 => employer.to_uppercase(),
            1 => format!("{employer} (via Talent Bridge Staffing)"),
            2 => {
                employer
                    .trim_end_matches([',', ' '])
                    .trim_end_matches("Inc.")
                    .trim_end_matches("LLC")
                    .trim_end_matches("Ltd")
                    .trim_end_matches([',', ' '])
                    .to_string()
                    + " Careers"
            }
            _ => format!("Hiring Now: {employer}"),
        }
    }

    /// The next posting.
    pub fn generate(&mut self) -> GeneratedPosting {
        let id = format!("syn-{:08}", self.next);
        self.next += 1;
        if !self.recent.is_empty() && self.rng.gen_bool(self.config.duplicate_share) {
            return self.duplicate(id);
        }
        let (p, day) = self.original(id);
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back((p.clone(), day));
        p
    }
}

impl Iterator for PostingGenerator {
    type Item = GeneratedPosting;

    /// Never ends; use `take(n)`.
    fn next(&mut self) -> Option<GeneratedPosting> {
        Some(self.generate())
    }
}
