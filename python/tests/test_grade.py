"""grade, verify, grade_batch against the real library: verdicts, options, bad arguments, hostile input."""

from __future__ import annotations

from fractions import Fraction

import pytest

import mathcurate
from mathcurate import GradeResult, Policy, grade, grade_batch, verify


def test_version_matches_the_package() -> None:
    assert mathcurate.version() == mathcurate.__version__ == "0.6.0"


def test_a_fraction_and_its_decimal_are_equivalent() -> None:
    result = grade("\\frac{1}{2}", answer="0.5")
    assert result == GradeResult(True, "equivalent", "exact value", "0.5")
    assert verify("\\frac{1}{2}", "0.5")


def test_different_integers_are_different() -> None:
    result = grade("42", answer="41")
    assert (result.equivalent, result.verdict, result.extracted) == (False, "different", "41")
    assert not verify("42", "41")


def test_the_boxed_answer_is_extracted_from_a_response() -> None:
    result = grade("42", response="so the answer is \\boxed{42}")
    assert result.equivalent and result.extracted == "42" and not result.no_answer


def test_a_response_without_an_answer_has_no_answer() -> None:
    result = grade("3", response="I could not solve it.")
    assert (result.verdict, result.extracted, result.no_answer) == ("different", None, True)


def test_deepscaler_policy_needs_a_box_after_think() -> None:
    box_inside_think = "<think>maybe \\boxed{42}</think> so it is 42"
    box_after_think = "<think>maybe \\boxed{41}</think> so it is \\boxed{42}"
    assert grade("42", response=box_inside_think, policy="deepscaler").no_answer
    assert grade("42", response=box_after_think, policy=Policy.DEEPSCALER).equivalent
    assert not grade("42", response="the answer is 42", policy="deepscaler").equivalent
    # DeepScaleR's reward treats a response without </think> as a format error.
    assert grade("42", response="the answer is \\boxed{42}", policy="deepscaler").no_answer
    assert grade("42", response="the answer is 42", policy="standard").equivalent


def test_policy_names_are_case_insensitive() -> None:
    assert grade("2", response="<think></think>\\boxed{2}", policy="DeepScaleR").equivalent


def test_numbers_are_read_as_written() -> None:
    assert grade(42, answer="42.0").equivalent
    assert grade("0.25", answer=0.25).equivalent
    assert grade(Fraction(1, 2), answer="0.5").equivalent
    assert grade_batch([3, 0.5], answers=[3, "1/2"]) == [grade(3, answer=3), grade(0.5, answer="1/2")]


def test_a_list_of_golds_means_any_of_them() -> None:
    result = grade(["7", "x = 6"], response="so \\boxed{x=6}")
    assert result.equivalent
    assert grade(["7", "8"], answer="8") == grade("8", answer="8")
    # None equivalent: the first undecided grade wins, else the first.
    undecided = grade(["\\frac{", "8"], answer="9")
    assert (undecided.verdict, undecided.reason) == ("undecided", "gold answer does not parse")
    assert grade(("7", "8"), answer="9") == grade("7", answer="9")


def test_tolerance_and_rounded_decimals() -> None:
    assert not grade("3.14159", answer="3.1416").equivalent
    assert grade("3.14159", answer="3.1416", tolerance=1e-4).equivalent
    assert grade("\\frac{1}{3}", answer="0.333", rounded_decimals=True).equivalent
    assert not grade("\\frac{1}{3}", answer="0.333").equivalent


def test_strict_counts_only_boxed_answers() -> None:
    assert grade("5", response="The answer is 5.").equivalent
    assert grade("5", response="The answer is 5.", strict=True).no_answer


def test_batch_equals_one_by_one(dev_pairs, equivalence_pairs) -> None:
    answers = [p for p in dev_pairs + equivalence_pairs if p.kind == "answer"]
    responses = [p for p in dev_pairs if p.kind == "response"]
    for threads in (0, 1, 2, 5):
        assert grade_batch([p.gold for p in answers], answers=[p.candidate for p in answers], threads=threads) == [
            grade(p.gold, answer=p.candidate) for p in answers
        ]
        assert grade_batch([p.gold for p in responses], responses=[p.candidate for p in responses], threads=threads) == [
            grade(p.gold, response=p.candidate) for p in responses
        ]


