//! Built-in places and the many ways job boards write them, each with the state or nation that a
//! geocoder should recover (the truth).

use rand::Rng;

/// A U.S. city: name, USPS state code, a ZIP code in the city and its county.
pub(crate) struct UsCity {
    pub name: &'static str,
    pub state: &'static str,
    pub zip: &'static str,
    pub county: &'static str,
}

/// A UK town: name, nation code (ENG, SCT, WLS, NIR) and a postcode in the town.
pub(crate) struct UkTown {
    pub name: &'static str,
    pub nation: &'static str,
    pub postcode: &'static str,
}

/// Shorthand constructor that keeps the table below on one line per city.
const fn us(
    name: &'static str,
    state: &'static str,
    zip: &'static str,
    county: &'static str,
) -> UsCity {
    UsCity {
        name,
        state,
        zip,
        county,
    }
}

/// Eighty U.S. cities spread over every region, with a real ZIP and county for each.
pub(crate) const US_CITIES: &[UsCity] = &[
    us("New York", "NY", "10001", "New York County"),
    us("Buffalo", "NY", "14202", "Erie County"),
    us("Rochester", "NY", "14604", "Monroe County"),
    us("Los Angeles", "CA", "90012", "Los Angeles County"),
    us("San Diego", "CA", "92101", "San Diego County"),
    us("San Jose", "CA", "95113", "Santa Clara County"),
    us("Sacramento", "CA", "95814", "Sacramento County"),
    us("Fresno", "CA", "93721", "Fresno County"),
    us("Chicago", "IL", "60601", "Cook County"),
    us("Aurora", "IL", "60505", "Kane County"),
    us("Springfield", "IL", "62701", "Sangamon County"),
    us("Houston", "TX", "77002", "Harris County"),
    us("Dallas", "TX", "75201", "Dallas County"),
    us("Austin", "TX", "78701", "Travis County"),
    us("San Antonio", "TX", "78205", "Bexar County"),
    us("El Paso", "TX", "79901", "El Paso County"),
    us("Fort Worth", "TX", "76102", "Tarrant County"),
    us("Phoenix", "AZ", "85004", "Maricopa County"),
    us("Tucson", "AZ", "85701", "Pima County"),
    us("Mesa", "AZ", "85201", "Maricopa County"),
    us("Philadelphia", "PA", "19107", "Philadelphia County"),
    us("Pittsburgh", "PA", "15222", "Allegheny County"),
    us("Allentown", "PA", "18101", "Lehigh County"),
    us("Jacksonville", "FL", "32202", "Duval County"),
    us("Miami", "FL", "33130", "Miami-Dade County"),
    us("Tampa", "FL", "33602", "Hillsborough County"),
    us("Orlando", "FL", "32801", "Orange County"),
    us("Columbus", "OH", "43215", "Franklin County"),
    us("Cleveland", "OH", "44113", "Cuyahoga County"),
    us("Cincinnati", "OH", "45202", "Hamilton County"),
    us("Toledo", "OH", "43604", "Lucas County"),
    us("Charlotte", "NC", "28202", "Mecklenburg County"),
    us("Raleigh", "NC", "27601", "Wake County"),
    us("Greensboro", "NC", "27401", "Guilford County"),
    us("Indianapolis", "IN", "46204", "Marion County"),
    us("Fort Wayne", "IN", "46802", "Allen County"),
    us("Seattle", "WA", "98101", "King County"),
    us("Spokane", "WA", "99201", "Spokane County"),
    us("Tacoma", "WA", "98402", "Pierce County"),
    us("Denver", "CO", "80202", "Denver County"),
    us("Aurora", "CO", "80012", "Arapahoe County"),
    us("Colorado Springs", "CO", "80903", "El Paso County"),
    us("Boston", "MA", "02108", "Suffolk County"),
    us("Worcester", "MA", "01608", "Worcester County"),
    us("Springfield", "MA", "01103", "Hampden County"),
    us("Nashville", "TN", "37203", "Davidson County"),
    us("Memphis", "TN", "38103", "Shelby County"),
    us("Knoxville", "TN", "37902", "Knox County"),
    us("Detroit", "MI", "48226", "Wayne County"),
    us("Grand Rapids", "MI", "49503", "Kent County"),
    us("Portland", "OR", "97204", "Multnomah County"),
    us("Portland", "ME", "04101", "Cumberland County"),
    us("Las Vegas", "NV", "89101", "Clark County"),
    us("Reno", "NV", "89501", "Washoe County"),
    us("Baltimore", "MD", "21202", "Baltimore City"),
    us("Milwaukee", "WI", "53202", "Milwaukee County"),
    us("Madison", "WI", "53703", "Dane County"),
    us("Albuquerque", "NM", "87102", "Bernalillo County"),
    us("Kansas City", "MO", "64106", "Jackson County"),
    us("St. Louis", "MO", "63101", "St. Louis City"),
    us("Kansas City", "KS", "66101", "Wyandotte County"),
    us("Wichita", "KS", "67202", "Sedgwick County"),
    us("Atlanta", "GA", "30303", "Fulton County"),
    us("Savannah", "GA", "31401", "Chatham County"),
    us("Omaha", "NE", "68102", "Douglas County"),
    us("Minneapolis", "MN", "55401", "Hennepin County"),
    us("Saint Paul", "MN", "55101", "Ramsey County"),
    us("New Orleans", "LA", "70112", "Orleans Parish"),
    us("Baton Rouge", "LA", "70801", "East Baton Rouge Parish"),
    us("Louisville", "KY", "40202", "Jefferson County"),
    us("Lexington", "KY", "40507", "Fayette County"),
    us("Oklahoma City", "OK", "73102", "Oklahoma County"),
    us("Tulsa", "OK", "74103", "Tulsa County"),
    us("Salt Lake City", "UT", "84101", "Salt Lake County"),
    us("Birmingham", "AL", "35203", "Jefferson County"),
    us("Little Rock", "AR", "72201", "Pulaski County"),
    us("Des Moines", "IA", "50309", "Polk County"),
    us("Boise", "ID", "83702", "Ada County"),
    us("Anchorage", "AK", "99501", "Anchorage Municipality"),
    us("Honolulu", "HI", "96813", "Honolulu County"),
    us("Newark", "NJ", "07102", "Essex County"),
    us("Hartford", "CT", "06103", "Hartford County"),
    us("Providence", "RI", "02903", "Providence County"),
    us("Richmond", "VA", "23219", "Richmond City"),
    us("Virginia Beach", "VA", "23451", "Virginia Beach City"),
    us("Charleston", "WV", "25301", "Kanawha County"),
    us("Columbia", "SC", "29201", "Richland County"),
    us("Fargo", "ND", "58102", "Cass County"),
    us("Sioux Falls", "SD", "57104", "Minnehaha County"),
    us("Billings", "MT", "59101", "Yellowstone County"),
    us("Cheyenne", "WY", "82001", "Laramie County"),
    us("Burlington", "VT", "05401", "Chittenden County"),
    us("Manchester", "NH", "03101", "Hillsborough County"),
    us("Wilmington", "DE", "19801", "New Castle County"),
    us("Washington", "DC", "20001", "District of Columbia"),
    us("Jackson", "MS", "39201", "Hinds County"),
];

