"""Grading on Ray Data: ``mathcurate.ray.grade(ds, gold=..., response=...)`` adds the verdict columns to a Dataset.

The rows are graded by ``Dataset.map_batches`` over a pool of actors: each actor loads libmathcurate once, in its
constructor, and grades Arrow batches with :func:`mathcurate.grade_batch` on one thread (the actors are the
parallelism). Every worker needs this package installed (a ``runtime_env`` with ``pip: ["mathcurate-....whl"]`` on a
cluster that lacks it).

Importing this module does not import Ray; :func:`grade` does. Written against Ray 2.60, where ``map_batches`` takes
``compute=ray.data.ActorPoolStrategy(...)`` (its ``concurrency=`` is deprecated).

Example::

    >>> import ray, mathcurate.ray
    >>> ds = ray.data.from_items([{"gold": "1/2", "response": "... so \\\\boxed{0.5}"}])
    >>> mathcurate.ray.grade(ds, gold="gold", response="response").take(1)[0]["verdict"]
    'equivalent'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Union

from mathcurate._arrow import GradeColumns
from mathcurate._result import Policy, PolicyName

if TYPE_CHECKING:
    import pyarrow as pa
    import ray.data

__all__ = ["grade"]

#: Actors in the pool when neither ``actors`` nor ``compute`` is given.
DEFAULT_ACTORS = 2


def grade(
    ds: "ray.data.Dataset",
    *,
    gold: str,
    response: Optional[str] = None,
    answer: Optional[str] = None,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
    batch_size: Optional[int] = 1024,
    actors: Optional[int] = None,
    compute: Optional[Any] = None,
    prefix: str = "",
) -> "ray.data.Dataset":
    """``ds`` with each row graded: columns ``equivalent`` (bool), ``verdict``, ``reason`` and ``extracted`` added.

    Lazy, as every Ray Data transform: nothing runs until the dataset is consumed. The verdicts are those of
    :func:`mathcurate.grade_batch` on the same values, whatever the batching and the number of actors.

    Args:
        ds: the rows. The gold column may hold strings, numbers, or lists of them (equivalent to any).
        gold: the name of the gold answer column.
        response: the name of a column of whole model responses (their final answers are found first), or
        answer: the name of a column of final answers. Pass exactly one of ``response`` and ``answer``.
        policy, strict, tolerance, rounded_decimals: as in :func:`mathcurate.grade`.
        batch_size: rows per ``grade_batch`` call (``map_batches``' ``batch_size``).
        actors: the size of the actor pool (default 2); each actor holds one CPU and grades on one thread.
        compute: instead of ``actors``, a Ray Data compute strategy, e.g.
            ``ray.data.ActorPoolStrategy(min_size=1, max_size=16)`` for an autoscaling pool.
        prefix: put before the added columns' names (``prefix="math_"`` gives ``math_verdict``, ...). Existing columns
            of those names are replaced.

    Returns:
        The graded dataset: the input's columns, then the four added ones. ``extracted`` is null when no final
        answer was found in a response.

    Raises:
        TypeError, ValueError: bad arguments, at once (no data is read and the library is not loaded).
        KeyError: a column that the dataset's known schema lacks.

        While the dataset runs, a row with a null gold (or an empty list of golds) fails the job with the
        ``ValueError`` that :func:`mathcurate.grade_batch` raises for a None gold, and a null answer or response
        with its ``TypeError``: drop or fill such rows first (``ds.filter(expr="is_valid(answer)")``). Ray raises
        it as a ``ray.exceptions.UserCodeException`` (a ``RayTaskError``) holding the message.

    Parallelism comes from blocks: give the dataset at least as many blocks as actors (``override_num_blocks=`` when
    reading, or ``ds.repartition(n)``). Each actor holds one CPU for the whole job, so on a small cluster the
    operators after this one (even a ``select_columns``) wait for CPUs: leave some free, or consume the graded
    blocks as they are.

    Example::

        >>> graded = mathcurate.ray.grade(ds, gold="solution", response="completion", policy="deepscaler", actors=8)
        >>> graded.write_parquet("s3://bucket/graded/")
    """
    import ray.data

    columns = GradeColumns.of(gold, response, answer, policy, strict, tolerance, rounded_decimals, prefix)
    if actors is not None and compute is not None:
        raise TypeError("pass actors= or compute=, not both")
    if actors is not None and (isinstance(actors, bool) or not isinstance(actors, int) or actors < 1):
        raise ValueError(f"actors must be a positive int, got {actors!r}")
    schema = ds.schema(fetch_if_missing=False)
    if schema is not None:
        for what, name in (("gold", columns.gold), (columns.candidate_kind, columns.candidate)):
            if name not in schema.names:
                raise KeyError(f"no {what} column {name!r}; the dataset's columns are {schema.names}")
    if compute is None:
        compute = ray.data.ActorPoolStrategy(size=actors or DEFAULT_ACTORS)
    return ds.map_batches(
        _GradeBatch,
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=compute,
        fn_constructor_kwargs={"columns": columns},
    )


class _GradeBatch:
    """The ``map_batches`` callable: loads the library once per actor, then grades each ``pyarrow.Table`` batch."""

    def __init__(self, columns: GradeColumns) -> None:
        from mathcurate._grading import grading_options

        self.columns = columns
        # Load the library and build the options block now, once per actor, not in the first batch.
        grading_options(columns.policy, columns.strict, columns.tolerance, columns.rounded_decimals)

    def __call__(self, batch: "pa.Table") -> "pa.Table":
        from mathcurate._arrow import grade_arrow

        return grade_arrow(batch, self.columns, threads=1)
