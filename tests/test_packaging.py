"""The wheel ships the browser side, and an installed pgwidgets finds it.

Builds a wheel from a copy of the source (so the shared checkout gets no ``build/`` or
``*.egg-info``), installs it into a fresh venv and checks ``static/`` there. The venv sees
no site-packages but its own: the dependencies come from the folders the interpreter running
the tests imports them from (a ``.pth`` file naming exactly those), so the test needs no
network and works where nothing is installed globally (``--system-site-packages`` would see
the *base* interpreter's packages, which on a clean machine has no aiohttp).
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
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


#: the environment of the installed venv's programs: no PYTHONPATH (the test run's
#: points at the checkout, which must not be imported)
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}


def _run(
    *cmd: str | Path, cwd: Path | None = None, timeout: float = 120, both: bool = False
) -> str:
    done = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=CLEAN_ENV,
    )
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr if both else done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "setup.cfg", "setup.py", "README.md", "MANIFEST.in", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "pgwidgets", src / "pgwidgets", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    dist = tmp / "dist"
    # not -q: the build backend's own output is what a user of scripts/demo.sh would see
    log = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", dist, src, both=True)
    (tmp / "build.log").write_text(log)
    wheels = list(dist.glob("pgwidgets-*.whl"))
    assert len(wheels) == 1, wheels
    yield wheels[0]


def test_the_wheel_has_the_bundle_for_external_servers(wheel: Path) -> None:
    """nginx/Apache/Caddy serve the installed static folder: its remote.html loads the
    library as one script (built into the wheel), not ~40 modules; the modules stay too."""
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        page = zf.read("pgwidgets/static/remote.html").decode()
        bundle = zf.read("pgwidgets/static/js/pgwidgets-bundle.js").decode()
    assert 'src="js/pgwidgets-bundle.js"' in page and 'src="js/boot.js"' in page
    assert 'src="js/main.js"' not in page and "modulepreload" not in page
    assert "<!-- pgwidgets:modules" in page  # our own server still finds the block
    assert len(bundle) > 100_000 and "__pgwRequire('main.js')" in bundle
    assert "pgwidgets/static/js/main.js" in names
    # the source tree is untouched by the build
    assert not (STATIC / "js" / "pgwidgets-bundle.js").exists()
    assert 'src="js/main.js"' in (STATIC / "remote.html").read_text()


def test_the_build_is_quiet(wheel: Path) -> None:
    """No setuptools warnings (the static folders once made ~240 lines of them)."""
    log = (wheel.parents[1] / "build.log").read_text()
    assert "Warning" not in log and "!!" not in log, log


def test_wheel_metadata_license_and_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = zf.read(info).decode()
        entry_points = zf.read(info.replace("METADATA", "entry_points.txt")).decode()
        license_files = [n for n in names if n.endswith("/LICENSE")]
        assert license_files, "LICENSE is not in the wheel"
        assert "BSD 3-Clause" in zf.read(license_files[0]).decode()
    assert "License: BSD-3-Clause" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Requires-Python: >=3.11" in metadata
    for version in ("3.11", "3.12", "3.13"):
        assert f"Classifier: Programming Language :: Python :: {version}" in metadata
    assert "Project-URL: " in metadata
    assert "Provides-Extra: argon2" in metadata
    assert "pgwidgets = pgwidgets.cli:main" in entry_points


def test_sdist_ships_the_license(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", "*.pyc", "*.egg-info", "build", "dist"
        ),
    )
    _run(
        sys.executable,
        "-c",
        "from setuptools import build_meta as b; b.build_sdist('dist')",
        cwd=src,
    )
    (sdist,) = (src / "dist").glob("pgwidgets-*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    assert "LICENSE" in names and "pgwidgets/static/remote.html" in names
    assert "setup.py" in names  # the build step that writes the bundle
    assert "pgwidgets/static/js/main.js" in names


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


#: the runtime dependencies (import names); their own dependencies live beside them
DEPENDENCIES = ("aiohttp", "aiohttp_session", "cryptography", "multidict", "yarl")


def _dependency_folders() -> list[str]:
    """The folders this interpreter imports pgwidgets' dependencies from (not the checkout)."""
    folders: list[str] = []
    for name in DEPENDENCIES:
        module = importlib.import_module(name)
        assert module.__file__ is not None
        folder = str(Path(module.__file__).resolve().parents[1])
        if folder not in folders and Path(folder) != ROOT:
            folders.append(folder)
    return folders


def make_venv(where: Path, wheel: Path) -> Path:
    """A venv with no system site-packages, the wheel installed, the dependencies linked."""
    _run(sys.executable, "-m", "venv", "--without-pip", where)
    python = where / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip()
    # the dependencies, by folder: lines of a .pth are appended to sys.path after the
    # venv's own site-packages, so pgwidgets itself can only come from the wheel
    (Path(site) / "_pgwidgets_test_deps.pth").write_text("\n".join(_dependency_folders()) + "\n")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        wheel,
    )
    return python


def test_installed_wheel_finds_its_static_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    python = make_venv(venv, wheel)
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
    # the console script, and the gallery runnable without a checkout
    from pgwidgets import __version__

    assert _run(venv / "bin" / "pgwidgets", "--version", cwd=tmp_path).strip() == (
        f"pgwidgets {__version__}"
    )
    assert "run" in _run(python, "-m", "pgwidgets", "--help", cwd=tmp_path)
    gallery = _run(python, "-m", "pgwidgets.examples.gallery", "--help", cwd=tmp_path)
    assert "--port" in gallery
