"""Test setup: test the installed mathcurate (its bundled library), and provide the data and servers tests share.

The library used is the installed wheel's bundled copy, or ``$MATHCURATE_LIBRARY`` when set. ``python -m pytest`` run
from python/ puts the source tree first on sys.path; it is taken off here so the tests exercise the installed package.
With ``MATHCURATE_TEST_SOURCE=1`` (or when mathcurate is not installed) the source tree is used instead; it then needs
``$MATHCURATE_LIBRARY`` or a staged ``mathcurate/_native/`` (scripts/build-wheel.sh stages one).

Data: ``fixtures/grading/dev_sample.jsonl`` and ``fixtures/grading/equivalence.tsv`` of the repository (see
``fixtures/grading/README.md`` for where they came from); the tests never read ``../shared``.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, NamedTuple, Optional

import pytest

PYTHON_DIR = Path(__file__).resolve().parents[1]
REPO = PYTHON_DIR.parent
FIXTURES = REPO / "fixtures" / "grading"


def _use_installed_package() -> None:
    if os.environ.get("MATHCURATE_TEST_SOURCE") == "1":
        return
    shadowing = [p for p in sys.path if Path(p or os.getcwd()).resolve() == PYTHON_DIR]
    for entry in shadowing:
        sys.path.remove(entry)
    try:
        import mathcurate  # noqa: F401
    except ImportError:
        sys.path[:0] = shadowing or [str(PYTHON_DIR)]  # not installed: test the source tree


_use_installed_package()

import mathcurate  # noqa: E402
from mathcurate import _binding  # noqa: E402


def pytest_report_header(config: pytest.Config) -> List[str]:
    try:
        library = str(_binding.library_path())
    except mathcurate.LibraryNotFoundError as error:
        library = f"not found ({error})"
    return [f"mathcurate: {Path(mathcurate.__file__).parent}", f"libmathcurate: {library}"]


class Pair(NamedTuple):
    """A labelled pair from the fixtures: ``kind`` is "answer" or "response"."""

    gold: str
    candidate: str
    kind: str
    equivalent: bool


@pytest.fixture(scope="session")
def dev_pairs() -> List[Pair]:
    """The 80 labelled pairs of fixtures/grading/dev_sample.jsonl (59 answers, 21 responses)."""
    rows = [json.loads(line) for line in (FIXTURES / "dev_sample.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [Pair(r["gold"], r["answer"], r["kind"], bool(r["equivalent"])) for r in rows]


@pytest.fixture(scope="session")
def equivalence_pairs() -> List[Pair]:
    """The hand-written pairs of fixtures/grading/equivalence.tsv (gold, answer, eq | ne)."""
    pairs = []
    for line in (FIXTURES / "equivalence.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip():
            gold, answer, expected = line.split("\t")
            pairs.append(Pair(gold, answer, "answer", expected == "eq"))
    return pairs


class GradeServer(NamedTuple):
    """A server answering POST /grade: its base URL, the bearer token it wants, and what it is."""

    url: str
    token: str
    kind: str


TOKEN = "test-token-7f3a"


def curate_binary() -> Optional[Path]:
    """The `curate` binary: ``$MATHCURATE_CURATE``, the repository's .build, or PATH."""
    candidates = [os.environ.get("MATHCURATE_CURATE"), REPO / ".build" / "debug" / "curate",
                  REPO / ".build" / "release" / "curate", shutil.which("curate")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def curate_path() -> Path:
    """The `curate` binary (see :func:`curate_binary`); tests that need it fail without it (scripts/test.sh builds
    it)."""
    binary = curate_binary()
    if binary is None:
        pytest.fail("no curate binary: build it (swift build --product curate) or set $MATHCURATE_CURATE")
    return binary


@pytest.fixture(scope="session")
def grade_server() -> Iterator[GradeServer]:
    """``curate serve --port 0 --policy standard`` when the binary exists; else a real HTTP server (http.server on
    127.0.0.1) that answers /grade like it, grading with this package (``MATHCURATE_TEST_SERVER=double`` forces it)."""
    binary = None if os.environ.get("MATHCURATE_TEST_SERVER") == "double" else curate_binary()
    if binary is not None:
        yield from _curate_serve(binary)
    else:
        yield from _double_server()


def _curate_serve(binary: Path) -> Iterator[GradeServer]:
    env = dict(os.environ, MATHCURATE_TEST_TOKEN=TOKEN)
    process = subprocess.Popen(
        [str(binary), "serve", "--port", "0", "--policy", "standard", "--threads", "2",
         "--token-env", "MATHCURATE_TEST_TOKEN"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
    )
    lines: "queue.Queue[Optional[str]]" = queue.Queue()

    def drain() -> None:  # keeps reading so the server never blocks on a full pipe
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=drain, daemon=True).start()
    url = None
    seen: List[str] = []
    try:
        while url is None:
            line = lines.get(timeout=60)
            if line is None:
                raise RuntimeError(f"curate serve exited: {''.join(seen)}")
            seen.append(line)
            match = re.search(r"curate serve: listening on (http://\S+:\d+)", line)
            if match:
                url = match.group(1)
        yield GradeServer(url, TOKEN, f"curate serve ({binary})")
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _double_server() -> Iterator[GradeServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GradeHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield GradeServer(f"http://127.0.0.1:{server.server_address[1]}", TOKEN, "http.server double")
    finally:
        server.shutdown()
        server.server_close()


class _GradeHandler(BaseHTTPRequestHandler):
    """POST /grade as curate serve answers it (GradeItemCodec): items in, results (or per-item errors) out."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._reply(401, {"error": "missing or wrong bearer token (send Authorization: Bearer <token>)"})
        if self.path != "/grade":
            return self._reply(404, {"error": "not found"})
        try:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            items = body["items"]
            assert isinstance(items, list)
        except Exception:
            return self._reply(400, {"error": "the body must be a JSON object with an \"items\" list"})
        self._reply(200, {"results": [self._answer(i, item) for i, item in enumerate(items)]})

    @staticmethod
    def _answer(index: int, item: Any) -> Dict[str, Any]:
        def failure(message: str) -> Dict[str, Any]:
            out: Dict[str, Any] = {"index": index}
            if isinstance(item, dict) and "id" in item:
                out["id"] = item["id"]
            out["error"] = message
            return out

        if not isinstance(item, dict):
            return failure("an item must be a JSON object")
        gold = item.get("gold")
        golds = gold if isinstance(gold, list) else [gold]
        if not golds or not all(isinstance(g, (str, int, float)) and not isinstance(g, bool) for g in golds):
            return failure("\"gold\" must be a string, a number or a non-empty list of them")
        options = item.get("options") or {}
        kwargs = {k: options[k] for k in ("policy", "strict", "tolerance", "rounded_decimals") if k in options}
        if "answer" in item:
            result = mathcurate.grade(golds, answer=item["answer"], **kwargs)
        elif isinstance(item.get("response"), str):
            result = mathcurate.grade(golds, response=item["response"], **kwargs)
        else:
            return failure("an item needs \"answer\" or \"response\"")
        out = {k: v for k, v in item.items() if k not in ("equivalent", "verdict", "reason", "extracted")}
        out.update(equivalent=result.equivalent, verdict=result.verdict, reason=result.reason,
                   extracted=result.extracted)
        return out

    def _reply(self, status: int, payload: Dict[str, Any]) -> None:
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
