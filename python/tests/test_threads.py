"""Many Python threads grading at once get exactly the single-thread results (ctypes drops the GIL in every call)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from mathcurate import grade, grade_batch


def test_eight_threads_give_the_single_thread_verdicts(dev_pairs, equivalence_pairs) -> None:
    pairs = dev_pairs + equivalence_pairs
    answers = [p for p in pairs if p.kind == "answer"]
    responses = [p for p in pairs if p.kind == "response"]
    answer_golds, answer_texts = [p.gold for p in answers], [p.candidate for p in answers]
    response_golds, response_texts = [p.gold for p in responses], [p.candidate for p in responses]
    expected_answers = grade_batch(answer_golds, answers=answer_texts, threads=1)
    expected_responses = grade_batch(response_golds, responses=response_texts, threads=1)

    def work(worker: int) -> list:
        outcomes = []
        for round_ in range(3):
            threads = (worker + round_) % 3  # 0 (every core), 1 or 2 native threads inside each call
            outcomes.append(grade_batch(answer_golds, answers=answer_texts, threads=threads) == expected_answers)
            outcomes.append(
                grade_batch(response_golds, responses=response_texts, threads=threads) == expected_responses)
            outcomes.append([grade(p.gold, answer=p.candidate) for p in answers] == expected_answers)
            outcomes.append([grade(p.gold, response=p.candidate) for p in responses] == expected_responses)
        return outcomes

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(all(outcomes) for outcomes in results), results
    assert any(r.equivalent for r in expected_answers) and any(not r.equivalent for r in expected_answers)


def test_the_first_load_is_safe_from_many_threads() -> None:
    # The library is loaded once, under a lock; racing first calls all succeed (it may already be loaded here).
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: grade("1/2", answer="0.5").equivalent, range(32)))
    assert all(results)
