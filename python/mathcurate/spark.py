"""Grading on Spark: ``mathcurate.spark.grade(df, gold=..., response=...)`` adds the verdict columns to a DataFrame.

Two ways, for two kinds of cluster:

- :func:`grade`, where the executors' Python has this package: ``DataFrame.mapInArrow`` hands each Python worker
  Arrow batches (``spark.sql.execution.arrow.maxRecordsPerBatch`` rows, 10,000 by default), graded with
  :func:`mathcurate.grade_batch` on one thread (Spark's tasks are the parallelism). The library is loaded on a
  worker's first batch and kept for the worker's life (Spark reuses Python workers).
- :func:`grade_with_binary` (built on :func:`pipe_grade`), where the executors have only the ``curate`` binary:
  ``RDD.pipe("curate grade --jsonl")`` streams each row to it as a JSON line ``{"id", "gold", "answer" | "response"}``
  and the verdict lines that come back are joined to the rows by id. What the executors run there is sent by value,
  so they need pyspark and the binary, not this package (the driver needs it).

Both give the verdicts of :func:`mathcurate.grade_batch`. Importing this module does not import pyspark. Written
against pyspark 4.3 (``mapInArrow`` is in 3.3 and later; the RDD API, and so the pipe recipe, needs classic Spark,
not Spark Connect).

Example::

    >>> import mathcurate.spark
    >>> df = spark.createDataFrame([("1/2", "... so \\\\boxed{0.5}")], ["gold", "response"])
    >>> mathcurate.spark.grade(df, gold="gold", response="response").select("verdict").first()[0]
    'equivalent'
"""

from __future__ import annotations

import shlex
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterator, Optional, Tuple, Union

from mathcurate._arrow import GradeColumns
from mathcurate._grading import check_options
from mathcurate._result import Policy, PolicyName

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark import RDD
    from pyspark.sql import DataFrame

__all__ = ["grade", "grade_with_binary", "pipe_grade"]

_ROW_ID = "__mathcurate_row_id"


def grade(
    df: "DataFrame",
    *,
    gold: str,
    response: Optional[str] = None,
    answer: Optional[str] = None,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
    prefix: str = "",
) -> "DataFrame":
    """``df`` with each row graded: columns ``equivalent`` (boolean), ``verdict``, ``reason`` and ``extracted`` added.

    Lazy, as every DataFrame transform. Rows keep their order and partitioning.

    Args:
        df: the rows. The gold column may be a string, a number, or an array of them (equivalent to any).
        gold: the name of the gold answer column.
        response: the name of a column of whole model responses (their final answers are found first), or
        answer: the name of a column of final answers. Pass exactly one of ``response`` and ``answer``.
        policy, strict, tolerance, rounded_decimals: as in :func:`mathcurate.grade`.
        prefix: put before the added columns' names. Existing columns of those names are replaced.

    Returns:
        The graded DataFrame: the input's columns, then the four added ones (``extracted`` is null when no final
        answer was found in a response).

    Raises:
        TypeError, ValueError: bad arguments, at once.
        KeyError: a column that ``df`` lacks.

        While the job runs, a null gold (or an empty array of golds) fails it with the ``ValueError`` that
        :func:`mathcurate.grade_batch` raises for a None gold, and a null answer or response with its ``TypeError``
        (Spark reports a ``PythonException`` holding it): drop or fill such rows first
        (``df.dropna(subset=["gold", "answer"])``).

    Example::

        >>> graded = mathcurate.spark.grade(df, gold="solution", response="completion", policy="deepscaler")
        >>> graded.groupBy("verdict").count().show()
    """
    from pyspark.sql.types import BooleanType, StringType, StructField, StructType

    columns = GradeColumns.of(gold, response, answer, policy, strict, tolerance, rounded_decimals, prefix)
    _check_columns(df, columns)
    names = columns.output_names
    fields = [field for field in df.schema.fields if field.name not in names]
    fields += [
        StructField(names[0], BooleanType(), False),
        StructField(names[1], StringType(), False),
        StructField(names[2], StringType(), False),
        StructField(names[3], StringType(), True),
    ]
    large = df.sparkSession.conf.get("spark.sql.execution.arrow.useLargeVarTypes", "false")
    grader = partial(_grade_batches, columns=columns, large_strings=str(large).lower() == "true")
    return df.mapInArrow(grader, StructType(fields))


