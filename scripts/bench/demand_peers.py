"""Peers for the demand benchmark: dictionary matching only, with the same dictionary and texts.

flashtext (KeywordProcessor, case-insensitive, whole words) and pyahocorasick (an automaton over
the lower-cased dictionary, scanning lower-cased text) each find every dictionary hit in every
text. Neither does what credence also does (parsing, context rules, levels, de-duplication,
occupation and location coding, aggregation), so the comparison is generous to them.

Usage: python demand_peers.py DICTIONARY.txt TEXTS.jsonl  -> one JSON line per peer.
"""
import json
import sys
import time


def load(dict_path, texts_path):
    words = [w.rstrip("\n") for w in open(dict_path, encoding="utf-8") if w.strip()]
    texts = [json.loads(line) for line in open(texts_path, encoding="utf-8")]
    return words, texts


def bench_flashtext(words, texts):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for w in words:
        kp.add_keyword(w)
    start = time.perf_counter()
    hits = 0
    for t in texts:
        hits += len(kp.extract_keywords(t))
    return time.perf_counter() - start, hits


def bench_pyahocorasick(words, texts):
    import ahocorasick

    a = ahocorasick.Automaton()
    for i, w in enumerate(words):
        a.add_word(w.lower(), i)
    a.make_automaton()
    start = time.perf_counter()
    hits = 0
    for t in texts:
        for _ in a.iter(t.lower()):
            hits += 1
    return time.perf_counter() - start, hits


def main():
    words, texts = load(sys.argv[1], sys.argv[2])
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    for name, fn in (("flashtext", bench_flashtext), ("pyahocorasick", bench_pyahocorasick)):
        seconds, hits = fn(words, texts)
        print(json.dumps({"peer": name, "texts": len(texts), "text_mb": mb, "seconds": seconds,
                          "mb_per_s": mb / seconds, "hits": hits}))


if __name__ == "__main__":
    main()
