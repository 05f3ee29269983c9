"""Checks usajobs.jsonl: selection/split rule, offsets (text[start:end] == surface), vocabulary, sorting; prints counts."""
import collections, json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
from candidates import QDIR, selection

HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, "..", "..", "data", "demand", "labels", "usajobs.jsonl")
KINDS = {"license", "certification", "certificate", "registration", "unspecified"}
LEVELS = {"required", "preferred", "or_equivalent", "after_hire", "unclear"}

def main():
    rows = [json.loads(l) for l in open(PATH, encoding="utf-8")]
    sel = selection()
    assert len(rows) == 200 == len(sel), len(rows)
    c = collections.Counter()
    for r, (f, split) in zip(rows, sel):
        assert r["id"] == f[:-4] and r["file"] == "usajobs_questionnaires/" + f and r["split"] == split, r["id"]
        assert list(r) == ["id", "file", "split", "mentions"]
        text = open(os.path.join(QDIR, f), encoding="utf-8", newline="").read()
        prev = -1
        for m in r["mentions"]:
            assert text[m["start"]:m["end"]] == m["surface"], (r["id"], m)
            assert m["start"] >= prev, (r["id"], "unsorted")
            prev = m["start"]
            assert m["kind"] in KINDS and m["level"] in LEVELS and m["credential"], m
            c["mentions", split] += 1
            c["kind", m["kind"]] += 1
            c["level", m["level"]] += 1
            c["kind×level", m["kind"], m["level"]] += 1
        c["texts", split] += 1
        c["texts_with_mentions", split] += bool(r["mentions"])
    for k in sorted(c, key=str):
        print(*k, c[k], sep="\t")
    print("OK: all offsets and fields check")

if __name__ == "__main__":
    main()
