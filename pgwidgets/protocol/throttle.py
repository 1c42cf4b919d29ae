"""Rate-limited log lines: one warning per kind per interval, however often it happens.

Anything an unauthenticated client can make the server log (a bad cookie, a foreign
identity header, a refused origin, a request that failed with 500) must not let that client
fill the disk or drown the lines that matter. :func:`log_throttled` logs the first
occurrence of a *key* at once, counts the repeats within ``interval`` seconds without
logging them, and mentions how many were left out on the next line it does log.

Stdlib only and free of threads and I/O (it only calls a logger), so every layer may use it,
the sans-I/O core included.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

__all__ = ["DEFAULT_INTERVAL", "LogThrottle", "log_throttled"]

#: seconds during which repeats of one key are counted instead of logged
DEFAULT_INTERVAL = 60.0
#: distinct keys remembered; the oldest is forgotten first (a flood of new keys is bounded)
_MAX_KEYS = 1024


class LogThrottle:
    """Decides which occurrences of a key are logged (sans-I/O apart from the lock).

    Args:
        interval: seconds after a logged line during which the same key stays quiet.
        max_keys: keys remembered at most.
        clock: time source (tests pass their own).
    """

    def __init__(
        self,
        interval: float = DEFAULT_INTERVAL,
        *,
        max_keys: int = _MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.interval = interval
        self._max_keys = max_keys
        self._clock = clock
        # key -> [time the key was last logged, occurrences suppressed since]
        self._seen: dict[str, list[float]] = {}

    def admit(self, key: str) -> int | None:
        """None: stay quiet; else log now, mentioning the returned count of left-out repeats.

        No lock: every step is one dict operation (atomic under the GIL), and a race
        between threads costs at most one extra or one uncounted line.
        """
        now = self._clock()
        entry = self._seen.get(key)
        if entry is not None and now - entry[0] < self.interval:
            entry[1] += 1
            return None
        suppressed = int(entry[1]) if entry is not None else 0
        if entry is None and len(self._seen) >= self._max_keys:
            try:
                self._seen.pop(next(iter(self._seen)), None)
            except (StopIteration, RuntimeError):  # emptied or resized by another thread
                pass
        self._seen.pop(key, None)  # re-insert: the dict stays ordered by last log
        self._seen[key] = [now, 0]
        return suppressed


_THROTTLE = LogThrottle()


def log_throttled(
    logger: logging.Logger,
    key: str,
    msg: str,
    *args: object,
    level: int = logging.WARNING,
    exc_info: bool = False,
    throttle: LogThrottle | None = None,
) -> bool:
    """Log ``msg % args`` unless a line with the same ``key`` was logged recently.

    Keys name the *kind* of event (``"bad-cookie"``, ``"foreign-header:X-User"``), never a
    client-chosen value, or each new value would be a new key. Returns whether it logged.
    """
    suppressed = (throttle or _THROTTLE).admit(key)
    if suppressed is None:
        return False
    if suppressed:
        msg += " (%d more like this since the last such line were not logged)"
        args = (*args, suppressed)
    logger.log(level, msg, *args, exc_info=exc_info)
    return True
