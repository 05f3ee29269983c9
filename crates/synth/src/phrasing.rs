//! What postings say around the credentials: section headings, filler sentences per occupation
//! family, the phrasings for each requirement level, generic asks, and the negatives (degrees,
//! checks, clearances, product experience, other people's credentials) that must never be
//! counted as credential demand.
//!
//! Placeholders: `{C}` a credential span, `{L}` a coordinated list of spans, `{G}` a generic
//! ask span, `{S}` a U.S. state name, `{N}` a number of days, `{E}` the employer, `{P}` the town.

/// Occupation family of a SOC code, which picks the filler and negative pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Domain {
    Health,
    Coding,
    Transport,
    It,
    Trades,
    Food,
    Finance,
    Education,
    Protective,
    Social,
    Office,
}

/// The family of a SOC 2018 code.
pub(crate) fn domain(soc: &str) -> Domain {
    let p2 = soc.get(..2).unwrap_or("");
    match (p2, soc) {
        (_, "29-2072" | "29-9021" | "43-3021") => Domain::Coding,
        (_, "11-3021") => Domain::It,
        (_, "11-9051") => Domain::Food,
        (_, "11-9032") => Domain::Education,
        (_, "11-3031") => Domain::Finance,
        ("29" | "31", _) => Domain::Health,
        ("53", _) => Domain::Transport,
        ("15", _) => Domain::It,
        ("47" | "49" | "51" | "17" | "37", _) => Domain::Trades,
        ("35", _) => Domain::Food,
        ("13" | "23" | "41", _) => Domain::Finance,
        ("25", _) => Domain::Education,
        ("33", _) => Domain::Protective,
        ("21" | "19", _) => Domain::Social,
        _ => Domain::Office,
    }
}

/// Headings for each part of a posting: (US wordings, UK wordings).
pub(crate) const H_ABOUT: (&[&str], &[&str]) = (
    &[
        "About Us",
        "Who We Are",
        "About the Company",
        "Company Overview",
        "Why Join Us?",
    ],
    &[
        "About Us",
        "About the Organisation",
        "Who We Are",
        "The Company",
    ],
);
/// Duties headings.
pub(crate) const H_DUTIES: (&[&str], &[&str]) = (
    &[
        "Responsibilities",
        "What You'll Do",
        "Job Duties",
        "Essential Functions",
        "Key Responsibilities",
        "Duties & Responsibilities",
    ],
    &[
        "Key Responsibilities",
        "The Role",
        "Main Duties",
        "What You'll Be Doing",
        "Duties & Responsibilities",
    ],
);
/// Requirements headings.
pub(crate) const H_REQS: (&[&str], &[&str]) = (
    &[
        "Requirements",
        "Qualifications",
        "Minimum Qualifications",
        "What You Bring",
        "Required Qualifications",
        "Requirements & Qualifications",
    ],
    &[
        "Essential Criteria",
        "Requirements",
        "What We're Looking For",
        "About You",
        "Essential",
    ],
);
/// Preferred headings.
pub(crate) const H_PREF: (&[&str], &[&str]) = (
    &[
        "Preferred Qualifications",
        "Preferred",
        "Nice to Have",
        "Bonus Points",
        "Preferred Skills",
    ],
    &[
        "Desirable Criteria",
        "Desirable",
        "Nice to Have",
        "It Would Be Great If You Have",
    ],
);
/// Benefits headings.
pub(crate) const H_BENEFITS: (&[&str], &[&str]) = (
    &[
        "Benefits",
        "What We Offer",
        "Perks & Benefits",
        "Compensation & Benefits",
        "Pay & Benefits",
    ],
    &[
        "What We Offer",
        "Benefits",
        "Salary & Benefits",
        "Rewards & Benefits",
    ],
);

/// Opening sentences that fit any employer.
pub(crate) const ABOUT_ANY: &[&str] = &[
    "{E} has served the {P} community for more than 25 years.",
    "At {E}, our people are the heart of everything we do.",
    "{E} is growing fast — and we want you to grow with us.",
    "We are a family-owned business with a reputation for doing things right.",
    "Join a team that values respect, integrity and teamwork.",
    "Our culture is built on trust, accountability and a little bit of fun.",
    "We believe great work starts with great people.",
    "{E} is an award-winning employer with locations across the region.",
    "Come see why our team members stay with us for years.",
    "We're proud of our café-style break rooms and our naïve-free, data-driven approach to planning.",
    "Every day, our team makes a real difference for the people we serve.",
    "Our mission is simple: do the job well and treat people fairly.",
    "We offer a supportive environment where new ideas are welcome.",
    "Founded in 1998, {E} now employs more than 1,200 people.",
    "We are looking for dependable, motivated people to join our {P} team.",
];

