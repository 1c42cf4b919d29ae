"""Light and dark themes: the OS preference, ``session.set_theme``, and CSS hygiene.

The page follows ``prefers-color-scheme`` unless Python picks a theme with
``session.set_theme("light" | "dark" | "auto")``; the choice is page state, so a reloaded
or second browser gets it back. Themes work only because widget CSS takes every colour
from ``var(--pgw-…)``: the static checks at the bottom keep it that way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

__all__: list[str] = []

CSS = Path(__file__).resolve().parents[2] / "pgwidgets" / "static" / "css"

#: computed colours of the two palettes (``--pgw-bg`` and ``--pgw-control-bg``)
LIGHT_BG, DARK_BG = "rgb(238, 240, 243)", "rgb(21, 24, 29)"
LIGHT_BUTTON, DARK_BUTTON = "rgb(251, 251, 252)", "rgb(42, 47, 56)"


def _gui(sync_app: Callable[..., Any], page_factory: Callable[..., Any], scheme: str) -> Any:
    from tests.gui_helpers import Gui

    g = Gui(sync_app(), page_factory(color_scheme=scheme))
    button = g.W.Button("Themed")
    button.set_name("themed")
    g.show(button)
    expect(g.page.locator('[data-name="themed"]')).to_be_visible()
    return g


def assert_palette(g: Any, bg: str, button: str) -> None:
    expect(g.page.locator("#pgw-root")).to_have_css("background-color", bg)
    expect(g.page.locator('[data-name="themed"]')).to_have_css("background-color", button)


@pytest.mark.browser
def test_follows_the_os_preference(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any]
) -> None:
    light = _gui(sync_app, page_factory, "light")
    assert_palette(light, LIGHT_BG, LIGHT_BUTTON)
    dark = _gui(sync_app, page_factory, "dark")
    assert_palette(dark, DARK_BG, DARK_BUTTON)
    fg = dark.page.evaluate("getComputedStyle(document.getElementById('pgw-root')).color")
    assert fg == "rgb(227, 230, 235)"


@pytest.mark.browser
def test_set_theme_overrides_the_os_and_survives_reload(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any]
) -> None:
    g = _gui(sync_app, page_factory, "light")
    g.session.set_theme("dark")
    assert_palette(g, DARK_BG, DARK_BUTTON)
    g.reload()  # reconnect: the theme is page state
    assert_palette(g, DARK_BG, DARK_BUTTON)
    g.session.set_theme("auto")  # back to the OS (light here)
    assert_palette(g, LIGHT_BG, LIGHT_BUTTON)
    g.reload()
    assert_palette(g, LIGHT_BG, LIGHT_BUTTON)


@pytest.mark.browser
def test_light_theme_wins_over_a_dark_os(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any]
) -> None:
    g = _gui(sync_app, page_factory, "dark")
    g.session.set_theme("light")
    assert_palette(g, LIGHT_BG, LIGHT_BUTTON)
    g.session.set_theme("auto")
    assert_palette(g, DARK_BG, DARK_BUTTON)


@pytest.mark.browser
def test_set_theme_in_the_async_api(agui: Any) -> None:
    async def build() -> None:
        b = await agui.W.Button("Themed")
        await b.set_name("themed")
        await agui.show_async(b)
        await agui.session.set_theme("dark")

    agui.run(build)
    assert_palette(agui, DARK_BG, DARK_BUTTON)


def test_set_theme_rejects_unknown_names() -> None:
    from pgwidgets.sync import Application

    session = Application(ws_port=0).create_session()
    with pytest.raises(ValueError):
        session.set_theme("blue")


# --------------------------------------------------------------- static checks
_LITERAL = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(", re.I
)
_NAMED = re.compile(
    r":\s*[^;{}]*(?<![\w-])(white|black|red|green|blue|gray|grey|silver|yellow|orange|"
    r"purple|navy|maroon|teal|olive|lime|aqua|fuchsia|pink|brown)(?![\w-])",
    re.I,
)

#: tokens that name absolute colours, the same in every theme (a colour picker's white,
#: black, pure red and hue strip show colours, not the UI's look)
THEME_INDEPENDENT = frozenset(
    {
        "--pgw-colorpick-black",
        "--pgw-colorpick-hue-gradient",
        "--pgw-colorpick-red",
        "--pgw-colorpick-white",
    }
)


def _strip_var_fallbacks(text: str) -> str:
    """Drop comments and the fallback part of every ``var(--x, fallback)``."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out, i = [], 0
    while (j := text.find("var(", i)) >= 0:
        out.append(text[i:j])
        depth, k = 0, j + 3
        while k < len(text):
            if text[k] == "(":
                depth += 1
            elif text[k] == ")":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        inner = text[j + 4 : k]
        out.append("var(" + inner.split(",", 1)[0] + ")")
        i = k + 1
    out.append(text[i:])
    return "".join(out)


