"""mathcurate.verl called exactly as verl calls custom reward functions (see the module docstring for the sources)."""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
from functools import partial
from pathlib import Path

import pytest

import mathcurate
import mathcurate.verl as verl_module
from mathcurate._remote import post_grade
from mathcurate.verl import compute_score, compute_score_async

RIGHT = "Let me think.\n3 + 4 = 7, so the answer is \\boxed{7}."
WRONG = "The answer is \\boxed{8}."
NONE = "I am not sure."


def test_the_per_sample_keyword_call() -> None:
    # verl's reward loop (naive manager): keywords, plus the reward-model keywords when one is configured.
    score = compute_score(data_source="openai/gsm8k", solution_str=RIGHT, ground_truth="7",
                          extra_info={"split": "train", "index": 0, "num_turns": None, "rollout_reward_scores": {}},
                          reward_router_address=None, reward_model_tokenizer=None)
    assert score == {"score": 1.0, "acc": True, "pred": "7"}
    assert compute_score(data_source="math", solution_str=WRONG, ground_truth="7", extra_info=None) == {
        "score": 0.0, "acc": False, "pred": "8"}
    assert compute_score(data_source="math", solution_str=NONE, ground_truth="7", extra_info={}) == {
        "score": 0.0, "acc": False, "pred": ""}


def test_positional_and_reward_kwargs() -> None:
    assert compute_score("math", RIGHT, "7", {})["score"] == 1.0
    # reward.custom_reward_function.reward_kwargs land as extra keywords; verl merges them over the call's.
    wrapped = partial(_call_with_kwargs, compute_score, {"policy": "deepscaler"})
    assert wrapped(data_source="math", solution_str=RIGHT, ground_truth="7", extra_info={})["score"] == 0.0
    assert wrapped(data_source="math", solution_str="<think>x</think> \\boxed{7}", ground_truth="7",
                   extra_info={})["score"] == 1.0


def test_ground_truth_may_be_a_number_or_a_list() -> None:
    assert compute_score(data_source="amc", solution_str="\\boxed{4}", ground_truth=4.0, extra_info={})["acc"]
    assert compute_score(data_source="amc", solution_str="\\boxed{4}", ground_truth=["5", "4"], extra_info={})["acc"]
    assert compute_score(data_source="amc", solution_str="\\boxed{4}", ground_truth=("4",), extra_info={})["acc"]


def test_the_batch_keyword_call() -> None:
    # verl's legacy batch reward manager: plural keywords and **reward_kwargs, expects a list.
    extras = [{"index": i, "rollout_reward_scores": {}} for i in range(4)]
    scores = compute_score(data_sources=["math"] * 4, solution_strs=[RIGHT, WRONG, NONE, "\\boxed{2}"],
                           ground_truths=["7", "7", "7", ["1", "2"]], extra_infos=extras)
    assert scores == [
        {"score": 1.0, "acc": True, "pred": "7"},
        {"score": 0.0, "acc": False, "pred": "8"},
        {"score": 0.0, "acc": False, "pred": ""},
        {"score": 1.0, "acc": True, "pred": "2"},
    ]
    assert compute_score(data_sources=[], solution_strs=[], ground_truths=[], extra_infos=[]) == []


def test_the_batch_call_takes_numpy_columns() -> None:
    np = pytest.importorskip("numpy")
    scores = compute_score(data_sources=np.array(["math", "math"], dtype=object), solution_strs=[RIGHT, WRONG],
                           ground_truths=[np.array(["6", "7"], dtype=object), np.str_("8")],
                           extra_infos=np.array([{}, {}], dtype=object), threads=1)
    assert [s["score"] for s in scores] == [1.0, 1.0]


def test_bad_calls_raise() -> None:
    with pytest.raises(TypeError, match="solution_str"):
        compute_score(data_source="math", ground_truth="7", extra_info={})
    with pytest.raises(ValueError, match="None"):
        compute_score(data_source="math", solution_str=RIGHT, ground_truth=None, extra_info={})
    with pytest.raises(TypeError, match="either"):
        compute_score(solution_str=RIGHT, ground_truth="7", solution_strs=[RIGHT], ground_truths=["7"])
    with pytest.raises(ValueError, match="1 golds but 2 responses"):
        compute_score(data_sources=["a"], solution_strs=[RIGHT, WRONG], ground_truths=["7"], extra_infos=[{}])
    with pytest.raises(ValueError, match="policy"):
        compute_score(data_source="m", solution_str=RIGHT, ground_truth="7", extra_info={}, policy="nope")


