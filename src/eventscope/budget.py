"""The per-document time budget: a document that runs over it is stopped and fails with code `timeout`.

`deadline(seconds)` arms one shared watchdog thread; when the time is up it raises an exception in the
thread that runs the document (`PyThreadState_SetAsyncExc`, so it works in API request threads as well as
in the main thread, where SIGALRM would be the only other way). Python delivers it at the next bytecode:
every stage is Python, so a runaway stage stops; a call that stays inside C code for longer (a regex, the
parser) is stopped when it returns. The worker pool (`parallel.py`) adds a hard limit on top: a worker
that does not answer in time is killed and replaced.
"""
from __future__ import annotations

import ctypes
import heapq
import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any

from .errors import DocumentTimeout

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc  # (thread id, exception class or NULL to clear)


class _Expired(BaseException):
    """Raised asynchronously in the over-budget thread; a BaseException so no `except Exception` in a
    stage swallows it. `deadline` turns it into a DocumentTimeout."""


@dataclass(frozen=True)
class Budget:
    """Seconds a document may take: `floor` plus `per_1000_words` for each thousand words (0 = no limit)."""

    floor: float = 10.0
    per_1000_words: float = 5.0

    @classmethod
    def from_config(cls, config: Any) -> "Budget":
        """From `[pipeline] budget_floor_seconds` and `budget_seconds_per_1000_words`."""
        return cls(float(config.budget_floor_seconds), float(config.budget_seconds_per_1000_words))

    def seconds(self, text: str) -> float:
        """The budget of one text (words counted by spaces and newlines: no scan more than that)."""
        if self.floor <= 0:
            return 0.0
        words = text.count(" ") + text.count("\n") + 1
        return self.floor + self.per_1000_words * words / 1000


class _Watchdog:
    """One daemon thread that fires the earliest armed deadline; arming and disarming cost a lock each."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int]] = []  # (due, ticket)
        self._armed: dict[int, int] = {}  # ticket -> thread ident
        self._fired: set[int] = set()
        self._tickets = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        with self._cond:
            if self._thread is None or not self._thread.is_alive():  # also after a fork
                self._thread = threading.Thread(target=self._run, name="eventscope-budget", daemon=True)
                self._thread.start()
            ticket = next(self._tickets)
            due = time.monotonic() + seconds
            self._armed[ticket] = threading.get_ident()
            if not self._heap or due < self._heap[0][0]:
                self._cond.notify()
            heapq.heappush(self._heap, (due, ticket))
            return ticket

    def disarm(self, ticket: int) -> bool:
        """Cancel a deadline; True if it had fired (a pending exception not yet raised is cleared)."""
        with self._cond:
            ident = self._armed.pop(ticket, None)
            if ticket in self._fired:
                self._fired.discard(ticket)
                if ident is not None:
                    _set_async_exc(ctypes.c_ulong(ident), None)  # None is NULL: clears the pending exception
                return True
            return False

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                while self._heap and (self._heap[0][1] not in self._armed or self._heap[0][0] <= now):
                    due, ticket = heapq.heappop(self._heap)
                    ident = self._armed.get(ticket)
                    if ident is not None and due <= now:
                        self._fired.add(ticket)
                        _set_async_exc(ctypes.c_ulong(ident), ctypes.py_object(_Expired))
                self._cond.wait(self._heap[0][0] - now if self._heap else None)


_watchdog = _Watchdog()


class deadline:
    """`with deadline(seconds, where):` runs the block with a time limit (none when `seconds` <= 0); over it,
    the block is stopped and DocumentTimeout raised. A class, not a generator: fewer places where the
    asynchronous exception could land outside the handler."""

    def __init__(self, seconds: float, where: str | None = None) -> None:
        self.seconds, self.where, self.ticket = seconds, where, -1

    def __enter__(self) -> "deadline":
        if self.seconds > 0:
            self.ticket = _watchdog.arm(self.seconds)
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        if self.ticket < 0:
            return False
        expired = exc_type is _Expired
        for _ in range(3):  # the exception may land while disarming: disarm again (it is idempotent)
            try:
                expired = _watchdog.disarm(self.ticket) or expired
                break
            except _Expired:
                expired = True
        if expired:
            raise DocumentTimeout(f"stopped after its time budget of {self.seconds:.1f} s (set "
                                  "pipeline.budget_floor_seconds and budget_seconds_per_1000_words to change it)",
                                  where=self.where)
        return False
