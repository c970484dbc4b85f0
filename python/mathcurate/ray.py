"""Ray Data: ``grade`` adds the verdict columns to a Dataset, ``embed`` adds MiniLM embeddings, ``near_duplicates``
finds the pairs of rows whose embeddings are closer than a cosine threshold (the partitioned search, as tasks).

The rows are graded by ``Dataset.map_batches`` over a pool of actors: each actor loads libmathcurate once, in its
constructor, and grades Arrow batches with :func:`mathcurate.grade_batch` on one thread (the actors are the
parallelism). Every worker needs this package installed (a ``runtime_env`` with ``pip: ["mathcurate-....whl"]`` on a
cluster that lacks it).

Importing this module does not import Ray; :func:`grade` does. Written against Ray 2.60, where ``map_batches`` takes
``compute=ray.data.ActorPoolStrategy(...)`` (its ``concurrency=`` is deprecated).

Example::

    >>> import ray, mathcurate.ray
    >>> ds = ray.data.from_items([{"gold": "1/2", "response": "... so \\\\boxed{0.5}"}])
    >>> mathcurate.ray.grade(ds, gold="gold", response="response").take(1)[0]["verdict"]
    'equivalent'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from mathcurate._arrow import GradeColumns
from mathcurate._result import Policy, PolicyName

if TYPE_CHECKING:
    from array import array

    import pyarrow as pa
    import ray.data

__all__ = ["embed", "grade", "near_duplicates"]

#: Actors in the pool when neither ``actors`` nor ``compute`` is given.
DEFAULT_ACTORS = 2


def grade(
    ds: "ray.data.Dataset",
    *,
    gold: str,
    response: Optional[str] = None,
    answer: Optional[str] = None,
    policy: Union[Policy, PolicyName] = "standard",
    strict: bool = False,
    tolerance: Optional[float] = None,
    rounded_decimals: bool = False,
    batch_size: Optional[int] = 1024,
    actors: Optional[int] = None,
    compute: Optional[Any] = None,
    prefix: str = "",
) -> "ray.data.Dataset":
    """``ds`` with each row graded: columns ``equivalent`` (bool), ``verdict``, ``reason`` and ``extracted`` added.

    Lazy, as every Ray Data transform: nothing runs until the dataset is consumed. The verdicts are those of
    :func:`mathcurate.grade_batch` on the same values, whatever the batching and the number of actors.

    Args:
        ds: the rows. The gold column may hold strings, numbers, or lists of them (equivalent to any).
        gold: the name of the gold answer column.
        response: the name of a column of whole model responses (their final answers are found first), or
        answer: the name of a column of final answers. Pass exactly one of ``response`` and ``answer``.
        policy, strict, tolerance, rounded_decimals: as in :func:`mathcurate.grade`.
        batch_size: rows per ``grade_batch`` call (``map_batches``' ``batch_size``).
        actors: the size of the actor pool (default 2); each actor holds one CPU and grades on one thread.
        compute: instead of ``actors``, a Ray Data compute strategy, e.g.
            ``ray.data.ActorPoolStrategy(min_size=1, max_size=16)`` for an autoscaling pool.
        prefix: put before the added columns' names (``prefix="math_"`` gives ``math_verdict``, ...). Existing columns
            of those names are replaced.

    Returns:
        The graded dataset: the input's columns, then the four added ones. ``extracted`` is null when no final
        answer was found in a response.

    Raises:
        TypeError, ValueError: bad arguments, at once (no data is read and the library is not loaded).
        KeyError: a column that the dataset's known schema lacks.

        While the dataset runs, a row with a null gold (or an empty list of golds) fails the job with the
        ``ValueError`` that :func:`mathcurate.grade_batch` raises for a None gold, and a null answer or response
        with its ``TypeError``: drop or fill such rows first (``ds.filter(expr="is_valid(answer)")``). Ray raises
        it as a ``ray.exceptions.UserCodeException`` (a ``RayTaskError``) holding the message.

    Parallelism comes from blocks: give the dataset at least as many blocks as actors (``override_num_blocks=`` when
    reading, or ``ds.repartition(n)``). Each actor holds one CPU for the whole job, so on a small cluster the
    operators after this one (even a ``select_columns``) wait for CPUs: leave some free, or consume the graded
    blocks as they are.

    Example::

        >>> graded = mathcurate.ray.grade(ds, gold="solution", response="completion", policy="deepscaler", actors=8)
        >>> graded.write_parquet("s3://bucket/graded/")
    """
    import ray.data

    columns = GradeColumns.of(gold, response, answer, policy, strict, tolerance, rounded_decimals, prefix)
    if actors is not None and compute is not None:
        raise TypeError("pass actors= or compute=, not both")
    if actors is not None and (isinstance(actors, bool) or not isinstance(actors, int) or actors < 1):
        raise ValueError(f"actors must be a positive int, got {actors!r}")
    schema = ds.schema(fetch_if_missing=False)
    if schema is not None:
        for what, name in (("gold", columns.gold), (columns.candidate_kind, columns.candidate)):
            if name not in schema.names:
                raise KeyError(f"no {what} column {name!r}; the dataset's columns are {schema.names}")
    if compute is None:
        compute = ray.data.ActorPoolStrategy(size=actors or DEFAULT_ACTORS)
    return ds.map_batches(
        _GradeBatch,
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=compute,
        fn_constructor_kwargs={"columns": columns},
    )


class _GradeBatch:
    """The ``map_batches`` callable: loads the library once per actor, then grades each ``pyarrow.Table`` batch."""

    def __init__(self, columns: GradeColumns) -> None:
        from mathcurate._grading import grading_options

        self.columns = columns
        # Load the library and build the options block now, once per actor, not in the first batch.
        grading_options(columns.policy, columns.strict, columns.tolerance, columns.rounded_decimals)

    def __call__(self, batch: "pa.Table") -> "pa.Table":
        from mathcurate._arrow import grade_arrow

        return grade_arrow(batch, self.columns, threads=1)


def embed(
    ds: "ray.data.Dataset",
    *,
    text: str,
    model_dir: str,
    column: str = "embedding",
    batch_size: Optional[int] = 256,
    actors: Optional[int] = None,
    compute: Optional[Any] = None,
) -> "ray.data.Dataset":
    """``ds`` with a ``column`` of 384 float32 values per row: the all-MiniLM-L6-v2 embedding of its ``text``.

    Each actor opens the native encoder (libmathcurate_embed) once, from ``model_dir``, which must exist on every
    worker (``scripts/fetch-model.sh`` writes it; a shared file system or the same path on each node). The vectors
    are sentence-transformers' (cosine >= 0.99999), unit length.

    Raises:
        TypeError, ValueError: bad arguments, at once. A missing model folder fails the job with
        :class:`mathcurate.embedding.ModelError` when the actors start.
    """
    import ray.data

    if actors is not None and compute is not None:
        raise TypeError("pass actors= or compute=, not both")
    if not isinstance(text, str) or not isinstance(column, str):
        raise TypeError("text and column must be column names")
    if compute is None:
        compute = ray.data.ActorPoolStrategy(size=actors or DEFAULT_ACTORS)
    return ds.map_batches(
        _EmbedBatch,
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=compute,
        fn_constructor_kwargs={"text": text, "model_dir": model_dir, "column": column},
    )


class _EmbedBatch:
    """The ``map_batches`` callable of :func:`embed`: one encoder per actor, one native call per batch."""

    def __init__(self, text: str, model_dir: str, column: str) -> None:
        from mathcurate.embedding import Encoder

        self.text, self.column = text, column
        self.encoder = Encoder(model_dir, threads=1)

    def __call__(self, batch: "pa.Table") -> "pa.Table":
        import pyarrow as pa

        texts = batch.column(self.text).to_pylist()
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise TypeError(f"row {i} of the batch: column {self.text!r} holds {type(t).__name__}, not text")
        flat = pa.array(self.encoder.embed(texts), type=pa.float32())
        vectors = pa.FixedSizeListArray.from_arrays(flat, self.encoder.dimension)
        if self.column in batch.column_names:
            batch = batch.drop_columns([self.column])
        return batch.append_column(self.column, vectors)


def near_duplicates(
    ds: "ray.data.Dataset",
    *,
    threshold: float = 0.9,
    id: str = "id",
    column: str = "embedding",
    partition_size: int = 2_000,
    probes: int = 4,
    sample: int = 50_000,
    seed: int = 42,
) -> List[Tuple[Any, Any, float]]:
    """The pairs of rows whose embeddings have a cosine above ``threshold``: ``[(id_a, id_b, cosine)]`` with
    ``id_a < id_b`` (the ids must be comparable and distinct), each pair once, sorted.

    The partitioned search of ``curate dedup`` as Ray tasks: spherical k-means centroids are fitted on a sample of
    at most ``sample`` rows (in the driver, natively), every row is sent to the partitions of its ``probes`` nearest
    centroids, and each partition is searched exactly (``mathcurate.search.similar_pairs``) in its own task
    (``groupby(...).map_groups``). Every pair returned is an exact cosine; a pair is missed only when neither row's
    probes reach the other's partition (``bench/dedup-scale.sh`` measures the recall).

    Args:
        ds: rows with an ``id`` column and a ``column`` of unit vectors (lists or fixed-size lists of floats), e.g.
            from :func:`embed`, or embeddings read back with ``ray.data.read_parquet``.
        partition_size: rows per partition (k = rows / partition_size).
    """
    from array import array

    from mathcurate.search import kmeans

    if not 0 < threshold < 1:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    if partition_size < 1 or probes < 1 or sample < 1:
        raise ValueError("partition_size, probes and sample must be positive")
    rows = ds.count()
    if rows == 0:
        return []
    vectors = ds.select_columns([column])
    if rows > sample:
        vectors = vectors.random_sample(sample / rows, seed=seed)
    flat = array("f")
    dimension = 0
    for batch in vectors.iter_batches(batch_format="pyarrow"):
        if batch.num_rows:
            dimension = dimension or len(batch.column(column)[0])
            flat.extend(_vectors(batch, column))
    if dimension == 0:
        raise ValueError(f"no vectors in column {column!r}")
    centroids = kmeans(flat, dimension=dimension, k=max(1, rows // partition_size), seed=seed)
    probed = ds.select_columns([id, column]).map_batches(
        _probe, batch_format="pyarrow", fn_kwargs={"centroids": centroids.tobytes(), "column": column, "id": id,
                                                   "dimension": dimension, "probes": probes})
    found = probed.groupby("partition").map_groups(
        _partition_pairs, batch_format="pyarrow", fn_kwargs={"threshold": threshold, "dimension": dimension})
    best: Dict[Tuple[Any, Any], float] = {}
    for batch in found.iter_batches(batch_format="pyarrow"):
        for a, b, c in zip(batch.column("a").to_pylist(), batch.column("b").to_pylist(), batch.column("cosine").to_pylist()):
            best[(a, b)] = c
    return sorted((a, b, c) for (a, b), c in best.items())


def _float_array(values: "pa.Array") -> "array[float]":
    from array import array

    out = array("f")
    out.frombytes(values.buffers()[1].to_pybytes()[values.offset * 4:(values.offset + len(values)) * 4])
    return out


def _vectors(table: "pa.Table", column: str) -> "array[float]":
    """The rows of a list-of-float column as one flat float32 array."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pc.list_flatten(table.column(column)).combine_chunks().cast(pa.float32())
    return _float_array(values)


def _probe(batch: "pa.Table", centroids: bytes, column: str, id: str, dimension: int, probes: int) -> "pa.Table":
    """``map_batches`` (tasks): one output row per (row, probed partition), ``member`` true for the nearest one."""
    from array import array

    import pyarrow as pa

    from mathcurate.search import nearest_centroids

    centres = array("f")
    centres.frombytes(centroids)
    lists = nearest_centroids(_vectors(batch, column), centres, dimension=dimension, probes=probes)
    take, partition, member = [], [], []
    for row, nearest in enumerate(lists):
        for rank, c in enumerate(nearest):
            take.append(row)
            partition.append(c)
            member.append(rank == 0)
    out = batch.select([id, column]).take(pa.array(take, type=pa.int64())).rename_columns(["id", "vector"])
    return out.append_column("partition", pa.array(partition, type=pa.int32())).append_column(
        "member", pa.array(member, type=pa.bool_()))


def _partition_pairs(group: "pa.Table", threshold: float, dimension: int) -> "pa.Table":
    """``map_groups``: the exact pairs between the rows that probe this partition and its members."""
    import pyarrow as pa

    from mathcurate.search import similar_pairs

    member_rows = group.filter(group.column("member"))
    ids = group.column("id").to_pylist()
    member_ids = member_rows.column("id").to_pylist()
    pairs = similar_pairs(_vectors(group.rename_columns(["id", "v", "p", "m"]), "v"),
                          _vectors(member_rows.rename_columns(["id", "v", "p", "m"]), "v"),
                          dimension=dimension, threshold=threshold, threads=1)
    a, b, cos = [], [], []
    for i, j, c in pairs:
        x, y = ids[i], member_ids[j]
        if x == y:
            continue
        if y < x:
            x, y = y, x
        a.append(x)
        b.append(y)
        cos.append(c)
    return pa.table({"a": pa.array(a, type=group.schema.field("id").type), "b": pa.array(b, type=group.schema.field("id").type),
                     "cosine": pa.array(cos, type=pa.float32())})
