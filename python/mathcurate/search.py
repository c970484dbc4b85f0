"""The pieces of MathCurate's partitioned near-duplicate search, for engines that run its partitions as tasks:
spherical k-means centroids, each vector's nearest centroids (its partitions), and the exact pairs above a cosine
threshold between two sets of vectors. Native (libmathcurate_embed, SGEMM), bounded by nothing but the input.

Vectors are row-major float32 unit vectors: an ``array('f')`` (or any buffer of float32) of ``count * dimension``.

Example::

    >>> from array import array
    >>> from mathcurate.search import similar_pairs
    >>> v = array("f", [1, 0, 0.6, 0.8, 1, 0])        # three 2-d unit vectors
    >>> similar_pairs(v, v, dimension=2, threshold=0.9)
    [(0, 0, 1.0), (0, 2, 1.0), (1, 1, 1.0), (2, 0, 1.0), (2, 2, 1.0)]
"""

from __future__ import annotations

import ctypes
from array import array
from typing import List, Tuple, Union

from mathcurate import _embed_binding as native

__all__ = ["kmeans", "nearest_centroids", "similar_pairs"]

Floats = Union["array[float]", bytes, bytearray, memoryview]


def _floats(values: Floats, dimension: int, name: str) -> Tuple["ctypes.Array[ctypes.c_float]", int]:
    """A ctypes float array over ``values`` (copied when read-only) and its row count."""
    if dimension <= 0:
        raise ValueError(f"dimension must be positive, got {dimension}")
    view = memoryview(values).cast("B")
    if view.nbytes % (4 * dimension):
        raise ValueError(f"{name} holds {view.nbytes} bytes, not rows of {dimension} float32 values")
    count = view.nbytes // (4 * dimension)
    buffer = (ctypes.c_float * (count * dimension)).from_buffer_copy(view) if view.readonly else \
        (ctypes.c_float * (count * dimension)).from_buffer(view)
    return buffer, count


def kmeans(vectors: Floats, *, dimension: int, k: int, seed: int = 42) -> "array[float]":
    """Spherical k-means centroids of ``vectors`` (a sample is enough): at most ``k`` rows, unit length."""
    if k <= 0:
        raise ValueError(f"k must be positive, got {k}")
    data, count = _floats(vectors, dimension, "vectors")
    out = array("f", bytes(4 * k * dimension))
    written = ctypes.c_int64()
    native.check(native.library().mathcurate_kmeans(data, count, dimension, k, seed,
                                                     (ctypes.c_float * len(out)).from_buffer(out), ctypes.byref(written)))
    return out[: written.value * dimension]


def nearest_centroids(vectors: Floats, centroids: Floats, *, dimension: int, probes: int = 4) -> List[List[int]]:
    """For each vector, the indices of its ``probes`` nearest centroids, nearest first."""
    if probes <= 0:
        raise ValueError(f"probes must be positive, got {probes}")
    data, count = _floats(vectors, dimension, "vectors")
    centres, k = _floats(centroids, dimension, "centroids")
    if count == 0:
        return []
    out = (ctypes.c_int32 * (count * probes))()
    native.check(native.library().mathcurate_nearest_centroids(data, count, centres, k, dimension, probes, out))
    return [[c for c in out[r * probes:(r + 1) * probes] if c >= 0] for r in range(count)]


def similar_pairs(queries: Floats, members: Floats, *, dimension: int, threshold: float,
                  threads: int = 0) -> List[Tuple[int, int, float]]:
    """Every ``(query row, member row, cosine)`` with cosine > ``threshold``, exactly, sorted."""
    q, nq = _floats(queries, dimension, "queries")
    m, nm = _floats(members, dimension, "members")
    result = ctypes.POINTER(native.PairsResult)()
    native.check(native.library().mathcurate_pairs(q, nq, m, nm, dimension, threshold, threads, ctypes.byref(result)))
    try:
        block = result.contents
        n = block.count
        return [(block.i[t], block.j[t], round(block.cosine[t], 6)) for t in range(n)]
    finally:
        native.library().mathcurate_pairs_free(result)
