//! Spans that look like credentials but are not asks: a bare "license" that points back at one
//! named earlier ("a copy of your license", "the certification described above"), a generic
//! heading over named options ("2. Certification", "Licensure:"), plural people ("Registered
//! Nurses", "LPNs", "company CDL drivers") who are colleagues or job titles, an organisation's
//! or a place's own credential ("the hospital's DEA registration", "a registered nursing
//! home"), and what is named after a credential without being one: an exam, a test or a course
//! ("CSCS test results", "paid CDL training"), a route to it ("licensure by endorsement"), an
//! award ("Certified 2024"), a register or a duty ("the SIA register", "DEA reporting").
//!
//! These are the judgements of the labelling guidelines (`docs/demand-labeling.md`) written as
//! rules over the words around a span; they never look at a particular employer's phrasing.

/// Determiners and possessives that make a bare credential noun point at one already named.
const BACK_POINTERS: &[&str] = &[
    "the",
    "your",
    "this",
    "that",
    "these",
    "those",
    "such",
    "said",
    "its",
    "their",
    "his",
    "her",
    "same",
    "above",
    "applicable",
    "aforementioned",
];

/// Adjectives that may sit between the pointer and the noun ("your current, valid license").
const SKIPPABLE: &[&str] = &[
    "valid",
    "current",
    "active",
    "unrestricted",
    "full",
    "required",
    "appropriate",
    "necessary",
    "state",
    "professional",
    "relevant",
    "and",
    "or",
    "current,",
    "valid,",
];

/// Words right after a bare noun that point elsewhere in the text ("described above").
const POINTS_ELSEWHERE: &[&str] = &[
    "above",
    "below",
    "described",
    "listed",
    "mentioned",
    "noted",
    "identified",
    "indicated",
    "specified",
    "outlined",
];

/// Words before a bare noun that make it a document to hand in, not an ask ("a copy of your
/// license", "proof of certification", "upload your license").
const DOCUMENT_WORDS: &[&str] = &[
    "copy",
    "copies",
    "proof",
    "upload",
    "uploaded",
    "attach",
    "attached",
    "submit",
    "submitted",
    "documentation",
    "scan",
];

/// Words right after a bare noun that make it a form field or a reminder ("license number").
const FORM_FIELD_AFTER: &[&str] = &[
    "number",
    "numbers",
    "reminder",
    "information",
    "expiration",
    "type",
    "date",
    "dates",
    "details",
];

/// People nouns whose plural names colleagues or a job family, never the hire's credential.
const PERSON_NOUNS: &[&str] = &[
    "nurse",
    "technician",
    "technologist",
    "assistant",
    "aide",
    "dietitian",
    "engineer",
    "specialist",
    "counselor",
    "counsellor",
    "worker",
    "therapist",
    "paramedic",
    "practitioner",
    "physician",
    "pharmacist",
    "hygienist",
    "inspector",
    "accountant",
    "electrician",
    "plumber",
    "operator",
    "officer",
    "professional",
    "provider",
    "responder",
    "clinician",
    "midwife",
    "psychologist",
    "surveyor",
    "architect",
    "auditor",
    "planner",
    "teacher",
    "educator",
    "representative",
    "agent",
    "broker",
    "advisor",
    "adviser",
    "driver",
    "sonographer",
    "radiographer",
    "mariner",
    "trainee",
    "candidate",
    "salesperson",
    "coache",
    "student",
];

/// True when the span at `[start, end)` of `t` is not an ask of its own (see the module doc).
/// `generic` says the span names no particular credential (a bare head noun).
pub fn not_an_ask(t: &str, start: usize, end: usize, generic: bool) -> bool {
    let (Some(span), Some(before), Some(after)) = (t.get(start..end), t.get(..start), t.get(end..))
    else {
        return false;
    };
    if plural_people(span)
        || a_diploma_or_a_company(span)
        || a_person_described(after)
        || a_completed_course(before, span)
        || people_named_by_it(span, after)
        || a_body_subscribed_to(before, span)
        || a_process(span, after)
        || an_organisations(before)
        || an_award_year(span)
        || someone_licensed(before, span)
        || bare_participle(span, after)
        || names_the_job(before, span, after)
        || an_examination(before, after)
        || an_activity(before, span)
        || a_field_of_study(before)
    {
        return true;
    }
    (generic || bare_noun(span))
        && (points_back(before, after)
            || generic_heading(before, span, after)
            || hypothetical_or_lapsed(before, span)
            || a_document(before, after)
            || a_restating_note(before, after))
}

/// "… proof at the time of application (License required)?": a bracketed note that repeats
/// an ask the sentence already made, not a new one.
fn a_restating_note(before: &str, after: &str) -> bool {
    before.ends_with('(')
        && after
            .get(..10)
            .is_some_and(|a| a.eq_ignore_ascii_case(" required)"))
}

/// True inside a bracket that lists the fields of a degree: "a master's degree in a comparable
/// mental health degree (Licensed Professional Mental Health Counselor, Social Work, …)". The
/// names there are subjects studied, not credentials held.
fn a_field_of_study(before: &str) -> bool {
    let Some(open) = before.rfind('(') else {
        return false;
    };
    if before[open..].contains([')', '\n']) {
        return false;
    }
    words(&before[..open])
        .next_back()
        .is_some_and(|w| matches!(w.as_str(), "degree" | "degrees" | "major" | "majors"))
}

/// True when the span at `[start, end)` of `t` is another person or the job, not the hire's
/// credential: a name coordinated with it ("… or licensed vocational rehabilitation
/// specialist") goes the same way, which the caller decides.
pub fn someone_else_or_the_job(t: &str, start: usize, end: usize) -> bool {
    let (Some(span), Some(before), Some(after)) = (t.get(start..end), t.get(..start), t.get(end..))
    else {
        return false;
    };
    plural_people(span)
        || someone_licensed(before, span)
        || names_the_job(before, span, after)
        || an_organisation(before, span, after)
        || a_credentialed_place(span, after)
        || a_person_in_brackets(before, span)
        || a_number_shown(after)
        || a_scheme(after)
}

/// Nouns for places and organisations that may be licensed, certified or registered.
const PLACE_NOUNS: &[&str] = &[
    "account",
    "acres",
    "farm",
    "farms",
    "land",
    "produce",
    "apprenticeship",
    "apprenticeships",
    "charity",
    "fund",
    "plan",
    "agency",
    "business",
    "center",
    "centre",
    "clinic",
    "company",
    "dealer",
    "employer",
    "environment",
    "establishment",
    "facility",
    "firm",
    "home",
    "hospital",
    "lab",
    "laboratory",
    "organisation",
    "organization",
    "practice",
    "premises",
    "program",
    "programme",
    "provider",
    "school",
    "service",
    "setting",
    "shifts",
    "shop",
    "site",
    "contractor",
    "unit",
    "venue",
];

