//! A seeded identity-noise generator: people with frequency-weighted names, and corrupted copies
//! (typos, nicknames, changed surnames, transposed dates of birth, wrong identifier digits,
//! missing fields) at configurable rates. The true pairs are returned apart from the records.

use std::path::Path;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::normalize::nicknames_of;
use crate::LinkError;

// Small lists written for this generator, ordered roughly by how common the names are; the
// generator draws them with Zipf-like weights (rank^-1), so common names collide as in life.
const GIVEN_F: &[&str] = &[
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "nancy",
    "margaret",
    "lisa",
    "betty",
    "sandra",
    "ashley",
    "kimberly",
    "donna",
    "emily",
    "michelle",
    "carol",
    "amanda",
    "melissa",
    "deborah",
    "stephanie",
    "rebecca",
    "laura",
    "sharon",
    "cynthia",
    "kathleen",
    "amy",
    "shirley",
    "angela",
    "helen",
    "anna",
    "brenda",
    "pamela",
    "nicole",
    "samantha",
    "katherine",
    "emma",
    "ruth",
    "christine",
    "catherine",
    "debra",
    "rachel",
    "carolyn",
    "janet",
    "virginia",
    "maria",
    "heather",
    "diane",
    "julie",
    "joyce",
    "victoria",
    "kelly",
    "christina",
    "joan",
    "evelyn",
    "lauren",
    "judith",
    "olivia",
    "frances",
    "martha",
    "cheryl",
    "megan",
    "andrea",
    "hannah",
    "jacqueline",
    "ann",
    "jean",
    "alice",
    "kathryn",
    "gloria",
    "teresa",
    "doris",
    "sara",
    "janice",
    "julia",
    "marie",
    "madison",
    "grace",
    "judy",
    "theresa",
    "beverly",
    "denise",
    "marilyn",
    "amber",
    "danielle",
    "abigail",
    "brittany",
    "rose",
    "diana",
    "natalie",
    "sophia",
    "alexis",
    "lori",
    "kayla",
    "jane",
    "zoe",
];
const GIVEN_M: &[&str] = &[
    "james",
    "robert",
    "john",
    "michael",
    "david",
    "william",
    "richard",
    "joseph",
    "thomas",
    "christopher",
    "charles",
    "daniel",
    "matthew",
    "anthony",
    "mark",
    "donald",
    "steven",
    "andrew",
    "paul",
    "joshua",
    "kenneth",
    "kevin",
    "brian",
    "george",
    "timothy",
    "ronald",
    "jason",
    "edward",
    "jeffrey",
    "ryan",
    "jacob",
    "gary",
    "nicholas",
    "eric",
    "jonathan",
    "stephen",
    "larry",
    "justin",
    "scott",
    "brandon",
    "benjamin",
    "samuel",
    "gregory",
    "alexander",
    "patrick",
    "frank",
    "raymond",
    "jack",
    "dennis",
    "jerry",
    "tyler",
    "aaron",
    "jose",
    "adam",
    "nathan",
    "henry",
    "zachary",
    "douglas",
    "peter",
    "kyle",
    "noah",
    "ethan",
    "jeremy",
    "walter",
    "christian",
    "keith",
    "roger",
    "terry",
    "austin",
    "sean",
    "gerald",
    "carl",
    "harold",
    "dylan",
    "arthur",
    "lawrence",
    "jordan",
    "jesse",
    "bryan",
    "billy",
    "bruce",
    "gabriel",
    "joe",
    "logan",
    "alan",
    "juan",
    "albert",
    "willie",
    "elijah",
    "wayne",
    "randy",
    "vincent",
    "mason",
    "roy",
    "ralph",
    "bobby",
    "russell",
    "bradley",
    "philip",
    "eugene",
];
const SURNAMES: &[&str] = &[
    "smith",
    "johnson",
    "williams",
    "brown",
    "jones",
    "garcia",
    "miller",
    "davis",
    "rodriguez",
    "martinez",
    "hernandez",
    "lopez",
    "gonzalez",
    "wilson",
    "anderson",
    "thomas",
    "taylor",
    "moore",
    "jackson",
    "martin",
    "lee",
    "perez",
    "thompson",
    "white",
    "harris",
    "sanchez",
    "clark",
    "ramirez",
    "lewis",
    "robinson",
    "walker",
    "young",
    "allen",
    "king",
    "wright",
    "scott",
    "torres",
    "nguyen",
    "hill",
    "flores",
    "green",
    "adams",
    "nelson",
    "baker",
    "hall",
    "rivera",
    "campbell",
    "mitchell",
    "carter",
    "roberts",
    "gomez",
    "phillips",
    "evans",
    "turner",
    "diaz",
    "parker",
    "cruz",
    "edwards",
    "collins",
    "reyes",
    "stewart",
    "morris",
    "morales",
    "murphy",
    "cook",
    "rogers",
    "gutierrez",
    "ortiz",
    "morgan",
    "cooper",
    "peterson",
    "bailey",
    "reed",
    "kelly",
    "howard",
    "ramos",
    "kim",
    "cox",
    "ward",
    "richardson",
    "watson",
    "brooks",
    "chavez",
    "wood",
    "james",
    "bennett",
    "gray",
    "mendoza",
    "ruiz",
    "hughes",
    "price",
    "alvarez",
    "castillo",
    "sanders",
    "patel",
    "myers",
    "long",
    "ross",
    "foster",
    "jimenez",
    "powell",
    "jenkins",
    "perry",
    "russell",
    "sullivan",
    "bell",
    "coleman",
    "butler",
    "henderson",
    "barnes",
    "gonzales",
    "fisher",
    "vasquez",
    "simmons",
    "romero",
    "jordan",
    "patterson",
    "alexander",
    "hamilton",
    "graham",
    "reynolds",
    "griffin",
    "wallace",
    "moreno",
    "west",
    "cole",
    "hayes",
    "bryant",
    "herrera",
    "gibson",
    "ellis",
    "tran",
    "medina",
    "aguilar",
    "stevens",
    "murray",
    "ford",
    "castro",
    "marshall",
    "owens",
    "harrison",
    "fernandez",
    "mcdonald",
    "woods",
    "washington",
    "kennedy",
    "wells",
    "vargas",
    "henry",
    "chen",
    "freeman",
    "webb",
    "tucker",
    "guzman",
    "burns",
    "crawford",
    "olson",
    "simpson",
    "porter",
    "hunter",
    "gordon",
    "mendez",
    "silva",
    "shaw",
    "snyder",
    "mason",
    "dixon",
    "munoz",
    "hunt",
    "hicks",
    "holmes",
    "palmer",
    "wagner",
    "black",
    "robertson",
    "boyd",
    "rose",
    "stone",
    "salazar",
    "fox",
    "warren",
    "mills",
    "meyer",
    "rice",
    "schmidt",
    "garza",
    "daniels",
    "ferguson",
    "nichols",
    "stephens",
    "soto",
    "weaver",
    "ryan",
    "gardner",
    "payne",
    "grant",
    "dunn",
];
const CITIES: &[&str] = &[
    "springfield",
    "riverside",
    "franklin",
    "greenville",
    "bristol",
    "clinton",
    "fairview",
    "salem",
    "madison",
    "georgetown",
    "arlington",
    "ashland",
    "burlington",
    "manchester",
    "milton",
    "newport",
    "oxford",
    "dover",
    "hudson",
    "kingston",
    "marion",
    "jackson",
    "auburn",
    "dayton",
    "lexington",
    "milford",
    "winchester",
    "cleveland",
    "dublin",
    "chester",
];
const STREETS: &[&str] = &[
    "main",
    "oak",
    "pine",
    "maple",
    "cedar",
    "elm",
    "washington",
    "lake",
    "hill",
    "park",
    "walnut",
    "church",
    "spring",
    "ridge",
    "view",
    "north",
    "river",
    "sunset",
    "highland",
    "forest",
    "meadow",
    "willow",
    "mill",
    "center",
    "union",
];
const STREET_TYPES: &[&str] = &["st", "ave", "rd", "dr", "ln", "ct", "way", "pl"];