def test_batch_with_lists_of_golds_equals_one_by_one() -> None:
    golds = [["1", "2"], "3", ("4", 5), [6], "\\frac12"]
    answers = ["2", "3", "5", "6", "0.5"]
    assert grade_batch(golds, answers=answers) == [grade(g, answer=a) for g, a in zip(golds, answers)]


def test_an_empty_batch_is_empty() -> None:
    assert grade_batch([], answers=[]) == []
    assert grade_batch((), responses=iter([])) == []


def test_the_dev_sample_has_no_false_positives(dev_pairs) -> None:
    answers = [p for p in dev_pairs if p.kind == "answer"]
    responses = [p for p in dev_pairs if p.kind == "response"]
    results = grade_batch([p.gold for p in answers], answers=[p.candidate for p in answers]) + grade_batch(
        [p.gold for p in responses], responses=[p.candidate for p in responses])
    pairs = answers + responses
    false_positives = [p for p, r in zip(pairs, results) if r.equivalent and not p.equivalent]
    correct = sum(r.equivalent == p.equivalent for p, r in zip(pairs, results))
    assert false_positives == []
    assert correct >= 0.95 * len(pairs)


def test_the_equivalence_table_holds(equivalence_pairs) -> None:
    results = grade_batch([p.gold for p in equivalence_pairs], answers=[p.candidate for p in equivalence_pairs])
    wrong = [(p, r) for p, r in zip(equivalence_pairs, results) if r.equivalent != p.equivalent]
    assert wrong == []


def test_the_result_is_frozen() -> None:
    result = grade("1", answer="1")
    with pytest.raises(AttributeError):
        result.equivalent = False  # type: ignore[misc]


@pytest.mark.parametrize("call, error, message", [
    (lambda: grade("1"), TypeError, "exactly one of answer= or response="),
    (lambda: grade("1", answer="1", response="1"), TypeError, "exactly one"),
    (lambda: grade(None, answer="1"), ValueError, "gold is None"),
    (lambda: grade([], answer="1"), ValueError, "empty list"),
    (lambda: grade(["1", None], answer="1"), ValueError, r"gold\[1\] is None"),
    (lambda: grade({"a": 1}, answer="1"), TypeError, "gold must be"),
    (lambda: grade(b"1", answer="1"), TypeError, "gold must be"),
    (lambda: grade(True, answer="1"), TypeError, "gold must be a string or a number"),
    (lambda: grade("1", answer=object()), TypeError, "answer must be a string or a number"),
    (lambda: grade("1", response=1), TypeError, "response must be a string"),
    (lambda: grade("1", answer="1", policy="lenient"), ValueError, "policy must be 'standard' or 'deepscaler'"),
    (lambda: grade("1", answer="1", policy=1), TypeError, "policy must be"),
    (lambda: grade("1", answer="1", tolerance=1.0), ValueError, r"tolerance must be in \[0, 1\)"),
    (lambda: grade("1", answer="1", tolerance=-0.1), ValueError, "tolerance"),
    (lambda: grade("1", answer="1", tolerance=float("nan")), ValueError, "tolerance"),
    (lambda: grade("1", answer="1", tolerance="0.1"), TypeError, "tolerance must be a number"),
    (lambda: grade("1", answer="1", strict="yes"), TypeError, "strict must be a bool"),
    (lambda: grade_batch(["1"]), TypeError, "exactly one of responses= or answers="),
    (lambda: grade_batch(["1", "2"], answers=["1"]), ValueError, "2 golds but 1 answers"),
    (lambda: grade_batch("12", answers="12"), TypeError, "golds must be a sequence"),
    (lambda: grade_batch(["1", None], answers=["1", "2"]), ValueError, r"golds\[1\] is None"),
    (lambda: grade_batch(["1", "2"], answers=["1", None]), TypeError, r"answers\[1\]"),
    (lambda: grade_batch(["1"], responses=[None]), TypeError, r"responses\[0\] must be a string"),
    (lambda: grade_batch(["1"], answers=["1"], threads=-1), ValueError, "threads must be 0"),
    (lambda: grade_batch(["1"], answers=["1"], threads=2**31), ValueError, "threads"),
    (lambda: grade_batch(["1"], answers=["1"], threads=1.5), TypeError, "threads must be an int"),
])
def test_bad_arguments_raise_clear_errors(call, error, message) -> None:
    with pytest.raises(error, match=message):
        call()


