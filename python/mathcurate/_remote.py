"""A standard-library client for ``curate serve``'s ``POST /grade`` (used when ``$MATHCURATE_URL`` is set).

Request: ``{"items": [{"id": 0, "gold": G, "response": R}, ...]}``; reply: ``{"results": [...]}`` with, per item,
``equivalent``, ``verdict``, ``reason`` and ``extracted`` (or ``{"index": i, "id": ..., "error": "..."}`` for a bad
item). The server grades with the policy it was started with (``curate serve --policy``), not the caller's.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, List, Optional, Sequence, cast

from mathcurate._result import GradeResult, Verdict
from mathcurate.errors import RemoteGradingError

__all__ = ["URL_ENV", "TOKEN_ENV", "TIMEOUT_ENV", "server_url", "post_grade"]

URL_ENV = "MATHCURATE_URL"
TOKEN_ENV = "MATHCURATE_TOKEN"
TIMEOUT_ENV = "MATHCURATE_TIMEOUT"
#: Seconds one request may take (``$MATHCURATE_TIMEOUT`` overrides).
DEFAULT_TIMEOUT = 120.0
#: Tries for a request that fails to connect or gets a 5xx answer (a 4xx answer is not retried).
TRIES = 3
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_VERDICTS = {"equivalent", "different", "undecided"}


def server_url() -> Optional[str]:
    """``$MATHCURATE_URL`` without a trailing slash, or None when unset or empty."""
    url = os.environ.get(URL_ENV, "").strip()
    return url.rstrip("/") or None


def post_grade(base_url: str, items: Sequence[Dict[str, Any]], timeout: Optional[float] = None) -> List[GradeResult]:
    """POSTs ``items`` to ``base_url/grade`` and returns one result per item, in order (blocking).

    Sends ``Authorization: Bearer $MATHCURATE_TOKEN`` when that variable is set. Loopback addresses bypass any
    configured HTTP proxy.

    Raises:
        RemoteGradingError: the server cannot be reached, answers with an error, or rejects an item.
    """
    url = base_url + "/grade"
    body = json.dumps({"items": list(items)}).encode("ascii")  # \\u escapes: any text, even lone surrogates
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    token = os.environ.get(TOKEN_ENV)
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if timeout is None:
        timeout = float(os.environ.get(TIMEOUT_ENV) or DEFAULT_TIMEOUT)
    opener = _opener(url)
    reply: Optional[bytes] = None
    for attempt in range(1, TRIES + 1):
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with opener.open(request, timeout=timeout) as response:
                reply = response.read()
            break
        except urllib.error.HTTPError as error:
            message = _error_message(error)
            if error.code < 500 or attempt == TRIES:
                raise RemoteGradingError(f"{url} answered {error.code}: {message}") from None
        except (urllib.error.URLError, OSError) as error:
            if attempt == TRIES:
                raise RemoteGradingError(f"cannot reach {url} after {TRIES} tries: {error}") from error
        time.sleep(0.5 * attempt)
    assert reply is not None
    return _read_results(url, reply, len(items))


def _opener(url: str) -> urllib.request.OpenerDirector:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in _LOOPBACK:
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def _error_message(error: urllib.error.HTTPError) -> str:
    try:
        text = error.read().decode("utf-8", "replace")
    except OSError:
        return error.reason if isinstance(error.reason, str) else str(error)
    try:
        payload = json.loads(text)
    except ValueError:
        return text.strip() or str(error.reason)
    message = payload.get("error") if isinstance(payload, dict) else None
    return message if isinstance(message, str) else text.strip()


def _read_results(url: str, reply: bytes, count: int) -> List[GradeResult]:
    try:
        payload = json.loads(reply)
    except ValueError as error:
        raise RemoteGradingError(f"{url} answered with a body that is not JSON: {error}") from None
    results = payload.get("results") if isinstance(payload, dict) else None
    if not isinstance(results, list) or len(results) != count:
        raise RemoteGradingError(f"{url} answered without a \"results\" list of {count} items")
    graded: List[GradeResult] = []
    for i, item in enumerate(results):
        if not isinstance(item, dict):
            raise RemoteGradingError(f"{url}: result {i} is not an object", i)
        if "error" in item:
            index = item.get("index", i)
            raise RemoteGradingError(f"{url} rejected item {index}: {item['error']}", index if isinstance(index, int) else i)
        verdict, extracted = item.get("verdict"), item.get("extracted")
        if verdict not in _VERDICTS or not (extracted is None or isinstance(extracted, str)):
            raise RemoteGradingError(f"{url}: result {i} has no valid verdict", i)
        graded.append(GradeResult(verdict == "equivalent", cast(Verdict, verdict), str(item.get("reason", "")), extracted))
    return graded