/// One generated person, with the fields as a raw file would hold them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RawPerson {
    /// Record id.
    pub id: String,
    /// Given name.
    pub given: String,
    /// Surname.
    pub surname: String,
    /// Date of birth `YYYY-MM-DD`.
    pub dob: String,
    /// `M` or `F`.
    pub sex: String,
    /// Five-digit postcode.
    pub postcode: String,
    /// City.
    pub city: String,
    /// Street address.
    pub address: String,
    /// Nine-digit identifier.
    pub ssn: String,
}

/// Rates of each corruption applied to the copy of a person (each drawn independently).
#[derive(Debug, Clone, Copy)]
pub struct NoiseConfig {
    /// People in the left file.
    pub people: usize,
    /// Share of left people who also appear (corrupted) in the right file.
    pub overlap: f64,
    /// People only in the right file.
    pub right_only: usize,
    /// Chance of one typo in each name.
    pub typo: f64,
    /// Chance a given name is replaced by a nickname (when it has one).
    pub nickname: f64,
    /// Chance the surname changed (marriage, divorce).
    pub surname_change: f64,
    /// Chance day and month of birth are transposed (or a day digit slips).
    pub dob_transpose: f64,
    /// Chance one identifier digit is wrong.
    pub id_digit: f64,
    /// Chance each field is blank.
    pub missing: f64,
    /// Seed.
    pub seed: u64,
}

