"""Take the documentation screenshots from the real gallery in headless Chromium.

Usage: ``python scripts/screenshots.py [--out docs/screenshots] [--themes light dark]``

It starts ``examples/gallery.py``'s UI on a free port, opens it in Debian's Chromium
(Playwright with ``executable_path``; nothing is downloaded), and for each widget family
(one gallery tab, plus the menus and a dialog) saves ``<family>-<theme>.png``. Any browser
console error aborts the run, so the script doubles as a check that every widget of the
gallery loads and renders.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import os
import queue
import sys
from pathlib import Path
from typing import Any

__all__ = ["main", "take"]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("PGWIDGETS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"]

logger = logging.getLogger("screenshots")


def load_gallery() -> Any:
    """Import ``examples/gallery.py`` (examples are not a package)."""
    spec = importlib.util.spec_from_file_location("gallery", ROOT / "examples" / "gallery.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def take(out: Path, themes: list[str]) -> list[Path]:
    """Save one picture per family and theme under ``out``; returns the files written."""
    from playwright.sync_api import sync_playwright

    from pgwidgets.sync import Application

    gallery_mod = load_gallery()
    galleries: queue.Queue[Any] = queue.Queue()
    app = Application(ws_port=0)
    app.on_connect(lambda session: galleries.put(gallery_mod.build(session)))
    app.start()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    errors: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for theme in themes:
                ctx = browser.new_context(
                    viewport={"width": 940, "height": 680}, color_scheme=theme
                )
                page = ctx.new_page()
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.goto(app.url)
                gallery = galleries.get(timeout=10)
                window = page.locator(".pgw-top-level").first
                window.wait_for()
                page.wait_for_load_state("networkidle")
                for family in gallery_mod.FAMILIES:
                    page.get_by_role("tab", name=family).click()
                    page.wait_for_load_state("networkidle")
                    written.append(_shot(window, out, family, theme))
                    if errors:
                        raise RuntimeError(
                            f"{len(errors)} browser errors on {family}: {errors[:4]}"
                        )
                # menus: open File
                page.get_by_role("menuitem", name="View").click()
                page.get_by_role("menuitem", name="Theme").hover()
                page.get_by_role("menuitemcheckbox", name="Dark").wait_for()
                written.append(_shot(page, out, "Menus", theme))
                page.keyboard.press("Escape")
                page.keyboard.press("Escape")
                # a dialog
                gallery.tabs.set_index(gallery_mod.FAMILIES.index("Windows"))
                gallery.dialog.popup()
                page.get_by_role("dialog", name="A Dialog").wait_for()
                written.append(_shot(page, out, "Dialog", theme))
                gallery.dialog.hide()
                ctx.close()
                if errors:
                    raise RuntimeError(f"{len(errors)} browser errors: {errors[:4]}")
            browser.close()
    finally:
        app.close()
    return written


def _shot(target: Any, out: Path, family: str, theme: str) -> Path:
    path = out / f"{family.lower()}-{theme}.png"
    target.screenshot(path=str(path))
    logger.info("wrote %s", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--themes", nargs="+", default=["light", "dark"], choices=["light", "dark"])
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    sys.path.insert(0, str(ROOT))
    take(args.out, args.themes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
