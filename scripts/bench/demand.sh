#!/usr/bin/env bash
# Demand pipeline benchmark: credence's whole pipeline at 1 and 2 threads vs the raw automaton
# scan of the same bytes and vs Python flashtext and pyahocorasick doing only dictionary matching
# with the same dictionary on the same texts. Prints each figure and the ratios.
#
#   scripts/bench/demand.sh [POSTINGS] [DATA_DIR]      (default 100000, ../shared/data)
#
# Generated postings (seeded, with ground truth) plus the real USAJOBS requirement texts in
# DATA_DIR/postings when present. The one-thread run also times each stage alone
# (BENCH_STAGES=N keeps the fastest of N passes; 0 skips it). Peers are installed from PyPI
# into a venv under /tmp.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-100000}"
DATA="${2:-${CREDENCE_DATA:-../shared/data}}"
WORK="${BENCH_DIR:-/tmp/credence-bench-demand}"
mkdir -p "$WORK"

cargo build --release -q -p credence-synth --example generate
cargo build --release -q -p credence-demand --example bench
TARGET="${CARGO_TARGET_DIR:-target}/release/examples"

if [ ! -s "$WORK/gen-$N/postings.jsonl" ]; then
  "$TARGET/generate" "$N" "$WORK/gen-$N" flat >/dev/null
fi
FILES=("$WORK/gen-$N/postings.jsonl")
# Real requirement texts: the USAJOBS screening questionnaires, one JSONL record per file.
if [ -d "$DATA/postings/usajobs_questionnaires" ]; then
  python3 - "$DATA/postings/usajobs_questionnaires" "$WORK/usajobs.jsonl" <<'PY2'
import json, pathlib, sys
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for f in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
        out.write(json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8", errors="replace")}) + "\n")
PY2
  FILES+=("$WORK/usajobs.jsonl")
fi

VENV="${BENCH_VENV:-/tmp/credence-bench-venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q flashtext pyahocorasick
fi

echo "== credence, 1 thread"
ONE=$(RAYON_NUM_THREADS=1 BENCH_WRITE_PEER_FILES=1 BENCH_STAGES="${BENCH_STAGES:-1}" "$TARGET/bench" "$DATA" "$WORK" "${FILES[@]}")
echo "$ONE"
echo "== credence, 2 threads"
TWO=$(RAYON_NUM_THREADS=2 "$TARGET/bench" "$DATA" "$WORK" "${FILES[@]}")
echo "$TWO"
echo "== peers (dictionary matching only)"
PEERS=$("$VENV/bin/python" scripts/bench/demand_peers.py "$WORK/dictionary.txt" "$WORK/texts.jsonl")
echo "$PEERS"

python3 - "$ONE" "$TWO" "$PEERS" <<'PY'
import json, sys
one, two = json.loads(sys.argv[1]), json.loads(sys.argv[2])
peers = {p["peer"]: p for p in map(json.loads, sys.argv[3].splitlines())}
per_core = one["pipeline_mb_per_s"]
print(f"postings {one['postings']:,} ({one['text_mb']:.1f} MB of text), duplicates {one['duplicates']:,}, mentions {one['mentions']:,}")
print(f"pipeline 1 thread : {per_core:8.1f} MB/s  {one['pipeline_postings_per_s']:10,.0f} postings/s  peak {one['pipeline_peak_rss_mib']:.0f} MiB")
print(f"pipeline 2 threads: {two['pipeline_mb_per_s']:8.1f} MB/s  {two['pipeline_postings_per_s']:10,.0f} postings/s  peak {two['pipeline_peak_rss_mib']:.0f} MiB")
print(f"pipeline CPU time: 1 thread {one['pipeline_cpu_seconds']:.1f} s ({one['pipeline_mb_per_cpu_s']:.1f} MB per CPU-second; the reader thread parses on the side), 2 threads {two['pipeline_cpu_seconds']:.1f} s")
print(f"scaling 1->2 threads: {two['pipeline_mb_per_s'] / per_core:.2f}x")
if "stages_ms" in one:
    st = one["stages_ms"]
    print("stages, each alone on 1 thread over the postings in memory (ms): " + ", ".join(f"{k} {v:,.0f}" for k, v in st.items()))
print(f"raw automaton scan (1 thread): {one['raw_scan_mb_per_s']:.1f} MB/s; pipeline/raw = {per_core / one['raw_scan_mb_per_s']:.2f} (target >= 0.50)")
for name, target in (("flashtext", 10), ("pyahocorasick", 2)):
    p = peers[name]
    print(f"{name}: {p['mb_per_s']:.1f} MB/s; credence pipeline per core / {name} = {per_core / p['mb_per_s']:.1f}x (target >= {target}x)")
PY
