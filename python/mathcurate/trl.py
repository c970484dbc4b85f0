"""TRL reward functions: ``accuracy_reward`` for ``GRPOTrainer(reward_funcs=[accuracy_reward])``.

A drop-in for ``trl.rewards.accuracy_reward`` (same arguments, same kind of values): 1.0 when the completion's boxed
final answer is equivalent to the ``solution`` column, 0.0 when not, None (TRL skips the sample) when the gold answer
is missing or cannot be read. Like TRL's own, it never takes a bare number from the text as the answer ("It has 3
parts." is not an answer of 3): only a ``\\boxed{}`` counts (``strict``); TRL's also reads LaTeX after an anchor such as
"final answer is $3$", which this one does not. ``AccuracyReward(strict=False)`` reads answers by the standard policy
(last box, then "final answer is", then the last math span or number). Unlike Math-Verify it needs no signal-based
timeouts, so it grades the same in any thread.

GRPOTrainer calls ``reward_func(prompts=, completions=, completion_ids=, **columns)`` with every dataset column
(``solution`` among them) plus ``trainer_state``, ``log_extra`` and ``log_metric``. Completions are strings, or, in
conversational datasets, lists of ``{"role", "content"}`` messages, read as ``completion[0]["content"]`` as TRL's
own ``accuracy_reward`` does.
"""

from __future__ import annotations

from typing import Any, Callable, List, Mapping, Optional, Sequence, Union

from mathcurate import GradeResult, Policy, PolicyName, grade_batch
from mathcurate._grading import check_options

__all__ = ["AccuracyReward", "accuracy_reward", "completion_text"]

Completion = Union[str, Sequence[Mapping[str, Any]]]


class AccuracyReward:
    """An ``accuracy_reward`` with other grading options; picklable (TRL may send reward functions to a process).

    Example::

        >>> reward = AccuracyReward(policy="deepscaler")
        >>> reward(["<think>...</think> \\\\boxed{2}"], solution=["2"])
        [1.0]
    """

    __name__ = "accuracy_reward"  # TRL names the reward's log columns after it

    def __init__(self, *, policy: Union[Policy, PolicyName] = "standard", strict: bool = True,
                 tolerance: Optional[float] = None, rounded_decimals: bool = False, threads: int = 0) -> None:
        check_options(policy, strict, tolerance, rounded_decimals)  # fail now, not mid-training (no library load)
        self.policy = policy
        self.strict = strict
        self.tolerance = tolerance
        self.rounded_decimals = rounded_decimals
        self.threads = threads

    def __call__(self, completions: Sequence[Completion], solution: Sequence[Any],
                 log_extra: Optional[Callable[[str, List[Any]], None]] = None, **kwargs: Any) -> List[Optional[float]]:
        """Rewards for ``completions`` against ``solution`` (one gold per completion)."""
        contents = [completion_text(c, i) for i, c in enumerate(completions)]
        golds = list(solution)
        if len(golds) != len(contents):
            raise ValueError(f"{len(contents)} completions but {len(golds)} solutions")
        # A missing gold cannot be read: skip the sample, as TRL does for a gold Math-Verify cannot parse.
        present = [i for i, g in enumerate(golds) if g is not None]
        graded = grade_batch(
            [golds[i] for i in present], responses=[contents[i] for i in present], threads=self.threads,
            policy=self.policy, strict=self.strict, tolerance=self.tolerance, rounded_decimals=self.rounded_decimals,
        )
        results: List[Optional[GradeResult]] = [None] * len(golds)
        for i, result in zip(present, graded):
            results[i] = result
        if log_extra is not None:
            log_extra("solution", [str(g) for g in golds])
            log_extra("extracted", [r.extracted if r is not None and r.extracted is not None else "" for r in results])
        return [_reward(r) for r in results]


def accuracy_reward(completions: Sequence[Completion], solution: Sequence[Any],
                    log_extra: Optional[Callable[[str, List[Any]], None]] = None, **kwargs: Any) -> List[Optional[float]]:
    """1.0 when a completion's final answer is equivalent to its solution, 0.0 when not, None when the gold is unreadable.

    Args:
        completions: strings, or lists of ``{"role", "content"}`` messages (the first message's content is graded).
        solution: the gold answers (the dataset's ``solution`` column): strings, numbers, or lists of them.
        log_extra: TRL's callback for extra columns of the completions table (``solution``, ``extracted``).
        **kwargs: the other columns and trainer arguments TRL passes; ignored.

    Returns:
        One reward per completion: 1.0, 0.0, or None (the gold is missing or does not parse).

    Example::

        >>> accuracy_reward([[{"role": "assistant", "content": "\\\\boxed{\\\\frac{1}{3}}"}], "\\\\boxed{1/2}"],
        ...                 ["\\\\frac{1}{3}", "\\\\frac{1}{3}"])
        [1.0, 0.0]
    """
    return _DEFAULT(completions, solution, log_extra=log_extra, **kwargs)


def completion_text(completion: Completion, index: int = 0) -> str:
    """The text of a completion: a string as is, a conversation's ``completion[0]["content"]`` (as TRL reads it).

    Content given as a list of parts (``[{"type": "text", "text": ...}]``) is joined.
    """
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Mapping):
        message: Any = completion
    elif isinstance(completion, Sequence) and len(completion) > 0:
        message = completion[0]
    else:
        raise TypeError(f"completions[{index}] must be a string or a non-empty list of messages")
    if not isinstance(message, Mapping) or "content" not in message:
        raise TypeError(f"completions[{index}] must hold messages with a \"content\" key")
    content = message["content"]
    if isinstance(content, str):
        return content
    if isinstance(content, Sequence):
        return "".join(part.get("text", "") for part in content if isinstance(part, Mapping))
    raise TypeError(f"completions[{index}] has content of type {type(content).__name__}")


def _reward(result: Optional[GradeResult]) -> Optional[float]:
    if result is None:
        return None
    if result.verdict == "undecided" and result.reason.startswith("gold answer"):
        return None  # "gold answer does not parse", "... has syntax errors", "... is empty"
    return 1.0 if result.equivalent else 0.0


_DEFAULT = AccuracyReward()