/// "a certified aged residential care facility", "a registered broker-dealer", "a licensed
/// setting": a place or an organisation holds it, not the hire.
fn a_credentialed_place(span: &str, after: &str) -> bool {
    let place = |w: &str| {
        w.rsplit('-')
            .next()
            .is_some_and(|l| PLACE_NOUNS.contains(&l))
    };
    // "Registered Retirement Savings Plan (RRSP)": the noun before a closing bracket.
    let span = match span.trim_end().strip_suffix(')') {
        Some(inner) => inner.rsplit_once('(').map_or(span, |(head, _)| head),
        None => span,
    };
    let all: Vec<String> = words(span).collect();
    let Some(last) = all.last() else {
        return false;
    };
    // "Gas Safe registered business": the participle ends the span, the place follows it.
    if PARTICIPLES.contains(&last.as_str()) {
        // "ACE-certified coaches": the people it names, like a place.
        return words(after)
            .next()
            .is_some_and(|n| place(&n) || plural_person(&n));
    }
    // "a certified … care facility", "HIQA-registered nursing home providing long-stay care",
    // "Fear Free Certified Practice": a place at the end or within two words of the
    // participle, unless the participle takes an object ("licensed to practice medicine").
    // "Nationally Certified School Psychologist": a person named after a place is a person.
    let person = PERSON_NOUNS.contains(&last.as_str())
        || ["ist", "ists", "ian", "ians"]
            .iter()
            .any(|x| last.ends_with(x));
    !person
        && all
            .iter()
            .position(|w| PARTICIPLES.contains(&w.as_str()))
            .is_some_and(|p| {
                let next = all.get(p + 1).map(String::as_str);
                let takes_object = matches!(next, Some("to" | "in" | "as" | "by" | "with" | "for"));
                !takes_object && (place(last) || all[p + 1..].iter().take(2).any(|w| place(w)))
            })
}

/// "under the hospital's DEA registration", "maintain our licence": the employer's own
/// credential, held by a place or by "us".
fn an_organisations(before: &str) -> bool {
    let Some(prev) = words(before).next_back() else {
        return false;
    };
    let possessive = ["'s", "’s"]
        .iter()
        .find_map(|p| prev.strip_suffix(p))
        .is_some_and(|owner| PLACE_NOUNS.contains(&owner));
    possessive || prev == "our"
}

/// "company CDL drivers haul the larger units", "an SIA Approved Contractor": people or an
/// organisation the acronym describes, right after it.
fn people_named_by_it(span: &str, after: &str) -> bool {
    if !is_acronym(&span.replace(' ', "")) {
        return false;
    }
    // "CA ANZ or CPA Australia membership fees": past the names coordinated with it.
    let after = skip_coordinated_names(after);
    // Only the words on the span's own line and clause ("… or GICSP. Candidates without …"
    // names nobody).
    let clause = after
        .split(['\n', '.', ';', ':', ',', '(', ')', '<'])
        .next()
        .unwrap_or_default();
    let mut next = words(clause);
    let first = next.next().unwrap_or_default();
    let second = words(clause).nth(1).unwrap_or_default();
    // "ACA and ACCA trainees", "TCOLE peace officers": the people it names, one describing
    // word allowed between.
    let people = plural_person(&first) || plural_person(&second);
    let approved = matches!(first.as_str(), "approved" | "accredited")
        && next.next().is_some_and(|w| {
            matches!(
                w.as_str(),
                "contractor"
                    | "contractors"
                    | "provider"
                    | "providers"
                    | "centre"
                    | "center"
                    | "course"
                    | "courses"
                    | "training"
                    | "employer"
                    | "partner"
            )
        });
    // "we check the SIA register", "DEA reporting": the body's register or a duty, not the
    // credential.
    let a_duty = matches!(
        first.as_str(),
        "register"
            | "reporting"
            | "regulations"
            | "standards"
            | "audit"
            | "audits"
            | "inspections"
            | "membership"
            | "memberships"
            | "subscription"
            | "subscriptions"
    );
    people || approved || a_duty
}

/// "coaches", "trainees", "peace officers": the plural of a person noun.
fn plural_person(w: &str) -> bool {
    w.strip_suffix('s')
        .is_some_and(|stem| PERSON_NOUNS.contains(&stem))
}

/// "Professional subscriptions (ICAEW / ACCA / CIMA) paid": an acronym in the brackets after
/// "subscriptions", "membership" or "fees" names a body one pays, not a credential held.
fn a_body_subscribed_to(before: &str, span: &str) -> bool {
    if !is_acronym(span) {
        return false;
    }
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    line.rfind('(').is_some_and(|open| {
        let lead = line[..open].to_lowercase();
        let lead = lead.trim_end();
        [
            "subscription",
            "subscriptions",
            "membership",
            "memberships",
            "fees",
        ]
        .iter()
        .any(|w| lead.ends_with(w))
    })
}

/// "licensure by credential if you're moving from another state", "licensure by endorsement":
/// a route to a licence, not a licence.
fn a_process(span: &str, after: &str) -> bool {
    let route = |w: &str| {
        matches!(
            w,
            "credential" | "endorsement" | "reciprocity" | "examination"
        )
    };
    let span_words: Vec<String> = words(span).collect();
    let in_span = span_words.windows(2).any(|w| w[0] == "by" && route(&w[1]));
    let mut next = words(after);
    in_span || next.next().as_deref() == Some("by") && next.next().is_some_and(|w| route(&w))
}

/// Qualifications and organisations' registrations, which the guidelines exclude: "CIPD Level 5
/// Associate Diploma", "Certificate III in Electrotechnology", "New Zealand Certificate in
/// Pharmacy", "a company registered in England and Wales", "registered with the Care Quality
/// Commission" (a regulator of homes and schools, not of people).
fn a_diploma_or_a_company(span: &str) -> bool {
    let w: Vec<String> = words(span).collect();
    let qualification = w.iter().any(|x| x == "diploma" || x == "degree")
        || w.windows(2).any(|x| {
            x[0] == "certificate"
                && (x[1] == "in" || matches!(x[1].as_str(), "i" | "ii" | "iii" | "iv"))
        });
    let company = w.windows(3).any(|x| {
        x[0] == "registered"
            && x[1] == "in"
            && matches!(x[2].as_str(), "england" | "scotland" | "wales")
    });
    let regulator = w.first().is_some_and(|x| x == "registered")
        && w.iter().any(|x| {
            matches!(
                x.as_str(),
                "cqc" | "ofsted" | "hiqa" | "quality" | "charity" | "companies"
            )
        });
    qualification || company || regulator
}

/// "a licensed captain who loves people", "a PTA who loves ortho": the person the job wants,
/// named by the credential.
fn a_person_described(after: &str) -> bool {
    words(after)
        .next()
        .is_some_and(|w| matches!(w.as_str(), "who" | "whom" | "whose"))
}

