//! Job titles: O*NET alternate titles with their SOC 2018 code, a small built-in fallback, and
//! the noise job boards add to titles ("Sr.", "- Nights", "(Remote)", "$22/hr", "CDL-A").

use std::path::Path;

use credence_taxonomy::{
    onet_to_soc, parse_alternate_titles, parse_onet_occupations, read_reference,
};
use rand::Rng;

use crate::SynthError;

/// Every O*NET occupation title and alternate title in `data_dir`, as `(title, SOC 2018)`,
/// de-duplicated and in file order.
pub fn onet_titles(data_dir: &Path) -> Result<Vec<(String, String)>, SynthError> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let (_, bytes) = read_reference(data_dir, "onet_occupation_data")?;
    for occ in parse_onet_occupations(&bytes, "Occupation Data.txt")?.rows {
        if seen.insert((occ.title.clone(), occ.soc.clone())) {
            out.push((occ.title, occ.soc));
        }
    }
    let (_, bytes) = read_reference(data_dir, "onet_alternate_titles")?;
    for alt in parse_alternate_titles(&bytes, "Alternate Titles.txt")?.rows {
        let Some(soc) = onet_to_soc(&alt.code) else {
            continue;
        };
        if seen.insert((alt.title.clone(), soc.clone())) {
            out.push((alt.title, soc));
        }
    }
    Ok(out)
}

/// A few titles per common SOC, for tests and callers without the O*NET files.
pub fn builtin_titles() -> Vec<(String, String)> {
    const T: &[(&str, &str)] = &[
        ("Registered Nurse", "29-1141"),
        ("Staff Nurse", "29-1141"),
        ("ICU Nurse", "29-1141"),
        ("Licensed Practical Nurse", "29-2061"),
        ("Certified Nursing Assistant", "31-1131"),
        ("Nurse Aide", "31-1131"),
        ("Medical Assistant", "31-9092"),
        ("Phlebotomist", "31-9097"),
        ("Pharmacy Technician", "29-2052"),
        ("Paramedic", "29-2043"),
        ("EMT", "29-2042"),
        ("Medical Coder", "29-2072"),
        ("Home Health Aide", "31-1121"),
        ("Nurse Practitioner", "29-1171"),
        ("Tractor-Trailer Driver", "53-3032"),
        ("Truck Driver", "53-3032"),
        ("Delivery Driver", "53-3033"),
        ("Bus Driver", "53-3052"),
        ("Forklift Operator", "53-7051"),
        ("Warehouse Associate", "53-7062"),
        ("Help Desk Technician", "15-1232"),
        ("Network Administrator", "15-1244"),
        ("Information Security Analyst", "15-1212"),
        ("Software Developer", "15-1252"),
        ("Project Manager", "13-1082"),
        ("Electrician", "47-2111"),
        ("Plumber", "47-2152"),
        ("HVAC Technician", "49-9021"),
        ("Welder", "51-4121"),
        ("Automotive Technician", "49-3023"),
        ("Construction Laborer", "47-2061"),
        ("Line Cook", "35-2014"),
        ("Server", "35-3031"),
        ("Kitchen Manager", "35-1012"),
        ("Staff Accountant", "13-2011"),
        ("Financial Advisor", "13-2052"),
        ("Insurance Agent", "41-3021"),
        ("Real Estate Agent", "41-9022"),
        ("Elementary Teacher", "25-2021"),
        ("Security Officer", "33-9032"),
        ("Clinical Social Worker", "21-1022"),
        ("Office Assistant", "43-9061"),
        ("Customer Service Representative", "43-4051"),
        ("Childcare Teacher", "39-9011"),
    ];
    T.iter()
        .map(|(t, s)| (t.to_string(), s.to_string()))
        .collect()
}

/// Adds job-board noise to a title about a third of the time.
pub(crate) fn noisy_title(rng: &mut impl Rng, title: &str, soc: &str, uk: bool) -> String {
    if rng.gen_range(0..100u32) >= 35 {
        return title.to_string();
    }
    let pay = if uk { "£12.60ph" } else { "$22/hr" };
    match rng.gen_range(0..12u32) {
        0 => format!("Sr. {title}"),
        1 => format!("Senior {title}"),
        2 => format!("{title} - Nights"),
        3 => format!("{title} (Remote)"),
        4 => format!("{title} - {pay}"),
        5 => format!("{title} - Up to $28/hr"),
        6 => format!("{title} (Part-Time)"),
        7 => format!("{title} - Sign-On Bonus!"),
        8 if soc == "53-3032" => format!("CDL-A {title}"),
        9 if soc.starts_with("29") => format!("{title} - PRN"),
        10 => format!("{} – Immediate Start", title.to_uppercase()),
        _ => format!("{title} - Weekends"),
    }
}
