#!/usr/bin/env python3
"""Builds pairs.csv, the labelled same/different pairs for credence-identity.

Usage: python3 build_pairs.py /work/shared/data > pairs.csv

Sources (not copied; only names, issuers, labels and a basis are written):
* nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv and TBLLICENSE_DATA_TABLE.csv
  (newjersey/dol-mcnj-main, MIT): re-listings (same name up to spacing/punctuation) are `same`;
  hand-picked near-duplicates and sibling credentials of one issuer are labelled by hand below.
* credentials_lists/npd_credential_codeset (CC0 1.0): abbreviation vs full name (`same`), and
  sibling credentials of one certifying body (`different`).
* hand-written spelling variants and hard negatives (levels, classes, versions).
"""
import csv, itertools, re, sys, collections

data = sys.argv[1]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["a_name", "a_issuer", "b_name", "b_issuer", "same", "basis"])
seen = set()

def emit(an, ai, bn, bi, same, basis):
    key = (an.strip(), ai, bn.strip(), bi)
    if key in seen or (an.strip(), ai) == (bn.strip(), bi):
        return
    seen.add(key)
    out.writerow([an.strip(), ai, bn.strip(), bi, same, basis])

# --- NJ industry credentials -------------------------------------------------------------
rows = list(csv.DictReader(open(f"{data}/nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv", encoding="utf-8", errors="replace")))
by_id = {r["ID"]: r for r in rows}
iss = lambda r: f"nj-issuer-{r['ISSUERID']}" if r["ISSUERID"] else ""
key = lambda n: re.sub(r"[^a-z0-9+]+", " ", n.lower()).strip()
# Identical names whose issuers differ and whose identity we cannot tell from the name alone.
AMBIGUOUS = {"pharmacy technician", "first aid cpr card", "medical laboratory technician",
             "certified safety professional", "building analyst", "master addictions counselor",
             "electronics technicians association international"}
groups = collections.defaultdict(list)
for r in rows:
    groups[key(r["NAME"])].append(r)
for k in sorted(groups):
    g = groups[k]
    if len(g) < 2 or k in AMBIGUOUS:
        continue
    for a, b in zip(g, g[1:]):
        emit(a["NAME"], iss(a), b["NAME"], iss(b), 1, "nj_industry re-listing (same name up to spacing/punctuation)")

# Hand-labelled NJ pairs by ID: (a, b, same).
NJ_HAND = [
    ("2343", "3124", 1), ("2563", "3308", 1), ("2247", "3236", 1), ("872", "1258", 1),
    ("883", "1605", 1), ("762", "768", 1), ("839", "3314", 1), ("977", "978", 1),
    ("1160", "1283", 0), ("1138", "1159", 0), ("1129", "1136", 0), ("1066", "1069", 0),
    ("674", "675", 0), ("799", "801", 0), ("650", "651", 0), ("2923", "2943", 0),
    ("1253", "1254", 0), ("1443", "1469", 0), ("677", "678", 0), ("480", "481", 0),
    ("470", "471", 0), ("660", "661", 0), ("3084", "3063", 0), ("924", "926", 0),
    ("923", "925", 0), ("169", "170", 0), ("3227", "3236", 0), ("2244", "3227", 0),
    ("38", "39", 0), ("3306", "3307", 0), ("3297", "3305", 0), ("290", "3297", 0),
    ("218", "220", 0), ("1403", "3296", 0), ("1133", "1155", 0), ("1120", "1121", 0),
    ("117", "124", 0), ("850", "853", 0), ("797", "803", 0), ("43", "1079", 0),
    ("862", "865", 0), ("759", "766", 0), ("82", "87", 0), ("157", "206", 0),
    ("700", "701", 0), ("3078", "3085", 0), ("208", "69", 0), ("1060", "1061", 0),
    ("501", "502", 0), ("433", "434", 0), ("779", "780", 0), ("1112", "1113", 0),
    ("1110", "1114", 0), ("390", "392", 0), ("796", "799", 0), ("891", "893", 0),
    ("890", "892", 0), ("873", "874", 0), ("757", "758", 0), ("753", "757", 0),
    ("3339", "3340", 0), ("3058", "3059", 0), ("949", "951", 0), ("2", "3", 0),
    ("1064", "1065", 0), ("931", "936", 0), ("304", "306", 0), ("300", "305", 0),
    ("920", "602", 0), ("624", "625", 0), ("49", "51", 0), ("809", "810", 0),
    ("320", "3164", 0), ("419", "420", 0), ("418", "419", 0), ("380", "381", 0),
    ("1261", "1262", 0), ("1257", "1260", 0), ("352", "3259", 0), ("89", "834", 0),
    ("658", "664", 0), ("3073", "3074", 0), ("597", "598", 0), ("1078", "3181", 0),
    ("1219", "1220", 0), ("3095", "3096", 0), ("1008", "1011", 0), ("3182", "3190", 0),
    ("510", "511", 0), ("1086", "1193", 0), ("2263", "2265", 0), ("704", "705", 0),
    ("8", "1087", 0), ("8", "821", 0), ("907", "1945", 0), ("747", "3247", 0),
    ("1946", "3248", 0), ("411", "821", 0), ("3245", "3247", 0),
]
for a, b, same in NJ_HAND:
    ra, rb = by_id[a], by_id[b]
    basis = "nj_industry near-duplicate (hand-checked)" if same else "nj_industry sibling of one issuer (hand-checked)"
    emit(ra["NAME"], iss(ra), rb["NAME"], iss(rb), same, basis)

