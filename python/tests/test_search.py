"""mathcurate.search: the partitioned search's native pieces, checked by brute force in Python."""

from __future__ import annotations

import math
import random
from array import array

import pytest

from mathcurate.search import kmeans, nearest_centroids, similar_pairs


def unit_vectors(n: int, d: int, seed: int = 3) -> "array[float]":
    rng = random.Random(seed)
    rows = []
    for r in range(n):
        row = [rng.uniform(-1, 1) for _ in range(d)] if r % 4 else [x + rng.uniform(-0.03, 0.03) for x in rows[-1]] if rows else [1.0] * d
        norm = math.sqrt(sum(x * x for x in row))
        rows.append([x / norm for x in row])
    return array("f", [x for row in rows for x in row])


def dot(v, a: int, b: int, d: int, w=None) -> float:
    w = v if w is None else w
    return sum(v[a * d + t] * w[b * d + t] for t in range(d))


def test_pairs_are_the_brute_force_pairs() -> None:
    d, v = 8, unit_vectors(120, 8)
    got = [(i, j) for i, j, _ in similar_pairs(v, v, dimension=d, threshold=0.9)]
    want = [(i, j) for i in range(120) for j in range(120) if dot(v, i, j, d) > 0.9]
    assert got == want and len(want) > 120


def test_centroids_and_probes() -> None:
    d, v = 8, unit_vectors(300, 8)
    centroids = kmeans(v, dimension=d, k=6, seed=1)
    assert len(centroids) == 6 * d
    assert kmeans(v, dimension=d, k=6, seed=1) == centroids  # seeded
    probes = nearest_centroids(v, centroids, dimension=d, probes=2)
    for r, (first, second) in enumerate(probes):
        scores = [dot(v, r, c, d, centroids) for c in range(6)]
        assert first == max(range(6), key=scores.__getitem__) and second != first


def test_bad_shapes_raise() -> None:
    with pytest.raises(ValueError, match="rows of 3"):
        similar_pairs(array("f", [1, 0]), array("f", [1, 0]), dimension=3, threshold=0.5)
    with pytest.raises(ValueError, match="k must be positive"):
        kmeans(array("f", [1, 0]), dimension=2, k=0)
