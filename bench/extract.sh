#!/usr/bin/env bash
# Answer extraction against the Gemini-shaped test server (llm-test-server): 500 problems, 100 ms per reply,
# 10 % of requests answered 429 (RetryInfo 0.2 s) or 503, --concurrency 16. Prints the wall time against the
# ideal (500 x 0.1 s / 16), a rerun's calls, then a kill -9 in the middle of a run and the rerun after it.
# Usage: bash bench/extract.sh [ROWS] [CONCURRENCY]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-500}"
concurrency="${2:-16}"
swift build -c release --product curate >&2
swift build -c release --product llm-test-server >&2
curate="$PWD/.build/release/curate"
server_bin="$PWD/.build/release/llm-test-server"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
python3 - "$rows" <<'PY'
import json, sys
with open("problems.jsonl", "w") as f:
    for i in range(int(sys.argv[1])):
        if i % 50 == 7:
            row = {"id": f"r{i}", "problem": f"[row-{i}] Prove that {i} squared is not negative.", "solution": "A square is never negative."}
        else:
            row = {"id": f"r{i}", "problem": f"[row-{i}] Compute {i} plus {i + 1}.", "solution": f"Adding gives {2 * i + 1}."}
        f.write(json.dumps(row) + "\n")
PY
"$server_bin" --latency 0.1 --error-rate 0.1 --retry-delay 0.2s --log server.log > url.txt &
for _ in $(seq 50); do [ -s url.txt ] && break; sleep 0.1; done
url="$(cat url.txt)"
export GEMINI_API_KEY="bench-key-not-secret"
run() { "$curate" extract --db "$1" --base-url "$url" --model mock --concurrency "$concurrency"; }

echo "== run: $rows rows, 100 ms latency, 10 % 429/503, concurrency $concurrency"
"$curate" ingest jsonl problems.jsonl --source synth --db a.sqlite > /dev/null
start=$(date +%s.%N)
run a.sqlite
end=$(date +%s.%N)
python3 -c "
wall = $end - $start; ideal = $rows * 0.1 / $concurrency
print(f'wall {wall:.2f} s, ideal {ideal:.2f} s, ratio {wall / ideal:.2f}x (target <= 1.5x)')"
before=$(wc -l < server.log)
echo "== rerun"
run a.sqlite
echo "server requests during the rerun: $(( $(wc -l < server.log) - before ))"
echo "== rerun after forgetting every decision (the request cache stays)"
python3 -c "
import sqlite3; db = sqlite3.connect('a.sqlite')
db.execute('DELETE FROM extractions'); db.execute(\"UPDATE problems SET answer = NULL, answer_origin = NULL WHERE answer_origin = 'model'\")
db.execute(\"DELETE FROM drops WHERE step = 'extract'\"); db.commit()"
before=$(wc -l < server.log)
run a.sqlite
echo "server requests during the rerun: $(( $(wc -l < server.log) - before ))"

echo "== kill -9 during a run, then rerun"
"$curate" ingest jsonl problems.jsonl --source synth --db b.sqlite > /dev/null
sent_before=$(wc -l < server.log)
"$curate" extract --db b.sqlite --base-url "$url" --model mock --concurrency "$concurrency" > /dev/null 2>&1 &
pid=$!
sleep 1.5
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
killed_at=$(wc -l < server.log)
echo "requests the killed run sent: $(( killed_at - sent_before ))"
# Rows the killed run had an answer for: decided rows, plus replies in the request cache whose decision the kill
# cut off (the toy model echoes each row's tag in its reply).
python3 - b.sqlite > answered_before.txt <<'PY'
import json, re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = {re.search(r"\[row-\d+\]", t).group(0) for (t,) in db.execute("SELECT p.problem FROM problems p JOIN extractions e ON e.problem_id = p.id")}
decided = len(rows)
for (body,) in db.execute("SELECT response FROM llm_cache"):
    for c in json.loads(body)["candidates"]:
        tag = json.loads(c["content"]["parts"][0]["text"]).get("row")
        if tag: rows.add(tag)
print("\n".join(sorted(rows)))
print(f"after the kill: {decided} rows decided and stored, {len(rows)} rows answered (decided or in the request cache)", file=sys.stderr)
PY
run b.sqlite
python3 - b.sqlite server.log "$killed_at" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
total = db.execute("SELECT COUNT(*) FROM problems").fetchone()[0]
by_status = dict(db.execute("SELECT status, COUNT(*) FROM extractions GROUP BY status").fetchall())
undecided = db.execute("SELECT COUNT(*) FROM problems p WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE e.problem_id = p.id)").fetchone()[0]
before = set(open("answered_before.txt").read().split())
lines = open(sys.argv[2]).read().splitlines()[int(sys.argv[3]):]
resent = [json.loads(l)["row"] for l in lines if json.loads(l)["row"] in before]
print(f"after the rerun: {total} rows, by status {by_status}, undecided {undecided}")
print(f"requests in the rerun: {len(lines)}; for rows answered before the kill: {len(resent)}")
PY
