"""numpy reference for the all-pairs search: N random unit vectors, S = X[i0:i1] @ X[i0:].T per 2048-row block,
pairs with cos > threshold in the strict upper triangle. usage: python numpy_allpairs.py N DIM THRESHOLD"""
import resource, sys, time
import numpy as np

n, d, thr = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
rng = np.random.default_rng(42)
x = rng.standard_normal((n, d), dtype=np.float32)
x /= np.linalg.norm(x, axis=1, keepdims=True)
for k in range(100):
    x[n - 1 - k * 3] = x[k * 7] + 0.01 * rng.standard_normal(d, dtype=np.float32)
x /= np.linalg.norm(x, axis=1, keepdims=True)
t0 = time.time()
pairs = 0
block = 2048
for i0 in range(0, n, block):
    i1 = min(i0 + block, n)
    s = x[i0:i1] @ x[i0:].T
    r, c = np.nonzero(s > thr)
    pairs += int(np.count_nonzero(c + i0 > r + i0))
wall = time.time() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"numpy allpairs: n {n} dim {d} threshold {thr}: {wall:.2f}s ({n * n * d / wall / 1e9:.0f} GFLOP/s), pairs {pairs}, peak RSS {rss:.0f} MiB")