/// Opening sentences per family.
pub(crate) fn about_domain(d: Domain) -> &'static [&'static str] {
    match d {
        Domain::Health | Domain::Coding => &[
            "{E} is a 240-bed acute care hospital committed to compassionate, patient-centered care.",
            "Our clinics provide primary and specialty care to more than 80,000 patients each year.",
            "We are a skilled nursing and rehabilitation community focused on resident dignity.",
            "Our outpatient practice is expanding and we need caring professionals to join us.",
        ],
        Domain::Transport => &[
            "{E} is a regional carrier with a modern fleet and steady freight.",
            "We run dedicated, regional and local routes out of our {P} terminal.",
            "Our drivers are the backbone of our business — and we treat them that way.",
            "We deliver building materials, groceries and parcels throughout the region.",
        ],
        Domain::It => &[
            "{E} builds secure, cloud-based software used by thousands of businesses.",
            "Our IT team supports 3,000 users across 14 sites.",
            "We are a managed services provider helping small businesses stay secure and productive.",
            "Our engineering team ships code every day and cares deeply about reliability.",
        ],
        Domain::Trades => &[
            "{E} is a full-service commercial and residential contractor.",
            "We handle new construction, service calls and large retrofit projects.",
            "Our shop runs two shifts and builds equipment for customers nationwide.",
            "We maintain more than 4 million square feet of commercial property.",
        ],
        Domain::Food => &[
            "{E} is a neighborhood restaurant known for scratch cooking and fast, friendly service.",
            "Our kitchen serves breakfast, lunch and dinner seven days a week.",
            "We are a busy café and bakery with a loyal following.",
            "Our catering team serves events from 20 to 2,000 guests.",
        ],
        Domain::Finance => &[
            "{E} is an independent firm serving individuals and businesses.",
            "We provide audit, tax and advisory services to clients across the region.",
            "Our agency has protected families and businesses for three generations.",
            "We are a growing team in a fast-paced, client-focused environment.",
        ],
        Domain::Education => &[
            "{E} serves 9,000 students across 14 schools.",
            "Our school is a welcoming, inclusive community of learners.",
            "We believe every child deserves an excellent teacher.",
            "Our early learning center serves infants through pre-K.",
        ],
        Domain::Protective => &[
            "{E} provides security services to hospitals, campuses and commercial sites.",
            "Our officers keep people and property safe around the clock.",
            "We protect some of the busiest venues in the region.",
            "Our department serves a growing community of 120,000 residents.",
        ],
        Domain::Social => &[
            "{E} is a community behavioral health agency.",
            "We provide counseling, case management and recovery services.",
            "Our programs support children, families and adults in crisis.",
            "We are a nonprofit dedicated to strengthening families.",
        ],
        Domain::Office => &[
            "{E} is a growing organization with a collaborative office culture.",
            "Our team supports clients across several industries.",
            "We are a mid-sized company with big ambitions.",
            "Our operations team keeps everything running smoothly.",
        ],
    }
}

/// Duties that fit any job.
pub(crate) const DUTIES_ANY: &[&str] = &[
    "Communicate clearly with supervisors and coworkers",
    "Follow all company policies, procedures and safety rules",
    "Maintain accurate records and complete required documentation",
    "Keep work areas clean, organized and safe",
    "Participate in team meetings and ongoing training",
    "Support coworkers and help out wherever needed",
    "Identify problems early and escalate issues to the appropriate person",
    "Deliver A+ customer service to every customer, every time",
    "Perform other duties as assigned",
    "Work flexible hours, including occasional evenings and weekends",
    "Contribute ideas that improve quality and efficiency",
    "Use good judgment and maintain confidentiality",
];