impl Default for NoiseConfig {
    fn default() -> Self {
        NoiseConfig {
            people: 2_000,
            overlap: 0.6,
            right_only: 800,
            typo: 0.2,
            nickname: 0.1,
            surname_change: 0.05,
            dob_transpose: 0.05,
            id_digit: 0.1,
            missing: 0.05,
            seed: 42,
        }
    }
}

/// Two files and the truth joining them.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// Left file records.
    pub left: Vec<RawPerson>,
    /// Right file records (shuffled; corrupted copies and right-only people).
    pub right: Vec<RawPerson>,
    /// True (left id, right id) pairs, kept apart from the records.
    pub truth: Vec<(String, String)>,
}

fn zipf<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    // Inverse-rank weights: draw u in [0, H_n) and walk the cumulative sum.
    let h: f64 = (1..=list.len()).map(|r| 1.0 / r as f64).sum();
    let mut x = rng.gen::<f64>() * h;
    for (r, name) in list.iter().enumerate() {
        x -= 1.0 / (r + 1) as f64;
        if x <= 0.0 {
            return name;
        }
    }
    list[list.len() - 1]
}

fn person(rng: &mut ChaCha8Rng, id: String) -> RawPerson {
    let female = rng.gen_bool(0.5);
    let given = zipf(rng, if female { GIVEN_F } else { GIVEN_M }).to_string();
    let year = rng.gen_range(1950..2006);
    let month = rng.gen_range(1..=12u32);
    let day = rng.gen_range(1..=28u32);
    RawPerson {
        id,
        given,
        surname: zipf(rng, SURNAMES).to_string(),
        dob: format!("{year:04}-{month:02}-{day:02}"),
        sex: if female { "F" } else { "M" }.into(),
        postcode: format!("{:05}", rng.gen_range(10_000..10_300)),
        city: CITIES[rng.gen_range(0..CITIES.len())].into(),
        address: format!(
            "{} {} {}",
            rng.gen_range(1..3000),
            STREETS[rng.gen_range(0..STREETS.len())],
            STREET_TYPES[rng.gen_range(0..STREET_TYPES.len())]
        ),
        ssn: format!("{:09}", rng.gen_range(100_000_000u32..900_000_000)),
    }
}

/// One keyboard-style typo: substitute, delete, insert or swap adjacent letters.
pub fn typo(rng: &mut ChaCha8Rng, s: &str) -> String {
    let mut c: Vec<char> = s.chars().collect();
    if c.len() < 2 {
        return s.to_string();
    }
    let i = rng.gen_range(0..c.len() - 1);
    let letter = (b'a' + rng.gen_range(0..26u8)) as char;
    match rng.gen_range(0..4) {
        0 => c[i] = letter,
        1 => {
            c.remove(i);
        }
        2 => c.insert(i, letter),
        _ => c.swap(i, i + 1),
    }
    c.into_iter().collect()
}

