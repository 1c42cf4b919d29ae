"""A query that timed out is cleaned up in both facades: forgotten by the core, and a
``get_size()`` that never got its answer asks again (it must not answer the unmeasured
state from then on). In the async API the timeout surfaces only when the reply is
awaited, after ``get_size`` returned: the cleanup rides on ``_then``'s ``on_error``."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Callable
from typing import Any

import pytest

from pgwidgets.exceptions import QueryTimeout
from tests.facades.conftest import WAIT, AsyncSide, Side


def get_size(side: Side, widget: Any) -> Any:
    """``widget.get_size()`` as each API is used: sync returns, async is awaited once (a
    ``Size`` awaits to itself, so ``side.do``'s await-until-plain loop would not end)."""
    if isinstance(side, AsyncSide):

        async def ask() -> Any:
            return await widget.get_size()

        return asyncio.run_coroutine_threadsafe(ask(), side.loop).result(WAIT * 2)
    return widget.get_size()


def _in_thread(fn: Callable[[], Any]) -> concurrent.futures.Future[Any]:
    """Run a blocking call on a helper thread (the sync API blocks for its answer)."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    fut = pool.submit(fn)
    pool.shutdown(wait=False)
    return fut


def test_a_timed_out_get_size_asks_again(make_side: Callable[..., Side]) -> None:
    side = make_side(query_timeout=0.3)
    made: dict[str, Any] = {}
    side.build(lambda s: made.setdefault("label", s.get_widgets().Label("x")))
    b, _ = side.connect()
    label = made["label"]
    with pytest.raises(QueryTimeout, match="get_size"):
        get_size(side, label)
    first = side.browse(b.expect("query", method="get_size"))

    fut = _in_thread(lambda: get_size(side, label))
    again = side.browse(b.expect("query", method="get_size"))
    assert again["id"] != first["id"] and again["wid"] == label.wid
    side.browse(b.result(again["id"], [120, 30, None]))
    assert fut.result(timeout=10) == (120, 30)
    # measured now: answered from Python state, no query
    assert get_size(side, label) == (120, 30)


def test_a_late_answer_to_a_timed_out_query_is_refused(make_side: Callable[..., Side]) -> None:
    side = make_side(query_timeout=0.3)
    made: dict[str, Any] = {}
    side.build(lambda s: made.setdefault("label", s.get_widgets().Label("x")))
    b, session = side.connect()
    with pytest.raises(QueryTimeout):
        get_size(side, made["label"])
    q = side.browse(b.expect("query"))
    assert session._waiters == {}  # forgotten by the session and the core
    side.browse(b.result(q["id"], [1, 2, None]))
    assert "no query" in side.browse(b.expect("error"))["error"]
