"""Grading on Ray Data and Spark beside single-process ``grade_batch``, in the same run, on the same pairs.

The pairs are the dev pairs (``grading/dev.jsonl``) repeated and varied until there are ``--pairs`` of them, every
one graded as a model response: copy k of an answer pair becomes ``<think>Attempt k.</think> The answer is
$\\boxed{A}$.`` (with ``A+0`` in every third copy), copy k of a response pair gets ``Attempt k.`` before it; each row
has its own id. Then, each timed from a dataset already in the engine's memory to the verdicts back in the driver:

- ``mathcurate.grade_batch`` in this process, one thread per core (the reference);
- ``mathcurate.ray.grade`` on a local Ray cluster of ``--cpus`` CPUs, ``--actors`` actors;
- ``mathcurate.spark.grade`` on Spark ``local[--cpus]``.

Prints pairs/s for each, each engine's overhead as the ratio of its time to grade_batch's, the engine's start-up time
(not in its rate), and whether its verdicts are identical to grade_batch's (exit status 1 when not).

Usage: python3 bench/engines.py [--pairs 1000000] [--data ../shared/data/grading/dev.jsonl] [--engines ray,spark]
       [--cpus 2] [--actors 2] [--batch-size 1024]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import pyarrow as pa

import mathcurate
from mathcurate import _binding

REPO = Path(__file__).resolve().parents[1]


def make_pairs(dev_path: Path, count: int) -> pa.Table:
    """``count`` rows (id, gold, response): the dev pairs repeated, each copy varied."""
    rows = [json.loads(line) for line in dev_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids: List[int] = []
    golds: List[str] = []
    responses: List[str] = []
    for n in range(count):
        copy, row = divmod(n, len(rows))
        pair = rows[row]
        if pair["kind"] == "response":
            response = f"Attempt {copy}. {pair['answer']}"
        else:
            answer = pair["answer"] + ("+0" if copy % 3 == 2 else "")
            response = f"<think>Attempt {copy}.</think> The answer is $\\boxed{{{answer}}}$."
        ids.append(n)
        golds.append(pair["gold"])
        responses.append(response)
    return pa.table({"id": pa.array(ids, pa.int64()), "gold": golds, "response": responses})


def timed(step: Callable[[], Any]) -> Tuple[Any, float]:
    start = time.perf_counter()
    value = step()
    return value, time.perf_counter() - start


def run_grade_batch(table: pa.Table) -> List[str]:
    results = mathcurate.grade_batch(table.column("gold").to_pylist(), responses=table.column("response").to_pylist())
    return [r.verdict for r in results]


def run_ray(table: pa.Table, cpus: int, actors: int, batch_size: int) -> Tuple[float, float, List[str]]:
    """(start-up seconds, grading seconds, verdicts in id order) on a local Ray cluster."""
    import ray
    import ray.data

    import mathcurate.ray

    start = time.perf_counter()
    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    logging.getLogger("ray.data").setLevel(logging.WARNING)
    ray.data.DataContext.get_current().enable_progress_bars = False
    blocks = max(4 * actors, 8)
    step = -(-table.num_rows // blocks)
    ds = ray.data.from_arrow([table.slice(i, step) for i in range(0, table.num_rows, step)])
    startup = time.perf_counter() - start
    try:
        def grade() -> pa.Table:
            graded = mathcurate.ray.grade(ds, gold="gold", response="response", actors=actors, batch_size=batch_size)
            # The whole graded blocks, columns picked here: a select_columns step would be one more operator
            # waiting for a CPU that the actors hold (+3 s at 100,000 pairs on 2 CPUs).
            return pa.concat_tables(ray.get(graded.to_arrow_refs())).select(["id", "verdict"])

        out, seconds = timed(grade)
    finally:
        ray.shutdown()
    return startup, seconds, in_id_order(out)


def run_spark(table: pa.Table, cpus: int) -> Tuple[float, float, List[str], int]:
    """(start-up seconds, grading seconds, verdicts in id order, Arrow batch size) on Spark local[cpus]."""
    from pyspark.sql import SparkSession

    import mathcurate.spark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    start = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{cpus}]")
        .appName("mathcurate-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", str(cpus))
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        df = spark.createDataFrame(table).repartition(4 * cpus).cache()
        df.count()  # in Spark's memory before the clock starts, as Ray's blocks are in its object store
        startup = time.perf_counter() - start
        batch = int(spark.conf.get("spark.sql.execution.arrow.maxRecordsPerBatch", "10000"))

        def grade() -> pa.Table:
            graded = mathcurate.spark.grade(df, gold="gold", response="response")
            return graded.select("id", "verdict").toArrow()

        out, seconds = timed(grade)
    finally:
        spark.stop()
    return startup, seconds, in_id_order(out), batch


def in_id_order(table: pa.Table) -> List[str]:
    return table.sort_by("id").column("verdict").to_pylist()


def report(name: str, count: int, seconds: float, reference: float, verdicts: List[str], expected: List[str],
           startup: float) -> bool:
    same = verdicts == expected
    differing = sum(a != b for a, b in zip(verdicts, expected)) + abs(len(verdicts) - len(expected))
    print(f"{name}: {seconds:.2f} s, {count / seconds:,.0f} pairs/s; overhead {seconds / reference:.2f}x grade_batch's "
          f"time; start-up {startup:.1f} s (not counted); verdicts "
          + ("identical" if same else f"DIFFER in {differing} of {len(expected)} rows"))
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "grading" / "dev.jsonl")
    parser.add_argument("--engines", default="ray,spark", help="comma-separated: ray, spark")
    parser.add_argument("--cpus", type=int, default=2, help="CPUs of the local Ray cluster and of Spark local[N]")
    parser.add_argument("--actors", type=int, default=2, help="Ray actors")
    parser.add_argument("--batch-size", type=int, default=1024, help="rows per Ray batch")
    args = parser.parse_args()
    engines = [e for e in args.engines.split(",") if e]
    unknown = set(engines) - {"ray", "spark"}
    if unknown:
        parser.error(f"unknown engines: {sorted(unknown)}")

    table = make_pairs(args.data, args.pairs)
    print(f"pairs: {args.pairs:,} (the {args.data.name} pairs repeated and varied, graded as responses); "
          f"mathcurate {mathcurate.__version__}, library {_binding.library_path()}")
    expected, reference = timed(lambda: run_grade_batch(table))
    counts: Dict[str, int] = {}
    for verdict in expected:
        counts[verdict] = counts.get(verdict, 0) + 1
    print(f"grade_batch (this process, {os.cpu_count()} threads): {reference:.2f} s, "
          f"{args.pairs / reference:,.0f} pairs/s; verdicts {counts}")
    ok = True
    for engine in engines:
        if engine == "ray":
            startup, seconds, verdicts = run_ray(table, args.cpus, args.actors, args.batch_size)
            name = f"ray {_version('ray')} ({args.cpus} CPUs, {args.actors} actors, batches of {args.batch_size})"
        else:
            startup, seconds, verdicts, batch = run_spark(table, args.cpus)
            name = f"spark {_version('pyspark')} (local[{args.cpus}], Arrow batches of {batch})"
        ok &= report(name, args.pairs, seconds, reference, verdicts, expected, startup)
    return 0 if ok else 1


def _version(module: str) -> str:
    return str(__import__(module).__version__)


if __name__ == "__main__":
    sys.exit(main())