/// Shorthand constructor for the UK table.
const fn uk(name: &'static str, nation: &'static str, postcode: &'static str) -> UkTown {
    UkTown {
        name,
        nation,
        postcode,
    }
}

/// UK towns across all four nations, with a central postcode for each.
pub(crate) const UK_TOWNS: &[UkTown] = &[
    uk("London", "ENG", "EC1A 1BB"),
    uk("Leeds", "ENG", "LS1 4AP"),
    uk("Manchester", "ENG", "M1 1AE"),
    uk("Birmingham", "ENG", "B1 1BB"),
    uk("Bristol", "ENG", "BS1 4DJ"),
    uk("Liverpool", "ENG", "L1 8JQ"),
    uk("Newcastle upon Tyne", "ENG", "NE1 7RU"),
    uk("Sheffield", "ENG", "S1 2HE"),
    uk("Nottingham", "ENG", "NG1 5FW"),
    uk("Leicester", "ENG", "LE1 5YA"),
    uk("Norwich", "ENG", "NR2 1NH"),
    uk("Cardiff", "WLS", "CF10 1EP"),
    uk("Swansea", "WLS", "SA1 3SN"),
    uk("Glasgow", "SCT", "G1 1XQ"),
    uk("Edinburgh", "SCT", "EH1 1YZ"),
    uk("Aberdeen", "SCT", "AB10 1XG"),
    uk("Belfast", "NIR", "BT1 5GS"),
    uk("Derry", "NIR", "BT48 6HQ"),
];