/// Duties per family (these also carry the context words that support acronyms).
pub(crate) fn duties_domain(d: Domain) -> &'static [&'static str] {
    match d {
        Domain::Health => &[
            "Provide direct patient care in accordance with the plan of care",
            "Monitor and record vital signs and report changes in condition",
            "Administer medications and treatments as ordered",
            "Collect blood and urine specimens and label them accurately",
            "Document care in the electronic health record (EHR)",
            "Educate patients and families about care and discharge plans",
            "Respond to emergencies and assist with codes",
            "Maintain a clean, safe environment for patients and residents",
            "Assist residents with bathing, dressing, meals and mobility",
            "Coordinate with physicians, therapists and the nursing team",
        ],
        Domain::Coding => &[
            "Review provider documentation for completeness and accuracy",
            "Assign accurate CPT, HCPCS and ICD-10-CM codes to outpatient encounters",
            "Query providers when documentation is unclear",
            "Resolve claim edits and coding denials",
            "Abstract data from medical records for registries and reporting",
            "Stay current with coding guidelines and payer rules",
        ],
        Domain::Transport => &[
            "Safely operate a tractor-trailer on regional and local routes",
            "Complete pre-trip and post-trip vehicle inspections",
            "Load and unload freight and secure cargo properly",
            "Keep accurate logs using electronic logging devices (ELD)",
            "Deliver products on time and provide excellent customer service",
            "Follow all DOT regulations and company safety policies",
            "Report accidents, injuries and vehicle damage promptly",
            "Plan routes and communicate with dispatch throughout the day",
        ],
        Domain::It => &[
            "Provide Tier 1 and Tier 2 help desk support by phone, email and chat",
            "Install, configure and troubleshoot desktops, laptops and printers",
            "Administer Active Directory accounts, groups and permissions",
            "Monitor network performance and respond to security alerts",
            "Maintain firewalls, switches and routers across multiple sites",
            "Document solutions in the knowledge base and ticketing system",
            "Patch servers and workstations on a regular schedule",
            "Design and deploy cloud infrastructure using infrastructure as code",
            "Participate in an on-call rotation for critical incidents",
        ],
        Domain::Trades => &[
            "Install, maintain and repair electrical, plumbing and mechanical systems",
            "Read blueprints, schematics and technical drawings",
            "Diagnose equipment failures and perform preventive maintenance",
            "Operate hand and power tools safely",
            "Inspect finished work for quality and code compliance",
            "Weld, cut and fit steel components to specification",
            "Maintain HVAC equipment, boilers and refrigeration units",
            "Keep the jobsite clean and follow all safety procedures",
        ],
        Domain::Food => &[
            "Prepare menu items according to recipes and presentation standards",
            "Follow food safety, sanitation and temperature-control procedures",
            "Stock and rotate ingredients using FIFO",
            "Greet guests, take orders and handle payments accurately",
            "Clean and sanitize work stations, equipment and dishes",
            "Work well under pressure during busy lunch and dinner rushes",
            "Receive deliveries and check orders for quality",
        ],
        Domain::Finance => &[
            "Prepare monthly financial statements and account reconciliations",
            "Assist with audits, tax filings and compliance reporting",
            "Build relationships with new and existing clients",
            "Analyze financial data and present findings to management",
            "Process accounts payable and receivable",
            "Quote, bind and service insurance policies",
            "Help clients with investment, retirement and savings decisions",
        ],
        Domain::Education => &[
            "Plan and deliver engaging lessons aligned with state standards",
            "Assess student progress and adjust instruction accordingly",
            "Communicate regularly with parents and guardians",
            "Create a safe, inclusive and well-managed classroom",
            "Collaborate with colleagues, specialists and support staff",
            "Supervise children during play, meals and rest time",
        ],
        Domain::Protective => &[
            "Patrol assigned areas and monitor CCTV cameras",
            "Control access to buildings and verify credentials of visitors",
            "Respond to alarms, incidents and emergencies",
            "Write clear, accurate incident reports",
            "Provide excellent customer service to visitors and staff",
            "De-escalate conflicts calmly and professionally",
        ],
        Domain::Social => &[
            "Provide individual and group counseling to clients",
            "Complete biopsychosocial assessments and treatment plans",
            "Coordinate services with schools, courts and community partners",
            "Maintain timely, accurate clinical documentation",
            "Conduct home visits and crisis interventions",
            "Connect clients with housing, benefits and recovery resources",
        ],
        Domain::Office => &[
            "Answer phones and greet visitors",
            "Schedule meetings and manage calendars",
            "Prepare reports, spreadsheets and presentations",
            "Coordinate projects across departments",
            "Process invoices and maintain filing systems",
            "Support the team with administrative tasks",
        ],
    }
}

