"""ctypes binding of libmathcurate_embed's C ABI (``Sources/CMathCurate/include/mathcurate_embed.h``).

Loaded on first use, once, under a lock: ``$MATHCURATE_EMBED_LIBRARY`` when set (e.g.
``.build/debug/libmathcurate_embed.so``), else the wheel's copy in ``mathcurate/_native/``. A separate library from
the grader's, so that grading never loads OpenBLAS. Private: :class:`mathcurate.embedding.Encoder` is the API.
"""

from __future__ import annotations

import ctypes
import os
import threading
from pathlib import Path
from typing import Optional

from mathcurate._binding import locate_library
from mathcurate.errors import InvalidArgumentError, LibraryNotFoundError, MathCurateError

OK = 0
INVALID_ARGUMENT = 1
MODEL_ERROR = 3
LIBRARY_ENV = "MATHCURATE_EMBED_LIBRARY"
LIBRARY_NAME = "libmathcurate_embed.so"

_library: Optional[ctypes.CDLL] = None
_lock = threading.Lock()


class PairsResult(ctypes.Structure):
    """``mathcurate_pairs_result``: owned by the library until ``mathcurate_pairs_free``."""

    _fields_ = [
        ("count", ctypes.c_int64),
        ("i", ctypes.POINTER(ctypes.c_int64)),
        ("j", ctypes.POINTER(ctypes.c_int64)),
        ("cosine", ctypes.POINTER(ctypes.c_float)),
    ]


class ModelError(MathCurateError, OSError):
    """The model folder is missing, incomplete or malformed (``MATHCURATE_MODEL_ERROR``)."""


def library_path() -> Path:
    """``$MATHCURATE_EMBED_LIBRARY``, else the wheel's bundled copy.

    Raises:
        LibraryNotFoundError: when neither exists.
    """
    return locate_library(LIBRARY_ENV, LIBRARY_NAME)


def library() -> ctypes.CDLL:
    """The loaded encoder library (thread-safe, loaded once)."""
    global _library
    lib = _library
    if lib is not None:
        return lib
    with _lock:
        if _library is None:
            path = library_path()
            try:
                lib = ctypes.CDLL(str(path))
            except OSError as error:
                raise LibraryNotFoundError(f"cannot load {path}: {error}") from error
            c_int32, c_int64, c_void_p = ctypes.c_int32, ctypes.c_int64, ctypes.c_void_p
            lib.mathcurate_encoder_open.argtypes = [
                ctypes.c_char_p, c_int64, c_int32, ctypes.POINTER(c_void_p), ctypes.c_char_p, c_int64]
            lib.mathcurate_encoder_open.restype = c_int32
            lib.mathcurate_encoder_dimension.argtypes = [c_void_p]
            lib.mathcurate_encoder_dimension.restype = c_int32
            lib.mathcurate_encoder_embed.argtypes = [
                c_void_p, c_int64, ctypes.c_char_p, ctypes.POINTER(c_int64), ctypes.POINTER(ctypes.c_float)]
            lib.mathcurate_encoder_embed.restype = c_int32
            lib.mathcurate_encoder_free.argtypes = [c_void_p]
            lib.mathcurate_encoder_free.restype = None
            float_p = ctypes.POINTER(ctypes.c_float)
            lib.mathcurate_kmeans.argtypes = [float_p, c_int64, c_int32, c_int32, ctypes.c_uint64, float_p, ctypes.POINTER(c_int64)]
            lib.mathcurate_kmeans.restype = c_int32
            lib.mathcurate_nearest_centroids.argtypes = [float_p, c_int64, float_p, c_int64, c_int32, c_int32, ctypes.POINTER(c_int32)]
            lib.mathcurate_nearest_centroids.restype = c_int32
            lib.mathcurate_pairs.argtypes = [float_p, c_int64, float_p, c_int64, c_int32, ctypes.c_float, c_int32, ctypes.POINTER(ctypes.POINTER(PairsResult))]
            lib.mathcurate_pairs.restype = c_int32
            lib.mathcurate_pairs_free.argtypes = [ctypes.POINTER(PairsResult)]
            lib.mathcurate_pairs_free.restype = None
            _library = lib
        return _library


def open_encoder(model_dir: str, threads: int) -> int:
    """Opens the model; returns the encoder handle.

    Raises:
        ModelError: the folder is missing or a file is malformed (the library's message says which and why).
    """
    path = os.fsencode(model_dir)
    handle = ctypes.c_void_p()
    error = ctypes.create_string_buffer(1024)
    status = library().mathcurate_encoder_open(path, len(path), threads, ctypes.byref(handle), error, len(error))
    if status != OK or not handle.value:
        message = error.value.decode("utf-8", "replace") or f"cannot open the model in {model_dir!r}"
        raise ModelError(message, status)
    return handle.value


def check(status: int) -> None:
    """Raises for a non-OK status of a libmathcurate_embed call."""
    if status == INVALID_ARGUMENT:
        raise InvalidArgumentError("libmathcurate_embed rejected its arguments (a size, an offset or a buffer)", status)
    if status != OK:
        raise MathCurateError(f"libmathcurate_embed failed with status {status}", status)
