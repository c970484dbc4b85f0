"""Rewards from Python: mathcurate's `grade_batch` and verl adapter beside Math-Verify's verl reward function, in
the same run, on the same dev pairs, one thread each (and grade_batch on every core).

The responses are the dev answers written as a model writes them (`<think>…</think> The answer is $\\boxed{A}$.`),
the ground truths the dev golds. Math-Verify is called as verl wraps it in `verl/utils/reward_score/math_verify.py`:
`math_metric` with a Latex gold target and Expr+Latex prediction targets, the gold wrapped in `\\boxed{}`, any
exception scored 0. Prints calls per second and the ratio, and how often the two agree.

Usage: python python_reward.py DEV.jsonl [SECONDS]
"""
import json
import os
import statistics
import sys
import time

import mathcurate
from mathcurate.verl import compute_score

dev_path = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
rows = [json.loads(line) for line in open(dev_path, encoding="utf-8") if line.strip()]
golds = [r["gold"] for r in rows]
responses = ["<think>Let me work it out.</think> The answer is $\\boxed{%s}$." % r["answer"] for r in rows]


def rate(step, per_call):
    """Calls per second of `step` (which makes `per_call` calls) over `seconds`, three runs, the median."""
    runs = []
    for _ in range(3):
        n = 0
        start = time.perf_counter()
        while time.perf_counter() - start < seconds / 3:
            step()
            n += per_call
        runs.append(n / (time.perf_counter() - start))
    return statistics.median(runs)


def mathverify_verl_score():
    """Math-Verify as verl's math_verify reward wraps it."""
    from math_verify.errors import TimeoutException
    from math_verify.metric import math_metric
    from math_verify.parser import ExprExtractionConfig, LatexExtractionConfig

    verify = math_metric(gold_extraction_target=(LatexExtractionConfig(),),
                         pred_extraction_target=(ExprExtractionConfig(), LatexExtractionConfig()))

    def score(model_output, ground_truth):
        try:
            value, _ = verify(["\\boxed{" + ground_truth + "}"], [model_output])
            return float(value)
        except TimeoutException:
            return 0.0
        except Exception:
            return 0.0
    return score


batch_golds = golds * 10
batch_responses = responses * 10
print(f"pairs: {len(rows)} dev pairs as responses; {os.cpu_count()} cores")
one = rate(lambda: mathcurate.grade_batch(batch_golds, responses=batch_responses, threads=1), len(batch_golds))
print(f"mathcurate.grade_batch, 1 thread: {one:,.0f} pairs/s")
every = rate(lambda: mathcurate.grade_batch(batch_golds, responses=batch_responses, threads=0), len(batch_golds))
print(f"mathcurate.grade_batch, all cores: {every:,.0f} pairs/s")


def ours_loop():
    for r, g in zip(responses, golds):
        compute_score("dev", r, g, None)


ours = rate(ours_loop, len(rows))
print(f"mathcurate.verl.compute_score (one call per sample): {ours:,.0f} calls/s")
mv = mathverify_verl_score()


def theirs_loop():
    for r, g in zip(responses, golds):
        mv(r, g)


theirs = rate(theirs_loop, len(rows))
print(f"math-verify as verl wraps it (one call per sample): {theirs:,.0f} calls/s")
print(f"ratio: compute_score {ours / theirs:,.0f}x math-verify's verl reward; grade_batch (1 thread) {one / theirs:,.0f}x")
agree = sum((compute_score("dev", r, g, None)["score"] > 0) == (mv(r, g) > 0) for r, g in zip(responses, golds))
labelled = sum((compute_score("dev", r, g, None)["score"] > 0) == row["equivalent"] for r, g, row in zip(responses, golds, rows))
labelled_mv = sum((mv(r, g) > 0) == row["equivalent"] for r, g, row in zip(responses, golds, rows))
print(f"agreement: the two agree on {agree}/{len(rows)} responses; against the dev labels (which were written for the bare answers, "
      f"not these boxed responses) mathcurate {labelled}/{len(rows)}, math-verify {labelled_mv}/{len(rows)}")
