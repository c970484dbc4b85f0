"""Builds the inputs of bench/serve.sh from the dev pairs: JSON lines for `curate grade --jsonl`, /grade batch
bodies of 1,024 pairs, and single-sample /get_reward bodies (OpenRLHF's shape: query = prompt + response).

Usage: python make_inputs.py DEV.jsonl OUT_DIR REPEAT
"""
import json
import os
import sys

dev_path, out_dir, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
rows = [json.loads(line) for line in open(dev_path, encoding="utf-8") if line.strip()]
os.makedirs(out_dir, exist_ok=True)
lines = [json.dumps(row, ensure_ascii=False) for row in rows]
with open(os.path.join(out_dir, "dev.jsonl"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
with open(os.path.join(out_dir, "dev_x%d.jsonl" % repeat), "w", encoding="utf-8") as f:
    for _ in range(repeat):
        f.write("\n".join(lines) + "\n")
# Batches of 1,024 pairs, the dev pairs in turn; four different bodies.
pairs = [{"id": r["id"], "gold": r["gold"], "answer": r["answer"]} for r in rows]
for b in range(4):
    items = [pairs[(b * 1024 + i) % len(pairs)] for i in range(1024)]
    with open(os.path.join(out_dir, "grade_batch_%d.json" % b), "w", encoding="utf-8") as f:
        json.dump({"items": items}, f, ensure_ascii=False)
# One-sample reward bodies: a chat prompt, a thinking part and the answer boxed at the end.
with open(os.path.join(out_dir, "reward_bodies.txt"), "w", encoding="utf-8") as f:
    for i, r in enumerate(rows):
        prompt = "<|im_start|>user\nSolve problem %s. Put the final answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n" % r["id"]
        response = "<think>Working it out step by step.</think> The answer is $\\boxed{%s}$.<|im_end|>" % r["answer"]
        body = {"query": [prompt + response], "prompts": [prompt], "labels": [r["gold"]]}
        f.write(json.dumps(body, ensure_ascii=False) + "\n")
