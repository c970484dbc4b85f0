#!/usr/bin/env bash
# The fast pass's safety margin, measured on real data: every problem of a built store (default: the store
# bench/build-shared.sh wrote) is embedded exactly and with the fast pass, and EmbedBench margin prints the largest
# drop of a pair's cosine from exact to fast and, for candidate margins, how many rows a screen embeds exactly and
# whether it misses a pair above 0.9. FastPass.screeningMargin is set from this (BENCHMARKS.md, "Embeddings").
# usage: bench/embed-margin.sh STORE [THREADS=2]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STORE="${1:?usage: bench/embed-margin.sh STORE [THREADS]}"; THREADS="${2:-2}"
[[ -f "$STORE" ]] || { echo "embed-margin: error: no store at $STORE (run bench/build-shared.sh first)" >&2; exit 1; }
MODEL="$ROOT/models/all-MiniLM-L6-v2"
"$ROOT/scripts/fetch-model.sh" "$MODEL" >/dev/null
TEXTS="$(mktemp)"; trap 'rm -f "$TEXTS"' EXIT
python3 - "$STORE" "$TEXTS" <<'PYEOF'
import json, sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("SELECT problem FROM curated_problems ORDER BY id").fetchall()
with open(sys.argv[2], "w") as out:
    for (text,) in rows:
        out.write(json.dumps(text) + "\n")
print(f"embed-margin: {len(rows)} problems from {sys.argv[1]}")
PYEOF
cd "$ROOT"
nice -n 10 swift build -c release --product EmbedBench >/dev/null
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; loadavg: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/.build/release/EmbedBench" margin "$MODEL" "$TEXTS" "$THREADS"