/// Non-credential requirements that fit any job.
pub(crate) const REQS_ANY: &[&str] = &[
    "At least 1 year of related experience",
    "2+ years of experience in a similar role",
    "Strong communication and organizational skills",
    "Ability to lift up to 50 lbs",
    "Ability to work independently and as part of a team",
    "Basic computer skills, including Microsoft Office",
    "Reliable attendance and a positive attitude",
    "Attention to detail and a commitment to quality",
    "Bilingual English/Spanish a plus",
];

/// Benefits lines for U.S. postings.
pub(crate) const BENEFITS_US: &[&str] = &[
    "Medical, dental & vision insurance",
    "401(k) with 4% company match",
    "Paid time off and paid holidays",
    "Weekly pay",
    "Tuition assistance",
    "Employee assistance program",
    "Sign-on bonus up to $3,000",
    "Life and disability insurance",
    "Pay: $22.00 - $28.50 per hour",
    "Salary range: $58,000 – $74,000 per year, depending on experience",
    "Paid training",
    "Referral bonuses",
];

/// Benefits lines for UK postings.
pub(crate) const BENEFITS_UK: &[&str] = &[
    "£26,500 - £31,000 per annum",
    "£13.20 per hour plus enhancements",
    "28 days annual leave plus bank holidays",
    "Company pension scheme",
    "Cycle to work scheme",
    "Free on-site parking",
    "Employee assistance programme",
    "Paid DBS check",
    "Refer-a-friend bonus of £500",
    "Free uniform and ongoing training",
    "Relocation support up to €2,000 for EU applicants",
];

/// Closing lines for U.S. postings.
pub(crate) const CLOSING_US: &[&str] = &[
    "{E} is an Equal Opportunity Employer. All qualified applicants will receive consideration without regard to race, color, religion, sex, national origin, disability or veteran status.",
    "Ready to join us? Apply today — we review applications daily!",
    "We are an equal opportunity employer and value diversity at our company.",
    "Send your résumé and a short cover letter to start the conversation.",
    "Questions? Call our recruiting team — we'd love to hear from you.",
];

/// Closing lines for UK postings.
pub(crate) const CLOSING_UK: &[&str] = &[
    "{E} is an equal opportunities employer and welcomes applications from all sections of the community.",
    "Interviews will be held on a rolling basis, so apply early to avoid disappointment.",
    "We reserve the right to close this vacancy early if we receive a high volume of applications.",
    "Please send your CV — we look forward to hearing from you!",
];

/// Where a negative sentence goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    About,
    Duties,
    Reqs,
    Benefits,
}

/// Lines that look like credential demand but are not (degrees, checks, clearances, right to
/// work, memberships, courses, product experience, software licences, other people's or the
/// employer's credentials, false friends).
pub(crate) const NEGATIVES_ANY: &[(Slot, &str)] = &[
    (Slot::Reqs, "High school diploma or GED required."),
    (
        Slot::Reqs,
        "Bachelor's degree in a related field preferred.",
    ),
    (Slot::Reqs, "Must pass a background check and drug screen."),
    (Slot::Reqs, "Must be at least 18 years of age."),
    (
        Slot::Reqs,
        "Completion of our paid two-week onboarding training program is required.",
    ),
    (
        Slot::Reqs,
        "Membership in a relevant professional association is welcome.",
    ),
    (
        Slot::About,
        "We are proud to be an ISO 9001 certified company.",
    ),
    (
        Slot::Benefits,
        "Certified Great Place to Work® for three years running.",
    ),
    (
        Slot::Duties,
        "Deliver A+ customer service in every interaction.",
    ),
];

/// U.S.-only negatives.
pub(crate) const NEGATIVES_US: &[(Slot, &str)] = &[
    (
        Slot::Reqs,
        "Must be authorized to work in the United States; we are unable to sponsor visas.",
    ),
    (Slot::Reqs, "Must have reliable transportation."),
    (
        Slot::About,
        "This position is part of an H-2A labor certification filing with the Department of Labor.",
    ),
];

/// UK-only negatives.
pub(crate) const NEGATIVES_UK: &[(Slot, &str)] = &[
    (Slot::Reqs, "You must have the right to work in the UK."),
    (Slot::Reqs, "This role is subject to an enhanced DBS check."),
    (
        Slot::Reqs,
        "GCSEs (or equivalent) in English and Maths at grade 4/C or above.",
    ),
    (
        Slot::Reqs,
        "Membership of a relevant professional body is desirable.",
    ),
];

