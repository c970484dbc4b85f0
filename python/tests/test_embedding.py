"""mathcurate.embedding.Encoder against sentence-transformers' reference vectors (fixtures/embedding), with the real
all-MiniLM-L6-v2 weights that scripts/fetch-model.sh installs in models/ (CURATE_MODEL_DIR overrides)."""

from __future__ import annotations

import json
import math
import os
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mathcurate.embedding import Encoder, ModelError

ROOT = Path(__file__).resolve().parents[2]
MODEL = os.environ.get("CURATE_MODEL_DIR") or str(ROOT / "models" / "all-MiniLM-L6-v2")
REFERENCE = [json.loads(line) for line in (ROOT / "fixtures" / "embedding" / "reference.jsonl").read_text().splitlines()]


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return Encoder(MODEL)


def cosine(a, b) -> float:
    return sum(x * y for x, y in zip(a, b)) / math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))


def test_vectors_match_sentence_transformers(encoder: Encoder) -> None:
    assert len(REFERENCE) == 50 and encoder.dimension == 384
    rows = encoder.embed_rows([r["text"] for r in REFERENCE])
    worst = min(cosine(row, r["embedding"]) for row, r in zip(rows, REFERENCE))
    assert worst >= 0.99999, worst


def test_threads_share_one_encoder(encoder: Encoder) -> None:
    texts = [r["text"] for r in REFERENCE[:12]]
    expected = encoder.embed(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: encoder.embed(texts), range(4)))
    assert all(r == expected for r in results)


def test_empty_input_bad_texts_and_a_missing_model() -> None:
    with Encoder(MODEL, threads=1) as e:
        assert len(e.embed([])) == 0
        with pytest.raises(TypeError, match=r"texts\[1\]"):
            e.embed(["ok", 3])  # type: ignore[list-item]
    with pytest.raises(ModelError, match="fetch-model.sh"):
        Encoder("/nonexistent/model")


def test_an_encoder_pickles_by_path(encoder: Encoder) -> None:
    copy = pickle.loads(pickle.dumps(encoder))
    assert copy.model_dir == encoder.model_dir and copy.embed(["x + 1"]) == encoder.embed(["x + 1"])
