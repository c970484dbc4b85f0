"""Times math-verify on the labelled pairs of a dev file, the anchor of bench/grade.sh.

Usage: python mathverify_dev.py DEV.jsonl [SECONDS]. Each pair is parsed and verified as math-verify's README
shows (parse(gold), parse(answer), verify(gold, answer)), repeated for at least SECONDS on one thread.
"""
import json
import sys
import time

from math_verify import parse, verify

path = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
pairs = [json.loads(line) for line in open(path) if line.strip()]
graded = 0
slowest = 0.0
start = time.perf_counter()
while time.perf_counter() - start < seconds:
    for row in pairs:
        t = time.perf_counter()
        try:
            verify(parse(row["gold"]), parse(row["answer"]))
        except Exception:
            pass
        slowest = max(slowest, time.perf_counter() - t)
        graded += 1
elapsed = time.perf_counter() - start
print(f"math-verify: {graded} pairs in {elapsed:.2f} s = {graded / elapsed:.0f} pairs/s (one thread); slowest pair {slowest * 1000:.1f} ms")