# --- NJ licenses: hand variants and siblings --------------------------------------------
NJ = "State of New Jersey"
LIC = [
    ("ACCOUNTANT (CPA)", "CPA", 1), ("COSMETOLOGIST-HAIRSTYLIST", "Cosmetologist Hairstylist", 1),
    ("FUNERAL DIRECTOR/MORTICIAN", "Funeral Director / Mortician", 1),
    ("EMERGENCY MEDICAL TECHNICIAN", "Emergency Medical Technician (EMT)", 1),
    ("NURSE AIDE", "Nurse Aide Certification", 1), ("PLUMBER", "Plumber", 1),
    ("ELECTRICAL CONTRACTOR", "ELECTRICAL INSPECTOR", 0), ("FIRE INSPECTOR", "FIRE INSTRUCTOR", 0),
    ("DENTAL RADIOLOGIC TECHNOLOGIST", "DIAGNOSTIC RADIOLOGIC TECHNOLOGIST", 0),
    ("CASINO EMPLOYEE", "CASINO KEY EMPLOYEE", 0), ("CASINO EMPLOYEE", "CASINO SERVICE EMPLOYEE", 0),
    ("BOXER", "BOXING MANAGER", 0), ("HARNESS RACE DRIVER", "HARNESS RACE HORSE TRAINER", 0),
    ("DENTAL ASSISTANT", "DENTAL HYGIENIST", 0), ("FIRE INSPECTOR", "FIRE OFFICIAL", 0),
    ("HOME REPAIR CONTRACTOR", "HOME REPAIR SALESMAN", 0), ("ARCHITECT", "LANDSCAPE ARCHITECT", 0),
    ("LABORATORY DIRECTOR", "BIO-ANALYTICAL LABORATORY DIRECTOR", 0),
    ("ACCOUNTANT (CPA)", "MUNICIPAL ACCOUNTANT", 0), ("BUILDING INSPECTOR", "ELEVATOR INSPECTOR", 0),
]
for a, b, same in LIC:
    emit(a, NJ, b, NJ, same, "nj_license hand variant" if same else "nj_license sibling")

# --- NPD credential codeset ---------------------------------------------------------------
npd = list(csv.DictReader(open(f"{data}/credentials_lists/npd_credential_codeset/npd_credential_codeset.csv", encoding="utf-8")))
for r in npd[::6]:  # every sixth row: abbreviation vs full name
    if r["credential_abbr"] and r["credential_name"]:
        o = r["credentialing_organization_name"]
        emit(r["credential_name"], o, r["credential_abbr"], o, 1, "npd abbreviation vs full name")
for r in npd[3::12]:  # "Full Name (ABBR)" vs full name
    if r["credential_abbr"] and r["credential_name"]:
        o = r["credentialing_organization_name"]
        emit(f"{r['credential_name']} ({r['credential_abbr']})", o, r["credential_name"], o, 1, "npd name with acronym vs name")
by_org = collections.defaultdict(list)
for r in npd:
    if r["credentialing_organization_name"]:
        by_org[r["credentialing_organization_name"]].append(r)
n = 0
for org in sorted(by_org):
    rs = by_org[org]
    for a, b in itertools.combinations(rs, 2):
        if a["credential_name"].strip().lower() == b["credential_name"].strip().lower():
            continue
        ta, tb = set(key(a["credential_name"]).split()), set(key(b["credential_name"]).split())
        if ta and tb and len(ta & tb) / len(ta | tb) >= 0.5 and n < 70:
            n += 1
            emit(a["credential_name"], org, b["credential_name"], org, 0, "npd sibling credentials of one body")
            if n % 3 == 0:
                emit(a["credential_abbr"], org, b["credential_name"], org, 0, "npd abbreviation vs sibling's name")

