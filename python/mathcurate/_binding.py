"""ctypes binding of libmathcurate's C ABI (``Sources/CMathCurate/include/mathcurate.h``).

The library is found and loaded on first use, once, under a lock: ``$MATHCURATE_LIBRARY`` when set (a development
build, e.g. ``.build/debug/libmathcurate.so``), else the copy bundled in the wheel at ``mathcurate/_native/``, whose
RUNPATH (``$ORIGIN``) finds the Swift runtime libraries bundled next to it.

Everything here is private; :mod:`mathcurate` is the API. ctypes releases the GIL for the duration of every foreign
call, so Python threads grade in parallel.
"""

from __future__ import annotations

import ctypes
import os
import threading
from array import array
from itertools import accumulate
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from mathcurate._result import GradeResult, Verdict
from mathcurate.errors import ABIMismatchError, InvalidArgumentError, LibraryNotFoundError, MathCurateError

# Mirrors of the header's constants.
ABI_VERSION = 1
OK = 0
INVALID_ARGUMENT = 1
ABI_MISMATCH = 2
DIFFERENT = 0
EQUIVALENT = 1
UNDECIDED = 2
POLICY_STANDARD = 0
POLICY_DEEPSCALER = 1
_VERDICT_NAMES: Tuple[Verdict, Verdict, Verdict] = ("different", "equivalent", "undecided")  # by verdict code

LIBRARY_ENV = "MATHCURATE_LIBRARY"
LIBRARY_NAME = "libmathcurate.so"


class Options(ctypes.Structure):
    """``mathcurate_options``: fill with ``mathcurate_options_init``, then change fields."""

    _fields_ = [
        ("struct_size", ctypes.c_int32),
        ("policy", ctypes.c_int32),
        ("strict", ctypes.c_int32),
        ("accept_rounded_decimals", ctypes.c_int32),
        ("relative_tolerance", ctypes.c_double),
    ]


class Results(ctypes.Structure):
    """``mathcurate_results``: owned by the library until ``mathcurate_results_free``."""

    _fields_ = [
        ("count", ctypes.c_int64),
        ("verdicts", ctypes.c_void_p),  # const int8_t *
        ("has_extracted", ctypes.c_void_p),  # const int8_t *
        ("spans", ctypes.c_void_p),  # const int64_t *, 2 * count + 1 byte offsets into text
        ("text", ctypes.c_void_p),  # const uint8_t *, UTF-8, not NUL-terminated
        ("text_length", ctypes.c_int64),
    ]


_library: Optional[ctypes.CDLL] = None
_lock = threading.Lock()


def library_path() -> Path:
    """The library file that is (or will be) loaded: ``$MATHCURATE_LIBRARY``, else the wheel's bundled copy.

    Raises:
        LibraryNotFoundError: when neither exists.
    """
    return locate_library(LIBRARY_ENV, LIBRARY_NAME)


def locate_library(env: str, name: str) -> Path:
    """The file named by ``$env`` when set, else ``name`` bundled in the wheel's ``mathcurate/_native/``.

    Raises:
        LibraryNotFoundError: when neither exists.
    """
    override = os.environ.get(env)
    if override:
        path = Path(override).expanduser()
        if not path.is_file():
            raise LibraryNotFoundError(f"${env} is {override!r}, which is not a file")
        return path.resolve()
    bundled = Path(__file__).resolve().parent / "_native" / name
    if not bundled.is_file():
        raise LibraryNotFoundError(
            f"{name} is not bundled at {bundled}: install a wheel built by scripts/build-wheel.sh, "
            f"or set ${env} to a built library (e.g. .build/debug/{name})"
        )
    return bundled


def library() -> ctypes.CDLL:
    """The loaded library, loading it on first call (thread-safe, once).

    Raises:
        LibraryNotFoundError: the library is missing or cannot be loaded (e.g. a Swift runtime library is missing).
        ABIMismatchError: the library was built for another ABI version.
    """
    lib = _library
    if lib is not None:
        return lib
    return _load()


def _load() -> ctypes.CDLL:
    global _library
    with _lock:
        if _library is not None:
            return _library
        path = library_path()
        try:
            lib = ctypes.CDLL(str(path))
        except OSError as error:
            raise LibraryNotFoundError(f"cannot load {path}: {error}") from error
        _declare(lib)
        abi = lib.mathcurate_abi_version()
        if abi != ABI_VERSION:
            raise ABIMismatchError(
                f"{path} has ABI version {abi}; this package speaks version {ABI_VERSION}", ABI_MISMATCH
            )
        _library = lib
        return lib


def _declare(lib: ctypes.CDLL) -> None:
    """Sets argtypes and restype of every function in the header."""
    c_int32, c_int64, c_char_p = ctypes.c_int32, ctypes.c_int64, ctypes.c_char_p
    options_p = ctypes.POINTER(Options)
    results_p = ctypes.POINTER(Results)
    int64_p = ctypes.POINTER(c_int64)

    lib.mathcurate_version.argtypes = []
    lib.mathcurate_version.restype = c_char_p
    lib.mathcurate_abi_version.argtypes = []
    lib.mathcurate_abi_version.restype = c_int32
    lib.mathcurate_status_message.argtypes = [c_int32]
    lib.mathcurate_status_message.restype = c_char_p
    lib.mathcurate_options_init.argtypes = [options_p]
    lib.mathcurate_options_init.restype = None
    lib.mathcurate_grade.argtypes = [
        options_p, c_char_p, c_int64, c_char_p, c_int64, c_int32, ctypes.POINTER(results_p)
    ]
    lib.mathcurate_grade.restype = c_int32
    lib.mathcurate_grade_batch.argtypes = [
        options_p, c_int64, c_char_p, int64_p, c_char_p, int64_p, c_int32, c_int32, ctypes.POINTER(results_p)
    ]
    lib.mathcurate_grade_batch.restype = c_int32
    lib.mathcurate_results_free.argtypes = [results_p]
    lib.mathcurate_results_free.restype = None


