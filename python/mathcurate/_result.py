"""The result type of grading, and the names of verdicts and policies."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import Any, Dict, Literal, Optional

__all__ = ["GradeResult", "Policy", "Verdict", "PolicyName"]

#: A verdict: the answers are ``"equivalent"``, ``"different"``, or the grader could not decide (``"undecided"``).
Verdict = Literal["equivalent", "different", "undecided"]

#: The policy names accepted wherever a :class:`Policy` is.
PolicyName = Literal["standard", "deepscaler"]

# Python 3.10 added slots to dataclasses; on 3.9 the class works the same, with a __dict__.
_SLOTS: Dict[str, Any] = {"slots": True} if sys.version_info >= (3, 10) else {}


class Policy(str, enum.Enum):
    """How the final answer is found in a model response.

    - ``STANDARD``: the last ``\\boxed{}`` (nearby boxes joined), then "final answer is", then the last math span,
      then the last number.
    - ``DEEPSCALER``: DeepScaleR's reward: only the text after ``</think>``, and only a ``\\boxed{}`` there.

    Example::

        >>> Policy("deepscaler") is Policy.DEEPSCALER
        True
    """

    STANDARD = "standard"
    DEEPSCALER = "deepscaler"


@dataclass(frozen=True, **_SLOTS)
class GradeResult:
    """The grade of one answer (or model response) against its gold answer.

    Attributes:
        equivalent: True when the answer is equivalent to the gold (``verdict == "equivalent"``).
        verdict: ``"equivalent"``, ``"different"`` or ``"undecided"``.
        reason: the strategy that proved the equivalence (e.g. ``"exact value"``), or why not.
        extracted: the final answer that was graded: the one found in a response, or the answer as given; None when
            no final answer was found in the response.

    Example::

        >>> import mathcurate
        >>> r = mathcurate.grade("42", response="so the answer is \\\\boxed{42}")
        >>> (r.equivalent, r.verdict, r.extracted, r.no_answer)
        (True, 'equivalent', '42', False)
    """

    equivalent: bool
    verdict: Verdict
    reason: str
    extracted: Optional[str]

    @property
    def no_answer(self) -> bool:
        """True when no final answer was found in the response (the reward's "no answer", a format error)."""
        return self.extracted is None
