#!/usr/bin/env bash
# Reward-service speed: `curate grade --jsonl` end to end, `POST /grade` in batches of 1,024, and OpenRLHF-style
# `POST /get_reward` (one sample per request, a new connection each, 64 clients), all on the dev pairs, with the
# verdicts of the server checked against `curate grade --jsonl` first. The load generator is wrk (Debian), one
# thread, sharing the 2 cores with the server; the CPU model and flags are printed with the figures.
# Usage: bash bench/serve.sh [SHARED_DATA_DIR] [SECONDS]   (default ../shared/data, 10 s per wrk run)
set -euo pipefail
cd "$(dirname "$0")/.."
data="$(cd "${1:-../shared/data}" && pwd)"
seconds="${2:-10}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
bin="$(bash scripts/build-release.sh curate)"
curate="$bin/curate"
work="$(mktemp -d)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
python3 bench/serve/make_inputs.py "$data/grading/dev.jsonl" "$work" 100
bash bench/serve/cpu.sh

echo "== curate grade --jsonl, dev pairs x 100 ($(wc -l < "$work/dev_x100.jsonl") lines), five runs per thread count"
for threads in 1 2; do
    times=()
    for run in 1 2 3 4 5; do
        start=$(date +%s.%N)
        "$curate" grade --jsonl --threads "$threads" < "$work/dev_x100.jsonl" > "$work/out.jsonl"
        end=$(date +%s.%N)
        times+=("$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$start" "$end")")
    done
    python3 -c "
import statistics, sys
n, threads, times = int(sys.argv[1]), sys.argv[2], [float(t) for t in sys.argv[3:]]
rates = sorted(n / t for t in times)
print(f'--threads {threads}: ' + ' / '.join(f'{r:,.0f}' for r in rates) + f' pairs/s; median {statistics.median(rates):,.0f}')
" "$(wc -l < "$work/out.jsonl")" "$threads" "${times[@]}"
done

"$curate" serve --port 0 --threads 2 --policy standard 2> "$work/serve.log" &
server_pid=$!
for _ in $(seq 100); do grep -q "listening on" "$work/serve.log" 2>/dev/null && break; sleep 0.1; done
port="$(sed -n 's/.*listening on http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$work/serve.log")"
url="http://127.0.0.1:$port"
echo "== server on $url (pid $server_pid)"

# The server's verdicts must be the command line's, pair for pair.
"$curate" grade --jsonl < "$work/dev.jsonl" > "$work/cli.jsonl"
curl -sf -H 'Content-Type: application/x-ndjson' --data-binary @"$work/dev.jsonl" "$url/grade" > "$work/server.jsonl"
cmp "$work/cli.jsonl" "$work/server.jsonl" && echo "verdicts: POST /grade (JSON lines) gives byte-identical lines to curate grade --jsonl on the $(wc -l < "$work/dev.jsonl") dev pairs"

echo "== POST /grade, batches of 1,024 dev pairs, wrk -t1 -c4 -d${seconds}s"
BODIES="$(ls "$work"/grade_batch_*.json | paste -sd,)" BODY_PATH=/grade wrk -t1 -c4 -d"${seconds}s" -s bench/serve/post_file.lua "$url" > "$work/wrk1.txt"
grep -E "Requests/sec|wrk:" "$work/wrk1.txt"
python3 -c "import re,sys; r=float(re.search(r'Requests/sec:\s*([\d.]+)', open(sys.argv[1]).read()).group(1)); print(f'/grade: {r*1024:,.0f} pairs/s ({r:.1f} batches/s)')" "$work/wrk1.txt"

echo "== POST /get_reward, one sample per request, new connection each, 64 clients, wrk -t1 -c64 -d${seconds}s"
BODIES="$work/reward_bodies.txt" PER_LINE=1 BODY_PATH=/get_reward CLOSE=1 wrk -t1 -c64 -d"${seconds}s" -s bench/serve/post_file.lua "$url" > "$work/wrk2.txt"
grep -E "Requests/sec|wrk:" "$work/wrk2.txt"

kill -TERM "$server_pid"
wait "$server_pid" && echo "server: exit 0 after SIGTERM"
server_pid=""