# --- hand-written variants and hard negatives --------------------------------------------
HAND = [
    ("CompTIA A+", "", "A+ Certification", "CompTIA", 1),
    ("CompTIA A+", "", "CompTIA A Plus (220-1101/1102)", "", 1),
    ("A+ Certification", "CompTIA", "CompTIA A Plus (220-1101/1102)", "CompTIA", 1),
    ("CompTIA Network+ (Net+)", "CompTIA", "Network+ Certification", "CompTIA", 1),
    ("CompTIA Security+ ce", "CompTIA", "CompTIA Security+ (SY0-701)", "CompTIA", 0),
    ("CompTIA Security+", "", "Security+ (SY0-701)", "CompTIA", 1),
    ("Certified Nursing Assistant (CNA)", "", "CNA", "", 1),
    ("Certified Nursing Assistant", "NJ Department of Health", "Certified Nurse Aide", "NJ Department of Health", 0),
    ("Cisco Certified Network Associate (CCNA)", "Cisco", "CCNA", "Cisco", 1),
    ("Cisco Certified Network Associate", "", "Cisco Certified Network Professional", "", 0),
    ("Project Management Professional (PMP)®", "PMI", "PMP Certification", "Project Management Institute", 1),
    ("Certified Associate in Project Management (CAPM)", "PMI", "Project Management Professional (PMP)", "PMI", 0),
    ("ServSafe® Food Protection Manager", "National Restaurant Association", "ServSafe Food Protection Manager Certification", "National Restaurant Association", 1),
    ("ServSafe Food Handler", "National Restaurant Association", "ServSafe Food Protection Manager", "National Restaurant Association", 0),
    ("Class A CDL", "", "Class B CDL", "", 0),
    ("Commercial Driver License - Class A", "NJ MVC", "Class A Commercial Driver's License", "NJ MVC", 1),
    ("Class B Commercial Driver License", "NJ MVC", "Class C Commercial Driver License", "NJ MVC", 0),
    ("Welding Level 1", "NCCER", "Welding Level 2", "NCCER", 0),
    ("NCCER Core Curriculum", "", "Core Curriculum", "NCCER", 1),
    ("Electrical Level I", "NCCER", "Electrical Level II", "NCCER", 0),
    ("AWS Certified Solutions Architect - Associate", "Amazon Web Services", "AWS Certified Solutions Architect - Professional", "Amazon Web Services", 0),
    ("AWS Certified Cloud Practitioner", "Amazon Web Services", "AWS Cloud Practitioner Certification", "Amazon Web Services", 1),
    ("Microsoft Office Specialist: Excel 2016", "Microsoft", "Microsoft Office Specialist: Excel 2019", "Microsoft", 0),
    ("Microsoft Office Specialist: Word 2019", "Microsoft", "Microsoft Office Specialist: Excel 2019", "Microsoft", 0),
    ("OSHA 10-Hour Construction", "OSHA", "OSHA 30-Hour Construction", "OSHA", 0),
    ("EPA Section 608 Type I", "EPA", "EPA Section 608 Type II", "EPA", 0),
    ("EPA Section 608 Universal Certification", "EPA", "EPA 608 Universal", "EPA", 1),
    ("Basic Life Support (BLS)", "American Heart Association", "BLS Provider", "American Heart Association", 0),
    ("Basic Life Support (BLS)", "American Heart Association", "BLS", "American Heart Association", 1),
    ("Advanced Cardiovascular Life Support (ACLS)", "American Heart Association", "Pediatric Advanced Life Support (PALS)", "American Heart Association", 0),
    ("Certified Pharmacy Technician (CPhT)", "PTCB", "Pharmacy Technician Certification (CPhT)", "Pharmacy Technician Certification Board", 1),
    ("Certified Medical Assistant (CMA)", "AAMA", "Certified Medical Assistant", "American Association of Medical Assistants", 1),
    ("Registered Medical Assistant", "AMT", "Certified Medical Assistant", "AAMA", 0),
    ("Certified Welder", "AWS", "Certified Welding Inspector", "AWS", 0),
    ("Certified Welding Inspector (CWI)", "American Welding Society", "CWI", "American Welding Society", 1),
    ("Certified Information Systems Security Professional", "ISC2", "CISSP", "(ISC)²", 1),
    ("Certified Information Systems Auditor (CISA)", "ISACA", "Certified Information Security Manager (CISM)", "ISACA", 0),
    ("Six Sigma Green Belt", "ASQ", "Six Sigma Black Belt", "ASQ", 0),
    ("Certified Six Sigma Green Belt (CSSGB)", "ASQ", "Six Sigma Green Belt Certification", "ASQ", 1),
    ("ASE A1 Engine Repair", "ASE", "ASE A2 Automatic Transmission/Transaxle", "ASE", 0),
    ("Journeyman Electrician", "", "Master Electrician", "", 0),
    ("Google IT Support Professional Certificate", "Google", "Google IT Support Certificate", "Google", 1),
    ("Google Data Analytics Professional Certificate", "Google", "Google Project Management Professional Certificate", "Google", 0),
    ("Certified Ethical Hacker (CEH) v12", "EC-Council", "Certified Ethical Hacker (CEH) v13", "EC-Council", 0),
    ("Oracle Certified Associate, Java SE 8 Programmer", "Oracle", "Oracle Certified Professional, Java SE 11 Developer", "Oracle", 0),
    ("Phlebotomy Technician (CPT)", "NHA", "Certified Phlebotomy Technician", "National Healthcareer Association", 1),
    ("Emergency Medical Technician - Basic", "NREMT", "Emergency Medical Technician - Paramedic", "NREMT", 0),
    ("Licensed Practical Nurse (LPN)", "", "Registered Nurse (RN)", "", 0),
    ("Child Development Associate (CDA) Credential", "Council for Professional Recognition", "CDA Credential", "Council for Professional Recognition", 1),
    ("Forklift Operator Certification", "", "Forklift Operator Certificate", "", 1),
]
for an, ai, bn, bi, same in HAND:
    emit(an, ai, bn, bi, same, "hand-written variant" if same else "hand-written hard negative")
