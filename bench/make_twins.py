"""Builds fixtures/dedup/twins.jsonl: AIME problems transcribed independently by several sources, grouped by contest.

Ground truth for near-duplicate removal (issue 15) comes from metadata, never from embeddings: two rows are twins
when they are the same contest problem, i.e. the same (year, AIME I/II, problem number). Three real sources in
../shared/data are read and matched on that key:

  aime-csv         aime/AIME_Dataset_1983_2024.csv (Idhant297/reasoning): a title row on line 1, then a CSV header
                   (ID, Year, Problem Number, Question, Answer, Part, right/wrong), CRLF. Part is "I"/"II" from 2000
                   on and empty before (one AIME a year); ID already reads "1999-4" / "2003-II-7".
  deepscaler-aime  deepscaler/train/aime.json (agentica-project/rllm): year, aime_number (1 or 2; always 1 before
                   2000), problem_number. Its 2023 rows number problem 15 as 0 (problems 1..14, then 0 for each
                   AIME); the script maps 0 to 15 and the answers confirm it (349 for 2023-I-15, 363 for 2023-II-15).
  aime24           eval-sets/aime24.jsonl (QwenLM/Qwen2.5-Math): AIME 2024, whose url field
                   ".../2024_AIME_II_Problems/Problem_10" gives part and number.

Every match is checked: the answers must agree once leading zeros are stripped (an answer that lists accepted
alternatives, "080 or 081 (both were accepted)", agrees when one of them does). Groups whose answers disagree are
printed and left out of the fixture; so are problems only one source has.

The fixture holds one JSON object per problem text, grouped by contest and in contest order:
  {"group": "2003-II-7", "source": "aime-csv", "key": "2003-II-7", "problem": ..., "answer": ...}
problem and answer are exactly as in the source. key is the row's own id: the CSV's ID, the DeepScaleR row's index
in its JSON array ("aime.json[974]", as `curate ingest` keys a row without an id), the aime24 id ("60").
Only informative groups are written: those whose texts differ in something other than whitespace. When there are
more than --max-groups of them, every group showing one of the noise kinds of issue 15 is kept ([asy] code, a
trailing "~ name" signature or credit in one copy, an image file name or URL, a/b against \\frac or \\dfrac/\\tfrac
against \\frac), and so is every group whose copies differ in their digit runs (where a template rule on numbers
could split twins), whose answers are written differently ("075" / "75") or that has an aime24 member (the eval
set); the rest are sampled with a fixed seed (--seed).

Run from the repository root:
    python3 bench/make_twins.py [--data ../shared/data] [--out fixtures/dedup/twins.jsonl] [--max-groups 500]
It prints the number of groups, how many have identical texts after collapsing whitespace, and how many were
written. Python 3.9+, standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

SOURCE_ORDER = ("aime-csv", "deepscaler-aime", "aime24")
AIME24_URL = re.compile(r"/(\d{4})_AIME_(I{1,2})_Problems/Problem_(\d+)\b")
ASY_BLOCK = re.compile(r"\[asy\].*?(?:\[/asy\]|\Z)", re.S | re.I)
# A trailing credit: "~name" after whitespace (a LaTeX "~" inside math follows no space or precedes a backslash),
# "-name" ending a line, "Credit to ...", "_Diagram by ..._", "Solution by ...", "(Source: ...)".
CREDIT = re.compile(r"(?:(?<=\s)|^)~\s?[A-Za-z0-9_][\w.]*|(?<=\s)-[A-Za-z][\w.]*[ \t]*$|Credit to[^\n]*"
                    r"|_?Diagram by[^\n]*|Solution by[^\n]*|\(Source:[^)]*\)", re.I | re.M)
IMAGE_OR_URL = re.compile(r"[\w.\-]+\.(?:png|gif|jpe?g|svg)\b|https?://\S+|www\.\S+", re.I)
SLASH_FRACTION = re.compile(r"(?<![\w\\/])(?:\d+|[A-Za-z])\s*/\s*(?:\d+|[A-Za-z])(?![\w/])")
LATEX_FRACTION = re.compile(r"\\[dt]?frac(?![a-z])")
DIGIT_RUN = re.compile(r"\d+")


class TwinsError(Exception):
    """A source file that does not have the shape this script expects."""


@dataclass(frozen=True)
class Entry:
    """One problem text of one source, with the contest key it belongs to."""

    group: str
    source: str
    key: str
    problem: str
    answer: str

    def record(self) -> Dict[str, str]:
        """The fixture line, fields in the documented order."""
        return {"group": self.group, "source": self.source, "key": self.key, "problem": self.problem,
                "answer": self.answer}


def contest_key(year: int, part: Optional[str], number: int) -> str:
    """ "1999-4" before 2000 (one AIME a year), "2003-II-7" from 2000 on."""
    if not 1 <= number <= 15:
        raise TwinsError(f"problem number {number} of {year} is outside 1..15")
    if year < 2000:
        if part:
            raise TwinsError(f"{year} had one AIME, but a row names part {part}")
        return f"{year}-{number}"
    if part not in ("I", "II"):
        raise TwinsError(f"{year} row has part {part!r}, expected I or II")
    return f"{year}-{part}-{number}"


def read_aime_csv(path: str) -> List[Entry]:
    """The AIME CSV: skip the title line, then a header row; part is empty before 2000."""
    with open(path, encoding="utf-8", newline="") as handle:
        title = handle.readline()
        if "," in title:
            raise TwinsError(f"{path}: expected a title line before the header, got {title[:60]!r}")
        rows = list(csv.DictReader(handle))
    entries = []
    for row in rows:
        key = contest_key(int(row["Year"]), row["Part"].strip() or None, int(row["Problem Number"]))
        if key != row["ID"]:
            raise TwinsError(f"{path}: ID {row['ID']} does not match year/part/number ({key})")
        entries.append(Entry(key, "aime-csv", row["ID"], row["Question"], row["Answer"]))
    return entries


def read_deepscaler(path: str) -> List[Entry]:
    """DeepScaleR's AIME train file: aime_number 1/2 is the part from 2000 on; problem number 0 means 15."""
    with open(path, encoding="utf-8") as handle:
        rows = json.load(handle)
    name = os.path.basename(path)
    entries = []
    for index, row in enumerate(rows):
        year = int(row["year"])
        number = int(row["problem_number"]) or 15
        part = None if year < 2000 else {1: "I", 2: "II"}.get(int(row["aime_number"]))
        if year < 2000 and int(row["aime_number"]) != 1:
            raise TwinsError(f"{path}[{index}]: aime_number {row['aime_number']} before 2000")
        entries.append(Entry(contest_key(year, part, number), "deepscaler-aime", f"{name}[{index}]",
                             row["problem"], str(row["answer"])))
    return entries


