"""A bounded soak of `curate serve` on loopback: 1,000,000 pairs through the server, 10 % of the requests with a
malformed body, 10 % of the items malformed, 1 % of the items hostile (power towers, 10,000-deep nesting, and one
hostile item in a hundred a 1 MB answer), then SIGTERM under load.

Checks: no crash, no 5xx, every well-formed request answered with one result per item, malformed bodies get 400,
repeated pairs get the same verdict every time; prints peak RSS (VmHWM) and latency percentiles. In the SIGTERM
phase, every request the server accepted is answered and the server exits 0.

Usage: python soak.py CURATE_BINARY DEV.jsonl [PAIRS]
"""
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time

curate, dev_path = sys.argv[1], sys.argv[2]
total_pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
rows = [json.loads(line) for line in open(dev_path, encoding="utf-8") if line.strip()]
pairs = [(r["gold"], r["answer"]) for r in rows]
BATCH = 1000
CLIENTS = 3


def start_server():
    proc = subprocess.Popen([curate, "serve", "--port", "0", "--threads", "2", "--policy", "standard"],
                            stderr=subprocess.PIPE, text=True)
    line = proc.stderr.readline()
    port = int(re.search(r"listening on http://[^:]+:(\d+)", line).group(1))
    threading.Thread(target=proc.stderr.read, daemon=True).start()
    return proc, port


def hostile(rng):
    kind = rng.randrange(100)
    if kind == 0:
        return "1" * (1 << 20), "the 1 MB answer"
    if kind % 2 == 0:
        return "2^{" * 40 + "2" + "}" * 40, "a power tower"
    return "(" * 10_000 + "1" + ")" * 10_000, "10,000-deep nesting"


def make_batch(rng, base):
    items, expect = [], []
    for i in range(BATCH):
        roll = rng.random()
        if roll < 0.10:
            items.append(rng.choice([{"gold": None, "answer": "1"}, {"answer": "1"}, {"gold": "1", "answer": [1]}, 7, "x"]))
            expect.append("error")
        elif roll < 0.11:
            answer, _ = hostile(rng)
            items.append({"id": base + i, "gold": rng.choice(pairs)[0], "answer": answer})
            expect.append("hostile")
        else:
            k = rng.randrange(len(pairs))
            items.append({"id": k, "gold": pairs[k][0], "answer": pairs[k][1]})
            expect.append(k)
    return json.dumps({"items": items}).encode(), expect


MALFORMED_BODIES = [b"not json", b'{"items": [', b'{"items": 3}', b"[1, 2]", b"\xff\xfe", b'{"items": [' * 2000]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.pairs = 0
        self.failures = []
        self.verdicts = {}
        self.statuses = {}
        self.items = 0
        self.hostile = 0
        self.malformed_items = 0

    def add(self, status, seconds, pairs=0):
        with self.lock:
            self.latencies.append(seconds)
            self.pairs += pairs
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def fail(self, message):
        with self.lock:
            if len(self.failures) < 20:
                self.failures.append(message)
            else:
                self.failures.append("...")


