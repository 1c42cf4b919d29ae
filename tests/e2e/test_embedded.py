"""pgwidgets embedded in a page that has its own styles (issue 12: tokens on .pgw-root).

The library's CSS sets its variables and base styles on its own elements only (the root
and the reconnect notice), and ``set_theme`` marks the root, not the document: the host's
html, body, variables and theme attribute are left as the host made them, and the widgets
look as they do on our own page whatever the host's styles.
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

#: run before the page's scripts: make our page a host page with its own look, its own
#: --pgw-bg and data-theme, holding the pgwidgets root in its content (as a page that
#: includes the library's CSS and scripts would; a page fulfilled by the test itself is
#: not allowed to open a WebSocket to 127.0.0.1, so the host is made from ours)
HOST = """
document.addEventListener('DOMContentLoaded', () => {
  document.documentElement.dataset.theme = 'host-theme';
  document.body.classList.remove('pgw-page');
  const style = document.createElement('style');
  style.textContent = `
    :root { --pgw-bg: rgb(1, 2, 3); }
    html { background: rgb(200, 0, 0); }
    body { margin: 31px; font: 19px serif; color: rgb(0, 128, 0); }
    button { background: rgb(255, 255, 0); }
    #app { height: 300px; }`;
  document.head.prepend(style);
  const text = document.createElement('p');
  text.id = 'host-text';
  text.textContent = "The host's own text.";
  const button = document.createElement('button');
  button.id = 'host-button';
  button.textContent = 'Host button';
  const app = document.createElement('div');
  app.id = 'app';
  const root = document.getElementById('pgw-root');
  root.replaceWith(app);
  app.append(root);
  document.body.prepend(text, button);
}, { once: true });
"""

#: light palette: --pgw-bg and --pgw-control-bg (tests/widgets/test_themes.py)
LIGHT_BG, LIGHT_BUTTON = "rgb(238, 240, 243)", "rgb(251, 251, 252)"
DARK_BG = "rgb(21, 24, 29)"


def test_embedded_library_leaves_the_host_page_alone(
    sync_app: Callable[..., Any], page_factory: Callable[..., Any]
) -> None:
    app = sync_app()
    sessions: queue.Queue[Any] = queue.Queue()
    app.on_connect(sessions.put)
    page = page_factory(color_scheme="light")
    page.add_init_script(HOST)
    page.goto(app.url)
    session = sessions.get(timeout=10)
    W = session.get_widgets()
    button = W.Button("Ours")
    button.set_name("ours")
    top = W.TopLevel(title="Embedded")
    top.set_widget(button)
    top.show()
    ours = page.locator('[data-name="ours"]')
    expect(ours).to_be_visible()

    # the widgets look as on our own page, not as the host's buttons and body
    expect(ours).to_have_css("background-color", LIGHT_BUTTON)
    expect(page.locator("#pgw-root")).to_have_css("background-color", LIGHT_BG)
    expect(ours).not_to_have_css("font-family", "serif")
    # the host keeps its margins, colours, fonts and variables
    body = page.locator("body")
    expect(body).to_have_css("margin-top", "31px")
    expect(body).to_have_css("color", "rgb(0, 128, 0)")
    expect(page.locator("html")).to_have_css("background-color", "rgb(200, 0, 0)")
    expect(page.locator("#host-button")).to_have_css("background-color", "rgb(255, 255, 0)")
    expect(page.locator("#host-text")).to_have_css("font-family", "serif")
    host_vars = page.evaluate(
        "() => { const s = getComputedStyle(document.body);"
        " return [s.getPropertyValue('--pgw-bg').trim(), s.getPropertyValue('--pgw-fg')]; }"
    )
    assert host_vars == ["rgb(1, 2, 3)", ""]

    # a theme is the root's, not the document's
    session.set_theme("dark")
    expect(page.locator("#pgw-root")).to_have_css("background-color", DARK_BG)
    assert page.evaluate("document.documentElement.dataset.theme") == "host-theme"
    expect(body).to_have_css("color", "rgb(0, 128, 0)")
