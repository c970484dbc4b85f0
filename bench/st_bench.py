"""sentence-transformers reference timing for bench/embed.sh: encode the first N problems of a JSON array.

usage: python st_bench.py MODEL_DIR TEXTS.json N BATCH THREADS [OUT.npy]
Prints one line with texts, tokens, wall seconds, tokens/s, cpu_util and peak RSS.
"""
import json, os, resource, sys, time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
import torch
from sentence_transformers import SentenceTransformer

model_dir, texts_path, n, batch, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
texts = [row["problem"] for row in json.load(open(texts_path))[:n]]
model = SentenceTransformer(model_dir, device="cpu")
tokens = sum(len(model.tokenizer(t, truncation=True, max_length=model.max_seq_length)["input_ids"]) for t in texts)
model.encode(texts[:64], batch_size=batch)  # warm-up
t0, c0 = time.time(), time.process_time()
emb = model.encode(texts, batch_size=batch, normalize_embeddings=False)
wall, cpu = time.time() - t0, time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"python: texts {len(texts)} tokens {tokens} batch {batch} threads {threads}: total {wall:.2f}s, "
      f"{tokens / wall:.0f} tokens/s, {len(texts) / wall:.1f} texts/s, cpu_util {cpu / wall:.2f}, peak RSS {rss:.0f} MiB, "
      f"torch {torch.__version__} kernels {torch.backends.cpu.get_cpu_capability()}")
if len(sys.argv) > 6:
    import numpy as np
    np.save(sys.argv[6], emb)
