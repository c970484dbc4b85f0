"""Turns the labelled dev pairs into `curate grade --jsonl` items, and scores the verdicts that come back.

Each dev row {id, gold, answer, equivalent, kind, tolerance_dependent} becomes
{"id", "gold", "answer" | "response", "expected"}, with "options": {"rounded_decimals": true} on the rows the
dev file marks tolerance_dependent (golds written as exact values, answers as rounded decimals: the options
the dev harness, MathBench grade-dev, grades them with). --no-options leaves the options out.

Usage: python3 bench/dev_items.py items DEV.jsonl [--no-options] > items.jsonl
       python3 bench/dev_items.py score < verdicts.jsonl
"""
import json
import sys


def items(path: str, with_options: bool) -> None:
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        row = json.loads(line)
        item = {"id": row["id"], "gold": row["gold"], "expected": row["equivalent"]}
        item["response" if row.get("kind") == "response" else "answer"] = row["answer"]
        if with_options and row.get("tolerance_dependent"):
            item["options"] = {"rounded_decimals": True}
        print(json.dumps(item, ensure_ascii=False))


def score(lines) -> None:
    total = correct = false_positives = errors = 0
    misses = []
    for line in lines:
        out = json.loads(line)
        total += 1
        if "error" in out:
            errors += 1
            misses.append(f"{out.get('id')}: error {out['error']}")
            continue
        if out["equivalent"] == out["expected"]:
            correct += 1
        else:
            if out["equivalent"]:
                false_positives += 1
            misses.append(f"{out['id']}: expected {out['expected']}, got {out['verdict']} ({out['reason']})")
    print(f"dev pairs: {correct}/{total} = {100 * correct / max(total, 1):.2f} %, "
          f"false positives {false_positives}, errors {errors}")
    for m in misses:
        print("  " + m)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "items":
        items(sys.argv[2], "--no-options" not in sys.argv[3:])
    elif len(sys.argv) == 2 and sys.argv[1] == "score":
        score(sys.stdin)
    else:
        sys.exit(__doc__)
