#!/usr/bin/env python3
"""Builds labels.csv: the labelled evaluation set of credence-classify.

Reads the public files in the shared data directory (never copied into the repository) and
writes only source, id, name, issuer, label, label basis and split. Every label comes from
the source itself (a license table, a declared CTDL type, the NPD board-certification flag
plus a certifying organization, an Open Badges achievement) or from a documented,
hand-reviewed name rule -- never from the classifier.

Usage: python3 build_labels.py /work/shared/data > labels.csv
"""
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

DATA = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data")
rows = []


def add(source, id_, name, issuer, label, basis):
    name = " ".join(name.split())
    issuer = " ".join((issuer or "").split())
    if name:
        rows.append([source, str(id_), name, issuer, label, basis])


def nj_license():
    path = DATA / "nj_etpl/TBLLICENSE_DATA_TABLE.csv"
    for r in csv.DictReader(open(path, encoding="utf-8", errors="replace")):
        if r["NAME"].strip().lower() == "test license":
            continue
        # Issuer left empty on purpose: the label comes from the table, and giving the
        # classifier "State of New Jersey" would hand it the answer.
        add("nj_license", r["ID"], r["NAME"], "", "license", "source_table")


NJ_CERTIFICATE_KEEP = {
    # hand-reviewed: certificate programs / training completion, not certifications
    "140", "141", "142", "143", "144", "145", "146", "148", "1251", "1252", "1903", "1923",
    "1963", "1964", "3050", "3051", "3257", "3463", "3805",
}
NJ_CARDS = {"1247", "1248", "1249", "1250", "1253", "1254", "2923", "2943"}
NJ_LICENSES = {"579", "1743", "3623"}


def nj_industry():
    path = DATA / "nj_etpl/TBLINDUSTRYCREDENTIAL_DATA_TABLE.csv"
    for r in csv.DictReader(open(path, encoding="utf-8", errors="replace")):
        i, n = r["ID"], r["NAME"]
        low = n.lower()
        if i in NJ_CARDS:
            add("nj_industry", i, n, "", "certificate", "hand_review:training_completion_card")
        elif i in NJ_CERTIFICATE_KEEP:
            add("nj_industry", i, n, "", "certificate", "hand_review:certificate_program_name")
        elif i in NJ_LICENSES:
            add("nj_industry", i, n, "", "license", "hand_review:government_license_name")
        elif "diplomate" in low:
            add("nj_industry", i, n, "", "certification", "name_rule:board_diplomate")
        elif re.search(r"\bcertified\b", low) and "training provider" not in low and int(i) % 5 == 0:
            add("nj_industry", i, n, "", "certification", "name_rule:certified_designation_sample_id_mod5")
        elif "certification" in low and "training" not in low and "certificate" not in low and int(i) % 3 == 0:
            add("nj_industry", i, n, "", "certification", "name_rule:named_certification_sample_id_mod3")


def npd():
    path = DATA / "credentials_lists/npd_credential_codeset/npd_credential_codeset.csv"
    for r in csv.DictReader(open(path, encoding="utf-8")):
        n, org = r["credential_name"], r["credentialing_organization_name"].strip()
        board = r["is_board_certification"] == "1"
        i = r["id"]
        if re.match(r"(provisionally |limited )?licensed\b", n, re.I):
            if not org:
                add("npd", i, n, org, "license", "npd:name_licensed_no_certifying_body")
        elif re.match(r"(bachelor|master|doctor|associate) (of|or)\b", n, re.I) or re.search(r"\bdegree\b", n, re.I):
            if not board and "acupuncture" not in n.lower() and "academy" not in n.lower():
                add("npd", i, n, org, "degree", "npd:degree_name_not_board")
        elif n.strip().lower() in ("diploma", "high school graduate"):
            add("npd", i, n, org, "degree", "npd:diploma_name")
        elif n.strip().lower() in ("certificate", "secretarial certificate"):
            add("npd", i, n, org, "certificate", "npd:certificate_name")
        elif board and org and i != "90017" and not n.lower().startswith("fellow"):
            # 90017 CPA: a state license, whatever the organization column says.
            add("npd", i, n, org, "certification", "npd:is_board_certification_with_certifying_org")


def nj_degree_lookup():
    path = DATA / "nj_etpl/TBLDEGREELU_DATA_TABLE.csv"
    for r in csv.DictReader(open(path, encoding="utf-8", errors="replace")):
        n = r["NAME"]
        low = n.lower()
        if "degree" in low or "diploma" in low:
            add("nj_degree_lookup", r["ID"], n, "", "degree", "source_table:degree_level")
        elif "certificate" in low:
            add("nj_degree_lookup", r["ID"], n, "", "certificate", "source_table:certificate_level")


CTDL_MAP = {
    "ceterms:Certificate": "certificate",
    "ceterms:Certification": "certification",
    "ceterms:License": "license",
    "ceterms:MasterDegree": "degree",
}


def text(v):
    if isinstance(v, dict):
        return v.get("en-US") or v.get("en") or next(iter(v.values()), "")
    return v or ""


def ctdl():
    for f in sorted((DATA / "ctdl").glob("*.json")):
        if any(s in f.name for s in ("schema", "context", "subclasses")):
            continue
        d = json.load(open(f, encoding="utf-8-sig"))
        nodes = d.get("@graph", [d]) if isinstance(d, dict) else d
        for n in nodes:
            if isinstance(n, dict) and "decoded_resource" in n:
                n = n["decoded_resource"]
            if not isinstance(n, dict):
                continue
            label = CTDL_MAP.get(n.get("@type"))
            if label:
                ident = n.get("ceterms:ctid") or n.get("@id") or f.stem
                name = text(n.get("ceterms:name") or n.get("schema:name"))
                add("ctdl_fixture", ident, name, "", label, "declared_ctdl_type:" + n["@type"])


def ob3():
    for f in sorted((DATA / "ob3/samples_1edtech_validator").glob("*.json")):
        d = json.load(open(f, encoding="utf-8"))
        issuer = d.get("issuer")
        issuer = issuer.get("name", "") if isinstance(issuer, dict) else ""
        subject = d.get("credentialSubject") or {}
        ach = subject.get("achievement") if isinstance(subject, dict) else None
        if not isinstance(ach, dict):
            continue
        kind = ach.get("achievementType")
        if kind == "Degree":
            add("ob3_sample", f.stem, ach.get("name", ""), issuer, "degree", "ob3:achievementType=Degree")
        elif "badge" in (d.get("name") or "").lower():
            add("ob3_sample", f.stem, ach.get("name", ""), issuer, "badge", "ob3:OpenBadgeCredential_named_badge")


def split_of(name):
    h = hashlib.sha256(name.lower().encode()).digest()[0]
    return "dev" if h % 10 < 7 else "holdout"


for build in (nj_license, nj_industry, npd, nj_degree_lookup, ctdl, ob3):
    build()
seen = set()
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["source", "id", "name", "issuer", "label", "label_basis", "split"])
for r in rows:
    key = r[2].lower()
    if key in seen:
        continue
    seen.add(key)
    out.writerow(r + [split_of(key)])
