"""mathcurate.ray.grade on a real local Ray cluster (2 CPUs, 2 actors): the verdicts of single-process grade_batch.

Ray is imported by the session fixture, so without Ray these tests fail (CI installs it: scripts/test.sh) while the
rest of the suite still runs.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Sequence, Tuple

import pytest

import mathcurate
import mathcurate.ray

PYTHON_DIR = Path(__file__).resolve().parents[1]
COLUMNS = ("equivalent", "verdict", "reason", "extracted")


@pytest.fixture(scope="session")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local Ray cluster of 2 CPUs without the dashboard, shut down after the session.

    Its workers import the mathcurate these tests import: Ray puts the driver's current directory first on the
    workers' sys.path, and from python/ that is the source tree, so the cluster is started from an empty directory
    (and, when testing the source tree, given it on PYTHONPATH).
    """
    import ray  # an ImportError here fails the tests that use the cluster, and only them
    import ray.data

    env_vars: Dict[str, str] = {}
    package_root = Path(mathcurate.__file__).resolve().parents[1]
    if package_root == PYTHON_DIR:  # testing the source tree: the workers must import it too
        env_vars["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package_root), os.environ.get("PYTHONPATH")]))
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("ray"))
    try:
        ray.init(num_cpus=2, include_dashboard=False, runtime_env={"env_vars": env_vars} if env_vars else None)
    finally:
        os.chdir(here)
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield ray
    finally:
        ray.shutdown()


def test_the_workers_import_this_mathcurate(ray_cluster: Any) -> None:
    @ray_cluster.remote
    def package() -> str:
        import mathcurate

        return str(Path(mathcurate.__file__).resolve())

    assert ray_cluster.get(package.remote()) == str(Path(mathcurate.__file__).resolve())


def expected(golds: Sequence[Any], candidates: Sequence[Any], kind: str, **options: Any) -> List[Tuple[Any, ...]]:
    """(equivalent, verdict, reason, extracted) of each pair from single-process grade_batch."""
    results = mathcurate.grade_batch(list(golds), **{kind + "s": list(candidates)}, **options)
    return [(r.equivalent, r.verdict, r.reason, r.extracted) for r in results]


def run(ds: Any) -> List[Dict[str, Any]]:
    """Every row of ``ds`` (running it), in id order."""
    return sorted(ds.take_all(), key=lambda row: row["id"])


def results(rows: List[Dict[str, Any]], prefix: str = "") -> List[Tuple[Any, ...]]:
    """The graded columns of each row."""
    return [tuple(row[prefix + name] for name in COLUMNS) for row in rows]


def test_answers_match_grade_batch(ray_cluster: Any, dev_pairs: List[Any]) -> None:
    pairs = [p for p in dev_pairs if p.kind == "answer"]
    items = [{"id": i, "gold": p.gold, "answer": p.candidate} for i, p in enumerate(pairs)]
    ds = ray_cluster.data.from_items(items, override_num_blocks=4)
    graded = mathcurate.ray.grade(ds, gold="gold", answer="answer", batch_size=8, actors=2)
    rows = run(graded)
    assert list(rows[0]) == ["id", "gold", "answer", *COLUMNS]
    assert results(rows) == expected([p.gold for p in pairs], [p.candidate for p in pairs], "answer")


def test_responses_match_grade_batch_and_replace_stale_columns(ray_cluster: Any, dev_pairs: List[Any]) -> None:
    pairs = [p for p in dev_pairs if p.kind == "response"]
    items = [{"id": i, "gold": p.gold, "response": p.candidate, "verdict": "stale"} for i, p in enumerate(pairs)]
    ds = ray_cluster.data.from_items(items, override_num_blocks=2)
    graded = mathcurate.ray.grade(ds, gold="gold", response="response", batch_size=4)
    rows = run(graded)
    assert list(rows[0]) == ["id", "gold", "response", *COLUMNS]  # the stale verdict column is replaced
    assert results(rows) == expected([p.gold for p in pairs], [p.candidate for p in pairs], "response")


def test_list_and_number_golds_with_a_prefix_and_options(ray_cluster: Any, dev_pairs: List[Any]) -> None:
    pairs = [p for p in dev_pairs if p.kind == "answer"]
    # golds as lists (equivalent to any), of one or two items; and a column of numbers
    gold_lists = [[p.gold] if i % 2 else ["\\text{none}", p.gold] for i, p in enumerate(pairs)]
    numbers = [i % 7 + (0.5 if i % 3 == 0 else 0.0) for i in range(len(pairs))]  # floats: one Arrow type
    number_answers = [str(n) if i % 4 else f"{n}+1" for i, n in enumerate(numbers)]
    items = [{"id": i, "golds": g, "answer": p.candidate, "number": n, "number_answer": a}
             for i, (g, p, n, a) in enumerate(zip(gold_lists, pairs, numbers, number_answers))]
    ds = ray_cluster.data.from_items(items, override_num_blocks=3)
    graded = mathcurate.ray.grade(ds, gold="golds", answer="answer", prefix="any_", batch_size=16)
    graded = mathcurate.ray.grade(graded, gold="number", answer="number_answer", prefix="n_", tolerance=0.01,
                                  compute=ray_cluster.data.ActorPoolStrategy(min_size=1, max_size=2))
    rows = run(graded)
    assert results(rows, "any_") == expected(gold_lists, [p.candidate for p in pairs], "answer")
    assert results(rows, "n_") == expected(numbers, number_answers, "answer", tolerance=0.01)
    assert any(r["n_equivalent"] for r in rows) and not all(r["n_equivalent"] for r in rows)


