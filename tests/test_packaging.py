"""The wheel ships the browser side, and an installed pgwidgets finds it.

Builds a wheel from a copy of the source (so the shared checkout gets no ``build/`` or
``*.egg-info``), installs it into a fresh venv (``--system-site-packages`` only for the
dependencies: pgwidgets itself must come from the wheel), and checks ``static/`` there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "pgwidgets" / "static"
#: files the page cannot work without (besides every widget module)
REQUIRED = [
    "remote.html",
    "favicon.svg",
    "js/boot.js",
    "js/main.js",
    "js/client.js",
    "js/connection.js",
    "js/widget.js",
    "js/container.js",
    "css/pgwidgets.css",
    "css/tokens.css",
]

CHECK_INSTALLED = r"""
import json, sys
from pathlib import Path
import pgwidgets
from pgwidgets.sync import Application
app = Application(http_server=False)
static = Path(app.static_path)
print(json.dumps({
    "package": str(Path(pgwidgets.__file__).resolve().parent),
    "static": str(static.resolve()),
    "static_is_dir": static.is_dir(),
    "remote_html": app.remote_html.is_file(),
    "bundle_bytes": len(app.assets.bundle() or b""),
    "files": sorted(str(p.relative_to(static)) for p in static.rglob("*") if p.is_file()),
}))
"""


def _run(*cmd: str | Path, cwd: Path | None = None, timeout: float = 120) -> str:
    done = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.cfg", "README.md", "MANIFEST.in", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "pgwidgets", src / "pgwidgets", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    dist = tmp / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, src)
    wheels = list(dist.glob("pgwidgets-*.whl"))
    assert len(wheels) == 1, wheels
    yield wheels[0]


def test_wheel_contains_static_files(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for rel in REQUIRED:
        assert f"pgwidgets/static/{rel}" in names, f"{rel} is missing from the wheel"
    assert "pgwidgets/py.typed" in names
    modules = sorted(p.name for p in (STATIC / "js" / "widgets").glob("*.js"))
    assert modules, "no widget modules in the source tree?"
    for name in modules:
        assert f"pgwidgets/static/js/widgets/{name}" in names, f"widget module {name} missing"
    # everything under static/ in the source ships (CSS per widget, themes, icons ...)
    source_static = {
        f"pgwidgets/static/{p.relative_to(STATIC).as_posix()}"
        for p in STATIC.rglob("*")
        if p.is_file()
    }
    assert source_static - names == set()


def test_installed_wheel_finds_its_static_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--system-site-packages", venv)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel)
    # run from an empty folder so the checkout cannot be imported by accident
    out = _run(python, "-c", CHECK_INSTALLED, cwd=tmp_path)
    info = json.loads(out.strip().splitlines()[-1])
    package = Path(info["package"])
    assert package.is_relative_to(venv.resolve()), (
        f"pgwidgets was imported from {package}, not from the wheel installed in the venv"
    )
    assert Path(info["static"]) == package / "static"
    assert info["static_is_dir"] and info["remote_html"]
    assert info["bundle_bytes"] > 100_000, "the page bundle must build from the installed files"
    files = set(info["files"])
    for rel in REQUIRED:
        assert rel in files, f"{rel} missing from the installed package"
    for p in (STATIC / "js" / "widgets").glob("*.js"):
        assert f"js/widgets/{p.name}" in files
