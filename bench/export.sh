#!/usr/bin/env bash
# Export benchmark: 40,000 synthetic verl rows (~500-char problems) to Parquet (uncompressed, snappy,
# gzip) and JSONL, best of 3; then checks the kept shards with pyarrow (rows, sha256 vs manifest)
# and, when a venv with `datasets` exists or can be made, loads one shard with datasets.load_dataset
# and compares duckdb's reading of every shard with pyarrow's.
#
#   bench/export.sh [ROWS] [REPEATS]        env: VENV (default /tmp/export-venv), NO_DATASETS=1 to skip
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-40000}"
REPEATS="${2:-3}"
OUT="$(mktemp -d /tmp/export-bench.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT

nice -n 10 swift build -c release --product ExportBench 2>&1 | tail -1
echo "machine: $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
.build/release/ExportBench "$ROWS" "$REPEATS" --keep "$OUT/shards"

python3 - "$OUT/shards" <<'PY'
import hashlib, json, os, sys
import pyarrow.parquet as pq
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
total = 0
for s in m["shards"]:
    p = os.path.join(d, s["file"])
    t = pq.read_table(p)
    assert t.num_rows == s["rows"], (p, t.num_rows, s["rows"])
    assert hashlib.sha256(open(p, "rb").read()).hexdigest() == s["sha256"], p
    total += t.num_rows
assert total == m["total_rows"]
print(f"pyarrow: {len(m['shards'])} shards, {total} rows, sha256 match manifest, codec {m['codec']}")
PY

if [ "${NO_DATASETS:-0}" != 1 ]; then
  VENV="${VENV:-/tmp/export-venv}"
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import datasets" 2>/dev/null; then
    (python3 -m venv "$VENV" && "$VENV/bin/pip" install -q datasets) || { echo "datasets: not installable, skipped"; exit 0; }
  fi
  if "$VENV/bin/python" -c "import duckdb" 2>/dev/null || "$VENV/bin/pip" install -q duckdb; then
    "$VENV/bin/python" fixtures/export/cross_check_duckdb.py "$OUT"/shards/*.parquet
  fi
  HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 HF_HOME="$OUT/hf" "$VENV/bin/python" - "$OUT/shards/train-00000-of-00003.parquet" <<'PY'
import sys
import datasets
ds = datasets.load_dataset("parquet", data_files=sys.argv[1], split="train")
print(f"datasets {datasets.__version__}: load_dataset('parquet') -> {ds.num_rows} rows")
print("features:", ds.features)
row = ds[0]
print("row 0:", row["data_source"], row["prompt"][0]["role"], row["reward_model"], row["extra_info"]["index"])
PY
fi
