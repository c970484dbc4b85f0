"""verl reward functions: ``compute_score`` (sync, one sample or a batch) and ``compute_score_async``.

Point verl at this file::

    reward.custom_reward_function.path=$(python -c "import mathcurate.verl as m; print(m.__file__)")
    reward.custom_reward_function.name=compute_score          # or compute_score_async
    +reward.custom_reward_function.reward_kwargs.policy=deepscaler   # optional

(verl versions that know ``pkg://`` paths also take ``path=pkg://mathcurate.verl``.) verl loads the file by path,
not as ``mathcurate.verl``, so this module imports only absolute names.

verl calls ``compute_score(data_source=, solution_str=, ground_truth=, extra_info=, **reward_kwargs)`` once per
sample (in a thread pool when the function is sync; ``reward_router_address=`` and ``reward_model_tokenizer=`` are
added when a reward model is configured), and its legacy ``batch`` reward manager calls
``compute_score(data_sources=, solution_strs=, ground_truths=, extra_infos=, **reward_kwargs)`` once per batch and
expects a list. Both shapes land here. The result is ``{"score": 1.0 | 0.0, "acc": bool, "pred": extracted answer}``;
verl uses ``score`` as the reward and logs the other keys.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional, Sequence, TypedDict, Union

from mathcurate import GradeResult, Policy, PolicyName, grade, grade_batch
from mathcurate._binding import POLICY_DEEPSCALER, scrub
from mathcurate._grading import check_options, gold_texts
from mathcurate._remote import post_grade, server_url

__all__ = ["Score", "compute_score", "compute_score_async"]


class Score(TypedDict):
    """One sample's score as verl reads it."""

    score: float
    acc: bool
    pred: str


def compute_score(
    data_source: Any = None,
    solution_str: Optional[str] = None,
    ground_truth: Any = None,
    extra_info: Any = None,
    *,
    data_sources: Optional[Sequence[Any]] = None,
    solution_strs: Optional[Sequence[str]] = None,
    ground_truths: Optional[Sequence[Any]] = None,
    extra_infos: Optional[Sequence[Any]] = None,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
    threads: int = 0,
    **kwargs: Any,
) -> Union[Score, List[Score]]:
    """Scores a model response (or a batch of them) against the gold answer: 1.0 when equivalent, else 0.0.

    Args:
        data_source, extra_info: verl's columns; not used for grading.
        solution_str: the decoded response.
        ground_truth: ``reward_model.ground_truth``: a string, a number, or a list of them (equivalent to any).
        data_sources, solution_strs, ground_truths, extra_infos: the batch form (verl's ``batch`` reward manager);
            when ``solution_strs`` is given the result is a list.
        policy, strict, tolerance, rounded_decimals: grading options (see :func:`mathcurate.grade`), settable through
            ``reward_kwargs``.
        threads: threads for the batch form (0: one per core).
        **kwargs: anything else verl passes (``reward_router_address``, ``reward_model_tokenizer``, ...); ignored.

    Returns:
        ``{"score": float, "acc": bool, "pred": str}`` (``pred`` is the extracted answer, ``""`` when none was
        found), or a list of them for the batch form.

    Raises:
        TypeError, ValueError: a missing response or gold (None), or arguments of the wrong shape.

    Example::

        >>> compute_score(data_source="math", solution_str="... \\\\boxed{12}", ground_truth="12", extra_info={})
        {'score': 1.0, 'acc': True, 'pred': '12'}
    """
    if _is_batch(solution_str, ground_truth, solution_strs, ground_truths):
        results = grade_batch(
            _required(ground_truths, "ground_truths"), responses=_required(solution_strs, "solution_strs"),
            threads=threads, policy=policy, strict=strict, tolerance=tolerance, rounded_decimals=rounded_decimals,
        )
        return [_score(r) for r in results]
    if solution_str is None:
        raise TypeError("compute_score needs solution_str= (one response) or solution_strs= (a batch)")
    return _score(grade(ground_truth, response=solution_str, policy=policy, strict=strict, tolerance=tolerance,
                        rounded_decimals=rounded_decimals))