def post(conn, path, body, headers=None):
    t = time.perf_counter()
    conn.request("POST", path, body=body, headers={"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    data = response.read()
    return response.status, data, time.perf_counter() - t


def soak_client(port, stats, seed, pair_budget):
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    sent = 0
    while sent < pair_budget:
        if rng.random() < 0.10:
            status, data, secs = post(conn, "/grade", rng.choice(MALFORMED_BODIES))
            stats.add(status, secs)
            if status != 400:
                stats.fail(f"malformed body got {status}")
            continue
        if rng.random() < 0.05:  # OpenRLHF's shape: one sample, a new connection
            k = rng.randrange(len(pairs))
            body = json.dumps({"query": ["Q</think>\\boxed{%s}" % pairs[k][1]], "prompts": ["Q"], "labels": [pairs[k][0]]}).encode()
            fresh = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            status, data, secs = post(fresh, "/get_reward", body, {"Connection": "close"})
            fresh.close()
            stats.add(status, secs, 1)
            if status != 200 or len(json.loads(data)["rewards"]) != 1:
                stats.fail(f"/get_reward got {status}")
            sent += 1
            continue
        body, expect = make_batch(rng, sent)
        with stats.lock:
            stats.items += len(expect)
            stats.hostile += expect.count("hostile")
            stats.malformed_items += expect.count("error")
        status, data, secs = post(conn, "/grade", body)
        if status != 200:
            stats.fail(f"/grade batch got {status}: {data[:200]!r}")
            continue
        results = json.loads(data)["results"]
        good = 0
        if len(results) != len(expect):
            stats.fail(f"{len(results)} results for {len(expect)} items")
        for e, r in zip(expect, results):
            if e == "error":
                if "error" not in r:
                    stats.fail(f"malformed item graded: {r}")
            elif "verdict" not in r:
                stats.fail(f"well-formed item not graded: {str(r)[:200]}")
            else:
                good += 1
                if e != "hostile":
                    with stats.lock:
                        seen = stats.verdicts.setdefault(e, r["verdict"])
                    if seen != r["verdict"]:
                        stats.fail(f"pair {e}: {r['verdict']} after {seen}")
        stats.add(status, secs, good)
        sent += len(expect)


def rss_peak_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1])
    return -1


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p / 100))] if xs else float("nan")


proc, port = start_server()
stats = Stats()
start = time.perf_counter()
threads = [threading.Thread(target=soak_client, args=(port, stats, seed, total_pairs // CLIENTS)) for seed in range(CLIENTS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - start
alive = proc.poll() is None
peak = rss_peak_kib(proc.pid)
print(f"soak: {stats.items:,} items sent in /grade batches ({stats.malformed_items:,} malformed, {stats.hostile:,} hostile) "
      f"plus single-sample /get_reward requests and malformed bodies")
print(f"soak: {stats.pairs:,} pairs graded in {sum(stats.statuses.values()):,} requests over {elapsed:.1f} s "
      f"({stats.pairs / elapsed:,.0f} pairs/s with the Python client on the same 2 cores); statuses {dict(sorted(stats.statuses.items()))}")
print(f"soak: latency per request p50 {percentile(stats.latencies, 50) * 1000:.1f} ms, p99 {percentile(stats.latencies, 99) * 1000:.1f} ms, "
      f"max {max(stats.latencies) * 1000:.1f} ms; server peak RSS {peak / 1024:.0f} MiB; server alive: {alive}")
print(f"soak: {len(stats.failures)} failures" + (": " + "; ".join(stats.failures[:5]) if stats.failures else ""))

# SIGTERM under load: clients keep sending batches on new connections; SIGTERM after 1.5 s.
term = Stats()
stop = threading.Event()
refused = [0]


def term_client(seed):
    rng = random.Random(100 + seed)
    while not stop.is_set():
        body, expect = make_batch(rng, 0)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            conn.connect()
        except OSError:
            with term.lock:
                refused[0] += 1
            return
        try:
            status, data, secs = post(conn, "/grade", body)
            if status == 503:  # the server is draining: refused, as a closed listener refuses
                with term.lock:
                    refused[0] += 1
                return
            ok = status == 200 and len(json.loads(data)["results"]) == len(expect)
            term.add(status, secs, len(expect) if ok else 0)
            if not ok:
                term.fail(f"status {status}")
        except (OSError, http.client.HTTPException) as error:
            term.fail(f"accepted request not answered: {error!r}")
        finally:
            conn.close()


threads = [threading.Thread(target=term_client, args=(seed,)) for seed in range(CLIENTS)]
for t in threads:
    t.start()
time.sleep(1.5)
proc.send_signal(signal.SIGTERM)
code = proc.wait(timeout=60)
stop.set()
for t in threads:
    t.join()
print(f"sigterm: {sum(term.statuses.values())} requests answered under load ({term.statuses}), "
      f"{len(term.failures)} accepted but unanswered, {refused[0]} refused (503 while draining, or the listener closed); exit code {code}")
ok = alive and not stats.failures and not term.failures and code == 0 and 500 not in stats.statuses
print("soak: PASS" if ok else "soak: FAIL")
sys.exit(0 if ok else 1)
