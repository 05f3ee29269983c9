"""High-recall candidate net for hand-labelling credential mentions: groups every hit line so a human decides each one."""
# Usage: python3 scripts/labels/candidates.py > /tmp/review.txt   (also writes /tmp/cand_groups.json)
# Lines (split on "\n") that contain any trigger are grouped by exact line text (sha1[:10]); each
# group is shown once with its hit terms, section, the question stem for answer options, and the
# number of selected files it occurs in. The human writes decisions per group (decisions.jsonl).
import csv, hashlib, json, os, re, sys
from collections import defaultdict

ROOT = "/work/shared/data/postings"
QDIR = os.path.join(ROOT, "usajobs_questionnaires")
NPD = "/work/shared/data/credentials_lists/npd_credential_codeset/npd_credential_codeset.csv"

def selection():
    """Every 3rd file by numeric id starting at position 0, first 200; alternate dev/test."""
    fs = sorted(os.listdir(QDIR), key=lambda f: int(re.search(r"\d+", f).group()))
    sel = fs[0::3][:200]
    return [(f, "dev" if i % 2 == 0 else "test") for i, f in enumerate(sel)]

CI = re.compile(r"licen[cs]|certif|registr|registered|credential|\bcards?\b|endorse|board|\bCDL|\bpermits?\b"
                r"|first[- ]aid|food handler|servsafe|security\+|comptia|notary|diplomate|airman|type rating", re.I)
# Hits fully inside one of these are boilerplate (the verb "certify", veterans' and PPP paperwork), not shown.
REJECT = re.compile(r"\bcertif(?:y|ying|ies)\b|self-certification checklist|certificate of release or discharge"
                    r"|marriage licen[cs]e|\bNG\b|National Guard", re.I)
EXTRA = {"BLS", "ACLS", "PALS", "NRP", "CPR", "CNA", "LPN", "LVN", "RN", "APRN", "EMT", "CPA", "PMP", "CISSP",
         "OSHA", "HAZMAT", "CDL", "FAA", "ASE", "EPA", "NREMT", "CCS", "RHIA", "RHIT", "CPC", "CPhT", "PTCB",
         "PE", "EIT", "CSP", "CIH", "CMA", "RMA", "ARRT", "ASCP", "MLS", "MT", "CLS", "CRNA", "NP", "LCSW",
         "LMFT", "LPC", "LICSW", "CCC", "OTR", "COTA", "RDMS", "RVT", "CST", "CDA", "RDH", "CISA", "CISM",
         "GIAC", "CEH", "CCNA", "UST", "DEA", "RD", "RDN", "RRT", "CRT", "NCLEX", "FNP", "CMT", "CHT"}

def abbrs():
    s = set(EXTRA)
    for r in csv.DictReader(open(NPD, encoding="utf-8")):
        a = r["credential_abbr"].strip()
        if 2 <= len(a) <= 6 and re.fullmatch(r"[A-Z]+", a):
            s.add(a)
    return s

UP = re.compile(r"\b[A-Z]{2,6}\b")
SECTIONS = {"Eligibilities", "Preferences", "Conditions of Employment"}

def lines_with_offsets(text):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1

def hits(line, ab):
    spans = [(m.start(), m.end(), m.group()) for m in CI.finditer(line)]
    spans += [(m.start(), m.end(), m.group()) for m in UP.finditer(line) if m.group() in ab]
    rej = [(m.start(), m.end()) for m in REJECT.finditer(line)]
    return [g for a, b, g in spans if not any(ra <= a and b <= rb for ra, rb in rej)]

def main():
    ab = abbrs()
    groups = defaultdict(lambda: {"files": [], "ctx": set(), "hits": None, "line": None})
    for f, split in selection():
        text = open(os.path.join(QDIR, f), encoding="utf-8", newline="").read()
        section, stem = "top", ""
        for off, line in lines_with_offsets(text):
            s = line.strip()
            if s in SECTIONS or re.fullmatch(r"Assessment \d+", s):
                section = s
            if re.match(r"\d+\.\s", s):
                stem = s[:160]
            h = hits(line, ab)
            if not h:
                continue
            g = hashlib.sha1(line.encode()).hexdigest()[:10]
            G = groups[g]
            G["files"].append(f)
            G["line"], G["hits"] = line, sorted(set(h))
            opt = re.match(r"\s*[A-Z]\.\s", line) is not None
            G["ctx"].add((section, stem if opt else ""))
    out = {g: {"files": v["files"], "ctx": sorted(v["ctx"]), "hits": v["hits"], "line": v["line"]} for g, v in groups.items()}
    json.dump(out, open("/tmp/cand_groups.json", "w"), indent=0)
    for g, v in sorted(out.items(), key=lambda kv: kv[1]["files"][0]):
        print(f"=== {g} n={len(v['files'])} first={v['files'][0]} hits={v['hits']}")
        for c in v["ctx"][:4]:
            print(f"  ctx: {c[0]} | {c[1]}")
        print("  " + v["line"][:1500])

if __name__ == "__main__":
    main()
