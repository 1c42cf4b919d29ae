"""The widget library's ES modules as one script, made in memory when the page is served.

Why: the page is plain ES modules (no build step: edit a file, reload), but a browser pays
for every module it fetches. Measured with 20 pages opening at once on two CPUs, the ~16
module requests of a page (in three waves: main's imports, the widget classes, their
helpers) kept the last page from showing until 3.4 s; the same code as one script: 2.4 s.
Our own server therefore serves the page with one bundle script; a page served by another
web server (nginx, Caddy, FastAPI ``StaticFiles``...) loads the modules themselves, and
``?modules`` on the page URL does the same here (for debugging in the browser).

The bundler understands exactly the module syntax the library uses and refuses anything
else (:class:`BundleError`; the page then falls back to the modules):

* ``import X from './x.js';``, ``import { a, b as c } from '../y.js';`` and both at once;
* ``export default class X``, ``export class``/``function``/``async function``/``const``;
* ``import(...)`` of a relative path (widget classes load by name), resolved from the
  bundle first, so a module never exists twice.

Each module becomes a factory run on first use (unused widget classes cost only parsing),
in the same order ES modules would run; import cycles are refused.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

__all__ = [
    "BUNDLE_FILE",
    "BundleError",
    "build_static_bundle",
    "bundle_modules",
    "module_sources",
]


class BundleError(ValueError):
    """A module uses syntax the bundler does not handle (the page uses the modules)."""


_IMPORT = re.compile(
    r"^import\s+(?P<what>[^;'\"]+?)\s+from\s+'(?P<spec>[^']+)';[ \t]*$", re.MULTILINE
)
_WHAT = re.compile(
    r"^(?:(?P<default>[A-Za-z_$][\w$]*)\s*(?:,\s*)?)?"
    r"(?:\{(?P<named>[^{}]*)\})?$"
)
_NAME = re.compile(r"^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$")
_EXPORT_DEFAULT = re.compile(r"^export default class ([A-Za-z_$][\w$]*)", re.MULTILINE)
_EXPORT_DECL = re.compile(
    r"^export (async function|function|class|const|let)\s+"
    r"([A-Za-z_$][\w$]*)",
    re.MULTILINE,
)
_LEFT_EXPORT = re.compile(r"^[ \t]*export\b", re.MULTILINE)
_LEFT_IMPORT = re.compile(r"^[ \t]*import\b(?!\()", re.MULTILINE)
_DYNAMIC_IMPORT = re.compile(r"(?<![\w$.])import\(")
_IMPORT_META = re.compile(r"\bimport\.meta\b")

#: the loader: module factories by id (path under ``js/``), run once on first require
_PRELUDE = """\
const __pgwDefs = new Map();
const __pgwDone = new Map();
const __pgwBase = new URL('.', import.meta.url);
/** @param {string} from @param {string} spec */
const __pgwResolve = (from, spec) => new URL(spec, 'http://m/' + from).pathname.slice(1);
/** @param {string} id */
function __pgwRequire(id) {
  let exports = __pgwDone.get(id);
  if (exports) return exports;
  const factory = __pgwDefs.get(id);
  if (!factory) throw new Error('pgwidgets bundle: no module ' + id);
  exports = {};
  __pgwDone.set(id, exports);
  factory(exports, (/** @type {string} */ spec) => __pgwImport(id, spec));
  return exports;
}
/** import() of a module: from the bundle when it is there, else from the server */
function __pgwImport(from, spec) {
  const id = __pgwResolve(from, spec);
  if (__pgwDone.has(id)) return Promise.resolve(__pgwDone.get(id));
  if (!__pgwDefs.has(id)) return import(new URL(id, __pgwBase).href);
  try {
    return Promise.resolve(__pgwRequire(id));
  } catch (err) {
    return Promise.reject(err);
  }
}
"""


def _resolve(module_id: str, spec: str) -> str:
    if not spec.startswith(("./", "../")):
        raise BundleError(f"{module_id}: only relative imports are bundled ({spec!r})")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(module_id), spec))
    if target.startswith("../"):
        raise BundleError(f"{module_id}: {spec!r} leaves the js folder")
    return target


def _bindings(module_id: str, what: str) -> tuple[str | None, list[str]]:
    """``X, { a, b as c }`` -> ("X", ["a", "b: c"]) (JS destructuring pieces)."""
    match = _WHAT.match(" ".join(what.split()))
    if not match or not (match["default"] or match["named"] is not None):
        raise BundleError(f"{module_id}: unsupported import {what!r}")
    named = []
    for part in (match["named"] or "").split(","):
        part = part.strip()
        if not part:
            continue
        name = _NAME.match(part)
        if not name:
            raise BundleError(f"{module_id}: unsupported import name {part!r}")
        named.append(name[1] if not name[2] else f"{name[1]}: {name[2]}")
    return match["default"], named


def _factory(module_id: str, text: str, known: Mapping[str, str]) -> tuple[str, list[str]]:
    """One module as ``__pgwDefs.set(id, (exports, import) => {...})`` and its imports."""
    deps: list[str] = []
    if _IMPORT_META.search(text):
        raise BundleError(f"{module_id}: import.meta is not bundled")

    def static_import(match: re.Match[str]) -> str:
        target = _resolve(module_id, match["spec"])
        if target not in known:
            raise BundleError(f"{module_id}: imports {match['spec']!r}, which does not exist")
        deps.append(target)
        default, named = _bindings(module_id, match["what"])
        if default:
            named.insert(0, f"default: {default}")
        return f"const {{ {', '.join(named)} }} = __pgwRequire({target!r});"

    exports: list[tuple[str, str]] = []

    def export_default(match: re.Match[str]) -> str:
        exports.append(("default", match[1]))
        return f"class {match[1]}"

    def export_decl(match: re.Match[str]) -> str:
        exports.append((match[2], match[2]))
        return f"{match[1]} {match[2]}"

    body = _IMPORT.sub(static_import, text)
    body = _EXPORT_DEFAULT.sub(export_default, body)
    body = _EXPORT_DECL.sub(export_decl, body)
    left = _LEFT_EXPORT.search(body) or _LEFT_IMPORT.search(body)
    if left:
        line = body[left.start() : body.find("\n", left.start())]
        raise BundleError(f"{module_id}: unsupported statement {line.strip()!r}")
    body = _DYNAMIC_IMPORT.sub("__pgwDynamicImport(", body)
    tail = "".join(f"__pgwExports.{name} = {local};\n" for name, local in exports)
    return (
        f"// ---- {module_id}\n__pgwDefs.set({module_id!r}, "
        f"(__pgwExports, __pgwDynamicImport) => {{\n{body}\n{tail}}});\n",
        deps,
    )


def bundle_modules(sources: Mapping[str, str], entry: str, external: tuple[str, ...] = ()) -> str:
    """One module script holding every module in ``sources`` (id -> text), running ``entry``.

    ``sources`` maps paths relative to the ``js`` folder (``"widgets/VBox.js"``) to their
    text; the bundle is served from that folder. Modules named in ``external`` stay
    separate ES modules that the bundle imports (the page loads ``boot.js`` on its own,
    so it can open the WebSocket before the bundle has arrived); they must import nothing.
    Raises :class:`BundleError` for syntax the bundler does not handle, an import of a
    module not in ``sources``, or an import cycle.
    """
    if entry not in sources:
        raise BundleError(f"no entry module {entry!r}")
    head = []
    for number, module_id in enumerate(external):
        if module_id not in sources:
            raise BundleError(f"no module {module_id!r}")
        if _IMPORT.search(sources[module_id]) or _LEFT_IMPORT.search(sources[module_id]):
            raise BundleError(f"{module_id} is loaded on its own and may not import")
        head.append(
            f"import * as __pgwExternal{number} from './{module_id}';\n"
            f"__pgwDone.set({module_id!r}, __pgwExternal{number});\n"
        )
    factories: list[str] = []
    graph: dict[str, list[str]] = {}
    for module_id in sorted(sources):
        code, deps = _factory(module_id, sources[module_id], sources)
        graph[module_id] = deps
        if module_id not in external:
            factories.append(code)
    _check_acyclic(graph)
    return _PRELUDE + "".join(head) + "".join(factories) + f"__pgwRequire({entry!r});\n"


def _check_acyclic(graph: Mapping[str, list[str]]) -> None:
    """ES modules allow cycles with live bindings; factories run once do not."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in graph[node]:
            if state.get(dep) == 1:
                cycle = path[path.index(dep) :] + [dep] if dep in path else [node, dep]
                raise BundleError("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep, path + [dep])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])


#: the bundle's file in the ``js`` folder (our own server makes it in memory under this name)
BUNDLE_FILE = "pgwidgets-bundle.js"
#: modules the bundle leaves to load on their own (see ``assets.BUNDLE_EXTERNAL``)
STANDALONE = ("boot.js",)
_MODULES_BLOCK = re.compile(r"<!-- pgwidgets:modules\b.*?<!-- /pgwidgets:modules -->\n?", re.DOTALL)


def module_sources(js: Path) -> dict[str, str]:
    """The library's modules in the ``js`` folder ``js`` (id -> text), without a bundle
    written there earlier."""
    return {
        p.relative_to(js).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(js.rglob("*.js"))
        if p.is_file() and p.relative_to(js).as_posix() != BUNDLE_FILE
    }


def build_static_bundle(static: Path) -> Path:
    """Write the bundle into the static folder ``static`` and point its remote.html at it.

    Why: a page served by nginx, Apache or Caddy from the static folder loaded ~40 ES
    modules one request each (our own server bundles in memory). Run when the package is
    built (``setup.py``'s build step, on the copy that goes into the wheel; the source
    tree keeps plain modules, edited and reloaded without a build), or by
    ``pgwidgets build-static`` on a copy. remote.html keeps its
    ``pgwidgets:modules`` markers, now around the bundle's two script tags, so our own
    server still finds and replaces the block. Pure standard library: ``setup.py`` runs
    it before any dependency is installed. Raises :class:`BundleError` as
    :func:`bundle_modules` does. Returns the bundle's path.
    """
    js = static / "js"
    text = bundle_modules(module_sources(js), "main.js", STANDALONE)
    target = js / BUNDLE_FILE
    target.write_text(text, encoding="utf-8")
    page = static / "remote.html"
    html = page.read_text(encoding="utf-8")
    block = (
        "<!-- pgwidgets:modules (built: the library as one script; js/ keeps the modules) -->\n"
        + "".join(
            f'<script type="module" async src="js/{name}"></script>\n'
            for name in (*STANDALONE, BUNDLE_FILE)
        )
        + "<!-- /pgwidgets:modules -->\n"
    )
    new, count = _MODULES_BLOCK.subn(lambda _: block, html, count=1)
    if count != 1:
        raise BundleError("remote.html has no pgwidgets:modules block to replace")
    page.write_text(new, encoding="utf-8")
    return target