def version() -> str:
    """The library's version string, e.g. ``"0.6.0"``."""
    raw: bytes = library().mathcurate_version()
    return raw.decode("utf-8")


def status_message(status: int) -> str:
    """The library's English description of a status code."""
    raw: Optional[bytes] = library().mathcurate_status_message(status)
    return raw.decode("utf-8", "replace") if raw else f"status {status}"


def check(status: int) -> None:
    """Raises the exception for a status code other than ``MATHCURATE_OK``, with the library's message."""
    if status == OK:
        return
    message = status_message(status)
    if status == INVALID_ARGUMENT:
        raise InvalidArgumentError(message, status)
    if status == ABI_MISMATCH:
        raise ABIMismatchError(message, status)
    raise MathCurateError(message, status)


def make_options(policy: int, strict: bool, accept_rounded_decimals: bool, relative_tolerance: float) -> Options:
    """A ``mathcurate_options`` block: the library's defaults, then the given fields."""
    options = Options()
    library().mathcurate_options_init(ctypes.byref(options))
    options.policy = policy
    options.strict = 1 if strict else 0
    options.accept_rounded_decimals = 1 if accept_rounded_decimals else 0
    options.relative_tolerance = relative_tolerance
    return options


def encode(text: str) -> bytes:
    """UTF-8 bytes of ``text``; a lone surrogate (which UTF-8 cannot hold) becomes U+FFFD, as invalid bytes do."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return scrub(text).encode("utf-8")


def encode_all(texts: Sequence[str]) -> List[bytes]:
    """:func:`encode` of each text (one fast pass when none holds a lone surrogate)."""
    try:
        return [t.encode("utf-8") for t in texts]
    except UnicodeEncodeError:
        return [encode(t) for t in texts]


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (so it can be written as UTF-8 or sent as JSON)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def pack(texts: Sequence[bytes]) -> Tuple[bytes, "ctypes.Array[ctypes.c_int64]"]:
    """Joins byte strings into one buffer with ``len(texts) + 1`` int64 offsets (the batch call's layout).

    - Complexity: O(total bytes), one join and one prefix sum.
    """
    offsets = array("q", [0])
    offsets.extend(accumulate(map(len, texts)))
    return b"".join(texts), (ctypes.c_int64 * len(offsets)).from_buffer(offsets)


def grade_one(options: Options, gold: bytes, candidate: bytes, is_response: bool) -> GradeResult:
    """``mathcurate_grade``: one pair."""
    lib = library()
    out = ctypes.POINTER(Results)()
    check(lib.mathcurate_grade(
        ctypes.byref(options), gold, len(gold), candidate, len(candidate), 1 if is_response else 0, ctypes.byref(out)
    ))
    try:
        return _read(out.contents)[0]
    finally:
        lib.mathcurate_results_free(out)


def grade_batch(
    options: Options, golds: Sequence[bytes], candidates: Sequence[bytes], is_response: bool, threads: int
) -> List[GradeResult]:
    """``mathcurate_grade_batch``: ``len(golds)`` pairs in one call, results in input order."""
    if len(golds) != len(candidates):
        raise ValueError(f"{len(golds)} gold answers but {len(candidates)} candidates")
    lib = library()
    gold_bytes, gold_offsets = pack(golds)
    candidate_bytes, candidate_offsets = pack(candidates)
    out = ctypes.POINTER(Results)()
    check(lib.mathcurate_grade_batch(
        ctypes.byref(options), len(golds), gold_bytes, gold_offsets, candidate_bytes, candidate_offsets,
        1 if is_response else 0, threads, ctypes.byref(out),
    ))
    try:
        return _read(out.contents)
    finally:
        lib.mathcurate_results_free(out)


def _read(results: Results) -> List[GradeResult]:
    """Copies a results block into :class:`GradeResult` objects (one copy of each array, then slicing).

    When the text is ASCII (the common case) byte offsets are character offsets, so the text is decoded once and
    sliced; otherwise each span is decoded on its own.
    """
    count = results.count
    if count == 0:
        return []
    verdicts = ctypes.string_at(results.verdicts, count)
    has_extracted = ctypes.string_at(results.has_extracted, count)
    spans = memoryview(ctypes.string_at(results.spans, 8 * (2 * count + 1))).cast("q").tolist()
    raw = ctypes.string_at(results.text, results.text_length) if results.text_length else b""
    if max(verdicts) > UNDECIDED:
        raise MathCurateError(f"the library returned an unknown verdict code {max(verdicts)}")
    rows = zip(verdicts, has_extracted, spans[0:-1:2], spans[1::2], spans[2::2])
    names = _VERDICT_NAMES
    if raw.isascii():
        text = raw.decode("ascii")
        return [GradeResult(v == EQUIVALENT, names[v], text[a:b], text[b:c] if x else None) for v, x, a, b, c in rows]
    return [
        GradeResult(v == EQUIVALENT, names[v], raw[a:b].decode("utf-8", "replace"),
                    raw[b:c].decode("utf-8", "replace") if x else None)
        for v, x, a, b, c in rows
    ]
