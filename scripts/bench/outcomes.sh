#!/usr/bin/env bash
# Outcome-query benchmark: credence (DataFusion over Parquet) vs DuckDB (from PyPI), same files,
# same SQL, same run. Prints both times and the ratio credence / DuckDB (target <= 1.5).
#
#   scripts/bench/outcomes.sh [PARTICIPANTS] [REPEATS]
#
# PARTICIPANTS defaults to 370000, which the generator turns into about 10 million wage rows
# (person x employer x quarter, 2016Q1-2023Q4). Needs: cargo, python3 with venv, network to PyPI.
set -euo pipefail
cd "$(dirname "$0")/../.."
PARTICIPANTS="${1:-370000}"
REPEATS="${2:-5}"
WORK="${BENCH_DIR:-/tmp/credence-bench-outcomes}"
VENV="${BENCH_VENV:-/tmp/credence-bench-venv}"
mkdir -p "$WORK"

cargo build --release -p credence >&2
BIN="${CARGO_TARGET_DIR:-target}/release/credence"
DB="$WORK/bench.db"

if [ ! -f "$WORK/wages.parquet" ] || [ "$(cat "$WORK/participants.txt" 2>/dev/null)" != "$PARTICIPANTS" ]; then
  echo "generating $PARTICIPANTS participants ..." >&2
  "$BIN" --db "$DB" --json outcomes generate --out "$WORK" --truth "$WORK.truth.json" \
    --participants "$PARTICIPANTS" --seed 1 --parquet --no-csv > "$WORK/generate.json"
  echo "$PARTICIPANTS" > "$WORK/participants.txt"
fi
ROWS=$(python3 -c "import json;print(json.load(open('$WORK/generate.json'))['wage_rows'])")
echo "wage rows: $ROWS" >&2

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet duckdb >&2
"$BIN" --db "$DB" outcomes query --show-sql > "$WORK/outcome.sql"

"$BIN" --db "$DB" --json outcomes query --cohort "$WORK/cohort.parquet" --wages "$WORK/wages.parquet" \
  --repeat "$REPEATS" > "$WORK/credence.json"

"$VENV/bin/python" - "$WORK" "$REPEATS" "$ROWS" <<'PY'
import json, statistics, sys, time
import duckdb
work, repeats, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sql = open(f"{work}/outcome.sql").read()
con = duckdb.connect()
con.execute(f"CREATE VIEW cohort AS SELECT * FROM read_parquet('{work}/cohort.parquet')")
con.execute(f"CREATE VIEW wages AS SELECT * FROM read_parquet('{work}/wages.parquet')")
times, result = [], None
for _ in range(repeats):
    t = time.perf_counter()
    result = con.execute(sql).fetchall()
    times.append(time.perf_counter() - t)
ours = json.load(open(f"{work}/credence.json"))
# Same answers: counts exactly, money to the cent.
for d, c in zip(result, ours["rows"]):
    assert d[0] == c["credential_id"] and d[1] == c["exiters"] and d[2] == c["employed_q2"] and d[3] == c["employed_q4"], (d, c)
    for a, b in zip(d[4:], [c["median_earnings_q2"], c["mean_before"], c["mean_after"]]):
        assert abs(a - b) < 0.01, (d, c)
assert len(result) == len(ours["rows"])
duck = statistics.median(times)
cred = statistics.median(ours["seconds"])
print(f"wage rows {rows:,}; cohort {sum(r[1] for r in result):,}; repeats {repeats} (median)")
print(f"duckdb {duckdb.__version__}: {duck:.3f} s  (all: {', '.join(f'{x:.3f}' for x in times)})")
print(f"credence (DataFusion): {cred:.3f} s  (all: {', '.join(f'{x:.3f}' for x in ours['seconds'])})")
print(f"ratio credence/duckdb: {cred / duck:.2f} (target <= 1.5)")
PY
