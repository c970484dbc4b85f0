"""Helper of bench/dedup-real.sh: near-duplicate search on the real embeddings of a shared-data store.

Subcommands (the shell script runs them in this order):

  copy SRC DST                         a consistent copy of a SQLite store (the backup API; WAL content included)
  dump STORE CONFIG VECTORS.f32        the rows `curate dedup` considers, in its order (id), as raw float32 vectors
                                       for `EmbedBench partitioned`; prints the row count
  report STORE CONFIG WORK             compares the dedup decisions recorded in WORK/exact.sqlite (exact all-pairs)
                                       and WORK/partitioned.sqlite (--partition-above 0), runs
                                       mathcurate.ray.near_duplicates on the same vectors on ray.init(num_cpus=2),
                                       derives the Ray path's dedup decisions, and prints the table of figures

Row selection and keeper policy follow Sources/CuratePipeline/DedupStage.swift and Store.keptProblems: every row of
the config's training sources (all [[source]] names minus [overlap].eval) not dropped by a step other than dedup or
overlap, ordered by id; pairs the store records as `template-sibling` do not join clusters; the keeper of a cluster is
the row whose source comes first in [dedup].priority (unlisted sources after, by name), then the lowest id.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import time
import tomllib
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

Pair = Tuple[int, int]
COSINE_TOLERANCE = 1e-5


class BenchError(Exception):
    """A failure the script reports as `dedup_real: error: ...` and exit status 1."""


@dataclass
class DedupConfig:
    """What `curate build` ran dedup with, read from the build config."""

    sources: List[str]
    priority: List[str]
    threshold: float
    model: str


@dataclass
class Row:
    """One row dedup considers."""

    id: int
    source: str
    problem_hash: str


def load_config(path: str) -> DedupConfig:
    """Dedup sources, priority, threshold and model name (the folder's name, as the embedding cache keys it)."""
    with open(path, "rb") as handle:
        toml = tomllib.load(handle)
    names = [s["name"] for s in toml.get("source", [])]
    dedup = toml.get("dedup")
    if dedup is None:
        raise BenchError(f"{path} has no [dedup] table")
    evaluation = set(toml.get("overlap", {}).get("eval", []))
    model = os.path.basename(os.path.normpath(toml.get("model", "models/all-MiniLM-L6-v2")))
    return DedupConfig(sources=[n for n in names if n not in evaluation], priority=list(dedup.get("priority", [])),
                       threshold=float(dedup.get("threshold", 0.9)), model=model)


def connect(path: str) -> sqlite3.Connection:
    """Opens a store read-only."""
    if not os.path.exists(path):
        raise BenchError(f"no store at {path}")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def considered_rows(db: sqlite3.Connection, config: DedupConfig) -> List[Row]:
    """The rows `curate dedup` compares (Store.keptProblems(sources:ignoringDropsOf: ["dedup", "overlap"]))."""
    marks = ",".join("?" for _ in config.sources)
    sql = ("SELECT id, source, problem_hash FROM problems p WHERE NOT EXISTS (SELECT 1 FROM drops d WHERE "
           f"d.problem_id = p.id AND d.step NOT IN ('dedup', 'overlap')) AND source IN ({marks}) ORDER BY id")
    return [Row(i, s, h) for i, s, h in db.execute(sql, config.sources)]


def vectors_of(db: sqlite3.Connection, rows: List[Row], model: str) -> Tuple[bytes, int]:
    """The cached float32 vectors of `rows`, concatenated in row order, and their dimension."""
    cache: Dict[str, bytes] = {}
    for text_hash, dimension, blob in db.execute(
            "SELECT text_hash, dimension, vector FROM embeddings WHERE model = ?", (model,)):
        if len(blob) != 4 * dimension:
            raise BenchError(f"embedding {text_hash} of {model}: {len(blob)} bytes for dimension {dimension}")
        cache[text_hash] = blob
    missing = [r.id for r in rows if r.problem_hash not in cache]
    if missing:
        raise BenchError(f"{len(missing)} considered rows have no cached {model} vector (first: #{missing[0]}); "
                         "run bench/build-shared.sh on this store first")
    dims = {len(cache[r.problem_hash]) // 4 for r in rows}
    if len(dims) != 1:
        raise BenchError(f"cached vectors have several dimensions: {sorted(dims)}")
    return b"".join(cache[r.problem_hash] for r in rows), dims.pop()


def copy_store(source: str, destination: str) -> None:
    """Copies `source` to `destination` with SQLite's backup API."""
    src = connect(source)
    if os.path.exists(destination):
        raise BenchError(f"{destination} exists already")
    dst = sqlite3.connect(destination)
    with dst:
        src.backup(dst)
    dst.close()
    src.close()


def dedup_pairs(db: sqlite3.Connection) -> Dict[Pair, Tuple[float, str]]:
    """The dedup step's recorded pairs: (min id, max id) -> (cosine, kind)."""
    out: Dict[Pair, Tuple[float, str]] = {}
    for a, b, cosine, kind in db.execute("SELECT a, b, cosine, kind FROM similar_pairs WHERE step = 'dedup'"):
        out[(min(a, b), max(a, b))] = (float(cosine), kind)
    return out


def dedup_drops(db: sqlite3.Connection) -> Dict[int, int]:
    """The dedup step's drops: dropped row -> its keeper (parsed from the evidence `near-duplicate of #K ...`)."""
    out: Dict[int, int] = {}
    for problem_id, evidence in db.execute("SELECT problem_id, evidence FROM drops WHERE step = 'dedup'"):
        match = re.match(r"near-duplicate of #(\d+)", evidence or "")
        if match is None:
            raise BenchError(f"drop of #{problem_id}: evidence {evidence!r} does not name a keeper")
        out[int(problem_id)] = int(match.group(1))
    return out


def decisions(rows: List[Row], pairs: Dict[Pair, bool], priority: List[str]) -> Dict[int, int]:
    """DedupStage's decisions from a pair set: dropped row -> keeper. `pairs` maps a pair to whether it joins
    clusters (False for template siblings)."""
    parent: Dict[int, int] = {r.id: r.id for r in rows}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), joins in pairs.items():
        if joins:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    by_id = {r.id: r for r in rows}

    def rank(i: int) -> Tuple[int, str, int]:
        source = by_id[i].source
        return (priority.index(source) if source in priority else len(priority), source, i)

    clusters: Dict[int, List[int]] = {}
    for r in rows:
        clusters.setdefault(find(r.id), []).append(r.id)
    out: Dict[int, int] = {}
    for members in clusters.values():
        if len(members) > 1:
            keeper = min(members, key=rank)
            out.update({m: keeper for m in members if m != keeper})
    return out


def parse_time(path: str) -> Tuple[Optional[float], Optional[int]]:
    """Wall seconds and peak RSS (KiB) from a `/usr/bin/time -v -o` file."""
    wall: Optional[float] = None
    rss: Optional[int] = None
    with open(path) as handle:
        for line in handle:
            line = line.strip()
            if line.startswith("Elapsed (wall clock)"):
                parts = [float(p) for p in line.rsplit(" ", 1)[1].split(":")]
                wall = sum(p * 60 ** k for k, p in enumerate(reversed(parts)))
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1])
    return wall, rss


