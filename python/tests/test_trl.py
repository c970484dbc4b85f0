"""mathcurate.trl.accuracy_reward called as TRL's GRPOTrainer calls reward functions."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from mathcurate.trl import AccuracyReward, accuracy_reward, completion_text


def _trainer_kwargs(solution, logged):
    # GRPOTrainer._calculate_rewards: prompts, completions, completion_ids, every dataset column, and the trainer's
    # own keywords.
    return dict(
        prompts=["What is 1/3?", "What is 1/3?", "What is 2+2?"],
        completion_ids=[[1, 2], [3], [4, 5, 6]],
        solution=solution,
        problem=["p0", "p1", "p2"],
        trainer_state=object(),
        log_extra=lambda column, values: logged.__setitem__(column, values),
        log_metric=lambda name, value: None,
    )


def test_string_completions() -> None:
    logged: dict = {}
    completions = ["My answer is \\boxed{\\frac{1}{3}}", "My answer is \\boxed{\\frac{1}{2}}", "So 4."]
    rewards = accuracy_reward(completions=completions, **_trainer_kwargs(["\\frac{1}{3}", "\\frac{1}{3}", "4"], logged))
    assert rewards == [1.0, 0.0, 0.0]  # "So 4." has no boxed answer: TRL's own reward gives it 0 too
    assert logged["extracted"] == ["\\frac{1}{3}", "\\frac{1}{2}", ""]
    assert logged["solution"] == ["\\frac{1}{3}", "\\frac{1}{3}", "4"]


def test_conversational_completions() -> None:
    # TRL's docstring example: each completion is a list of one assistant message.
    completions = [
        [{"role": "assistant", "content": "My answer is \\boxed{\\frac{1}{3}}"}],
        [{"role": "assistant", "content": "My answer is \\boxed{\\frac{1}{2}}"}],
        [{"role": "assistant", "content": [{"type": "text", "text": "It is \\boxed{4}"}]}],
    ]
    rewards = accuracy_reward(completions=completions, **_trainer_kwargs(["\\frac{1}{3}", "\\frac{1}{3}", "4"], {}))
    assert rewards == [1.0, 0.0, 1.0]
    assert accuracy_reward(completions[:2], ["\\frac{1}{3}", "\\frac{1}{3}"]) == [1.0, 0.0]  # positional, no log_extra


def test_an_unreadable_gold_gives_none() -> None:
    rewards = accuracy_reward(["\\boxed{3}", "\\boxed{3}", "\\boxed{3}"], ["\\frac{", None, "3"])
    assert rewards == [None, None, 1.0]
    # A blank label is missing too: an empty box must not earn the reward.
    assert accuracy_reward(["\\boxed{}", "\\boxed{ }"], ["", " "]) == [None, None]


def test_a_bare_number_in_the_text_is_no_answer() -> None:
    text = "Sorry, I cannot solve this problem. It has 3 parts."
    assert accuracy_reward([text], ["3"]) == [0.0]
    assert AccuracyReward(strict=False)([text], solution=["3"]) == [1.0]  # the standard policy's last-number reading


def test_a_box_naming_several_choices_earns_nothing() -> None:
    responses = ["\\boxed{A, B, C, D}", "\\boxed{\\text{Not (A)}}", "\\boxed{\\text{either A or C}}", "\\boxed{(A)}"]
    assert accuracy_reward(responses, ["A"] * 4) == [0.0, 0.0, 0.0, 1.0]


def test_completion_text_reads_the_first_message_like_trl() -> None:
    conversation = [{"role": "assistant", "content": "first"}, {"role": "tool", "content": "second"}]
    assert completion_text(conversation) == "first"
    assert completion_text({"role": "assistant", "content": "one"}) == "one"
    with pytest.raises(TypeError):
        completion_text([])
    with pytest.raises(TypeError):
        completion_text([{"role": "assistant"}])


def test_mismatched_lengths_raise() -> None:
    with pytest.raises(ValueError, match="2 completions but 1 solutions"):
        accuracy_reward(["a", "b"], ["1"])


def test_options_and_pickling() -> None:
    reward = AccuracyReward(policy="deepscaler")
    assert reward.__name__ == "accuracy_reward"
    assert reward(["<think>\\boxed{2}</think> 2", "<think>hm</think> \\boxed{2}"], ["2", "2"]) == [0.0, 1.0]
    clone = pickle.loads(pickle.dumps(reward))
    assert clone(["<think>hm</think> \\boxed{2}"], ["2"]) == [1.0]
    with pytest.raises(ValueError, match="policy"):
        AccuracyReward(policy="nope")


def test_works_off_the_main_thread() -> None:
    # Math-Verify needs the main thread for its signal timeouts; this does not.
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: accuracy_reward(["\\boxed{1}", "\\boxed{2}"], ["1", "1"]), range(16)))
    assert results == [[1.0, 0.0]] * 16