def test_native_status_codes_become_exceptions_with_the_native_message() -> None:
    from mathcurate import _binding

    options = _binding.make_options(_binding.POLICY_STANDARD, False, False, 0.0)
    options.policy = 7  # out of range: the library answers MATHCURATE_INVALID_ARGUMENT
    with pytest.raises(mathcurate.InvalidArgumentError, match="invalid argument") as raised:
        _binding.grade_one(options, b"1", b"1", False)
    assert raised.value.status == _binding.INVALID_ARGUMENT
    options = _binding.make_options(_binding.POLICY_STANDARD, False, False, 0.0)
    options.struct_size = 8  # a layout the library does not know
    with pytest.raises(mathcurate.ABIMismatchError, match="ABI mismatch"):
        _binding.grade_batch(options, [b"1"], [b"1"], False, 1)


def test_unicode_survives_the_round_trip() -> None:
    response = "所以答案是 \\boxed{42} 😀"
    assert grade("42", response=response).extracted == "42"
    for answer in ["x ≤ 3 😀", "所以", "ñ", "\u2212" + "3", "𝑥²"]:
        assert grade("1", answer=answer).extracted == answer
    assert grade("½", answer="½").equivalent
    batch = grade_batch(["1", "2"], answers=["é😀", "二"])
    assert [r.extracted for r in batch] == ["é😀", "二"]


def test_embedded_nul_bytes_survive() -> None:
    result = grade("4\x002", answer="4\x002")
    assert result.extracted == "4\x002"
    assert grade_batch(["1", "\x00"], answers=["\x00\x00", "a\x00b"])[1].extracted == "a\x00b"
    assert grade("42", response="\x00 so \\boxed{42}\x00").equivalent


def test_lone_surrogates_become_replacement_characters() -> None:
    assert grade("1", answer="\ud800x").extracted == "\ufffdx"
    assert grade_batch(["\udfff"], responses=["\\boxed{\ud800}"])[0].extracted == "\ufffd"
    assert grade_batch(["2", "1"], answers=["2", "\udfff"])[1].extracted == "\ufffd"


def test_a_one_megabyte_answer_gets_a_verdict() -> None:
    big = "1" * 1_000_000
    for result in [
        grade("42", answer=big),
        grade("42", answer="x+" * 500_000 + "1"),
        grade("42", response="3 + 4 = 7. " * 90_000 + "\\boxed{42}"),
        grade("42", response="word " * 200_000),
        grade_batch([big, "1"], answers=["1", big], threads=2)[0],
    ]:
        assert result.verdict in ("equivalent", "different", "undecided")
    assert grade("42", response="3 + 4 = 7. " * 90_000 + "\\boxed{42}").equivalent


@pytest.mark.parametrize("text", [
    "(" * 10_000 + "1" + ")" * 10_000,
    "{" * 10_000 + "1" + "}" * 10_000,
    "\\frac{" * 10_000 + "1" + "}{2}" * 10_000,
    "\\sqrt{" * 10_000 + "1" + "}" * 10_000,
    "2^{" * 10_000 + "1" + "}" * 10_000,
    "-" * 10_000 + "1",
    "(" * 10_000,
])
def test_ten_thousand_deep_nesting_gets_a_verdict(text: str) -> None:
    for result in [grade("1", answer=text), grade(text, answer="1"),
                   grade("1", response=f"\\boxed{{{text}}}"), grade_batch([text], responses=[text])[0]]:
        assert result.verdict in ("equivalent", "different", "undecided")