/// "Completion of the Care Certificate … is part of our induction": a course completed.
fn a_completed_course(before: &str, span: &str) -> bool {
    let tail: Vec<String> = words(before).rev().take(3).collect();
    let completion = tail
        .iter()
        .any(|w| w == "completion" || w == "complete" || w == "completing");
    completion && words(span).any(|w| w == "certificate")
}

/// "Great Place to Work® Certified 2024": an award with its year, not a credential.
fn an_award_year(span: &str) -> bool {
    let mut has_year = false;
    let mut certified = false;
    for w in words(span) {
        has_year |= w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit());
        certified |= w == "certified";
    }
    has_year && certified
}

/// "the charge nurse (RN or LPN)": acronyms in brackets after a lower-case person noun are
/// that person's credentials.
fn a_person_in_brackets(before: &str, span: &str) -> bool {
    if !is_acronym(span) {
        return false;
    }
    // Only the last few dozen bytes matter; never scan the whole text before every acronym.
    let mut from = before.len().saturating_sub(48);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let Some(open) = before[from..].rfind('(').map(|i| from + i) else {
        return false;
    };
    let inside = &before[open + 1..];
    if inside.contains(')') {
        return false;
    }
    // "the charge nurse (", "the nurse in charge (": a lower-case person noun among the last
    // three words, with an article or possessive before it.
    let ahead: Vec<&str> = before[..open].split_whitespace().rev().take(5).collect();
    let person = ahead.iter().take(3).position(|w| {
        w.chars().next().is_some_and(char::is_lowercase)
            && PERSON_NOUNS.contains(&w.strip_suffix('s').unwrap_or(w))
    });
    person.is_some_and(|p| {
        ahead[p + 1..]
            .iter()
            .take(2)
            .any(|w| matches!(*w, "the" | "a" | "an" | "your" | "our" | "their"))
    })
}

/// "Master Licence No. 000102938", "TDLR License #TACLA00012345C": a licence number shown
/// (the employer's), not an ask.
fn a_number_shown(after: &str) -> bool {
    let rest = after.trim_start();
    let rest = ["No.", "no.", "Number", "number", "#"]
        .iter()
        .find_map(|p| rest.strip_prefix(p));
    rest.is_some_and(|r| {
        r.trim_start_matches([' ', ':', '#'])
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .next()
            .is_some_and(|id| id.chars().any(|c| c.is_ascii_digit()))
    })
}

/// "the Nurse Licensure Compact", "EPA Section 608 rules": the scheme or its rules, not a
/// credential someone holds.
fn a_scheme(after: &str) -> bool {
    words(after).next().is_some_and(|w| {
        matches!(
            w.as_str(),
            "compact" | "rules" | "regulations" | "code" | "codes"
        )
    })
}

/// Words after an acronym that make it an organisation ("a letter from ASCP BOC", "the ASCP
/// Board of Certification", "a growing CPA firm"), not the credential.
const ORGANISATION_AFTER: &[&str] = &[
    "board",
    "boc",
    "bor",
    "agency",
    "council",
    "commission",
    "website",
    "registry",
    "office",
    "practice",
    // "CFA Institute", "CFA Society Toronto", "a CA ANZ Approved Training Employer": the body,
    // not the credential.
    "institute",
    "society",
    "association",
    "foundation",
    "program",
    "programme",
];

/// Business nouns after any name ("a CPA firm", "a QuickBooks ProAdvisor firm"): the
/// employer's business, not the credential.
const BUSINESS_AFTER: &[&str] = &[
    "firm",
    "firms",
    "company",
    "companies",
    "partner",
    "partners",
    "employer",
];

/// "from ASCP BOC or AMT", "through the ASCP BOC", "through PTCB or NHA": a bare acronym
/// naming the issuer.
fn an_organisation(before: &str, span: &str, after: &str) -> bool {
    let issued_by = words(before)
        .rev()
        .find(|w| w != "the")
        .is_some_and(|w| matches!(w.as_str(), "through" | "from" | "via" | "by"));
    let next = words(skip_coordinated_names(after)).next();
    let business_after = next.as_deref().is_some_and(|w| BUSINESS_AFTER.contains(&w));
    let body_after = business_after
        || next
            .as_deref()
            .is_some_and(|w| ORGANISATION_AFTER.contains(&w));
    is_acronym(span) && (issued_by || body_after) || !ends_in_head_noun(span) && business_after
}

/// True when the span names a person or the post rather than what the hire must hold: the job
/// title ("interest in a Licensed Practical Nurse position", "the duties of Registered Nurse",
/// "experience as an LPN") or a person doing something ("the RN and/or physician", "the LPN
/// recognizes"). Other people's credentials and job titles are not mentions (the guidelines).
pub fn names_the_job(before: &str, span: &str, after: &str) -> bool {
    // "the CPA designation", "the RRT credential": the credential itself.
    let credential_next = words(after).next().is_some_and(|w| {
        matches!(
            w.as_str(),
            "designation" | "credential" | "credentials" | "qualification" | "status"
        )
    });
    if ends_in_head_noun(span) || credential_next {
        return false;
    }
    let (rest, plural_conjunct) = skip_name_tail(after);
    if plural_conjunct {
        return true;
    }
    // "LPN position", "CLS Generalist positions": up to two capitalised words may sit between,
    // on the same line.
    let line = rest.split('\n').next().unwrap_or("");
    let raw_next: Vec<&str> = line.split_whitespace().take(3).collect();
    for (i, raw) in raw_next.iter().enumerate() {
        let w = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if ROLE_NOUNS.contains(&w.as_str()) {
            return true;
        }
        let capital = raw.chars().next().is_some_and(char::is_uppercase);
        if !capital || i >= 2 || HEAD_NOUNS.contains(&w.as_str()) || raw.ends_with([',', '.']) {
            break;
        }
    }
    let sentence = &before[sentence_start(before)..];
    let prev: Vec<String> = words(sentence).rev().take(4).collect();
    let article = |w: &String| matches!(w.as_str(), "a" | "an" | "the");
    let (lead, rest_prev) = match prev.first() {
        Some(w) if article(w) => (Some(w.as_str()), &prev[1..]),
        _ => (None, &prev[..]),
    };
    // "the LPN recognizes", "assistance of the RN": a person named by the credential.
    if lead == Some("the") && person_like(span) {
        return true;
    }
    // "as a prospective RDN": someone who will hold it, described, not asked for.
    if rest_prev
        .first()
        .is_some_and(|w| matches!(w.as_str(), "prospective" | "aspiring" | "future"))
    {
        return true;
    }
    if person_like(span) && hiring_a_person(sentence) {
        return true;
    }
    let pair = |a: &str, b: &str| rest_prev.len() >= 2 && rest_prev[1] == a && rest_prev[0] == b;
    if ROLE_PREPOSITIONS.iter().any(|(a, b)| pair(a, b)) {
        return true;
    }
    // "nursing practice as an LPN", but not "license to practice as an LPN".
    pair("practice", "as") && rest_prev.get(2).is_none_or(|w| w != "to")
}

