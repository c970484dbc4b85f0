"""mathcurate.spark on a real Spark (local[2], Java 17): mapInArrow grading and the ``curate grade --jsonl`` pipe
recipe, both giving the verdicts of single-process grade_batch.

pyspark is imported by the session fixture, so without it these tests fail (CI installs it: scripts/test.sh) while
the rest of the suite still runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator, List, Sequence, Tuple

import pytest

import mathcurate
import mathcurate.spark

PYTHON_DIR = Path(__file__).resolve().parents[1]
COLUMNS = ("equivalent", "verdict", "reason", "extracted")


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local[2] SparkSession, no UI, small shuffles and small Arrow batches (so partitions span several).

    Its Python workers import the mathcurate these tests import: they run ``python -m pyspark.daemon`` in the JVM's
    current directory, which ``-m`` puts first on sys.path, and from python/ that is the source tree; so the JVM is
    started from an empty directory (and, when testing the source tree, the workers get it on PYTHONPATH).
    """
    from pyspark.sql import SparkSession  # an ImportError here fails the Spark tests, and only them

    saved = {name: os.environ.get(name) for name in ("PYSPARK_PYTHON", "PYTHONPATH")}
    os.environ["PYSPARK_PYTHON"] = sys.executable  # the workers run this Python, with this mathcurate
    package_root = Path(mathcurate.__file__).resolve().parents[1]
    if package_root == PYTHON_DIR:  # testing the source tree: the workers must import it too
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package_root), saved["PYTHONPATH"]]))
    here = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("spark"))
    try:
        session = (
            SparkSession.builder.master("local[2]")
            .appName("mathcurate-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.default.parallelism", "2")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "16")
            .config("spark.driver.memory", "1g")
            .getOrCreate()
        )
    finally:
        os.chdir(here)
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def test_the_workers_import_this_mathcurate(spark: Any) -> None:
    def package(rows: Iterator[Any]) -> Iterator[str]:
        import mathcurate

        yield str(Path(mathcurate.__file__).resolve())

    assert set(spark.sparkContext.parallelize(range(2), 2).mapPartitions(package).collect()) == {
        str(Path(mathcurate.__file__).resolve())}


def expected(golds: Sequence[Any], candidates: Sequence[Any], kind: str, **options: Any) -> List[Tuple[Any, ...]]:
    """(equivalent, verdict, reason, extracted) of each pair from single-process grade_batch."""
    results = mathcurate.grade_batch(list(golds), **{kind + "s": list(candidates)}, **options)
    return [(r.equivalent, r.verdict, r.reason, r.extracted) for r in results]


def results(df: Any, prefix: str = "") -> List[Tuple[Any, ...]]:
    """The graded columns of every row of ``df`` (running it), in id order."""
    return [tuple(row[prefix + name] for name in COLUMNS) for row in df.orderBy("id").collect()]


def answer_frame(spark: Any, pairs: Sequence[Any]) -> Any:
    return spark.createDataFrame([(i, p.gold, p.candidate) for i, p in enumerate(pairs)],
                                 "id long, gold string, answer string")


def test_answers_match_grade_batch(spark: Any, dev_pairs: List[Any]) -> None:
    pairs = [p for p in dev_pairs if p.kind == "answer"]
    graded = mathcurate.spark.grade(answer_frame(spark, pairs), gold="gold", answer="answer")
    assert graded.columns == ["id", "gold", "answer", *COLUMNS]
    assert [(f.name, f.dataType.simpleString()) for f in graded.schema.fields][3:] == [
        ("equivalent", "boolean"), ("verdict", "string"), ("reason", "string"), ("extracted", "string")]
    assert results(graded) == expected([p.gold for p in pairs], [p.candidate for p in pairs], "answer")


def test_responses_match_grade_batch_and_replace_stale_columns(spark: Any, dev_pairs: List[Any]) -> None:
    pairs = [p for p in dev_pairs if p.kind == "response"]
    df = spark.createDataFrame([("stale", i, p.gold, p.candidate) for i, p in enumerate(pairs)],
                               "verdict string, id long, gold string, response string")
    graded = mathcurate.spark.grade(df, gold="gold", response="response", policy="standard")
    assert graded.columns == ["id", "gold", "response", *COLUMNS]
    assert results(graded) == expected([p.gold for p in pairs], [p.candidate for p in pairs], "response")


def test_list_and_number_golds_with_a_prefix_and_options(spark: Any, dev_pairs: List[Any]) -> None:
    pairs = [p for p in dev_pairs if p.kind == "answer"]
    gold_lists = [[p.gold] if i % 2 else ["\\text{none}", p.gold] for i, p in enumerate(pairs)]
    numbers = [i % 7 + (0.5 if i % 3 == 0 else 0.0) for i in range(len(pairs))]
    number_answers = [str(n) if i % 4 else f"{n}+1" for i, n in enumerate(numbers)]
    df = spark.createDataFrame(
        [(i, g, p.candidate, n, a) for i, (g, p, n, a) in enumerate(zip(gold_lists, pairs, numbers, number_answers))],
        "id long, golds array<string>, answer string, number double, number_answer string")
    graded = mathcurate.spark.grade(df, gold="golds", answer="answer", prefix="any_")
    graded = mathcurate.spark.grade(graded, gold="number", answer="number_answer", prefix="n_", tolerance=0.01)
    assert results(graded, "any_") == expected(gold_lists, [p.candidate for p in pairs], "answer")
    assert results(graded, "n_") == expected(numbers, number_answers, "answer", tolerance=0.01)


