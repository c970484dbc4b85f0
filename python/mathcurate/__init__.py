"""MathCurate's answer grader for Python: is a model's final answer equivalent to the gold answer?

The grading runs in libmathcurate (Swift, behind a C ABI), loaded through ctypes on first use: bounded by step and
size budgets rather than timers, so the same input always gives the same verdict, in any thread.

Example::

    >>> import mathcurate
    >>> mathcurate.grade("\\\\frac{1}{2}", answer="0.5")
    GradeResult(equivalent=True, verdict='equivalent', reason='exact value', extracted='0.5')
    >>> mathcurate.verify("42", "41")
    False
    >>> [r.equivalent for r in mathcurate.grade_batch(["3", "4"], responses=["\\\\boxed{3}", "It is 5."])]
    [True, False]

Trainer adapters: :mod:`mathcurate.verl` (``compute_score``), :mod:`mathcurate.trl` (``accuracy_reward``) and
:mod:`mathcurate.openrlhf` (``reward_func``). Engines: :mod:`mathcurate.ray` and :mod:`mathcurate.spark` (``grade``
adds verdict columns to a Ray Dataset or a Spark DataFrame).
"""

from mathcurate._grading import AnswerLike, GoldLike, grade, grade_batch, verify, version
from mathcurate._result import GradeResult, Policy, PolicyName, Verdict
from mathcurate.errors import (
    ABIMismatchError,
    InvalidArgumentError,
    LibraryNotFoundError,
    MathCurateError,
    RemoteGradingError,
)

__version__ = "0.6.0"

__all__ = [
    "ABIMismatchError",
    "AnswerLike",
    "GoldLike",
    "GradeResult",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "MathCurateError",
    "Policy",
    "PolicyName",
    "RemoteGradingError",
    "Verdict",
    "grade",
    "grade_batch",
    "verify",
    "version",
]
