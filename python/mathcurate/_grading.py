"""grade, verify and grade_batch: the Python face of libmathcurate's grader."""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, Iterable, List, Optional, Sequence, Tuple, Union

from mathcurate import _binding
from mathcurate._result import GradeResult, Policy, PolicyName

__all__ = ["GoldLike", "AnswerLike", "grade", "grade_batch", "verify", "version"]

#: A final answer: text, or a number (written with ``str()``).
AnswerLike = Union[str, int, float]
#: A gold answer: an answer, or a list of them meaning "equivalent to any".
GoldLike = Union[AnswerLike, Sequence[AnswerLike]]

_POLICY_CODES = {Policy.STANDARD: _binding.POLICY_STANDARD, Policy.DEEPSCALER: _binding.POLICY_DEEPSCALER}
_MAX_THREADS = 2**31 - 1


def version() -> str:
    """The native library's version, e.g. ``"0.6.0"`` (loads the library).

    Example::

        >>> import mathcurate
        >>> mathcurate.version()
        '0.6.0'
    """
    return _binding.version()


def grade(
    gold: GoldLike,
    answer: Optional[AnswerLike] = None,
    response: Optional[str] = None,
    *,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
) -> GradeResult:
    """Grades a final answer, or a whole model response, against a gold answer.

    Args:
        gold: the gold answer (LaTeX or plain text, or a number), or a list of them: the answer is equivalent when it
            is equivalent to any (the first equivalent grade wins, else the first undecided one, else the first).
        answer: a final answer, graded as written.
        response: a whole model response; its final answer is found first (see ``policy``). Pass exactly one of
            ``answer`` and ``response``.
        policy: ``"standard"`` (last ``\\boxed{}``, then "final answer is", then the last math span or number) or
            ``"deepscaler"`` (only a ``\\boxed{}`` after ``</think>``).
        strict: only boxed answers count when extracting from a response.
        tolerance: accept numbers within this relative tolerance, in [0, 1); None or 0 means exact only.
        rounded_decimals: accept a terminating decimal that is a correct rounding of the exact value.

    Returns:
        The :class:`GradeResult`.

    Raises:
        TypeError: a value of the wrong type, or not exactly one of ``answer`` and ``response``.
        ValueError: a missing (None) gold or an empty list of golds, or an option out of range.
        LibraryNotFoundError: the native library cannot be loaded.

    An empty or blank gold string grades as undecided (``"gold answer is empty"``): a missing label rewards nothing.

    Example::

        >>> import mathcurate
        >>> mathcurate.grade("\\\\frac{1}{2}", answer="0.5").verdict
        'equivalent'
        >>> mathcurate.grade(["6", "x=6"], response="... so \\\\boxed{x = 6}").equivalent
        True
    """
    if (answer is None) == (response is None):
        raise TypeError("pass exactly one of answer= or response=")
    golds = gold_texts(gold)
    options = grading_options(policy, strict, tolerance, rounded_decimals)
    if response is not None:
        candidate = _binding.encode(_response_text(response, "response"))
    else:
        candidate = _binding.encode(answer_text(answer, "answer"))
    is_response = response is not None
    if len(golds) == 1:
        return _binding.grade_one(options, _binding.encode(golds[0]), candidate, is_response)
    return _best(_binding.grade_batch(options, _binding.encode_all(golds), [candidate] * len(golds), is_response, 1))


def verify(gold: GoldLike, answer: AnswerLike, *, tolerance: Optional[float] = None,
           rounded_decimals: bool = False) -> bool:
    """True when ``answer`` is equivalent to ``gold`` (Math-Verify's ``verify(gold, target)``, gold first).

    Example::

        >>> import mathcurate
        >>> mathcurate.verify("42", "41")
        False
    """
    return grade(gold, answer=answer, tolerance=tolerance, rounded_decimals=rounded_decimals).equivalent


def grade_batch(
    golds: Sequence[GoldLike],
    responses: Optional[Sequence[str]] = None,
    answers: Optional[Sequence[AnswerLike]] = None,
    *,
    threads: int = 0,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
) -> List[GradeResult]:
    """Grades many pairs in one native call, on ``threads`` threads, results in input order.

    Args:
        golds: one gold answer (or list of them) per pair.
        responses: whole model responses, one per gold. Pass exactly one of ``responses`` and ``answers``.
        answers: final answers, one per gold.
        threads: worker threads; 0 uses one per core. The results are the same for any count. The call releases
            the GIL, so other Python threads keep running.
        policy, strict, tolerance, rounded_decimals: as in :func:`grade`.

    Returns:
        One :class:`GradeResult` per pair.

    Raises:
        TypeError, ValueError: as in :func:`grade`, naming the position of a bad item; or lengths that differ.

    - Complexity: one pass to pack the texts, one native call, one pass to read the results.

    Example::

        >>> import mathcurate
        >>> [r.verdict for r in mathcurate.grade_batch(["1/2", "3"], answers=["0.5", "4"])]
        ['equivalent', 'different']
    """
    if (responses is None) == (answers is None):
        raise TypeError("pass exactly one of responses= or answers=")
    options = grading_options(policy, strict, tolerance, rounded_decimals)
    if isinstance(threads, bool) or not isinstance(threads, int):
        raise TypeError(f"threads must be an int, got {type(threads).__name__}")
    if not 0 <= threads <= _MAX_THREADS:
        raise ValueError(f"threads must be 0 (one per core) or a positive count, got {threads}")
    gold_items = _as_list(golds, "golds")
    is_response = responses is not None
    if is_response:
        candidates = _as_list(responses, "responses")
        if not all(type(c) is str for c in candidates):
            candidates = [_response_text(c, f"responses[{i}]") for i, c in enumerate(candidates)]
    else:
        candidates = _as_list(answers, "answers")
        if not all(type(c) is str for c in candidates):
            candidates = [answer_text(c, f"answers[{i}]") for i, c in enumerate(candidates)]
    if len(gold_items) != len(candidates):
        raise ValueError(f"{len(gold_items)} golds but {len(candidates)} {'responses' if is_response else 'answers'}")
    encoded = _binding.encode_all(candidates)

    if all(type(g) is str for g in gold_items):
        gold_bytes = _binding.encode_all(gold_items)
        return _binding.grade_batch(options, gold_bytes, encoded, is_response, threads)

    # Lists of golds: one pair per gold, then the best grade of each item's pairs.
    pair_golds: List[bytes] = []
    pair_candidates: List[bytes] = []
    ends: List[int] = []
    for i, (gold, candidate) in enumerate(zip(gold_items, encoded)):
        texts = gold_texts(gold, f"golds[{i}]")
        pair_golds.extend(_binding.encode(t) for t in texts)
        pair_candidates.extend([candidate] * len(texts))
        ends.append(len(pair_golds))
    graded = _binding.grade_batch(options, pair_golds, pair_candidates, is_response, threads)
    results: List[GradeResult] = []
    start = 0
    for end in ends:
        results.append(graded[start] if end - start == 1 else _best(graded[start:end]))
        start = end
    return results