/// Verbs that introduce the person an advert hires ("we are seeking a", "now hiring an").
const HIRING_VERBS: &[&str] = &[
    "seeking",
    "seeks",
    "seek",
    "hiring",
    "hire",
    "recruiting",
    "recruit",
    "wants",
    "want",
];

/// True when the sentence so far ends in a hiring verb, an article and at most two describing
/// words: "we are seeking an experienced", "looking for a", "now hiring a full-time". The name
/// that follows is the job being advertised, not a credential asked of the hire.
fn hiring_a_person(sentence: &str) -> bool {
    let prev: Vec<String> = words(sentence).rev().take(6).collect();
    let Some(article) = prev
        .iter()
        .take(3)
        .position(|w| matches!(w.as_str(), "a" | "an"))
    else {
        return false;
    };
    let verb = prev.get(article + 1).map(String::as_str);
    let for_after = verb == Some("for")
        && prev
            .get(article + 2)
            .is_some_and(|w| matches!(w.as_str(), "looking" | "search" | "searching"));
    for_after || verb.is_some_and(|v| HIRING_VERBS.contains(&v))
}

/// Nouns right after a name that make it the post or people ("LPN position", "RRT positions").
pub(crate) const ROLE_NOUNS: &[&str] = &[
    "position",
    "positions",
    "vacancy",
    "vacancies",
    "job",
    "jobs",
    "role",
    "roles",
    "opening",
    "openings",
    "post",
    "posts",
    "employee",
    "employees",
    "staff",
    "personnel",
    "duties",
    "career",
    "careers",
    "opportunity",
    "opportunities",
    "vacancy",
    "team",
    "colleagues",
    "candidate",
    "candidates",
    "experience",
];

/// Word pairs right before a name (one article allowed) that make it the job title
/// ("interest in a …", "duties of …", "experience as an …", "work as a …").
const ROLE_PREPOSITIONS: &[(&str, &str)] = &[
    ("interest", "in"),
    ("duties", "of"),
    ("role", "of"),
    ("post", "of"),
    ("position", "of"),
    ("job", "of"),
    ("experience", "as"),
    ("work", "as"),
    ("worked", "as"),
    ("working", "as"),
    ("employed", "as"),
    ("employment", "as"),
    ("serve", "as"),
    ("served", "as"),
    ("serving", "as"),
    ("career", "as"),
    ("hired", "as"),
    ("act", "as"),
    ("acting", "as"),
    ("function", "as"),
];

/// Acronyms that name a person by the credential they hold ("the RN", "an LPN").
const PERSON_ACRONYMS: &[&str] = &[
    "RN", "LPN", "LVN", "CNA", "EMT", "NP", "APRN", "APN", "PA", "PT", "OT", "RT", "RRT", "RD",
    "RDN", "MD", "DO", "CRNA", "CNM", "LCSW", "LMFT", "LPC", "CPA", "HCA", "FNP", "ANP", "AGPCNP",
    "AGACNP", "GNP", "PNP", "PMHNP", "WHNP", "ACNP", "NNP",
];

/// True when the span names a person: a person noun or a person acronym at its end.
fn person_like(span: &str) -> bool {
    let last = span
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    PERSON_ACRONYMS.contains(&last) || PERSON_NOUNS.contains(&last.to_lowercase().as_str())
}

/// True when the span's last word is a credential head noun ("… license", "… certification").
fn ends_in_head_noun(span: &str) -> bool {
    words(span)
        .next_back()
        .is_some_and(|w| HEAD_NOUNS.contains(&w.as_str()))
}

/// Skips what may follow a name before the next word: "/LVN", "/ Vocational Nurse", "(LPN)",
/// ")", "or LVN". Returns the rest and whether a skipped conjunct was a plural acronym ("/LVNs").
fn skip_name_tail(after: &str) -> (&str, bool) {
    let mut rest = after;
    let mut plural = false;
    for _ in 0..6 {
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        if let Some(r) = trimmed.strip_prefix(')') {
            rest = r;
        } else if let Some(r) = trimmed.strip_prefix('(') {
            match r.find(')') {
                Some(close) if close <= 16 && !r[..close].contains('\n') => rest = &r[close + 1..],
                _ => break,
            }
        } else if let Some(r) = trimmed.strip_prefix('/') {
            // Capitalised words after a slash are another name of the same kind.
            let r = r.trim_start();
            let mut end = 0;
            for (i, w) in r.split(' ').enumerate() {
                let capital = w.chars().next().is_some_and(char::is_uppercase);
                if !capital || i >= 4 {
                    break;
                }
                let word: String = w.chars().take_while(|c| c.is_alphanumeric()).collect();
                if let Some(stem) = word.strip_suffix('s') {
                    plural |= is_acronym(stem);
                }
                end += w.len() + usize::from(i > 0);
                if word.len() < w.len() {
                    break;
                }
            }
            if end == 0 {
                break;
            }
            let end = end.min(r.len());
            let word_end = r[..end]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_alphanumeric())
                .map_or(0, |(i, c)| i + c.len_utf8());
            rest = &r[word_end..];
        } else if let Some(r) = trimmed
            .strip_prefix("or ")
            .or_else(|| trimmed.strip_prefix("and "))
        {
            let acronym: String = r.chars().take_while(char::is_ascii_alphanumeric).collect();
            if is_acronym(&acronym) {
                rest = &r[acronym.len()..];
            } else {
                break;
            }
        } else {
            break;
        }
    }
    (rest, plural)
}

/// Where the sentence around the end of `before` starts (after `.`, `?`, `!`, `;` or a line).
fn sentence_start(before: &str) -> usize {
    before
        .rfind(['.', '\n', '?', '!', ';', ':'])
        .map_or(0, |i| i + 1)
}

/// Words of an examination's name ("the MLS certification exam", "passed the EIT examination").
const EXAM_WORDS: &[&str] = &[
    "exam",
    "exams",
    "examination",
    "examinations",
    "testing",
    "sections",
    "papers",
];

/// Nouns after a credential's name that make it a test or a course ("CSCS test", "CDL
/// training"), which the guidelines exclude.
/// ("class" is not one of them: "Security Licence – Class 1A" is the licence's class.)
const COURSE_WORDS: &[&str] = &[
    "test",
    "tests",
    "course",
    "courses",
    "coursework",
    "module",
    "modules",
    "program",
    "programme",
    "seminar",
    "seminars",
    "training",
    "upgrade",
];

/// Words that may stand between a credential's name and "training", "course" or "exam".
const COURSE_ADJECTIVES: &[&str] = &[
    "basic",
    "regular",
    "periodic",
    "refresher",
    "specialty",
    "annual",
    "initial",
    "online",
    "practical",
    "theory",
    "prep",
    "renewal",
];