def test_verl_loads_the_file_by_path() -> None:
    # verl's load_extern_object: spec_from_file_location under a made-up module name, then getattr(name).
    path = Path(verl_module.__file__)
    spec = importlib.util.spec_from_file_location(f"custom_module_{hash(str(path))}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert not inspect.iscoroutinefunction(module.compute_score)
    assert inspect.iscoroutinefunction(partial(_call_with_kwargs_async, module.compute_score_async, {}))
    assert module.compute_score(data_source="m", solution_str=RIGHT, ground_truth="7", extra_info={})["acc"]


def test_async_grades_in_process_without_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MATHCURATE_URL", raising=False)
    score = asyncio.run(compute_score_async(data_source="math", solution_str=RIGHT, ground_truth="7",
                                            extra_info={}, reward_router_address=None))
    assert score == {"score": 1.0, "acc": True, "pred": "7"}
    batch = asyncio.run(compute_score_async(data_sources=["m", "m"], solution_strs=[RIGHT, WRONG],
                                            ground_truths=["7", "7"], extra_infos=[{}, {}]))
    assert [s["score"] for s in batch] == [1.0, 0.0]


def test_async_posts_to_the_server(grade_server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATHCURATE_URL", grade_server.url + "/")
    monkeypatch.setenv("MATHCURATE_TOKEN", grade_server.token)
    call = dict(data_source="math", ground_truth="7", extra_info={"index": 3}, reward_router_address=None)
    for response in [RIGHT, WRONG, NONE, "所以答案是 \\boxed{7} 😀", "\ud800 \\boxed{\udfff}"]:
        remote = asyncio.run(compute_score_async(solution_str=response, **call))
        assert remote == compute_score(solution_str=response, **call), grade_server.kind

    async def many() -> list:
        # verl's reward loop: one coroutine per sample, gathered.
        return await asyncio.gather(*[
            compute_score_async(data_source="m", solution_str=r, ground_truth=g, extra_info={})
            for r, g in [(RIGHT, "7"), (WRONG, ["9", 8]), (NONE, 7)] * 4
        ])

    assert [s["score"] for s in asyncio.run(many())] == [1.0, 1.0, 0.0] * 4
    batch = asyncio.run(compute_score_async(data_sources=["m"] * 3, solution_strs=[RIGHT, WRONG, NONE],
                                            ground_truths=["7", "7", ["7", "x"]], extra_infos=[{}] * 3))
    assert batch == compute_score(data_sources=["m"] * 3, solution_strs=[RIGHT, WRONG, NONE],
                                  ground_truths=["7", "7", ["7", "x"]], extra_infos=[{}] * 3)


def test_async_grades_remotely_with_its_own_options(grade_server, monkeypatch: pytest.MonkeyPatch) -> None:
    # The server runs the standard policy; the keywords travel with each item, so the remote scores are the
    # in-process ones for every policy.
    monkeypatch.setenv("MATHCURATE_URL", grade_server.url)
    monkeypatch.setenv("MATHCURATE_TOKEN", grade_server.token)
    for keywords in [dict(policy="deepscaler"), dict(strict=True), dict(tolerance=0.01), dict(rounded_decimals=True), {}]:
        for response, gold in [("\\boxed{5}", "5"), ("so 5", "5"), ("<think>x</think> \\boxed{0.333}", "\\frac{1}{3}"),
                               ("\\boxed{3.14}", "3.1416")]:
            call = dict(data_source="m", solution_str=response, ground_truth=gold, extra_info={}, **keywords)
            assert asyncio.run(compute_score_async(**call)) == compute_score(**call), (keywords, response)
    assert asyncio.run(compute_score_async(solution_str="\\boxed{5}", ground_truth="5", policy="deepscaler"))["score"] == 0.0


def test_the_server_matches_in_process_grading_on_the_fixtures(grade_server, dev_pairs, monkeypatch) -> None:
    pairs = [p for p in dev_pairs if p.kind == "response"]
    items = [{"id": i, "gold": p.gold, "response": p.candidate} for i, p in enumerate(pairs)]
    monkeypatch.setenv("MATHCURATE_TOKEN", grade_server.token)
    remote = post_grade(grade_server.url, items)
    assert remote == mathcurate.grade_batch([p.gold for p in pairs], responses=[p.candidate for p in pairs])


def test_server_errors_raise(grade_server, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATHCURATE_URL", grade_server.url)
    monkeypatch.setenv("MATHCURATE_TOKEN", "wrong-token")
    with pytest.raises(mathcurate.RemoteGradingError, match="401"):
        asyncio.run(compute_score_async(data_source="m", solution_str=RIGHT, ground_truth="7", extra_info={}))
    monkeypatch.setenv("MATHCURATE_TOKEN", grade_server.token)
    with pytest.raises(mathcurate.RemoteGradingError, match="rejected item 1") as raised:
        post_grade(grade_server.url, [{"id": 0, "gold": "1", "response": "1"}, {"id": 1, "gold": True, "response": "1"}])
    assert raised.value.index == 1


def test_an_unreachable_server_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("MATHCURATE_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setattr("mathcurate._remote.TRIES", 1)
    with pytest.raises(mathcurate.RemoteGradingError, match="cannot reach"):
        asyncio.run(compute_score_async(data_source="m", solution_str=RIGHT, ground_truth="7", extra_info={}))


# verl's wrappers (verl/trainer/ppo/reward.py): reward_kwargs are merged over the call's keywords.
def _call_with_kwargs(raw_fn, extra_kwargs, *args, **kwargs):
    return raw_fn(*args, **{**kwargs, **extra_kwargs})


async def _call_with_kwargs_async(raw_fn, extra_kwargs, *args, **kwargs):
    return await raw_fn(*args, **{**kwargs, **extra_kwargs})
