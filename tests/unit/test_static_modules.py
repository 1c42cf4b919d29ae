"""The browser library's folders hold what the client expects of them.

``client.js`` loads a widget class by name from ``js/widgets/<Class>.js`` (and the
server's bundle takes every module under ``js/``), so that folder holds widget classes
only, one per file, named as the class; shared code lives in ``js/helpers/`` (issue 12).
"""

from __future__ import annotations

import re
from pathlib import Path

JS = Path(__file__).resolve().parents[2] / "pgwidgets" / "static" / "js"
CLASS_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*$")  # client.js CLASS_NAME


def test_widget_folder_holds_only_widget_classes() -> None:
    files = sorted((JS / "widgets").iterdir())
    assert files
    for path in files:
        assert path.suffix == ".js", path
        assert CLASS_NAME.match(path.stem), f"{path.name}: not a widget class (helpers/?)"
        text = path.read_text(encoding="utf-8")
        assert re.search(rf"^export default class {path.stem}\b", text, re.M), path.name


def test_helpers_are_not_loadable_as_widgets() -> None:
    helpers = sorted(p.name for p in (JS / "helpers").glob("*.js"))
    assert {"button-group.js", "scroll-sync.js", "tab-drag.js"} <= set(helpers)
    for name in helpers:
        assert not CLASS_NAME.match(Path(name).stem), name
