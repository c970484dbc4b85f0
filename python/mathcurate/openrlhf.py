"""OpenRLHF reward file: ``reward_func(queries, prompts, labels, **kwargs)``.

Two ways to reward with MathCurate in OpenRLHF:

- the server: ``curate serve --port 8000`` and ``--reward.remote_url http://127.0.0.1:8000/get_reward``
  (``--remote_rm_url`` before OpenRLHF 0.10.2);
- this file: ``--reward.remote_url $(python -c "import mathcurate.openrlhf as m; print(m.__file__)")`` with
  ``--data.label_key <answer column>``. OpenRLHF loads a value ending in ``.py`` with
  ``importlib.util.spec_from_file_location("reward_func", path)`` and takes its ``reward_func``, so this module uses
  only absolute imports.

What OpenRLHF does with the result (read in OpenRLHF's sources):

- 0.9.1 and later (``openrlhf/utils/agent.py``, ``SingleTurnAgentExecutor``): one sample per call, run with
  ``asyncio.to_thread(reward_func, [query], [prompt], [label])``; ``"rewards"`` becomes the reward, ``"scores"``
  (falling back to ``"rewards"``) the dynamic-filtering score, and each ``"extra_logs"`` value is logged
  (``samples_generator.py`` wraps them with ``torch.tensor([value])``, and takes ``.flatten()[0].item()`` of a
  tensor). Lists and tensors both work.
- 0.8.3 to 0.9.0 (``remote_rm_utils.py`` + ``experience_maker.update_samples_with_rewards``): batches of
  ``micro_rollout_batch_size`` as Ray tasks; every value goes through ``torch.as_tensor`` and ``torch.cat(dim=0)``,
  so ``rewards``, ``scores`` and each ``extra_logs`` entry must be 1-D with one value per sample (lists or tensors).
- 0.5.8 to 0.8.2: the function had to return a bare tensor of rewards, not a dict; those versions are not supported.

OpenRLHF's own examples return tensors; this function returns tensors when torch can be imported (it always can
inside OpenRLHF) and plain lists otherwise, and never imports torch unless asked to produce tensors.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Union

from mathcurate import Policy, PolicyName, grade_batch

__all__ = ["NO_ANSWER_REWARD", "RIGHT_REWARD", "WRONG_REWARD", "reward_func", "response_text"]

#: Reward for an answer equivalent to the label (DeepScaleR's value).
RIGHT_REWARD = 1.0
#: Reward for a different or undecided answer (DeepScaleR's value; its stricter RewardConfig uses -1).
WRONG_REWARD = 0.0
#: Reward when no final answer is found in the response (DeepScaleR's value; its stricter RewardConfig uses -1).
NO_ANSWER_REWARD = 0.0

_torch: Any = None
_torch_checked = False


def reward_func(
    queries: Sequence[str],
    prompts: Sequence[str],
    labels: Sequence[Any],
    *,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
    right_reward: Optional[float] = None,
    wrong_reward: Optional[float] = None,
    no_answer_reward: Optional[float] = None,
    as_tensors: Optional[bool] = None,
    threads: int = 0,
    **kwargs: Any,
) -> Dict[str, Any]:
    """Rewards OpenRLHF samples: the response (the query after its prompt) graded against the label.

    Args:
        queries: prompt + response, decoded with special tokens kept.
        prompts: the prompts; a query that starts with (or contains) its prompt is graded on the text after it.
        labels: the gold answers (``--data.label_key``): strings, numbers, or lists of them.
        policy, strict, tolerance, rounded_decimals: grading options (see :func:`mathcurate.grade`).
        right_reward, wrong_reward, no_answer_reward: reward values; default to the module's ``RIGHT_REWARD``,
            ``WRONG_REWARD`` and ``NO_ANSWER_REWARD`` (1, 0, 0).
        as_tensors: True for torch tensors, False for lists; None (default) uses tensors when torch is importable.
        threads: grading threads (0: one per core).
        **kwargs: anything else OpenRLHF passes; ignored.

    Returns:
        ``{"rewards": [...], "scores": [...], "extra_logs": {"accuracy": [...], "no_answer": [...]}}``, each a list
        (or 1-D float tensor) with one value per query. ``scores`` is 1.0 right / 0.0 otherwise, for dynamic
        filtering; ``accuracy`` and ``no_answer`` are 1.0 / 0.0 per sample.

    Example::

        >>> out = reward_func(["Q: 1+1? A: \\\\boxed{2}"], ["Q: 1+1? A: "], ["2"], as_tensors=False)
        >>> out["rewards"], out["extra_logs"]["no_answer"]
        ([1.0], [0.0])
    """
    queries, prompts, labels = list(queries), list(prompts), list(labels)
    if not len(queries) == len(prompts) == len(labels):
        raise ValueError(f"{len(queries)} queries, {len(prompts)} prompts and {len(labels)} labels: they must match")
    right = RIGHT_REWARD if right_reward is None else float(right_reward)
    wrong = WRONG_REWARD if wrong_reward is None else float(wrong_reward)
    no_answer = NO_ANSWER_REWARD if no_answer_reward is None else float(no_answer_reward)
    responses = [response_text(q, p) for q, p in zip(queries, prompts)]
    results = grade_batch(labels, responses=responses, threads=threads, policy=policy, strict=strict,
                          tolerance=tolerance, rounded_decimals=rounded_decimals)
    rewards = [right if r.equivalent else (no_answer if r.no_answer else wrong) for r in results]
    accuracy = [1.0 if r.equivalent else 0.0 for r in results]
    missing = [1.0 if r.no_answer else 0.0 for r in results]
    torch = _torch_module() if as_tensors is None or as_tensors else None
    if as_tensors and torch is None:
        raise ImportError("as_tensors=True needs torch, which cannot be imported")
    if torch is not None:
        def tensor(values: List[float]) -> Any:
            return torch.tensor(values, dtype=torch.float32)
        return {"rewards": tensor(rewards), "scores": tensor(accuracy),
                "extra_logs": {"accuracy": tensor(accuracy), "no_answer": tensor(missing)}}
    return {"rewards": rewards, "scores": list(accuracy), "extra_logs": {"accuracy": accuracy, "no_answer": missing}}


def response_text(query: str, prompt: Any) -> str:
    """The response inside an OpenRLHF query: the text after the prompt when the query starts with it, or else
    contains it (after a BOS token, say), or else contains it with other whitespace (decoding can change the
    prompt's spacing); the whole query when there is no prompt. When the prompt is not in the query at all, the
    response is empty (graded as no answer): the whole query could hold an answer the prompt gives, such as a
    few-shot example's, which would earn the reward. ``curate serve``'s ``/get_reward`` cuts queries the same way."""
    if not isinstance(query, str):
        raise TypeError(f"queries must be strings, got {type(query).__name__}")
    if not isinstance(prompt, str) or not prompt:
        return query
    if query.startswith(prompt):
        return query[len(prompt):]
    at = query.find(prompt)
    if at >= 0:
        return query[at + len(prompt):]
    needle = "".join(c for c in prompt if not c.isspace())
    if not needle:
        return query
    positions = [i for i, c in enumerate(query) if not c.isspace()]
    at = "".join(query[i] for i in positions).find(needle)
    if at < 0:
        return ""
    return query[positions[at + len(needle) - 1] + 1:]


def _torch_module() -> Any:
    """torch when it can be imported (imported once), else None."""
    global _torch, _torch_checked
    if not _torch_checked:
        try:
            import torch  # type: ignore[import-not-found]
        except ImportError:
            torch = None
        _torch, _torch_checked = torch, True
    return _torch