def _grade_batches(
    batches: Iterator["pa.RecordBatch"], *, columns: GradeColumns, large_strings: bool
) -> Iterator["pa.RecordBatch"]:
    """The ``mapInArrow`` function: runs in the Python worker, grading each batch on one thread."""
    from mathcurate._arrow import grade_arrow

    for batch in batches:
        yield grade_arrow(batch, columns, threads=1, large_strings=large_strings)


def grade_with_binary(
    df: "DataFrame",
    *,
    gold: str,
    response: Optional[str] = None,
    answer: Optional[str] = None,
    id: Optional[str] = None,
    binary: str = "curate",
    threads: int = 1,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    prefix: str = "",
) -> "DataFrame":
    """:func:`grade` for clusters whose executors have the ``curate`` binary but not this package.

    The recipe: each row becomes a JSON line ``{"id": ..., "gold": ..., "answer" | "response": ...}``, piped through
    ``curate grade --jsonl`` with :func:`pipe_grade` (``RDD.pipe``), and the verdict lines, parsed, are joined back to
    the rows by id. The verdicts are those of :func:`grade`; the rows come back in the join's order, not the input's.

    Args:
        df: the rows, as for :func:`grade`.
        gold, response, answer, policy, strict, tolerance, prefix: as in :func:`grade` (the binary has no
            ``rounded_decimals``).
        id: a column that identifies each row (unique, not null; strings or integers). Without one, a temporary
            ``monotonically_increasing_id()`` column is added and dropped: then ``df`` must compute to the same rows
            in the same partitions each time it is evaluated (a file, a cached DataFrame), as it is read twice (once
            for the pipe, once for the join).
        binary: the ``curate`` executable on the executors: a name found on their PATH, or a path.
        threads: ``curate grade --threads``: grading threads per pipe (each task runs one pipe).

    Returns:
        The graded DataFrame: the input's columns, then the four added ones.

    Raises:
        TypeError, ValueError, KeyError: bad arguments, at once.

        While the job runs: a row the binary cannot grade (a null gold, answer or response) fails the job with a
        ``ValueError`` naming its id and the binary's message; a binary that exits non-zero fails it too.

    Example::

        >>> graded = mathcurate.spark.grade_with_binary(df, gold="gold", answer="answer", id="id",
        ...                                            binary="/opt/mathcurate/bin/curate")
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, StringType, StructField, StructType

    columns = GradeColumns.of(gold, response, answer, policy, strict, tolerance, False, prefix)
    _check_columns(df, columns)
    if id is not None and id not in df.columns:
        raise KeyError(f"no id column {id!r}; the columns are {df.columns}")
    key = id if id is not None else _ROW_ID
    names = columns.output_names
    rows = df.drop(*[name for name in names if name in df.columns and name != key])
    if id is None:
        rows = rows.withColumn(key, F.monotonically_increasing_id())
    kind = columns.candidate_kind
    items = rows.select(F.col(key).alias("id"), F.col(columns.gold).alias("gold"), F.col(columns.candidate).alias(kind))
    _, _, row_item, result_row = _executor_steps()
    graded = pipe_grade(
        items.rdd.map(row_item), binary=binary, threads=threads, policy=policy, strict=strict, tolerance=tolerance
    ).map(result_row)
    schema = StructType([
        StructField(key, rows.schema[key].dataType, False),
        StructField(names[0], BooleanType(), False),
        StructField(names[1], StringType(), False),
        StructField(names[2], StringType(), False),
        StructField(names[3], StringType(), True),
    ])
    results = df.sparkSession.createDataFrame(graded, schema)
    kept = [name for name in rows.columns if name != key or id is not None]
    return rows.join(results, on=key, how="inner").select(*kept, *names)


def pipe_grade(
    items: "RDD[Any]",
    *,
    binary: str = "curate",
    threads: int = 1,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
) -> "RDD[Dict[str, Any]]":
    """``items`` graded by ``curate grade --jsonl`` through ``RDD.pipe``: one result dict per item, in order.

    Args:
        items: dicts ``{"id": ..., "gold": ..., "answer": ...}`` (or ``"response"``), or such JSON lines as strings.
            ``gold`` may be a string, a number or a list of them. Every member is echoed back.
        binary: the ``curate`` executable on the executors.
        threads, policy, strict, tolerance: ``curate grade``'s ``--threads``, ``--policy``, ``--strict`` and
            ``--tolerance``.

    Returns:
        Each item with ``equivalent``, ``verdict``, ``reason`` and ``extracted`` added (lazily, as RDDs are).

    Raises:
        TypeError, ValueError: bad arguments, at once. While the job runs: ``ValueError`` for an item the binary
        answers with an error line (``{"line": N, "error": ...}``), naming its id.

    Example::

        >>> lines = sc.parallelize([{"id": 1, "gold": "1/2", "answer": "0.5"}])
        >>> pipe_grade(lines, binary="/usr/local/bin/curate").first()["verdict"]
        'equivalent'
    """
    to_line, parse, _, _ = _executor_steps()
    return items.map(to_line).pipe(_command(binary, threads, policy, strict, tolerance), checkCode=True).map(parse)


def _command(binary: str, threads: int, policy: Union[Policy, PolicyName], strict: bool,
             tolerance: Optional[float]) -> str:
    """The ``curate grade --jsonl ...`` command line (``RDD.pipe`` splits it with ``shlex``)."""
    if not isinstance(binary, str) or not binary:
        raise TypeError(f"binary must be a non-empty string (the curate executable), got {binary!r}")
    if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
        raise ValueError(f"threads must be a positive int, got {threads!r}")
    _, strict, _, relative = check_options(policy, strict, tolerance, False)
    named = policy if isinstance(policy, Policy) else Policy(policy.lower())
    words = [binary, "grade", "--jsonl", "--threads", str(threads), "--policy", named.value]
    if strict:
        words.append("--strict")
    if relative:
        words += ["--tolerance", repr(relative)]
    return " ".join(shlex.quote(word) for word in words)


def _executor_steps() -> Tuple[Callable[[Any], str], Callable[[str], Dict[str, Any]], Callable[[Any], Dict[str, Any]],
                               Callable[[Dict[str, Any]], Tuple[Any, ...]]]:
    """The functions the pipe recipe runs on executors: (item to JSON line, line to result, Row to item, result to
    row tuple).

    Made here as closures that use only the standard library, so Spark's cloudpickle sends them by value: an executor
    needs pyspark and the binary, not this package.
    """

    def to_line(item: Any) -> str:
        import json

        if isinstance(item, str):
            return item
        if not isinstance(item, dict):
            raise TypeError(f"an item must be a dict or a JSON line, got {type(item).__name__}")
        return json.dumps(item, default=str)  # ASCII: every character, lone surrogates too, reaches the binary intact

    def parse(line: str) -> Dict[str, Any]:
        import json

        result: Dict[str, Any] = json.loads(line)
        if "verdict" not in result and "error" in result:
            which = f"id {result['id']!r}" if "id" in result else f"line {result.get('line')} of its partition"
            raise ValueError(f"curate grade --jsonl could not grade the item with {which}: {result['error']}")
        return result

    def row_item(row: Any) -> Dict[str, Any]:
        item: Dict[str, Any] = row.asDict(recursive=True)
        return item

    def result_row(result: Dict[str, Any]) -> Tuple[Any, ...]:
        return (result["id"], result["equivalent"], result["verdict"], result["reason"], result.get("extracted"))

    return to_line, parse, row_item, result_row


def _check_columns(df: "DataFrame", columns: GradeColumns) -> None:
    for what, name in (("gold", columns.gold), (columns.candidate_kind, columns.candidate)):
        if name not in df.columns:
            raise KeyError(f"no {what} column {name!r}; the columns are {df.columns}")
