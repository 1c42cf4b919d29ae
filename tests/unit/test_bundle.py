"""The in-memory bundler: the syntax it handles, what it refuses, and the real library."""

from __future__ import annotations

import re

import pytest

from pgwidgets.server.assets import STATIC_DIR
from pgwidgets.server.bundle import BundleError, bundle_modules


def library() -> dict[str, str]:
    js = STATIC_DIR / "js"
    return {p.relative_to(js).as_posix(): p.read_text(encoding="utf-8") for p in js.rglob("*.js")}


def test_imports_and_exports_become_factories() -> None:
    out = bundle_modules(
        {
            "main.js": "import Box, { cssSize as size } from './widgets/Box.js';\n"
            "import {\n  a,\n  b,\n} from './lib.js';\nsize(Box, a, b);\n",
            "widgets/Box.js": "import { a } from '../lib.js';\n"
            "export default class Box {}\nexport function cssSize() {}\n",
            "lib.js": "export const a = 1;\nexport class b {}\nexport async function c() {}\n",
        },
        "main.js",
    )
    assert "const { default: Box, cssSize: size } = __pgwRequire('widgets/Box.js');" in out
    assert "const { a, b } = __pgwRequire('lib.js');" in out
    assert "const { a } = __pgwRequire('lib.js');" in out  # '../lib.js' from widgets/
    assert "class Box {}" in out and "__pgwExports.default = Box;" in out
    assert "__pgwExports.cssSize = cssSize;" in out
    for name in ("a", "b", "c"):
        assert f"__pgwExports.{name} = {name};" in out
    assert not re.search(r"^\s*(import|export)\s", out, re.MULTILINE)
    assert out.rstrip().endswith("__pgwRequire('main.js');")


def test_dynamic_import_is_resolved_from_the_bundle() -> None:
    out = bundle_modules(
        {"main.js": "const m = await0(import(`./widgets/${n}.js`));\nobj.import(1);\n"}, "main.js"
    )
    assert "__pgwDynamicImport(`./widgets/${n}.js`)" in out
    assert "obj.import(1)" in out  # a method called import is left alone


def test_external_modules_are_imported_not_copied() -> None:
    out = bundle_modules(
        {"main.js": "import { x } from './boot.js';\n", "boot.js": "export const x = 1;\n"},
        "main.js",
        ("boot.js",),
    )
    assert "import * as __pgwExternal0 from './boot.js';" in out
    assert "__pgwDefs.set('boot.js'" not in out
    with pytest.raises(BundleError, match="may not import"):
        bundle_modules(
            {"main.js": "", "boot.js": "import { y } from './y.js';\n", "y.js": ""},
            "main.js",
            ("boot.js",),
        )


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("import * as ns from './lib.js';\n", "unsupported import"),
        ("import './lib.js';\n", "unsupported statement"),
        ("import x from 'https://cdn.example/x.js';\n", "only relative imports"),
        ("import x from '../../x.js';\n", "leaves the js folder"),
        ("import x from './missing.js';\n", "does not exist"),
        ("export { a };\n", "unsupported statement"),
        ("export default function () {}\n", "unsupported statement"),
        ("const u = import.meta.url;\n", "import.meta"),
    ],
)
def test_unknown_syntax_is_refused(source: str, why: str) -> None:
    with pytest.raises(BundleError, match=why):
        bundle_modules({"main.js": source, "lib.js": "export const a = 1;\n"}, "main.js")


def test_cycles_and_a_missing_entry_are_refused() -> None:
    with pytest.raises(BundleError, match="import cycle"):
        bundle_modules(
            {
                "main.js": "import { a } from './a.js';\n",
                "a.js": "import { b } from './b.js';\nexport const a = 1;\n",
                "b.js": "import { a } from './a.js';\nexport const b = 1;\n",
            },
            "main.js",
        )
    with pytest.raises(BundleError, match="no entry"):
        bundle_modules({"a.js": ""}, "main.js")


def test_the_library_bundles_completely() -> None:
    """Every module of the widget library is in the bundle (else the page would fall back)."""
    sources = library()
    out = bundle_modules(sources, "main.js", ("boot.js",))
    for module_id in sources:
        if module_id != "boot.js":
            assert f"__pgwDefs.set({module_id!r}" in out, module_id
    assert len(sources) > 50
