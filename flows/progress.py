"""A hook through which a flow reports progress to whoever started it (the CLI's progress bar).

Flows run in-process, so a module-level callback is enough and keeps UI code out of the flow.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[str, int], None]  # (event, n): ("total", pages) then ("advance", 1)...

_listener: Listener | None = None


def set_listener(listener: Listener | None) -> None:
    global _listener
    _listener = listener


def total(n: int) -> None:
    if _listener:
        _listener("total", n)


def advance(n: int = 1) -> None:
    if _listener:
        _listener("advance", n)