def grading_options(
    policy: Union[Policy, PolicyName, str], strict: bool, tolerance: Optional[float], rounded_decimals: bool
) -> _binding.Options:
    """The native options block for these arguments, checked (one block per distinct combination, shared).

    Raises:
        ValueError: an unknown policy or a tolerance outside [0, 1).
        TypeError: arguments of the wrong type.
    """
    return _options_block(*check_options(policy, strict, tolerance, rounded_decimals))


def check_options(
    policy: Union[Policy, PolicyName, str], strict: bool, tolerance: Optional[float], rounded_decimals: bool
) -> Tuple[int, bool, bool, float]:
    """Checks grading options without loading the library: (policy code, strict, rounded decimals, tolerance).

    Raises:
        ValueError: an unknown policy or a tolerance outside [0, 1).
        TypeError: arguments of the wrong type.
    """
    if isinstance(policy, Policy):
        named = policy
    elif isinstance(policy, str):
        try:
            named = Policy(policy.lower())
        except ValueError:
            raise ValueError(f"policy must be 'standard' or 'deepscaler', got {policy!r}") from None
    else:
        raise TypeError(f"policy must be a string or mathcurate.Policy, got {type(policy).__name__}")
    for name, flag in (("strict", strict), ("rounded_decimals", rounded_decimals)):
        if not isinstance(flag, (bool, int)):
            raise TypeError(f"{name} must be a bool, got {type(flag).__name__}")
    if tolerance is None:
        relative = 0.0
    elif isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real):
        raise TypeError(f"tolerance must be a number or None, got {type(tolerance).__name__}")
    else:
        relative = float(tolerance)
        if not (math.isfinite(relative) and 0.0 <= relative < 1.0):
            raise ValueError(f"tolerance must be in [0, 1), got {tolerance!r}")
    return _POLICY_CODES[named], bool(strict), bool(rounded_decimals), relative


@lru_cache(maxsize=64)
def _options_block(policy: int, strict: bool, rounded_decimals: bool, tolerance: float) -> _binding.Options:
    # Read-only once made, so one block serves every thread.
    return _binding.make_options(policy, strict, rounded_decimals, tolerance)


def answer_text(value: object, what: str = "answer") -> str:
    """The text of an answer: a string as is, a number with ``str()``.

    Raises:
        TypeError: for None, bools and anything that is not a string or a real number.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Number) and not isinstance(value, (bool, complex)):
        return str(value)
    raise TypeError(f"{what} must be a string or a number, got {type(value).__name__}")


def gold_texts(gold: object, what: str = "gold") -> List[str]:
    """The gold answers of ``gold``: one for a string or number, several for a list (or tuple, or array) of them.

    Raises:
        ValueError: ``gold`` is None, an empty list, or a list holding None.
        TypeError: anything else that is not a string, a number or a list of them.
    """
    if gold is None:
        raise ValueError(f"{what} is None: every pair needs a gold answer")
    if isinstance(gold, (str, numbers.Number)):
        return [answer_text(gold, what)]
    if isinstance(gold, (bytes, bytearray, Mapping)) or not isinstance(gold, Iterable):
        raise TypeError(f"{what} must be a string, a number or a list of them, got {type(gold).__name__}")
    items = gold.tolist() if hasattr(gold, "tolist") else gold  # numpy arrays (verl hands list columns as arrays)
    if not isinstance(items, (list, tuple)):
        items = [items]
    texts = []
    for j, item in enumerate(items):
        if item is None:
            raise ValueError(f"{what}[{j}] is None")
        texts.append(answer_text(item, f"{what}[{j}]"))
    if not texts:
        raise ValueError(f"{what} is an empty list: every pair needs a gold answer")
    return texts


def _response_text(value: object, what: str) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"{what} must be a string (a whole model response), got {type(value).__name__}")


def _as_list(values: object, what: str) -> List[Any]:
    if isinstance(values, list):
        return values
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(f"{what} must be a sequence (one per pair), got {type(values).__name__}")
    return list(values)


def _best(results: Sequence[GradeResult]) -> GradeResult:
    """The grade against several golds: the first equivalent, else the first undecided, else the first."""
    for result in results:
        if result.equivalent:
            return result
    for result in results:
        if result.verdict == "undecided":
            return result
    return results[0]
