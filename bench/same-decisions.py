"""Compare the dedup and overlap decisions of two built stores (e.g. bench/build-shared.sh before and after a change).

usage: python3 bench/same-decisions.py BEFORE.sqlite AFTER.sqlite
Prints the number of drops (step, row, reason, evidence) and pairs (step, a, b, kind) in each, how many differ, and
the largest difference of a pair's stored cosine; exits 1 when a drop or a pair differs.
"""
import sqlite3
import sys


def load(path):
    db = sqlite3.connect(path)
    drops = set(db.execute("SELECT step, problem_id, reason, evidence FROM drops WHERE step IN ('dedup', 'overlap')"))
    pairs = {(s, a, b, k): c for s, a, b, k, c in db.execute("SELECT step, a, b, kind, cosine FROM similar_pairs")}
    return drops, pairs


before_drops, before_pairs = load(sys.argv[1])
after_drops, after_pairs = load(sys.argv[2])
drop_diff = before_drops ^ after_drops
pair_diff = set(before_pairs) ^ set(after_pairs)
shared = set(before_pairs) & set(after_pairs)
largest = max((abs(before_pairs[k] - after_pairs[k]) for k in shared), default=0.0)
print(f"drops: {len(before_drops)} before, {len(after_drops)} after, {len(drop_diff)} differ")
print(f"pairs: {len(before_pairs)} before, {len(after_pairs)} after, {len(pair_diff)} differ; "
      f"largest cosine difference of a shared pair {largest:.2e}")
for row in sorted(drop_diff, key=str)[:10]:
    print("  drop only in", "before" if row in before_drops else "after", row)
for key in sorted(pair_diff, key=str)[:10]:
    print("  pair only in", "before" if key in before_pairs else "after", key)
sys.exit(1 if drop_diff or pair_diff else 0)
