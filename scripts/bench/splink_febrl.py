"""Splink (DuckDB backend) on the exported Febrl 4 files, with a model equivalent to credence's.

Same fields and comparison levels as `credence outcomes link --method fs` (Jaro-Winkler 0.92 /
0.80 on names, edit distance 1 on date of birth, identifier and postcode, Jaro-Winkler 0.88 /
0.70 on address and suburb), u from random pairs, m by EM, and a union of blocking rules as
close to credence's as DuckDB SQL allows (it has no Soundex: name prefixes stand in).
Prints one JSON line: seconds (read CSV → scored pairs), precision, recall, F1 at p >= 0.5, and
the best F1 over all thresholds (an oracle, for reference).
"""

import json
import logging
import sys
import time
from pathlib import Path

import pandas as pd


def main() -> None:
    work = Path(sys.argv[1])
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.ERROR)
    started = time.perf_counter()
    a = pd.read_csv(work / "febrl4_a.csv", dtype=str)
    b = pd.read_csv(work / "febrl4_b.csv", dtype=str)
    for df in (a, b):
        df.rename(columns={"rec_id": "unique_id"}, inplace=True)
        df["year"] = df["date_of_birth"].str.slice(0, 4)
        df["initial"] = df["given_name"].str.slice(0, 1)
        df["given3"] = df["given_name"].str.slice(0, 3)
        df["surname3"] = df["surname"].str.slice(0, 3)
    db = DuckDBAPI()
    sa = db.register(a, dataset_display_name="a")
    sb = db.register(b, dataset_display_name="b")
    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("given_name", [0.92, 0.80]),
            cl.JaroWinklerAtThresholds("surname", [0.92, 0.80]),
            cl.DamerauLevenshteinAtThresholds("date_of_birth", [1]),
            cl.DamerauLevenshteinAtThresholds("postcode", [1]),
            cl.JaroWinklerAtThresholds("suburb", [0.88, 0.70]),
            cl.JaroWinklerAtThresholds("address_1", [0.88, 0.70]),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1]),
        ],
        blocking_rules_to_generate_predictions=[
            block_on("date_of_birth"),
            block_on("surname3", "given3"),
            block_on("soc_sec_id"),
            block_on("postcode", "initial"),
            block_on("surname", "year"),
            block_on("given_name", "suburb"),
            # credence's Soundex rule matches the two names in either order; its postcode+surname rule.
            "l.surname3 = r.given3 AND l.given3 = r.surname3",
            block_on("postcode", "surname"),
        ],
        retain_matching_columns=False,
    )
    linker = Linker([sa, sb], settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("soc_sec_id", "date_of_birth")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("surname", "year"))
    scored = linker.inference.predict().as_pandas_dataframe()
    seconds = time.perf_counter() - started

    truth = set()
    with open(work / "febrl4_truth.csv", encoding="utf-8") as f:
        next(f)
        for line in f:
            left, right = line.strip().split(",")
            truth.add((left, right))

    def pair(row):
        # Splink orders pairs by source dataset; "a" is the left file.
        if row.source_dataset_l == "a":
            return (row.unique_id_l, row.unique_id_r)
        return (row.unique_id_r, row.unique_id_l)

    pairs = [(pair(r), r.match_probability) for r in scored.itertuples()]

    def scores(threshold):
        chosen = {p for p, prob in pairs if prob >= threshold}
        tp = len(chosen & truth)
        precision = tp / len(chosen) if chosen else 0.0
        recall = tp / len(truth)
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        return precision, recall, f1

    precision, recall, f1 = scores(0.5)
    best = max((scores(t)[2], t) for t in [i / 100 for i in range(1, 100)])
    print(
        json.dumps(
            {
                "peer": "splink",
                "seconds": seconds,
                "candidates": len(pairs),
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "best_f1": best[0],
                "best_threshold": best[1],
            }
        )
    )


if __name__ == "__main__":
    main()