/// Family-specific negatives.
pub(crate) fn negatives_domain(d: Domain) -> &'static [(Slot, &'static str)] {
    match d {
        Domain::Health => &[
            (
                Slot::Duties,
                "Work under the supervision of a registered nurse.",
            ),
            (
                Slot::Duties,
                "Delegate tasks to CNAs and unit secretaries as appropriate.",
            ),
            (
                Slot::About,
                "We are a Magnet-designated, Joint Commission accredited hospital.",
            ),
            (
                Slot::Reqs,
                "BSN from an accredited nursing program preferred.",
            ),
            (
                Slot::About,
                "Our laboratory is CLIA certified and CAP accredited.",
            ),
        ],
        Domain::Coding => &[
            (
                Slot::Duties,
                "Review CPT codes and modifiers for billing accuracy.",
            ),
            (Slot::Reqs, "Working knowledge of CPT and ICD-10 code sets."),
            (
                Slot::Reqs,
                "Associate degree in Health Information Management preferred.",
            ),
        ],
        Domain::Transport => &[
            (
                Slot::Reqs,
                "Must pass a DOT physical and pre-employment drug screen.",
            ),
            (
                Slot::Reqs,
                "Clean MVR with no more than two moving violations in 3 years.",
            ),
            (
                Slot::Benefits,
                "Our trucks are SmartWay certified and governed for safety.",
            ),
        ],
        Domain::It => &[
            (
                Slot::Reqs,
                "Experience with AWS services such as EC2, S3 and IAM.",
            ),
            (
                Slot::Reqs,
                "Familiarity with ITIL processes and ServiceNow.",
            ),
            (
                Slot::Duties,
                "Manage software licenses and renewals for 400+ users.",
            ),
            (
                Slot::Reqs,
                "Active Secret security clearance, or the ability to obtain one.",
            ),
            (
                Slot::Reqs,
                "Hands-on experience with Azure and Google Cloud.",
            ),
            (Slot::About, "Our data centers are SOC 2 Type II certified."),
        ],
        Domain::Trades => &[
            (
                Slot::Reqs,
                "Working knowledge of OSHA regulations and the NEC.",
            ),
            (
                Slot::Duties,
                "Ensure all subcontractors are licensed and insured.",
            ),
            (
                Slot::Reqs,
                "Completion of a vocational or technical school program preferred.",
            ),
        ],
        Domain::Food => &[
            (
                Slot::About,
                "Our kitchen proudly holds a 5-star food hygiene rating.",
            ),
            (Slot::About, "We are a certified B Corp."),
        ],
        Domain::Finance => &[
            (
                Slot::Duties,
                "Support CPAs and tax partners during busy season.",
            ),
            (
                Slot::Reqs,
                "Bachelor's degree in Accounting or Finance required.",
            ),
            (Slot::Reqs, "Proficiency with QuickBooks and Excel."),
        ],
        Domain::Education => &[
            (
                Slot::Duties,
                "Work alongside certified teachers and paraprofessionals.",
            ),
            (
                Slot::Reqs,
                "Bachelor's degree in Education or a related field.",
            ),
        ],
        Domain::Protective => &[
            (
                Slot::Reqs,
                "Must be able to obtain a Secret security clearance.",
            ),
            (
                Slot::Duties,
                "Check that contractors' licenses and badges are current before entry.",
            ),
        ],
        Domain::Social => &[
            (
                Slot::Reqs,
                "Master's degree in Social Work or Counseling required.",
            ),
            (
                Slot::Duties,
                "Receive weekly clinical supervision from a licensed clinician.",
            ),
        ],
        Domain::Office => &[
            (Slot::Reqs, "Associate degree or equivalent experience."),
            (
                Slot::Reqs,
                "Experience with Microsoft 365 licensing is helpful.",
            ),
        ],
    }
}