async def compute_score_async(
    data_source: Any = None,
    solution_str: Optional[str] = None,
    ground_truth: Any = None,
    extra_info: Any = None,
    *,
    data_sources: Optional[Sequence[Any]] = None,
    solution_strs: Optional[Sequence[str]] = None,
    ground_truths: Optional[Sequence[Any]] = None,
    extra_infos: Optional[Sequence[Any]] = None,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
    threads: int = 0,
    **kwargs: Any,
) -> Union[Score, List[Score]]:
    """:func:`compute_score` as a coroutine, grading on a server when ``$MATHCURATE_URL`` is set.

    With ``MATHCURATE_URL=http://host:port`` the samples are POSTed to ``$MATHCURATE_URL/grade`` (one request per
    call; ``Authorization: Bearer $MATHCURATE_TOKEN`` when that is set), from a worker thread so the event loop keeps
    running. Each item carries the grading keywords given here (``policy``, ``strict``, ``tolerance``,
    ``rounded_decimals``), so the server grades as the in-process path would, whatever options it was started with.
    Without the variable the grading runs in-process in a worker thread (the native call releases the GIL).

    Raises:
        RemoteGradingError: the server failed or rejected an item.

    Example::

        >>> import asyncio
        >>> asyncio.run(compute_score_async(data_source="math", solution_str="\\\\boxed{3}", ground_truth="3"))
        {'score': 1.0, 'acc': True, 'pred': '3'}
    """
    url = server_url()
    if url is None:
        return await asyncio.to_thread(
            compute_score, data_source, solution_str, ground_truth, extra_info,
            data_sources=data_sources, solution_strs=solution_strs, ground_truths=ground_truths,
            extra_infos=extra_infos, policy=policy, strict=strict, tolerance=tolerance,
            rounded_decimals=rounded_decimals, threads=threads, **kwargs,
        )
    batch = _is_batch(solution_str, ground_truth, solution_strs, ground_truths)
    if batch:
        golds = list(_required(ground_truths, "ground_truths"))
        responses = list(_required(solution_strs, "solution_strs"))
        if len(golds) != len(responses):
            raise ValueError(f"{len(golds)} ground_truths but {len(responses)} solution_strs")
    else:
        if solution_str is None:
            raise TypeError("compute_score_async needs solution_str= (one response) or solution_strs= (a batch)")
        golds, responses = [ground_truth], [solution_str]
    options = _remote_options(policy, strict, tolerance, rounded_decimals)
    items = [_item(i, gold, response, options) for i, (gold, response) in enumerate(zip(golds, responses))]
    results = await asyncio.to_thread(post_grade, url, items)
    scores = [_score(r) for r in results]
    return scores if batch else scores[0]


def _is_batch(solution_str: Any, ground_truth: Any, solution_strs: Any, ground_truths: Any) -> bool:
    plural = solution_strs is not None or ground_truths is not None
    if plural and (solution_str is not None or ground_truth is not None):
        raise TypeError("pass either solution_str=/ground_truth= (one sample) or solution_strs=/ground_truths= (a batch)")
    return plural


def _required(values: Optional[Sequence[Any]], name: str) -> Sequence[Any]:
    if values is None:
        raise TypeError(f"the batch form needs {name}=")
    return values


def _remote_options(policy: Union[Policy, PolicyName], strict: bool, tolerance: Optional[float],
                    rounded_decimals: bool) -> Dict[str, Any]:
    """The grading keywords as a ``/grade`` item's ``options``, checked as the in-process path checks them."""
    code, strict_flag, rounded, relative = check_options(policy, strict, tolerance, rounded_decimals)
    name = Policy.DEEPSCALER.value if code == POLICY_DEEPSCALER else Policy.STANDARD.value
    return {"policy": name, "strict": strict_flag, "rounded_decimals": rounded, "tolerance": relative or None}


def _item(index: int, gold: Any, response: Any, options: Dict[str, Any]) -> Dict[str, Any]:
    if not isinstance(response, str):
        raise TypeError(f"solution_strs[{index}] must be a string, got {type(response).__name__}")
    # Lone surrogates become U+FFFD, as the library reads them in-process (JSON cannot carry them).
    texts = [scrub(t) for t in gold_texts(gold, f"ground_truths[{index}]")]
    return {"id": index, "gold": texts[0] if len(texts) == 1 else texts, "response": scrub(response), "options": options}


def _score(result: GradeResult) -> Score:
    return {"score": 1.0 if result.equivalent else 0.0, "acc": result.equivalent, "pred": result.extracted or ""}
