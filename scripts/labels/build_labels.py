"""Turns the per-line hand decisions (decisions.txt) into data/demand/labels/usajobs.jsonl with code-point offsets."""
# Usage: python3 scripts/labels/build_labels.py
# Each decision names a candidate line by sha1(line)[:10] (see candidates.py), a surface string, and
# which occurrence of that string inside the line it is; the mention is applied in every selected
# file that contains that exact line (or only in the file given after "@").
import hashlib, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from candidates import QDIR, selection, lines_with_offsets

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "data", "demand", "labels", "usajobs.jsonl")
KIND = {"L": "license", "C": "certification", "T": "certificate", "R": "registration", "U": "unspecified"}
LEVEL = {"req": "required", "pref": "preferred", "oreq": "or_equivalent", "after": "after_hire", "unc": "unclear"}

def load_decisions():
    dec = {}
    for raw in open(os.path.join(HERE, "decisions.txt"), encoding="utf-8"):
        raw = raw.rstrip("\n")
        if not raw or raw.startswith("#"):
            continue
        key, surface, occ, cred, kind, level = raw.split("|")
        g, _, only = key.partition("@")
        dec.setdefault(g, []).append((only or None, surface, int(occ), cred, KIND[kind], LEVEL[level]))
    return dec

def nth(line, s, n):
    i = -1
    for _ in range(n + 1):
        i = line.find(s, i + 1)
        if i < 0:
            raise ValueError(f"occurrence {n} of {s!r} not found")
    return i

def main():
    dec = load_decisions()
    used = set()
    rows = []
    for f, split in selection():
        fid = f[:-4]
        text = open(os.path.join(QDIR, f), encoding="utf-8", newline="").read()
        ms = []
        for off, line in lines_with_offsets(text):
            g = hashlib.sha1(line.encode()).hexdigest()[:10]
            for only, surface, occ, cred, kind, level in dec.get(g, []):
                if only and only != fid:
                    continue
                used.add(g)
                s = off + nth(line, surface, occ)
                ms.append({"start": s, "end": s + len(surface), "surface": surface,
                           "credential": cred, "kind": kind, "level": level})
        ms.sort(key=lambda m: m["start"])
        for a, b in zip(ms, ms[1:]):
            if b["start"] < a["end"]:
                raise SystemExit(f"overlap in {fid}: {a['surface']!r} / {b['surface']!r}")
        rows.append({"id": fid, "file": f"usajobs_questionnaires/{f}", "split": split, "mentions": ms})
    missing = set(dec) - used
    if missing:
        raise SystemExit(f"decisions whose line was not found: {sorted(missing)}")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {len(rows)} texts, {sum(len(r['mentions']) for r in rows)} mentions")

if __name__ == "__main__":
    main()
