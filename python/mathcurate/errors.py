"""The exceptions of mathcurate.

Every error the native library reports arrives as a :class:`MathCurateError` carrying the library's own message and
status code; loading problems (no library, a library of another ABI) have their own subclasses so callers can tell
"not installed right" from "bad input".

Example::

    >>> import mathcurate
    >>> try:
    ...     mathcurate.grade("1/2", answer="0.5", tolerance=2.0)
    ... except ValueError as error:
    ...     print(error)
    tolerance must be in [0, 1), got 2.0
"""

from __future__ import annotations

from typing import Optional

__all__ = [
    "ABIMismatchError",
    "InvalidArgumentError",
    "LibraryNotFoundError",
    "MathCurateError",
    "RemoteGradingError",
]


class MathCurateError(Exception):
    """An error reported by libmathcurate (or by the grading server).

    Attributes:
        status: the native status code (``MATHCURATE_*``), or None when the error did not come from a status code.
    """

    def __init__(self, message: str, status: Optional[int] = None) -> None:
        super().__init__(message)
        self.status = status


class InvalidArgumentError(MathCurateError, ValueError):
    """The library rejected an argument (``MATHCURATE_INVALID_ARGUMENT``)."""


class ABIMismatchError(MathCurateError):
    """The library speaks another ABI than this package (``MATHCURATE_ABI_MISMATCH`` or a wrong ABI version)."""


class LibraryNotFoundError(MathCurateError, OSError):
    """libmathcurate.so could not be found or loaded."""


class RemoteGradingError(MathCurateError):
    """The grading server (``MATHCURATE_URL``) failed a request or rejected an item.

    Attributes:
        index: the position of the rejected item in the request, when one item was at fault.
    """

    def __init__(self, message: str, index: Optional[int] = None) -> None:
        super().__init__(message)
        self.index = index