/// True when the span at `[start, end)` of `t` names an exam or a course ("CPA exam", "CDL
/// training"): not an ask, but an exam to pass after hire still says when the credential is
/// due, so the extractor keeps it out of sight for the levels.
pub fn names_an_exam(t: &str, start: usize, end: usize) -> bool {
    match (t.get(..start), t.get(end..)) {
        (Some(before), Some(after)) => an_examination(before, after),
        _ => false,
    }
}

/// "CDR registration exam", "licensure/certification examinations", "passed the Engineer in
/// Training (EIT) examination": an examination, which the guidelines exclude.
fn an_examination(before: &str, after: &str) -> bool {
    if an_exam_for(before) {
        return true;
    }
    let (rest, _) = skip_name_tail(skip_coordinated_names(skip_head_conjuncts(after)));
    let mut following = words(rest);
    let mut next = following.next();
    // "Driver CPC periodic training", "each NATE specialty exam": one describing word first.
    if next
        .as_deref()
        .is_some_and(|w| COURSE_ADJECTIVES.contains(&w))
    {
        next = following.next();
    }
    // "CSCS test results", "paid CDL training", "the CPT 2 upgrade course", "CPA exam
    // support", "help them through their AZ-104 and AZ-500 exams": a test or a course named
    // after the credential, never the credential itself.
    if next.as_deref().is_some_and(|w| COURSE_WORDS.contains(&w)) {
        return true;
    }
    // "OSHA 10 construction training": one other lower-case word before the course; "Paid
    // OSHA 10 class": a lower-case class with no code after it ("class A" is the licence's).
    let raw: Vec<&str> = rest.split_whitespace().take(2).collect();
    let lower = |w: &str| !w.is_empty() && w.chars().all(char::is_lowercase);
    let course_after_one = raw.len() == 2
        && lower(raw[0])
        && !crate::lexicon::STOP.contains(&raw[0])
        && COURSE_WORDS.contains(&raw[1].trim_end_matches(|c: char| !c.is_alphanumeric()));
    let a_class = raw
        .first()
        .is_some_and(|&w| matches!(w.trim_end_matches([',', '.', ';']), "class" | "classes"))
        && raw.get(1).is_none_or(|&n| lower(n));
    if course_after_one || a_class {
        return true;
    }
    // "Eligible to sit for the CSSBB exam within 90 days of hire" is the credential asked for
    // after hire, by way of its exam.
    let sentence = &before[sentence_start(before)..];
    let sits_for = words(sentence)
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0] == "for" && w[1] == "sit");
    next.is_some_and(|w| EXAM_WORDS.contains(&w.as_str())) && !sits_for
}

/// "exam fee support for CFA Level III", "exam voucher for Security+": the name is the exam's.
fn an_exam_for(before: &str) -> bool {
    let sentence = &before[sentence_start(before)..];
    let mut back = words(sentence).rev();
    back.next().as_deref() == Some("for") && back.take(3).any(|w| EXAM_WORDS.contains(&w.as_str()))
}

/// Skips other names coordinated after a span ("CISA or CIA exam", "AZ-104 and AZ-500
/// exams"), so what follows the list applies to each name in it.
fn skip_coordinated_names(after: &str) -> &str {
    let mut rest = after;
    for _ in 0..3 {
        let Some(r) = after_conjunction(rest, true) else {
            break;
        };
        let mut r = r.trim_start();
        let mut taken = 0;
        // Names are runs of words that start with a capital or a digit ("CIA", "AZ-500",
        // "CPA Australia").
        while taken < 4 && r.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            let end = r
                .find(|c: char| c.is_whitespace() || ",;:.()".contains(c))
                .unwrap_or(r.len());
            taken += 1;
            let next = r[end..].strip_prefix(' ');
            match next {
                Some(n) if n.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) => {
                    r = n;
                }
                _ => {
                    r = &r[end..];
                    break;
                }
            }
        }
        if taken == 0 {
            break;
        }
        rest = r;
    }
    rest
}

/// "CPA", "PTCB": two or more capitals and nothing else.
fn is_acronym(span: &str) -> bool {
    span.len() >= 2 && span.chars().all(|c| c.is_ascii_uppercase())
}

/// Verbs that make a name an activity ("provides Basic Life Support to", "need for basic life
/// support"): a duty, not a credential, unless a head noun follows.
const ACTIVITY_VERBS: &[&str] = &[
    "provide",
    "provides",
    "providing",
    "perform",
    "performs",
    "performing",
    "administer",
    "administers",
    "administering",
    "deliver",
    "delivers",
    "delivering",
    "give",
    "gives",
    "giving",
];

/// "Provides Basic Life Support (BLS) to injured personnel", "recognizing need for basic life
/// support": a duty or knowledge, which the guidelines exclude.
fn an_activity(before: &str, span: &str) -> bool {
    if ends_in_head_noun(span) || words(span).any(|w| PARTICIPLES.contains(&w.as_str())) {
        return false;
    }
    let sentence = &before[sentence_start(before)..];
    let prev: Vec<String> = words(sentence).rev().take(2).collect();
    prev.first()
        .is_some_and(|w| ACTIVITY_VERBS.contains(&w.as_str()))
        || prev.len() == 2 && prev[0] == "for" && prev[1] == "need"
}

/// The text after a leading "/", "and/or", "or" or "and" (and ", " when `comma`), if any.
fn after_conjunction(text: &str, comma: bool) -> Option<&str> {
    let trimmed = text.trim_start();
    let comma = if comma {
        trimmed.strip_prefix(", ")
    } else {
        None
    };
    comma
        .or_else(|| trimmed.strip_prefix('/'))
        .or_else(|| trimmed.strip_prefix("and/or "))
        .or_else(|| trimmed.strip_prefix("or "))
        .or_else(|| trimmed.strip_prefix("and "))
}

/// Skips coordinated head nouns after a span: "/Certification", " or certification",
/// " and/or Certification" (so "License/Certification Reminder" reads as one noun).
fn skip_head_conjuncts(after: &str) -> &str {
    let mut rest = after;
    for _ in 0..3 {
        let Some(r) = after_conjunction(rest, false) else {
            break;
        };
        let r = r.trim_start();
        let word: String = r.chars().take_while(|c| c.is_alphanumeric()).collect();
        if !HEAD_NOUNS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        rest = &r[word.len()..];
    }
    rest
}