def read_aime24(path: str) -> List[Entry]:
    """Qwen's AIME 2024 eval set: part and number come from the AoPS wiki URL."""
    entries = []
    with open(path, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            row = json.loads(line)
            match = AIME24_URL.search(row["url"])
            if match is None:
                raise TwinsError(f"{path}:{line_number}: no AIME problem in url {row['url']!r}")
            key = contest_key(int(match[1]), match[2], int(match[3]))
            entries.append(Entry(key, "aime24", str(row["id"]), row["problem"], str(row["answer"])))
    return entries


def answer_values(answer: str) -> Set[str]:
    """The values an answer states, leading zeros dropped: "075" gives {"75"}; an answer listing accepted
    alternatives ("080 or 081 (both were accepted)") gives each of them."""
    text = answer.strip()
    if " or " in text:
        return {run.lstrip("0") or "0" for run in DIGIT_RUN.findall(text)}
    return {text.lstrip("0") or "0"} if text.isdigit() else {text}


def answers_agree(members: Sequence[Entry]) -> bool:
    """True when some value is stated by every member's answer."""
    common = answer_values(members[0].answer)
    for member in members[1:]:
        common &= answer_values(member.answer)
    return bool(common)


def collapsed(text: str) -> str:
    """Whitespace runs as one space, ends trimmed: texts equal under this differ only in whitespace."""
    return " ".join(text.split())


def noise_kinds(members: Sequence[Entry]) -> List[str]:
    """The noise kinds of issue 15 a group shows: "asy" (diagram code in a copy), "credit" (copies differ in
    trailing credits or signatures), "image" (a file name or URL in a copy), "fraction" (a/b in one copy against
    \\frac in another, or \\dfrac/\\tfrac against \\frac), "numbers" (the multisets of digit runs differ) and
    "answer" (the answers are written differently: "075" against "75")."""
    texts = [m.problem for m in members]
    stripped = [ASY_BLOCK.sub(" ", t) for t in texts]
    kinds = []
    if any("[asy]" in t.lower() for t in texts):
        kinds.append("asy")
    if len({len(CREDIT.findall(t)) for t in stripped}) > 1:
        kinds.append("credit")
    if any(IMAGE_OR_URL.search(t) for t in stripped):
        kinds.append("image")
    slash = {len(SLASH_FRACTION.findall(t)) for t in stripped}
    fracs = {tuple(sorted(LATEX_FRACTION.findall(t))) for t in stripped}
    if len(fracs) > 1 and (len(slash) > 1 or any("\\dfrac" in f or "\\tfrac" in f for f in fracs)):
        kinds.append("fraction")
    if len({tuple(sorted(DIGIT_RUN.findall(t))) for t in texts}) > 1:
        kinds.append("numbers")
    if len({m.answer.strip() for m in members}) > 1:
        kinds.append("answer")
    return kinds


def group_entries(entries: Iterable[Entry]) -> Dict[str, List[Entry]]:
    """Entries by contest key, members in SOURCE_ORDER; a source holding one key twice is an error."""
    groups: Dict[str, List[Entry]] = defaultdict(list)
    for entry in entries:
        if any(m.source == entry.source for m in groups[entry.group]):
            raise TwinsError(f"{entry.source} holds {entry.group} twice")
        groups[entry.group].append(entry)
    for members in groups.values():
        members.sort(key=lambda m: SOURCE_ORDER.index(m.source))
    return groups


def sort_key(group: str) -> Tuple[int, int, int]:
    """Contest order: year, then AIME I before II, then number."""
    parts = group.split("-")
    return (int(parts[0]), len(parts[1]) if len(parts) == 3 else 0, int(parts[-1]))


def select(informative: List[str], groups: Dict[str, List[Entry]], max_groups: int, seed: int) -> List[str]:
    """All informative groups if they fit; else every group with a noise kind or an aime24 member (the eval set, the
    only source writing \\( \\)), plus a seeded sample of the rest."""
    if len(informative) <= max_groups:
        return informative
    def kept(group: str) -> bool:
        return bool(noise_kinds(groups[group])) or any(m.source == "aime24" for m in groups[group])

    noisy = [g for g in informative if kept(g)]
    rest = [g for g in informative if not kept(g)]
    room = max(0, max_groups - len(noisy))
    sample = random.Random(seed).sample(rest, min(room, len(rest)))
    return sorted(noisy + sample, key=sort_key)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Reads the three sources, matches and checks the groups, writes the fixture and prints the counts."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    parser.add_argument("--out", default=os.path.join(root, "fixtures", "dedup", "twins.jsonl"))
    parser.add_argument("--max-groups", type=int, default=500)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)

    entries = (read_aime_csv(os.path.join(args.data, "aime", "AIME_Dataset_1983_2024.csv"))
               + read_deepscaler(os.path.join(args.data, "deepscaler", "train", "aime.json"))
               + read_aime24(os.path.join(args.data, "eval-sets", "aime24.jsonl")))
    groups = group_entries(entries)
    singles = sorted((g for g, m in groups.items() if len(m) == 1), key=sort_key)
    matched = sorted((g for g, m in groups.items() if len(m) > 1), key=sort_key)
    disagreeing = [g for g in matched if not answers_agree(groups[g])]
    alternatives = [g for g in matched if g not in disagreeing and any(" or " in m.answer for m in groups[g])]
    matched = [g for g in matched if g not in disagreeing]
    identical = [g for g in matched if len({collapsed(m.problem) for m in groups[g]}) == 1]
    informative = [g for g in matched if g not in identical]
    chosen = select(informative, groups, args.max_groups, args.seed)

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    texts = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        for group in chosen:
            for member in groups[group]:
                out.write(json.dumps(member.record(), ensure_ascii=False) + "\n")
                texts += 1

    by_sources: Dict[str, int] = defaultdict(int)
    for group in matched:
        by_sources[" + ".join(m.source for m in groups[group])] += 1
    print(f"rows read: {len(entries)} ({', '.join(f'{s} {sum(e.source == s for e in entries)}' for s in SOURCE_ORDER)})")
    alone = ", ".join(f"{s} {sum(groups[g][0].source == s for g in singles)}" for s in SOURCE_ORDER)
    print(f"contest keys: {len(groups)}; in one source only (not twins, left out): {len(singles)} ({alone})")
    print(f"twin groups (2+ sources, answers agree): {len(matched)} "
          f"({'; '.join(f'{k}: {v}' for k, v in sorted(by_sources.items()))})")
    print(f"answers disagree (left out): {len(disagreeing)}"
          + "".join(f"\n  {g}: " + ", ".join(f"{m.source} {m.answer!r}" for m in groups[g]) for g in disagreeing))
    print(f"answer lists accepted alternatives (kept): {', '.join(alternatives) or 'none'}")
    print(f"identical texts after collapsing whitespace: {len(identical)}")
    print(f"texts differ beyond whitespace: {len(informative)}")
    kinds: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for group in informative:
        for kind in noise_kinds(groups[group]):
            kinds[kind][0] += 1
            kinds[kind][1] += group in chosen
    print("noise kinds (groups differing beyond whitespace / included): "
          + ", ".join(f"{k} {n}/{i}" for k, (n, i) in sorted(kinds.items())))
    kept = sum(1 for g in chosen if noise_kinds(groups[g]) or any(m.source == "aime24" for m in groups[g]))
    print(f"included: {len(chosen)} groups ({kept} kept for a noise kind or an aime24 member, the rest sampled with "
          f"seed {args.seed}), {texts} texts -> {os.path.relpath(args.out)} ({os.path.getsize(args.out)} bytes)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (TwinsError, OSError, KeyError, ValueError) as error:
        print(f"make_twins: error: {error}", file=sys.stderr)
        sys.exit(1)