def ray_pairs(ids: List[int], flat: bytes, dimension: int, threshold: float) -> Tuple[Dict[Pair, float], float, float]:
    """mathcurate.ray.near_duplicates on a local 2-CPU Ray cluster: the pairs, ray.init seconds, search seconds."""
    import logging

    import pyarrow as pa
    import ray

    import mathcurate.ray as mray

    started = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.WARNING, log_to_driver=False)
    init_seconds = time.perf_counter() - started
    try:
        ray.data.DataContext.get_current().enable_progress_bars = False
        values = pa.Array.from_buffers(pa.float32(), len(flat) // 4, [None, pa.py_buffer(flat)])
        embedding = pa.FixedSizeListArray.from_arrays(values, dimension)
        table = pa.table({"id": pa.array(ids, type=pa.int64()), "embedding": embedding})
        blocks = 4
        step = -(-table.num_rows // blocks)
        ds = ray.data.from_arrow([table.slice(k, step) for k in range(0, table.num_rows, step)])
        started = time.perf_counter()
        found = mray.near_duplicates(ds, threshold=threshold, id="id", column="embedding")
        search_seconds = time.perf_counter() - started
    finally:
        ray.shutdown()
    return {(int(a), int(b)): float(c) for a, b, c in found}, init_seconds, search_seconds


def mib(kib: Optional[int]) -> str:
    return "?" if kib is None else f"{kib / 1024:.0f} MiB"


def seconds(s: Optional[float]) -> str:
    return "?" if s is None else f"{s:.2f} s"


def read_text(path: str) -> str:
    with open(path) as handle:
        return handle.read()


def report(store: str, config_path: str, work: str) -> int:
    """Compares exact, partitioned and Ray; prints the table. Returns 0 when the must-show holds, else 1."""
    config = load_config(config_path)
    exact_db, part_db, build_db = (connect(os.path.join(work, "exact.sqlite")),
                                   connect(os.path.join(work, "partitioned.sqlite")), connect(store))
    rows = considered_rows(exact_db, config)
    ids = [r.id for r in rows]
    exact, partitioned, built = dedup_pairs(exact_db), dedup_pairs(part_db), dedup_pairs(build_db)
    exact_drops, part_drops, built_drops = dedup_drops(exact_db), dedup_drops(part_db), dedup_drops(build_db)
    failures: List[str] = []

    # The rows must be those curate dedup compared: its output line names the count.
    printed = re.search(r"dedup: (\d+) rows", read_text(os.path.join(work, "exact.out")))
    if printed is None or int(printed.group(1)) != len(rows):
        failures.append(f"rows: this script selects {len(rows)}, curate dedup printed "
                        f"{printed.group(1) if printed else 'no count'}")
    outside = {i for p in exact for i in p} - set(ids)
    if outside:
        failures.append(f"{len(outside)} rows in the exact pairs are not among the selected rows")

    # The rerun of exact dedup against the build's own decision.
    same_as_build = set(exact) == set(built) and exact_drops == built_drops

    def recall(found: Set[Pair]) -> float:
        return 1.0 if not exact else len(found & set(exact)) / len(exact)

    part_recall = recall(set(partitioned))
    part_cos = max((abs(partitioned[p][0] - exact[p][0]) for p in set(partitioned) & set(exact)), default=0.0)
    drops_identical = part_drops == exact_drops

    # Our derivation of the decisions, checked on the exact pairs first.
    derived_exact = decisions(rows, {p: kind != "template-sibling" for p, (_, kind) in exact.items()}, config.priority)
    derivation_ok = derived_exact == exact_drops
    if not derivation_ok:
        failures.append("the decisions derived from the exact pairs differ from the store's exact drops "
                        f"({len(set(derived_exact) ^ set(exact_drops))} rows differ): the derivation is wrong")

    flat, dimension = vectors_of(exact_db, rows, config.model)
    ray_found, ray_init, ray_seconds = ray_pairs(ids, flat, dimension, config.threshold)
    ray_set, exact_set = set(ray_found), set(exact)
    ray_recall = recall(ray_set)
    ray_extra = ray_set - exact_set
    ray_missed = exact_set - ray_set
    ray_cos = max((abs(ray_found[p] - exact[p][0]) for p in ray_set & exact_set), default=0.0)
    pairs_equal = not ray_extra and not ray_missed and ray_cos <= COSINE_TOLERANCE
    # Pairs the store does not know cannot be classified by the template rule here; they count as duplicates.
    ray_joins = {p: (exact[p][1] != "template-sibling") if p in exact else True for p in ray_found}
    ray_drops = decisions(rows, ray_joins, config.priority)
    ray_decisions_identical = ray_drops == exact_drops

    exact_time, exact_rss = parse_time(os.path.join(work, "exact.time"))
    part_time, part_rss = parse_time(os.path.join(work, "partitioned.time"))
    bench_path = os.path.join(work, "embedbench.out")
    search_line = read_text(bench_path).strip().splitlines()[-1] if os.path.exists(bench_path) else ""
    search = re.search(r"exact (\d+) pairs in ([\d.]+) s; partitioned (\d+) pairs in ([\d.]+) s; pair recall ([\d.]+)",
                       search_line)
    part_out = read_text(os.path.join(work, "partitioned.out"))

    siblings = sum(1 for _, kind in exact.values() if kind == "template-sibling")
    print()
    print(f"rows compared: {len(rows)} ({len(set(r.problem_hash for r in rows))} distinct texts), "
          f"cos > {config.threshold}, model {config.model}, dimension {dimension}")
    print(f"exact rerun identical to the build's own dedup decision: {'yes' if same_as_build else 'NO'}")
    print()
    print("| search | pairs | recall of exact pairs | pairs not in exact | max cos diff | rows dropped | drops identical to exact | time | peak RSS |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| exact all-pairs (`curate dedup`) | {len(exact)} ({siblings} template siblings) | 1 | 0 | 0 | "
          f"{len(exact_drops)} | - | {seconds(exact_time)} | {mib(exact_rss)} |")
    print(f"| partitioned, 4 probes (`curate dedup --partition-above 0`) | {len(partitioned)} | {part_recall:.4f} | "
          f"{len(set(partitioned) - exact_set)} | {part_cos:.1e} | {len(part_drops)} | "
          f"{'yes' if drops_identical else 'NO'} | {seconds(part_time)} | {mib(part_rss)} |")
    print(f"| Ray Data, `mathcurate.ray.near_duplicates`, 2 CPUs | {len(ray_found)} | {ray_recall:.4f} | "
          f"{len(ray_extra)} | {ray_cos:.1e} | {len(ray_drops)} (derived) | "
          f"{'yes' if ray_decisions_identical else 'NO'} | {ray_seconds:.2f} s (+ ray.init {ray_init:.1f} s) | - |")
    if search:
        print(f"| search only, in one process (`EmbedBench partitioned`) | exact {search.group(1)} in "
              f"{float(search.group(2)):.2f} s; partitioned {search.group(3)} in {float(search.group(4)):.2f} s "
              f"(recall {search.group(5)}) | | | | | | | |")
    else:
        print("search-only times: not available (EmbedBench output not found or not parsed)")
    print()
    print(f"curate dedup times include opening the store, loading the model and reading {len(rows)} cached vectors. "
          f"partitioned run printed: {part_out.strip().splitlines()[-1] if part_out.strip() else '(nothing)'}")
    print(f"Ray pair set equal to the exact local pair set (same ids, cosines within {COSINE_TOLERANCE:g}): "
          f"{'yes' if pairs_equal else 'NO'} (missed {len(ray_missed)}, extra {len(ray_extra)}, max cos diff {ray_cos:.1e})")
    print(f"Ray dedup decisions (derived as DedupStage does) identical to the local exact decisions: "
          f"{'yes' if ray_decisions_identical else 'NO'}; derivation reproduces the exact store's drops: "
          f"{'yes' if derivation_ok else 'NO'}")
    for label, missed in (("partitioned", exact_set - set(partitioned)), ("Ray", ray_missed)):
        for p in sorted(missed)[:5]:
            print(f"  {label} missed #{p[0]}-#{p[1]} cos {exact[p][0]:.6f} ({exact[p][1]})")
    for p in sorted(ray_extra)[:5]:
        print(f"  Ray extra #{p[0]}-#{p[1]} cos {ray_found[p]:.6f}")
    if part_recall < 0.995:
        failures.append(f"partitioned recall {part_recall:.4f} < 0.995")
    if not ray_decisions_identical:
        failures.append("the Ray path's decisions differ from the local path's")
    for failure in failures:
        print(f"dedup_real: FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


def main(argv: List[str]) -> int:
    try:
        if len(argv) == 3 and argv[0] == "copy":
            copy_store(argv[1], argv[2])
            return 0
        if len(argv) == 4 and argv[0] == "dump":
            config = load_config(argv[2])
            db = connect(argv[1])
            rows = considered_rows(db, config)
            flat, dimension = vectors_of(db, rows, config.model)
            if dimension != 384:
                raise BenchError(f"EmbedBench partitioned reads 384-d vectors; the store has {dimension}-d")
            with open(argv[3], "wb") as handle:
                handle.write(flat)
            print(len(rows))
            return 0
        if len(argv) == 4 and argv[0] == "report":
            return report(argv[1], argv[2], argv[3])
    except BenchError as error:
        print(f"dedup_real: error: {error}", file=sys.stderr)
        return 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