/// Strips coordinated head nouns before a span: "license or ", "Licensure/", "letter or " is
/// not stripped (see [`a_document`]).
fn strip_head_conjuncts(before: &str) -> &str {
    let mut rest = before;
    for _ in 0..3 {
        let trimmed = rest.trim_end();
        let Some(r) = trimmed
            .strip_suffix('/')
            .or_else(|| trimmed.strip_suffix(" and/or"))
            .or_else(|| trimmed.strip_suffix(" or"))
            .or_else(|| trimmed.strip_suffix(" and"))
        else {
            break;
        };
        let r = r.trim_end();
        let start = r
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if !HEAD_NOUNS.contains(&r[start..].to_lowercase().as_str()) {
            break;
        }
        rest = &r[..start];
    }
    rest
}

/// Nouns of documents that a bare credential noun coordinated with them is also one of
/// ("a letter or certification from a physician", "The letter/certification must be").
const DOCUMENT_NOUNS: &[&str] = &[
    "letter",
    "letters",
    "statement",
    "statements",
    "documentation",
    "document",
    "documents",
    "form",
    "forms",
    "record",
    "records",
    "affidavit",
    "note",
];

/// A bare noun coordinated with a document noun, or followed by "must be submitted": a paper
/// to hand in, not an ask (the guidelines' document-submission rule).
fn a_document(before: &str, after: &str) -> bool {
    let b = before.trim_end();
    let b = b
        .strip_suffix('/')
        .or_else(|| b.strip_suffix(" or"))
        .or_else(|| b.strip_suffix(" and"));
    if b.and_then(|b| words(b).next_back())
        .is_some_and(|w| DOCUMENT_NOUNS.contains(&w.as_str()))
    {
        return true;
    }
    let a = after.trim_start();
    let a = a
        .strip_prefix('/')
        .or_else(|| a.strip_prefix("or "))
        .or_else(|| a.strip_prefix("and "));
    if a.and_then(|a| words(a).next())
        .is_some_and(|w| DOCUMENT_NOUNS.contains(&w.as_str()))
    {
        return true;
    }
    let clause_end = after
        .find(['.', '\n', '?', '!', ';'])
        .unwrap_or(after.len());
    words(&after[..clause_end])
        .take(4)
        .any(|w| matches!(w.as_str(), "submitted" | "uploaded" | "attached"))
}

/// A bare noun in a conditional ("If a License/Certification is required …", "(if
/// applicable)") or one that has lapsed ("Expired certifications will not be considered").
fn hypothetical_or_lapsed(before: &str, span: &str) -> bool {
    let lapsed = |w: &str| matches!(w, "expired" | "lapsed" | "revoked" | "suspended");
    if words(span).any(|w| lapsed(&w)) || words(before).next_back().is_some_and(|w| lapsed(&w)) {
        return true;
    }
    let cut = before
        .rfind(['.', '\n', '?', '!', ';', ':', '('])
        .map_or(0, |i| i + 1)
        .max(before.rfind(" - ").map_or(0, |i| i + 3));
    let clause = before[cut..].trim_start();
    let clause = clause
        .split_once(' ')
        .filter(|(first, _)| is_enumerator(first))
        .map_or(clause, |(_, rest)| rest.trim_start());
    words(clause).next().is_some_and(|w| w == "if")
}

/// Credential nouns that name no particular credential on their own.
const HEAD_NOUNS: &[&str] = &[
    "license",
    "licenses",
    "licence",
    "licences",
    "licensure",
    "certification",
    "certifications",
    "certificate",
    "certificates",
    "credential",
    "credentials",
    "registration",
    "registrations",
];

/// Modifiers that leave a head noun generic ("4. Board Certification", "additional licenses").
const GENERIC_MODIFIERS: &[&str] = &[
    "board",
    "professional",
    "additional",
    "speciality",
    "specialty",
    "state",
    "valid",
    "current",
    "active",
    "required",
    "relevant",
    "expired",
    "any",
    "basic",
    "full",
    "unrestricted",
    "other",
];

/// "2.", "8a.", "B)", "iv." or a bullet: a list marker, not a word.
fn is_enumerator(token: &str) -> bool {
    let body = token.trim_end_matches(['.', ')']);
    let marked = body.len() < token.len() && !body.is_empty() && body.len() <= 3;
    marked && body.chars().all(|c| c.is_ascii_alphanumeric())
        || token.chars().count() == 1 && !token.chars().all(char::is_alphanumeric)
}

/// True when the span's noun phrase, up to its first head noun, is only an enumerator, generic
/// modifiers and the head noun ("2. CERTIFICATION", "license with your application package").
fn bare_noun(span: &str) -> bool {
    let tokens: Vec<&str> = span.split_whitespace().collect();
    for (i, raw) in tokens.iter().enumerate() {
        let w = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if HEAD_NOUNS.contains(&w.as_str()) {
            // "Certificate of Qualification" names its credential after the head word.
            return tokens.get(i + 1).is_none_or(|next| {
                !next.eq_ignore_ascii_case("of") && !next.eq_ignore_ascii_case("in")
            });
        }
        let enumerator = i == 0 && is_enumerator(raw);
        if !(enumerator || GENERIC_MODIFIERS.contains(&w.as_str())) {
            return false;
        }
    }
    false
}

/// "Registered Nurses", "LPNs", "licensed PTs employed": the span's noun is a plural person
/// noun or a plural acronym (and no head noun follows it).
fn plural_people(span: &str) -> bool {
    if ends_in_head_noun(span) {
        return false;
    }
    let tokens: Vec<&str> = span
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    // "BLS for Healthcare Providers": the people a course is for, inside its name.
    if tokens.iter().any(|w| w.eq_ignore_ascii_case("for")) {
        return false;
    }
    let plural = |w: &str| {
        w.strip_suffix('s').is_some_and(|stem| {
            is_acronym(stem) || PERSON_NOUNS.contains(&stem.to_lowercase().as_str())
        })
    };
    let participle = |w: &str| PARTICIPLES.contains(&w.to_lowercase().as_str());
    // A lower-case plural of an agent noun ("interpreters", "sonographers", "therapists").
    let agent_plural = |w: &str| {
        w.len() > 5
            && w.chars().all(|c| c.is_ascii_lowercase())
            && ["ers", "ors", "ists", "ians"]
                .iter()
                .any(|x| w.ends_with(x))
    };
    match tokens.as_slice() {
        // "Registered representatives earn commissions", "Nationally certified interpreters
        // are placed at step 5", "meets with licensed general contractors": the plural person
        // noun after a leading participle.
        [first, noun, ..] if participle(first) && (plural(noun) || agent_plural(noun)) => true,
        [first, .., last] if participle(first) && agent_plural(last) => true,
        [.., noun, participle] if participle.ends_with("ed") => plural(noun),
        [.., last] => plural(last),
        [] => false,
    }
}

/// Participles that describe a person as holding a credential.
const PARTICIPLES: &[&str] = &["licensed", "certified", "registered", "credentialed"];