/// Full name of a USPS state code (the 50 states and DC).
pub(crate) fn state_name(code: &str) -> &'static str {
    const NAMES: &[(&str, &str)] = &[
        ("AL", "Alabama"),
        ("AK", "Alaska"),
        ("AZ", "Arizona"),
        ("AR", "Arkansas"),
        ("CA", "California"),
        ("CO", "Colorado"),
        ("CT", "Connecticut"),
        ("DE", "Delaware"),
        ("DC", "District of Columbia"),
        ("FL", "Florida"),
        ("GA", "Georgia"),
        ("HI", "Hawaii"),
        ("ID", "Idaho"),
        ("IL", "Illinois"),
        ("IN", "Indiana"),
        ("IA", "Iowa"),
        ("KS", "Kansas"),
        ("KY", "Kentucky"),
        ("LA", "Louisiana"),
        ("ME", "Maine"),
        ("MD", "Maryland"),
        ("MA", "Massachusetts"),
        ("MI", "Michigan"),
        ("MN", "Minnesota"),
        ("MS", "Mississippi"),
        ("MO", "Missouri"),
        ("MT", "Montana"),
        ("NE", "Nebraska"),
        ("NV", "Nevada"),
        ("NH", "New Hampshire"),
        ("NJ", "New Jersey"),
        ("NM", "New Mexico"),
        ("NY", "New York"),
        ("NC", "North Carolina"),
        ("ND", "North Dakota"),
        ("OH", "Ohio"),
        ("OK", "Oklahoma"),
        ("OR", "Oregon"),
        ("PA", "Pennsylvania"),
        ("RI", "Rhode Island"),
        ("SC", "South Carolina"),
        ("SD", "South Dakota"),
        ("TN", "Tennessee"),
        ("TX", "Texas"),
        ("UT", "Utah"),
        ("VT", "Vermont"),
        ("VA", "Virginia"),
        ("WA", "Washington"),
        ("WV", "West Virginia"),
        ("WI", "Wisconsin"),
        ("WY", "Wyoming"),
    ];
    NAMES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, n)| n)
}

/// Display name of a UK nation code.
pub(crate) fn nation_name(code: &str) -> &'static str {
    match code {
        "SCT" => "Scotland",
        "WLS" => "Wales",
        "NIR" => "Northern Ireland",
        _ => "England",
    }
}

/// A written location and the state (USPS) or nation (ENG, SCT, WLS, NIR) it implies, if any.
pub(crate) struct Place {
    /// What the job board shows.
    pub text: String,
    /// The state or nation a perfect geocoder would return; `None` for "Remote" and the like.
    pub state: Option<&'static str>,
}

/// Writes a U.S. city in one of many job-board formats.
pub(crate) fn us_location(rng: &mut impl Rng, c: &UsCity) -> Place {
    let st = c.state;
    let name = state_name(st);
    let state = Some(st);
    let text = match rng.gen_range(0..100u32) {
        0..=24 => format!("{}, {st}", c.name),
        25..=36 => format!("{}, {st} {}", c.name, c.zip),
        37..=46 => format!("{}, {name}", c.name),
        47..=51 => format!("{}, {name}", c.county),
        52..=56 => format!("{st}-{}", c.name),
        57..=61 => format!("Remote - {st}"),
        62..=65 => format!("Remote in {}, {st}", c.name),
        66..=70 => format!("Hybrid in {}, {st}", c.name),
        71..=74 => format!("Hybrid remote in {}, {st} {}", c.name, c.zip),
        75..=79 => format!("{}, {st}, US", c.name),
        80..=83 => format!("{}, {name}, United States", c.name),
        84..=87 => format!("{} {st}", c.name),
        88..=91 => format!("US-{st}-{}", c.name),
        92..=93 => format!("{}, {} ({st})", c.name, c.county),
        94..=96 => {
            return Place {
                text: "Remote".into(),
                state: None,
            }
        }
        97..=98 => {
            return Place {
                text: "United States".into(),
                state: None,
            }
        }
        _ => {
            return Place {
                text: "Multiple Locations".into(),
                state: None,
            }
        }
    };
    Place { text, state }
}

/// Writes a UK town in one of the formats UK boards use.
pub(crate) fn uk_location(rng: &mut impl Rng, t: &UkTown) -> Place {
    let state = Some(t.nation);
    let text = match rng.gen_range(0..100u32) {
        0..=24 => format!("{} {}", t.name, t.postcode),
        25..=44 => format!("{}, UK", t.name),
        45..=59 => format!("{}, {}", t.name, nation_name(t.nation)),
        60..=74 => t.name.to_string(),
        75..=84 => format!("{}, United Kingdom", t.name),
        85..=91 => format!("Hybrid - {}", t.name),
        92..=95 => format!("{}, {}, GB", t.name, t.postcode),
        _ => {
            return Place {
                text: "Remote (UK)".into(),
                state: None,
            }
        }
    };
    Place { text, state }
}
