"""mathcurate.openrlhf.reward_func called as OpenRLHF calls a reward file (``--reward.remote_url file.py``)."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from pathlib import Path

import pytest

import mathcurate.openrlhf as openrlhf_module
from mathcurate.openrlhf import response_text, reward_func

PROMPT = "<|im_start|>user\nWhat is 3+4? Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n"


def test_queries_are_prompt_plus_response() -> None:
    queries = [PROMPT + "3+4=7, so \\boxed{7}<|im_end|>", PROMPT + "\\boxed{8}<|im_end|>", PROMPT + "no idea<|im_end|>"]
    out = reward_func(queries, [PROMPT] * 3, ["7", "7", "7"], as_tensors=False)
    assert out == {
        "rewards": [1.0, 0.0, 0.0],
        "scores": [1.0, 0.0, 0.0],
        "extra_logs": {"accuracy": [1.0, 0.0, 0.0], "no_answer": [0.0, 0.0, 1.0]},
    }


def test_the_prompt_is_not_graded() -> None:
    # The prompt holds a boxed example; only the response after it counts.
    prompt = "Example: \\boxed{7}. Now solve: "
    out = reward_func([prompt + "I give up."], [prompt], ["7"], as_tensors=False)
    assert out["rewards"] == [0.0] and out["extra_logs"]["no_answer"] == [1.0]
    assert response_text("<s>" + prompt + "ok", prompt) == "ok"  # a BOS token in front of the decoded prompt
    assert response_text("no prompt here", "") == "no prompt here"
    # Decoding changed the prompt's spacing: matched ignoring whitespace, so its boxed example is still not graded.
    assert response_text("Example:  \\boxed{7}.\nNow solve: I give up.", prompt) == " I give up."
    # A query without its prompt has no answer: graded whole, it would earn the reward for the prompt's \boxed{7}.
    assert response_text("Example: \\boxed{7}. Other question?", prompt) == ""
    out = reward_func(["Example: \\boxed{7}. Other question?"], [prompt], ["7"], as_tensors=False)
    assert out["rewards"] == [0.0] and out["extra_logs"]["no_answer"] == [1.0]


def test_reward_values_are_overridable() -> None:
    queries = [PROMPT + "\\boxed{7}", PROMPT + "\\boxed{8}", PROMPT + "nothing"]
    out = reward_func(queries, [PROMPT] * 3, ["7", "7", "7"], wrong_reward=-0.5, no_answer_reward=-1.0,
                      as_tensors=False)
    assert out["rewards"] == [1.0, -0.5, -1.0]
    assert out["scores"] == [1.0, 0.0, 0.0]


def test_module_constants_set_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(openrlhf_module, "NO_ANSWER_REWARD", -1.0)
    assert reward_func([PROMPT + "hmm"], [PROMPT], ["7"], as_tensors=False)["rewards"] == [-1.0]


def test_labels_may_be_numbers_or_lists_and_policy_is_a_keyword() -> None:
    queries = [PROMPT + "<think>\\boxed{1}</think> \\boxed{7}", PROMPT + "<think>\\boxed{7}</think>"]
    out = reward_func(queries, [PROMPT] * 2, [7, ["6", "7"]], policy="deepscaler", as_tensors=False)
    assert out["rewards"] == [1.0, 0.0] and out["extra_logs"]["no_answer"] == [0.0, 1.0]


def test_lists_without_torch_and_tensors_on_request() -> None:
    out = reward_func([PROMPT + "\\boxed{7}"], [PROMPT], ["7"])
    if "torch" in sys.modules or importlib.util.find_spec("torch") is not None:
        assert type(out["rewards"]).__name__ == "Tensor"
    else:
        assert out["rewards"] == [1.0]
        with pytest.raises(ImportError, match="torch"):
            reward_func([PROMPT + "\\boxed{7}"], [PROMPT], ["7"], as_tensors=True)


def test_mismatched_lengths_raise() -> None:
    with pytest.raises(ValueError, match="must match"):
        reward_func(["a", "b"], ["a"], ["1", "2"])


def test_openrlhf_loads_the_file_and_calls_it_per_sample_in_a_thread() -> None:
    # OpenRLHF >= 0.9.1 (SingleTurnAgentExecutor): spec_from_file_location("reward_func", path), then
    # asyncio.to_thread(reward_func, [query], [prompt], [label]) for each sample, reading rewards/scores/extra_logs.
    spec = importlib.util.spec_from_file_location("reward_func", openrlhf_module.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    samples = [(PROMPT + "\\boxed{7}", "7"), (PROMPT + "\\boxed{9}", "7"), (PROMPT + "?", "7")]

    async def rollout() -> list:
        return await asyncio.gather(*[asyncio.to_thread(module.reward_func, [q], [PROMPT], [l]) for q, l in samples])

    infos = asyncio.run(rollout())
    rewards = [_first(info["rewards"]) for info in infos]
    scores = [_first(info.get("scores") if info.get("scores") is not None else info["rewards"]) for info in infos]
    assert rewards == [1.0, 0.0, 0.0] and scores == [1.0, 0.0, 0.0]
    assert [_first(info["extra_logs"]["no_answer"]) for info in infos] == [0.0, 0.0, 1.0]


def test_the_file_is_a_plain_path() -> None:
    assert Path(openrlhf_module.__file__).suffix == ".py"


def _first(values) -> float:
    return float(values[0])