/// "a letter from a licensed medical professional": a credentialed person who is not the hire.
fn someone_licensed(before: &str, span: &str) -> bool {
    let first = words(span).next();
    if !first.is_some_and(|w| PARTICIPLES.contains(&w.as_str())) {
        return false;
    }
    // "issued by:" may end the line before a list of issuers.
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || c == ':');
    let last_word = trimmed
        .char_indices()
        .rfind(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let trimmed = if matches!(&trimmed[last_word..], "a" | "an") {
        &trimmed[..last_word]
    } else {
        trimmed
    };
    let trimmed = trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == ':');
    let line_start = trimmed.rfind(['\n', '.', ';', ':']).map_or(0, |i| i + 1);
    words(&trimmed[line_start..])
        .rev()
        .find(|w| !matches!(w.as_str(), "a" | "an" | "the" | "another" | "other"))
        .is_some_and(|w| matches!(w.as_str(), "from" | "by"))
}

/// Time words that may follow a bare participle ("licensed within three years").
const TIME_WORDS: &[&str] = &[
    "within", "before", "after", "prior", "upon", "during", "until",
];

/// "licensed or certified within 3 years", "in which they are licensed to practice at the
/// advanced practice level": participles with no credential named, only a time or a bare
/// "to practice".
fn bare_participle(span: &str, after: &str) -> bool {
    let mut seen = false;
    let mut rest = words(span).peekable();
    while let Some(w) = rest.next() {
        if PARTICIPLES.contains(&w.as_str()) || w == "or" || w == "and" {
            seen |= w != "or" && w != "and";
            continue;
        }
        if seen && w == "to" {
            let practice = rest.next().is_some_and(|p| p.starts_with("practi"));
            let field_after = words(after).next().is_some_and(|a| {
                !matches!(a.as_str(), "at" | "in" | "within" | "for" | "and" | "or")
            });
            return practice && rest.peek().is_none() && !field_after;
        }
        return seen && TIME_WORDS.contains(&w.as_str());
    }
    false
}

/// Lower-case words of `s`, punctuation stripped from their edges.
fn words(s: &str) -> impl DoubleEndedIterator<Item = String> + '_ {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
}

/// "your license", "the certification described above": a pointer before, or a reference after.
fn points_back(before: &str, after: &str) -> bool {
    // Stay inside the sentence: stop at the last sentence or line break before the span.
    let clause_start = before
        .rfind(['.', '\n', '?', '!', ';', ':'])
        .map_or(0, |i| i + 1);
    let before = strip_head_conjuncts(before);
    // "these trainings/certifications": the pointer stands before the slash compound.
    let before = match before.strip_suffix('/') {
        Some(b) => b.trim_end_matches(|c: char| c.is_alphanumeric()),
        None => before,
    };
    let clause_start = clause_start.min(before.len());
    let pointer = words(&before[clause_start..])
        .rev()
        .take(4)
        .find(|w| !SKIPPABLE.contains(&w.as_str()));
    if pointer.is_some_and(|w| BACK_POINTERS.contains(&w.as_str())) {
        return true;
    }
    if words(&before[clause_start..])
        .rev()
        .take(5)
        .any(|w| DOCUMENT_WORDS.contains(&w.as_str()))
    {
        return true;
    }
    let after = skip_head_conjuncts(after);
    let clause_end = after
        .find(['.', '\n', '?', '!', ';'])
        .unwrap_or(after.len());
    let next: Vec<String> = words(&after[..clause_end]).take(8).collect();
    if next
        .first()
        .is_some_and(|w| FORM_FIELD_AFTER.contains(&w.as_str()))
    {
        return true;
    }
    if next
        .iter()
        .take(3)
        .any(|w| POINTS_ELSEWHERE.contains(&w.as_str()))
    {
        return true;
    }
    // "in one of the following: …", "a license that meets the criteria above".
    let forward = next.iter().take(6).any(|w| w == "following");
    let relative = next
        .first()
        .is_some_and(|w| matches!(w.as_str(), "that" | "which" | "as"))
        && next.iter().any(|w| w == "above" || w == "below");
    // "a valid license to comply with this requirement": the requirement stated before.
    let requirement = next
        .first()
        .is_some_and(|w| matches!(w.as_str(), "to" | "that" | "which"))
        && next.windows(2).any(|p| {
            matches!(p[0].as_str(), "this" | "the" | "these" | "that")
                && p[1].starts_with("requirement")
        });
    forward || relative || requirement
}

