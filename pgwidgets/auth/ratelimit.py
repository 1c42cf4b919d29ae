"""Failed-login rate limit per client address (sans-I/O: the clock is passed in)."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

__all__ = ["FailureLimiter"]


class FailureLimiter:
    """Allows ``max_failures`` failed attempts per address within ``window`` seconds.

    After that the address is refused until its oldest counted failure leaves the window.
    Memory is bounded: at most ``max_clients`` addresses are tracked, the stalest dropped
    first, so a flood of addresses cannot exhaust memory.
    """

    def __init__(
        self,
        max_failures: int = 5,
        window: float = 60.0,
        *,
        max_clients: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_failures < 1 or window <= 0:
            raise ValueError("max_failures must be >= 1 and window > 0")
        self.max_failures = max_failures
        self.window = window
        self._max_clients = max_clients
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, client: str, now: float) -> deque[float] | None:
        times = self._failures.get(client)
        if times is None:
            return None
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[client]
            return None
        return times

    def retry_after(self, client: str) -> int | None:
        """Seconds ``client`` must wait before trying again, or None when it may try now."""
        now = self._clock()
        times = self._recent(client, now)
        if times is None or len(times) < self.max_failures:
            return None
        return max(1, math.ceil(times[0] + self.window - now))

    def reserve(self, client: str) -> int | None:
        """Count an attempt *before* checking it; None: go ahead, else seconds to wait.

        Checking first and counting after the (slow) password hash let parallel requests
        all pass the check before any was counted: 40 passwords were tried at once against
        a limit of 5. Counting up front closes that; a success then forgets the count.
        """
        retry = self.retry_after(client)
        if retry is None:
            self.failed(client)
        return retry

    def failed(self, client: str) -> None:
        """Count one failed attempt by ``client``."""
        now = self._clock()
        times = self._recent(client, now)
        if times is None:
            if len(self._failures) >= self._max_clients:
                self._failures.pop(next(iter(self._failures)))
            times = self._failures[client] = deque(maxlen=self.max_failures)
        times.append(now)

    def succeeded(self, client: str) -> None:
        """Forget ``client``'s failures after a successful login."""
        self._failures.pop(client, None)
