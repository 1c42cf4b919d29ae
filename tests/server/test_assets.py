"""Versioned asset URLs: the page is always fresh, the assets it names are immutable."""

from __future__ import annotations

import re
from typing import Any

from pgwidgets.async_ import Application
from pgwidgets.server.routes import IMMUTABLE, asset_version


async def test_page_names_versioned_assets_served_immutable(aiohttp_client: Any) -> None:
    client = await aiohttp_client(Application(ws_port=0).web_app())
    page = await client.get("/")
    assert page.headers["Cache-Control"] == "no-cache"
    html = await page.text()
    version = asset_version()
    links = re.findall(r'(?:href|src)="([^"]+)"', html)
    assert links and all(link.startswith(f"_v/{version}/") for link in links), links

    js = await client.get(f"/_v/{version}/js/main.js")
    assert js.status == 200 and js.headers["Cache-Control"] == IMMUTABLE
    assert "javascript" in js.headers["Content-Type"]
    assert await js.text() == await (await client.get("/js/main.js")).text()


async def test_unversioned_and_stale_versions_are_revalidated(aiohttp_client: Any) -> None:
    client = await aiohttp_client(Application(ws_port=0).web_app())
    plain = await client.get("/js/client.js")
    assert plain.status == 200 and plain.headers["Cache-Control"] == "no-cache"
    stale = await client.get("/_v/000000000000/js/client.js")
    assert stale.status == 200 and stale.headers["Cache-Control"] == "no-cache"
    assert await stale.text() == await plain.text()


async def test_versioned_paths_cannot_escape_the_static_folder(aiohttp_client: Any) -> None:
    client = await aiohttp_client(Application(ws_port=0).web_app())
    version = asset_version()
    for path in (f"/_v/{version}/../../server/routes.py", f"/_v/{version}/js/",
                 f"/_v/{version}/%2e%2e/%2e%2e/exceptions.py", "/_v/"):
        response = await client.get(path)
        assert response.status == 404, path