/// Required, as a sentence (any country).
pub(crate) const REQUIRED_ANY: &[&str] = &[
    "Must hold a valid {C}.",
    "{C} required.",
    "Active {C} required.",
    "A valid {C} is required for this position.",
    "Candidates must possess a current {C}.",
    "You must have a valid {C}.",
    "Requires a current {C}.",
    "Applicants without a current {C} will not be considered.",
    "Must have a current {C} at time of hire.",
];
/// Required, U.S. wordings.
pub(crate) const REQUIRED_US: &[&str] = &[
    "Active {C} in the State of {S} required.",
    "Must have an active, unrestricted {C} in {S}.",
    "Current {C} is a must.",
];
/// Required, UK wordings.
pub(crate) const REQUIRED_UK: &[&str] = &[
    "Current {C} is essential.",
    "You will need a valid {C}.",
    "{C} is mandatory for this role.",
    "You must hold a full and current {C}.",
];
/// Required, as a bare bullet under a requirements heading.
pub(crate) const REQUIRED_BULLET: &[&str] = &[
    "{C}",
    "Valid {C}",
    "Current {C}",
    "Active {C} in good standing",
    "{C} (must be current)",
    "Clean {C}",
];
/// Preferred, as a sentence.
pub(crate) const PREFERRED_ANY: &[&str] = &[
    "{C} preferred.",
    "{C} a plus.",
    "{C} is a plus!",
    "Preference given to candidates with {C}.",
    "Bonus points if you hold a {C}.",
    "{C} is nice to have.",
];
/// Preferred, UK wordings.
pub(crate) const PREFERRED_UK: &[&str] = &[
    "{C} desirable.",
    "{C} would be an advantage.",
    "Ideally you will hold a {C}.",
];
/// Preferred, as a bare bullet under a preferred heading.
pub(crate) const PREFERRED_BULLET: &[&str] = &["{C}", "Current {C}", "{C} (preferred)"];
/// Required but "or equivalent" accepted.
pub(crate) const OR_EQUIVALENT: &[&str] = &[
    "{C} or equivalent.",
    "{C} or equivalent required.",
    "Must hold {C} (or equivalent).",
    "{C}, or an equivalent certification, is required.",
    "{C} or equivalent qualification.",
];
/// Obtainable after hire.
pub(crate) const AFTER_HIRE: &[&str] = &[
    "Must obtain {C} within {N} days of hire.",
    "Ability to obtain a {C} within {N} days.",
    "Must have or be able to obtain a {C}.",
    "{C} must be obtained within six months of start date.",
    "Willingness to obtain {C} within the first year.",
    "New hires without {C} must obtain it within {N} days of employment.",
    "Eligible to sit for the {C} exam within {N} days of hire.",
];
/// After hire, UK wordings.
pub(crate) const AFTER_HIRE_UK: &[&str] = &[
    "We will support you to achieve your {C} within your first 12 months.",
    "Willing to work towards {C}.",
];
/// Not a hiring requirement, placed among benefits.
pub(crate) const UNCLEAR_BENEFIT: &[&str] = &[
    "We pay the fees for your {C}.",
    "{C} differential $2/hr",
    "Certification pay: +$1.50/hr with {C}",
    "Tuition reimbursement toward your {C}",
    "{C} fees paid for the right candidate!",
];
/// Not a hiring requirement, UK benefits.
pub(crate) const UNCLEAR_BENEFIT_UK: &[&str] = &[
    "We fund your {C} fees",
    "£1.50 per hour enhancement for {C} holders",
];
/// Not a hiring requirement, placed among requirements.
pub(crate) const UNCLEAR_REQS: &[&str] = &[
    "No {C} needed — we will train you!",
    "{C} optional.",
    "{C} is not required for this role.",
    "You do not need a {C} to apply.",
];

/// Generic asks: (surface, kind word, UK only).
pub(crate) const GENERIC: &[(&str, &str, bool)] = &[
    ("relevant certifications", "certification", false),
    ("appropriate licensure", "license", false),
    (
        "all required licenses and certifications",
        "unspecified",
        false,
    ),
    ("applicable state license", "license", false),
    ("industry-recognized certifications", "certification", false),
    ("relevant professional credentials", "unspecified", false),
    ("licence to practise", "license", true),
    ("relevant professional registration", "registration", true),
];
/// Generic asks that are required.
pub(crate) const GENERIC_REQUIRED: &[&str] = &[
    "Must hold {G}.",
    "Candidates must possess {G}.",
    "{G} required.",
];
/// Generic asks that are preferred.
pub(crate) const GENERIC_PREFERRED: &[&str] = &["{G} preferred.", "{G} a plus."];
/// Generic asks obtainable after hire.
pub(crate) const GENERIC_AFTER: &[&str] = &["Must obtain {G} within {N} days of hire."];
/// Generic "no certification needed": the span is the word `certification`.
pub(crate) const GENERIC_NONE: &[&str] = &[
    "No experience or {G} needed — we train!",
    "No prior {G} required.",
];