fn corrupt(rng: &mut ChaCha8Rng, p: &RawPerson, id: String, cfg: &NoiseConfig) -> RawPerson {
    let mut q = RawPerson { id, ..p.clone() };
    if rng.gen_bool(cfg.nickname) {
        if let Some(n) = nicknames_of(&q.given).choose(rng) {
            q.given = (*n).to_string();
        }
    }
    if rng.gen_bool(cfg.surname_change) {
        let mut s = zipf(rng, SURNAMES);
        while s == q.surname {
            s = SURNAMES[rng.gen_range(0..SURNAMES.len())];
        }
        q.surname = s.to_string();
    }
    if rng.gen_bool(cfg.typo) {
        q.given = typo(rng, &q.given);
    }
    if rng.gen_bool(cfg.typo) {
        q.surname = typo(rng, &q.surname);
    }
    if rng.gen_bool(cfg.dob_transpose) {
        let (y, m, d) = (&q.dob[..4], &q.dob[5..7], &q.dob[8..10]);
        q.dob = if d <= "12" && d != m {
            format!("{y}-{d}-{m}")
        } else {
            let day: u32 = d.parse().unwrap_or(1);
            format!("{y}-{m}-{:02}", if day < 28 { day + 1 } else { day - 1 })
        };
    }
    if rng.gen_bool(cfg.id_digit) {
        let mut digits: Vec<char> = q.ssn.chars().collect();
        let i = rng.gen_range(0..digits.len());
        let old = digits[i];
        let mut new = old;
        while new == old {
            new = (b'0' + rng.gen_range(0..10u8)) as char;
        }
        digits[i] = new;
        q.ssn = digits.into_iter().collect();
    }
    for f in [
        &mut q.given,
        &mut q.surname,
        &mut q.dob,
        &mut q.postcode,
        &mut q.address,
        &mut q.ssn,
    ] {
        if rng.gen_bool(cfg.missing) {
            f.clear();
        }
    }
    if rng.gen_bool(0.1) {
        // People move: a new address and postcode.
        let moved = person(rng, String::new());
        q.address = moved.address;
        q.postcode = moved.postcode;
        q.city = moved.city;
    }
    q
}

/// Generates two files of people with known true pairs. Same seed, same output.
pub fn generate(cfg: &NoiseConfig) -> Generated {
    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let left: Vec<RawPerson> = (0..cfg.people)
        .map(|i| person(&mut rng, format!("L{i}")))
        .collect();
    let mut right = Vec::new();
    let mut truth = Vec::new();
    let mut rid = 0;
    for p in &left {
        if rng.gen_bool(cfg.overlap.clamp(0.0, 1.0)) {
            let id = format!("R{rid}");
            rid += 1;
            truth.push((p.id.clone(), id.clone()));
            right.push(corrupt(&mut rng, p, id, cfg));
        }
    }
    for _ in 0..cfg.right_only {
        right.push(person(&mut rng, format!("R{rid}")));
        rid += 1;
    }
    right.shuffle(&mut rng);
    Generated { left, right, truth }
}

/// Writes people as CSV with the header `id,given,surname,dob,sex,postcode,city,address,ssn`.
pub fn write_people(path: &Path, people: &[RawPerson]) -> Result<(), LinkError> {
    let mut w = csv::Writer::from_path(path).map_err(|e| LinkError::Csv {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    for p in people {
        w.serialize(p).map_err(|e| LinkError::Csv {
            path: path.display().to_string(),
            message: e.to_string(),
        })?;
    }
    w.flush().map_err(|source| LinkError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Writes the true pairs as CSV `left_id,right_id`.
pub fn write_truth(path: &Path, truth: &[(String, String)]) -> Result<(), LinkError> {
    let err = |e: csv::Error| LinkError::Csv {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let mut w = csv::Writer::from_path(path).map_err(err)?;
    w.write_record(["left_id", "right_id"]).map_err(err)?;
    for (l, r) in truth {
        w.write_record([l, r]).map_err(err)?;
    }
    w.flush().map_err(|source| LinkError::Io {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_and_truth_consistent() {
        let cfg = NoiseConfig {
            people: 300,
            right_only: 50,
            ..NoiseConfig::default()
        };
        let a = generate(&cfg);
        let b = generate(&cfg);
        assert_eq!(a.right, b.right);
        assert_eq!(a.right.len(), a.truth.len() + 50);
        let ratio = a.truth.len() as f64 / 300.0;
        assert!((0.5..0.7).contains(&ratio), "{ratio}");
        let c = generate(&NoiseConfig { seed: 1, ..cfg });
        assert_ne!(a.right, c.right);
    }

    #[test]
    fn corruption_rates_are_applied() {
        let cfg = NoiseConfig {
            people: 2000,
            overlap: 1.0,
            right_only: 0,
            id_digit: 0.3,
            missing: 0.0,
            ..NoiseConfig::default()
        };
        let g = generate(&cfg);
        let by_id: std::collections::HashMap<&str, &RawPerson> =
            g.right.iter().map(|p| (p.id.as_str(), p)).collect();
        let wrong = g
            .truth
            .iter()
            .filter(|(l, r)| {
                let lp = &g.left[l[1..].parse::<usize>().unwrap()];
                lp.ssn != by_id[r.as_str()].ssn
            })
            .count() as f64
            / g.truth.len() as f64;
        assert!((0.26..0.34).contains(&wrong), "{wrong}");
    }
}