def test_a_missing_answer_fails_the_job_as_grade_batch_raises(ray_cluster: Any) -> None:
    # grade_batch raises TypeError for a None answer; a job with a null answer fails with it, naming the column.
    with pytest.raises(TypeError):
        mathcurate.grade_batch(["1"], answers=[None])  # type: ignore[list-item]
    items = [{"id": 0, "gold": "1", "answer": "1"}, {"id": 1, "gold": "2", "answer": None}]
    ds = ray_cluster.data.from_items(items)
    with pytest.raises(Exception) as failure:
        mathcurate.ray.grade(ds, gold="gold", answer="answer").take_all()
    assert "TypeError" in str(failure.value) and "the answer column 'answer' is null" in str(failure.value)


def test_bad_arguments_fail_at_once(ray_cluster: Any) -> None:
    ds = ray_cluster.data.from_items([{"gold": "1", "answer": "1"}])
    with pytest.raises(TypeError, match="exactly one"):
        mathcurate.ray.grade(ds, gold="gold")
    with pytest.raises(TypeError, match="exactly one"):
        mathcurate.ray.grade(ds, gold="gold", answer="answer", response="answer")
    with pytest.raises(ValueError, match="policy"):
        mathcurate.ray.grade(ds, gold="gold", answer="answer", policy="lenient")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="actors"):
        mathcurate.ray.grade(ds, gold="gold", answer="answer", actors=0)
    with pytest.raises(TypeError, match="not both"):
        mathcurate.ray.grade(ds, gold="gold", answer="answer", actors=2,
                             compute=ray_cluster.data.ActorPoolStrategy(size=2))
    with pytest.raises(KeyError, match="solution"):
        mathcurate.ray.grade(ds, gold="solution", answer="answer")


MODEL = os.environ.get("CURATE_MODEL_DIR") or str(Path(__file__).resolve().parents[2] / "models" / "all-MiniLM-L6-v2")


def test_embed_adds_the_encoders_vectors(ray_cluster: Any) -> None:
    from mathcurate.embedding import Encoder

    texts = ["Find $x$ if $2x = 4$.", "Solve 2x = 4 for x.", "How many primes are below 20?", ""]
    ds = ray_cluster.data.from_items([{"id": i, "problem": t} for i, t in enumerate(texts)], override_num_blocks=2)
    rows = sorted(mathcurate.ray.embed(ds, text="problem", model_dir=MODEL, batch_size=2).take_all(), key=lambda r: r["id"])
    expected = Encoder(MODEL).embed_rows(texts)
    for row, want in zip(rows, expected):
        assert len(row["embedding"]) == 384
        assert sum(a * b for a, b in zip(row["embedding"], want)) > 0.99999


def test_near_duplicates_are_the_exact_pairs(ray_cluster: Any) -> None:
    import random
    from array import array

    from mathcurate.search import similar_pairs

    rng = random.Random(5)
    d, rows = 16, []
    for i in range(600):
        base = rows[rng.randrange(len(rows))] if rows and i % 3 == 0 else [rng.uniform(-1, 1) for _ in range(d)]
        v = [x + rng.uniform(-0.05, 0.05) for x in base]
        norm = sum(x * x for x in v) ** 0.5
        rows.append([x / norm for x in v])
    flat = array("f", [x for r in rows for x in r])
    want = sorted((i, j, c) for i, j, c in similar_pairs(flat, flat, dimension=d, threshold=0.9) if i < j)
    ds = ray_cluster.data.from_items([{"id": i, "embedding": r} for i, r in enumerate(rows)], override_num_blocks=3)
    one = mathcurate.ray.near_duplicates(ds, threshold=0.9, partition_size=10_000)
    assert [(a, b) for a, b, _ in one] == [(i, j) for i, j, _ in want] and len(want) > 100
    many = mathcurate.ray.near_duplicates(ds, threshold=0.9, partition_size=60, probes=3)  # 10 partitions
    found = {(a, b) for a, b, _ in many}
    assert found <= {(i, j) for i, j, _ in want}
    assert len(found) >= 0.95 * len(want)
