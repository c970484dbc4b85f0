"""Grading Arrow batches: the part that Ray Data's ``map_batches`` and Spark's ``mapInArrow`` share.

Private; the API is :mod:`mathcurate.ray` and :mod:`mathcurate.spark`. pyarrow is imported only when a batch is
graded, so importing this module costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Tuple, TypeVar, Union

from mathcurate._grading import check_options, grade_batch
from mathcurate._result import Policy, PolicyName

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["RESULT_COLUMNS", "GradeColumns", "grade_arrow"]

#: The columns grading adds, in order (each after the optional prefix).
RESULT_COLUMNS: Tuple[str, str, str, str] = ("equivalent", "verdict", "reason", "extracted")

Batch = TypeVar("Batch", "pa.Table", "pa.RecordBatch")


@dataclass(frozen=True)
class GradeColumns:
    """What to grade in a table: its gold and candidate columns, the grading options and the output columns' prefix.

    Build it with :meth:`of`, which checks everything that can be checked without data or the library. Plain data,
    so it pickles to Ray actors and Spark workers.
    """

    gold: str
    candidate: str
    is_response: bool
    policy: Union[Policy, PolicyName]
    strict: bool
    tolerance: Optional[float]
    rounded_decimals: bool
    prefix: str

    @classmethod
    def of(
        cls,
        gold: str,
        response: Optional[str],
        answer: Optional[str],
        policy: Union[Policy, PolicyName],
        strict: bool,
        tolerance: Optional[float],
        rounded_decimals: bool,
        prefix: str,
    ) -> "GradeColumns":
        """Checks the arguments of an engine's ``grade`` (no library load) and returns them as one value.

        Raises:
            TypeError: not exactly one of ``response`` and ``answer``, or a column name or prefix that is not a
                string, or an option of the wrong type.
            ValueError: an unknown policy or a tolerance outside [0, 1).
        """
        if (response is None) == (answer is None):
            raise TypeError("pass exactly one of response= or answer= (the column to grade)")
        candidate = response if response is not None else answer
        for what, name in (("gold", gold), ("response" if response is not None else "answer", candidate),
                           ("prefix", prefix)):
            if not isinstance(name, str):
                raise TypeError(f"{what} must be a column name (a string), got {type(name).__name__}")
        check_options(policy, strict, tolerance, rounded_decimals)
        assert candidate is not None
        return cls(gold, candidate, response is not None, policy, bool(strict), tolerance, bool(rounded_decimals),
                   prefix)

    @property
    def candidate_kind(self) -> str:
        """``"response"`` or ``"answer"``: what the candidate column holds."""
        return "response" if self.is_response else "answer"

    @property
    def output_names(self) -> Tuple[str, ...]:
        """The names of the added columns: ``equivalent``, ``verdict``, ``reason``, ``extracted`` after the prefix."""
        return tuple(self.prefix + name for name in RESULT_COLUMNS)


def grade_arrow(batch: Batch, columns: GradeColumns, *, threads: int = 1, large_strings: bool = False) -> Batch:
    """``batch`` (a ``pyarrow.Table`` or ``RecordBatch``) with the grade of each row in four columns at its end.

    Columns of the same names already in ``batch`` are replaced. ``equivalent`` is a bool, ``verdict`` and
    ``reason`` strings, ``extracted`` a string that is null when no final answer was found in a response.

    Args:
        batch: the rows; the gold column may hold strings, numbers, or lists of them.
        columns: what to grade (see :class:`GradeColumns`).
        threads: grading threads for :func:`mathcurate.grade_batch` (engines run one per worker: 1).
        large_strings: write the string columns as ``large_string`` (64-bit offsets) rather than ``string``.

    Raises:
        KeyError: a column is missing.
        ValueError: a null gold (or a list of golds that is empty or holds a null), as :func:`grade_batch` raises.
        TypeError: a null answer or response, or a value of the wrong type, as :func:`grade_batch` raises.

    - Complexity: one pass to convert the two columns to Python, one :func:`grade_batch` call, one pass per output.
    """
    import pyarrow as pa

    golds = _values(batch, columns.gold, "gold", ValueError)
    candidates = _values(batch, columns.candidate, columns.candidate_kind, TypeError)
    results = grade_batch(
        golds,
        responses=candidates if columns.is_response else None,
        answers=None if columns.is_response else candidates,
        threads=threads,
        policy=columns.policy,
        strict=columns.strict,
        tolerance=columns.tolerance,
        rounded_decimals=columns.rounded_decimals,
    )
    text = pa.large_string() if large_strings else pa.string()
    arrays = (
        pa.array([r.equivalent for r in results], pa.bool_()),
        pa.array([r.verdict for r in results], text),
        pa.array([r.reason for r in results], text),
        pa.array([r.extracted for r in results], text),
    )
    names = columns.output_names
    schema = batch.schema
    kept = [i for i, name in enumerate(schema.names) if name not in names]
    fields = [schema.field(i) for i in kept]
    fields += [pa.field(name, array.type, nullable=(name == names[3])) for name, array in zip(names, arrays)]
    maker = pa.Table if isinstance(batch, pa.Table) else pa.RecordBatch
    return maker.from_arrays([batch.column(i) for i in kept] + list(arrays),
                             schema=pa.schema(fields, metadata=schema.metadata))


def _values(batch: Any, name: str, what: str, null_error: type) -> List[Any]:
    """The Python values of column ``name``; a null raises ``null_error`` (what :func:`grade_batch` would raise)."""
    index = batch.schema.get_field_index(name)
    if index < 0:
        raise KeyError(f"no {what} column {name!r}; the columns are {batch.schema.names}")
    column = batch.column(index)
    values: List[Any] = column.to_pylist()
    if column.null_count:
        row = values.index(None)
        raise null_error(
            f"the {what} column {name!r} is null at row {row} of a batch of {len(values)}: rows without {what}s "
            f"cannot be graded; drop or fill them first"
        )
    return values
