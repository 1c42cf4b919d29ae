"""The fake browser reassembles and orders frames as the page does (frames.json).

``tests/protocol/frames.json`` is shared with the page's own unit tests
(``tests/js/client.test.mjs``, run by ``tests/unit/test_node.py``): the same wire, the same
calls applied in the same order, on both sides, so the fake browser the protocol tests
rely on cannot drift from ``client.js`` and ``payload.js``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.protocol.fake_browser import FakeBrowser

CASES = json.loads((Path(__file__).parent / "frames.json").read_text())["cases"]


def _applied(log: list[dict[str, Any]]) -> list[list[Any]]:
    out = []
    for m in log:
        if m["type"] == "call":
            out.append([m["method"], *m["args"]])
        elif m["type"] == "binary":
            out.append([m["method"], *m["args"], m["payload"].hex()])
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_fake_browser_applies_the_shared_frames(case: dict[str, Any]) -> None:
    browser = FakeBrowser(None, None, False)  # type: ignore[arg-type]  # fed, no socket
    try:
        for item in case["wire"]:
            if "text" in item:
                browser.take_text(json.dumps(item["text"]))
            else:
                browser.take_binary(bytes.fromhex(item["binary"]))
    except AssertionError as exc:
        assert "error" in case, exc
        assert case["error"] in str(exc)
    else:
        assert "error" not in case
    assert _applied(browser.log) == case["applied"]
