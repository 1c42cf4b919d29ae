"""Build step: the widget library's one-script bundle goes into the wheel's static folder.

All metadata is in setup.cfg. This file only adds to ``build_py``: after the package's
files are copied into the build folder, ``pgwidgets/server/bundle.py`` (standard library
only, loaded by path: no dependency is installed at build time) writes
``static/js/pgwidgets-bundle.js`` there and points that copy's ``remote.html`` at it, so
nginx, Apache or Caddy serving an installed package's static folder send the library in
one request, as the built-in server does. The source tree is never written: it keeps
plain ES modules, and editable installs (``pip install -e .``) use it as it is.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class build_py_with_bundle(build_py):  # noqa: N801 - setuptools' command naming
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        spec = importlib.util.spec_from_file_location(
            "_pgwidgets_bundle", HERE / "pgwidgets" / "server" / "bundle.py"
        )
        assert spec is not None and spec.loader is not None
        bundle = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bundle)
        bundle.build_static_bundle(Path(self.build_lib) / "pgwidgets" / "static")


setup(cmdclass={"build_py": build_py_with_bundle})