def test_a_missing_answer_fails_the_job_as_grade_batch_raises(spark: Any) -> None:
    df = spark.createDataFrame([(0, "1", "1"), (1, "2", None)], "id long, gold string, answer string")
    with pytest.raises(Exception) as failure:
        mathcurate.spark.grade(df, gold="gold", answer="answer").collect()
    assert "TypeError" in str(failure.value) and "the answer column 'answer' is null" in str(failure.value)


def test_bad_arguments_fail_at_once(spark: Any) -> None:
    df = spark.createDataFrame([("1", "1")], "gold string, answer string")
    with pytest.raises(TypeError, match="exactly one"):
        mathcurate.spark.grade(df, gold="gold")
    with pytest.raises(ValueError, match="tolerance"):
        mathcurate.spark.grade(df, gold="gold", answer="answer", tolerance=2.0)
    with pytest.raises(KeyError, match="solution"):
        mathcurate.spark.grade(df, gold="solution", answer="answer")
    with pytest.raises(KeyError, match="row"):
        mathcurate.spark.grade_with_binary(df, gold="gold", answer="answer", id="row")
    with pytest.raises(ValueError, match="threads"):
        mathcurate.spark.grade_with_binary(df, gold="gold", answer="answer", threads=0)


# The recipe for clusters with only the binary: rdd.pipe("curate grade --jsonl").

def test_pipe_recipe_gives_the_same_verdicts(spark: Any, dev_pairs: List[Any], curate_path: Path) -> None:
    pairs = [p for p in dev_pairs if p.kind == "answer"]
    graded = mathcurate.spark.grade_with_binary(answer_frame(spark, pairs), gold="gold", answer="answer", id="id",
                                                binary=str(curate_path))
    assert graded.columns == ["id", "gold", "answer", *COLUMNS]
    assert results(graded) == expected([p.gold for p in pairs], [p.candidate for p in pairs], "answer")


def test_pipe_recipe_without_an_id_column_with_list_golds(spark: Any, dev_pairs: List[Any], curate_path: Path) -> None:
    pairs = [p for p in dev_pairs if p.kind == "response"]
    gold_lists = [[p.gold] if i % 2 else ["\\text{none}", p.gold] for i, p in enumerate(pairs)]
    df = spark.createDataFrame([(i, g, p.candidate) for i, (g, p) in enumerate(zip(gold_lists, pairs))],
                               "n long, golds array<string>, response string")
    graded = mathcurate.spark.grade_with_binary(df, gold="golds", response="response", binary=str(curate_path),
                                                threads=2)
    assert graded.columns == ["n", "golds", "response", *COLUMNS]
    rows = sorted(graded.collect(), key=lambda row: row["n"])
    assert [tuple(row[c] for c in COLUMNS) for row in rows] == expected(
        gold_lists, [p.candidate for p in pairs], "response")


def test_pipe_grade_on_an_rdd_of_items(spark: Any, curate_path: Path) -> None:
    items = [{"id": "a", "gold": "1/2", "answer": "0.5", "source": "x"},
             {"id": "b", "gold": ["6", "x=6"], "response": "so \\boxed{x = 6}"},
             '{"id": "c", "gold": 3, "answer": 3.0}']
    out = mathcurate.spark.pipe_grade(spark.sparkContext.parallelize(items, 2), binary=str(curate_path)).collect()
    by_id = {row["id"]: row for row in out}
    assert [by_id[k]["verdict"] for k in "abc"] == ["equivalent", "equivalent", "equivalent"]
    assert by_id["a"]["source"] == "x" and by_id["b"]["extracted"] == "x = 6"
    assert [(r.verdict, r.extracted) for r in (mathcurate.grade("1/2", answer="0.5"),
                                                mathcurate.grade(["6", "x=6"], response="so \\boxed{x = 6}"),
                                                mathcurate.grade(3, answer=3.0))] == [
        (by_id[k]["verdict"], by_id[k]["extracted"]) for k in "abc"]


def test_pipe_recipe_fails_on_a_missing_answer(spark: Any, curate_path: Path) -> None:
    df = spark.createDataFrame([(0, "1", "1"), (1, "2", None)], "id long, gold string, answer string")
    with pytest.raises(Exception) as failure:
        mathcurate.spark.grade_with_binary(df, gold="gold", answer="answer", id="id",
                                           binary=str(curate_path)).collect()
    assert "could not grade the item with id 1" in str(failure.value)


def test_the_pipe_recipe_needs_no_mathcurate_on_executors(tmp_path: Path) -> None:
    # What the executors run for the recipe is pickled by value: it loads and runs where mathcurate cannot be imported.
    from pyspark import cloudpickle

    from mathcurate.spark import _executor_steps

    payload = tmp_path / "steps.pickle"
    payload.write_bytes(cloudpickle.dumps(_executor_steps()))
    code = (
        "import pickle, sys\n"
        "class NoMathcurate:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] == 'mathcurate':\n"
        "            raise ImportError('mathcurate is not installed here')\n"
        "sys.meta_path.insert(0, NoMathcurate())\n"
        "to_line, parse, row_item, result_row = pickle.loads(open(sys.argv[1], 'rb').read())\n"
        "print(to_line({'id': 1, 'gold': ['1', 'x=1'], 'answer': None}))\n"
        "print(result_row(parse('{\"id\": 1, \"equivalent\": true, \"verdict\": \"equivalent\", \"reason\": \"r\", "
        "\"extracted\": \"1\"}')))\n"
        "try:\n"
        "    parse('{\"line\": 2, \"id\": 7, \"error\": \"bad\"}')\n"
        "except ValueError as error:\n"
        "    print(error)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(payload)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == [
        '{"id": 1, "gold": ["1", "x=1"], "answer": null}',
        "(1, True, 'equivalent', 'r', '1')",
        "curate grade --jsonl could not grade the item with id 7: bad",
    ]
