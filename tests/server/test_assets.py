"""Versioned asset URLs: the page is always fresh, the assets it names are immutable."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pgwidgets.async_ import Application
from pgwidgets.server.assets import IMMUTABLE, STATIC_DIR, Assets, default_assets
from pgwidgets.server.bundle import BundleError


def asset_version() -> str:
    return default_assets().version()


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
    for path in (
        f"/_v/{version}/../../server/routes.py",
        f"/_v/{version}/js/",
        f"/_v/{version}/%2e%2e/%2e%2e/exceptions.py",
        "/_v/",
    ):
        response = await client.get(path)
        assert response.status == 404, path


async def test_our_page_loads_the_library_as_one_script(aiohttp_client: Any) -> None:
    """boot.js and the bundle instead of ~16 modules; ``?modules`` gives the modules."""
    client = await aiohttp_client(Application(ws_port=0).web_app())
    version = asset_version()
    html = await (await client.get("/")).text()
    scripts = re.findall(r'<script type="module" async src="([^"]+)"', html)
    assert scripts == [f"_v/{version}/js/boot.js", f"_v/{version}/js/pgwidgets-bundle.js"]
    assert "main.js" not in html and "modulepreload" not in html
    bundle = await client.get(scripts[1])
    assert bundle.status == 200 and bundle.headers["Cache-Control"] == IMMUTABLE
    assert "javascript" in bundle.headers["Content-Type"]
    text = await bundle.text()
    assert "__pgwDefs.set('widgets/Label.js'" in text and "import * as" in text
    again = await client.get(scripts[1], headers={"If-None-Match": bundle.headers["ETag"]})
    assert again.status == 304

    modules = await (await client.get("/?modules")).text()
    assert f'src="_v/{version}/js/main.js"' in modules and "pgwidgets-bundle" not in modules


async def test_a_library_that_cannot_be_bundled_is_served_as_modules(
    aiohttp_client: Any, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    from pgwidgets.server import assets

    def refuse(*_: Any) -> str:
        raise BundleError("widgets/X.js: unsupported statement 'export * from ...'")

    monkeypatch.setattr(assets, "bundle_modules", refuse)
    app = Application(ws_port=0)
    app.assets = Assets()  # a fresh one: the shared one has its bundle already
    client = await aiohttp_client(app.web_app())
    html = await (await client.get("/")).text()
    assert "js/main.js" in html and "pgwidgets-bundle" not in html
    assert (await client.get("/js/pgwidgets-bundle.js")).status == 404
    assert "as separate modules: widgets/X.js" in caplog.text


async def test_text_assets_are_gzipped_for_browsers_that_take_it(aiohttp_client: Any) -> None:
    import gzip as gz

    client = await aiohttp_client(Application(ws_port=0).web_app())
    version = asset_version()
    path = f"/_v/{version}/js/pgwidgets-bundle.js"
    plain = await client.get(path, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    raw = await plain.read()
    packed = await client.get(
        path, headers={"Accept-Encoding": "gzip, deflate"}, auto_decompress=False
    )
    assert packed.headers["Content-Encoding"] == "gzip"
    assert packed.headers["Vary"] == "Accept-Encoding" == plain.headers["Vary"]
    body = await packed.read()
    assert gz.decompress(body) == raw and len(body) < len(raw) / 3
    assert packed.headers["ETag"] != plain.headers["ETag"]  # two representations
    again = await client.get(
        path, headers={"Accept-Encoding": "gzip", "If-None-Match": packed.headers["ETag"]}
    )
    assert again.status == 304
    refused = await client.get(path, headers={"Accept-Encoding": "gzip;q=0, br"})
    assert "Content-Encoding" not in refused.headers
    tiny = await client.get(
        f"/_v/{version}/js/widgets/VBox.js",
        headers={"Accept-Encoding": "gzip"},
        auto_decompress=False,
    )
    assert "Content-Encoding" not in tiny.headers  # under 1 KB: sent as it is


async def test_an_edited_file_is_served_anew(aiohttp_client: Any, tmp_path: Any) -> None:
    """Files are served from memory, keyed by the asset version: an edit (a new version)
    is read again, with no stat per request in between."""
    import os
    import shutil

    static = tmp_path / "static"
    shutil.copytree(STATIC_DIR, static)
    app = Application(ws_port=0)
    app.assets = Assets(static, version_ttl=0.0)  # see every edit at once
    client = await aiohttp_client(app.web_app())
    first = await client.get("/css/widgets/label.css")
    assert first.status == 200
    target = static / "css" / "widgets" / "label.css"
    target.write_text("/* edited */\n.pgw-label { color: red; }\n")
    os.utime(target, ns=(1, 1))  # a different mtime even on a coarse clock
    again = await client.get("/css/widgets/label.css")
    assert await again.text() == "/* edited */\n.pgw-label { color: red; }\n"
    assert again.headers["ETag"] != first.headers["ETag"]
    bundled = await (await client.get("/css/pgwidgets.css")).text()
    assert ".pgw-label { color: red; }" in bundled  # the stylesheet's inlined import too
    page = static / "remote.html"
    page.write_text(page.read_text().replace("<head>", "<head><!-- edited page -->", 1))
    os.utime(page, ns=(2, 2))
    assert "<!-- edited page -->" in await (await client.get("/")).text()