/// A short line that is only an enumerator and the bare noun ("2. CERTIFICATION", "Licensure:").
fn generic_heading(before: &str, span: &str, after: &str) -> bool {
    let before = strip_head_conjuncts(before);
    let after = skip_head_conjuncts(after);
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = after.find('\n').unwrap_or(after.len());
    let lead = before[line_start..].trim();
    let tail = after[..line_end].trim();
    // The span may itself start with the enumerator ("2. CERTIFICATION").
    // Nothing before it on the line but one enumerator or bullet ("2.", "8a.", "B)", "•").
    let enumerator = lead.is_empty() || !lead.contains(char::is_whitespace) && is_enumerator(lead);
    // Alone on its line, or opening it as a label: "2. CERTIFICATION: Applicants must …".
    let trailing = tail
        .chars()
        .all(|c| matches!(c, ':' | '.' | '-' | ' ' | '*'))
        || tail.starts_with(':')
        || tail.trim_start_matches(['\u{a0}', ' ']).starts_with("- ")
        // "4. Licensure. Do you hold …": a numbered label, then the question.
        || tail.starts_with(". ") && (!lead.is_empty() || span.split_whitespace().count() > 1)
        // "Licenses/Certifications Required: AWS D1.1 …": a job bank's field name over the
        // credentials it lists ("Certification required: Yes" is the ask itself).
        || ["required", "preferred", "desired", "needed"].iter().any(|w| {
            tail.get(..w.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(w))
                && tail[w.len()..].strip_prefix(':').is_some_and(|v| {
                    let v = v.trim().trim_end_matches('.');
                    !v.is_empty() && !v.eq_ignore_ascii_case("yes") && !v.eq_ignore_ascii_case("y")
                })
        });
    enumerator && trailing && span.split_whitespace().count() <= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, span: &str, generic: bool) -> bool {
        let s = text.find(span).unwrap();
        not_an_ask(text, s, s + span.len(), generic)
    }

    #[test]
    fn job_bank_field_names_are_headings() {
        let text = "Licenses/Certifications Required: AWS D1.1 structural welding certification";
        assert!(check(text, "Licenses", true));
        assert!(check(text, "Certifications", true));
        assert!(!check("Certification required: yes", "Certification", true));
    }

    #[test]
    fn exams_bodies_firms_and_named_people_are_not_asks() {
        // Exams, alone, in a list, or named after "exam … for".
        for (text, span) in [
            (
                "Help juniors through their AZ-104 and AZ-500 exams.",
                "AZ-104",
            ),
            ("A bonus upon passing the CISA or CIA exam.", "CISA"),
            ("Sponsorship for CCNP exam after 1 year.", "CCNP"),
            (
                "Tuition and exam fee support for CFA Level III.",
                "CFA Level III",
            ),
            // Memberships paid for, coursework, an approved employer.
            ("CA ANZ or CPA Australia membership fees paid", "CA ANZ"),
            ("Tuition for CPCU and AIC coursework.", "CPCU"),
            ("We are a CA ANZ Approved Training Employer.", "CA ANZ"),
            // People it names, one describing word allowed.
            ("Coaching ACA and ACCA trainees.", "ACCA"),
            (
                "TCOLE peace officers: ask about our off-duty program.",
                "TCOLE",
            ),
        ] {
            assert!(check(text, span, false), "{span} in {text:?}");
        }
        // Bodies and businesses named by the credential's name.
        for (text, span) in [
            (
                "Dues reimbursed (CFA Institute and CFA Society Toronto).",
                "CFA",
            ),
            ("Prepared returns for a CPA or EA firm.", "CPA"),
            (
                "We are a QuickBooks ProAdvisor firm.",
                "QuickBooks ProAdvisor",
            ),
        ] {
            let s = text.find(span).unwrap();
            assert!(
                someone_else_or_the_job(text, s, s + span.len()),
                "{span} in {text:?}"
            );
        }
        for (text, span) in [
            ("CISSP required; CCSP preferred.", "CISSP"),
            (
                "Security+ or GICSP. Candidates without one must obtain it.",
                "GICSP",
            ),
            (
                "ACCA members with audit experience are encouraged to apply.",
                "ACCA",
            ),
        ] {
            assert!(!check(text, span, false), "{span} in {text:?}");
        }
    }

    #[test]
    fn restating_notes_and_degree_fields_are_not_asks() {
        assert!(check(
            "Are you able to provide proof at the time of application (License required)?",
            "License",
            true
        ));
        assert!(!check(
            "A current license (required) is needed.",
            "license",
            true
        ));
        assert!(check(
            "A master's degree in a comparable degree (Licensed Professional Counselor, Social Work)",
            "Licensed Professional Counselor",
            false
        ));
        assert!(!check(
            "Must hold a license (Licensed Professional Counselor) in the State.",
            "Licensed Professional Counselor",
            false
        ));
    }

    #[test]
    fn bare_nouns_that_point_back_are_not_asks() {
        assert!(check("Upload a copy of your license.", "license", true));
        assert!(check(
            "Do you meet the certification requirement?",
            "certification",
            true
        ));
        assert!(check(
            "I hold the certification described above.",
            "certification",
            true
        ));
        assert!(check(
            "Submit your current, valid license.",
            "license",
            true
        ));
        // The ask itself: an indefinite noun with nothing pointing elsewhere.
        assert!(!check(
            "Must possess a license to practice.",
            "license",
            true
        ));
        assert!(!check(
            "Do you possess any certifications?",
            "certifications",
            true
        ));
        // Named credentials are never dropped for a determiner.
        assert!(!check(
            "Submit your CompTIA Security+ certification.",
            "CompTIA Security+ certification",
            false
        ));
    }

    #[test]
    fn generic_headings_are_not_asks() {
        assert!(check(
            "Requirements\n2. CERTIFICATION\nYou must",
            "CERTIFICATION",
            true
        ));
        assert!(check("Licensure:\nA full license", "Licensure", true));
        assert!(check(
            "\n5. Licensure: Do you possess a full licensure?",
            "5. Licensure",
            false
        ));
        assert!(check(
            "Upload a copy of a current license.",
            "license",
            true
        ));
        assert!(check("Enter your license number.", "license", true));
        assert!(check("State license number:", "license", true));
        assert!(!check(
            "• Must hold relevant certifications\n",
            "certifications",
            true
        ));
        assert!(!check(
            "- Must hold appropriate licensure.\n",
            "licensure",
            true
        ));
        assert!(!check(
            "You must hold a certification in the field.",
            "certification",
            true
        ));
    }

    #[test]
    fn spans_that_carry_their_enumerator_or_a_complement_are_judged_by_their_noun() {
        assert!(check(
            "Questions\n2. CERTIFICATION\nDo you",
            "2. CERTIFICATION",
            false
        ));
        assert!(check(
            "4. Board Certification\n",
            "4. Board Certification",
            false
        ));
        assert!(check(
            "Submit a copy of your license with your application package.",
            "license with your application package",
            false
        ));
        assert!(!check(
            "Submit your CPR First Aid certification.",
            "CPR First Aid certification",
            false
        ));
    }

    #[test]
    fn plural_people_are_not_asks() {
        assert!(check(
            "You will supervise Registered Nurses.",
            "Registered Nurses",
            false
        ));
        assert!(check("Works alongside LPNs and CNAs.", "LPNs", false));
        assert!(!check(
            "Must be a Registered Nurse.",
            "Registered Nurse",
            false
        ));
        assert!(!check(
            "Relevant certifications preferred.",
            "certifications",
            true
        ));
        assert!(!check("Licenses: Class A CDL", "Class A CDL", false));
    }

    #[test]
    fn credentialed_other_people_and_bare_participles_are_not_asks() {
        assert!(check(
            "A letter signed by a licensed medical professional (e.g. a physician).",
            "licensed medical professional",
            false
        ));
        assert!(check(
            "Documentation from a licensed vocational rehabilitation specialist stating",
            "licensed vocational rehabilitation specialist stating",
            false
        ));
        assert!(check(
            "You must become licensed or certified within 3 years.",
            "licensed or certified within 3 years",
            false
        ));
        assert!(!check(
            "Must be licensed as a Registered Nurse.",
            "licensed as a Registered Nurse",
            false
        ));
        assert!(!check(
            "Must be certified by the ARRT.",
            "certified by the ARRT",
            false
        ));
    }

    #[test]
    fn name_tails_and_head_conjuncts_are_skipped() {
        assert_eq!(skip_name_tail("/LVN) position").0.trim(), "position");
        assert!(skip_name_tail("/LVNs are expected").1);
        assert!(!skip_name_tail("/LVN employee").1);
        assert_eq!(skip_name_tail(" or LVN in a").0.trim(), "in a");
        assert_eq!(
            skip_head_conjuncts("/Certification Reminder").trim(),
            "Reminder"
        );
        assert_eq!(
            skip_head_conjuncts(" and/or Certification Reminder").trim(),
            "Reminder"
        );
        assert_eq!(skip_head_conjuncts(" or letter").trim(), "or letter");
        assert_eq!(
            strip_head_conjuncts("a copy of a license or "),
            "a copy of a "
        );
        assert_eq!(strip_head_conjuncts("a letter or "), "a letter or ");
    }

    #[test]
    fn hostile_offsets_never_panic() {
        let t = "é license";
        assert!(!not_an_ask(t, 1, 5, true));
        assert!(!not_an_ask(t, 50, 60, true));
    }
}