def colour_literals(text: str) -> list[str]:
    """Colour literals in CSS outside ``var()`` fallbacks (one entry per offending line)."""
    clean = _strip_var_fallbacks(text)
    bad = []
    for line in clean.splitlines():
        if _LITERAL.search(line) or _NAMED.search(line):
            bad.append(line.strip())
    return bad


def test_the_colour_scanner_finds_literals() -> None:
    """The guard below must be able to fail."""
    assert colour_literals(".a { color: #fff; }")
    assert colour_literals(".a { border: 1px solid rgba(0, 0, 0, .2); }")
    assert colour_literals(".a { background: white; }")
    assert not colour_literals(".a { color: var(--pgw-fg, #000); }  /* #123 */")
    assert not colour_literals(".a { background: var(--pgw-w-bg, var(--pgw-bg, red)); }")
    assert not colour_literals(".a { border: 2px solid var(--pgw-colorpick-white); }")


@pytest.mark.parametrize("path", sorted((CSS / "widgets").glob("*.css")), ids=lambda p: p.name)
def test_widget_css_has_no_colour_literals(path: Path) -> None:
    bad = colour_literals(path.read_text(encoding="utf-8"))
    assert not bad, f"{path.name} hard-codes colours (use var(--pgw-…)): {bad}"


def test_base_css_has_no_colour_literals() -> None:
    assert not colour_literals((CSS / "base.css").read_text(encoding="utf-8"))


def _colour_tokens(text: str) -> dict[str, str]:
    return {
        m.group(1): m.group(2).strip() for m in re.finditer(r"(--pgw-[\w-]+)\s*:\s*([^;]+);", text)
    }


def _light_dark_args(value: str) -> list[str] | None:
    """The two colours of ``light-dark(a, b)`` (None if ``value`` is not one)."""
    m = re.fullmatch(r"light-dark\((.*)\)", value.strip())
    if not m:
        return None
    depth, parts, start = 0, [], 0
    for i, ch in enumerate(m.group(1)):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "," and depth == 0:
            parts.append(m.group(1)[start:i].strip())
            start = i + 1
    parts.append(m.group(1)[start:].strip())
    return parts


def test_every_literal_colour_token_has_both_palettes_once() -> None:
    """Each literal colour token is light-dark(light, dark), written once, in tokens.css;
    the theme file only picks the colour scheme (issue 12: the dark palette was written
    twice)."""
    light = _colour_tokens((CSS / "tokens.css").read_text(encoding="utf-8"))
    literal = {k for k, v in light.items() if _LITERAL.search(v)} - THEME_INDEPENDENT
    assert len(literal) >= 20, "tokens.css should define colours"
    for name in sorted(literal):
        args = _light_dark_args(light[name])
        assert args and len(args) == 2 and all(args), f"{name}: {light[name]}"
    dark_text = (CSS / "themes" / "dark.css").read_text(encoding="utf-8")
    body = re.sub(r"/\*.*?\*/", "", dark_text, flags=re.S)
    assert not _colour_tokens(body), "the palette belongs in tokens.css, once"
    assert set(re.findall(r"([\w-]+)\s*:\s*[^;{}]+;", body)) == {"color-scheme"}
    assert _light_dark_args("light-dark(#fff, rgba(0, 0, 0, 0.5))") == [
        "#fff",
        "rgba(0, 0, 0, 0.5)",
    ]
