"""Import Presidio without its hundred predefined recognizers.

``import presidio_analyzer`` imports every predefined recognizer (Australian tax numbers,
Korean passports...), and each one validates its patterns by compiling them at import time:
measured here, 1.6 s for the URL recognizer alone on a loaded machine, more than a third of
a cold ``scrub check``. scrub uses none of them (its recognizers are its own), and Presidio's
registry needs only three of their classes.

So, before Presidio is imported, ``presidio_analyzer.predefined_recognizers`` is entered as a
package whose names resolve on first use (PEP 562 module ``__getattr__``): each name maps
to the submodule that defines it, read from the package's own ``__init__.py`` with ``ast``
(without running it). Should that layout change, the normal import is used instead: the
cost is time, never a wrong result.
"""
from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
import types
from pathlib import Path

_PACKAGE = "presidio_analyzer.predefined_recognizers"


def install() -> None:
    if _PACKAGE in sys.modules or "presidio_analyzer" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("presidio_analyzer")
        folder = Path(spec.origin).parent / "predefined_recognizers"
        tree = ast.parse((folder / "__init__.py").read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001 - any surprise: Presidio is imported as it is
        return
    where: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            module = ("." * node.level + node.module) if node.level else node.module
            for alias in node.names:
                where[alias.asname or alias.name] = module
    if not where:
        return
    lazy = types.ModuleType(_PACKAGE)
    lazy.__path__ = [str(folder)]
    lazy.__package__ = _PACKAGE
    lazy.__file__ = str(folder / "__init__.py")
    lazy.__all__ = sorted(where)

    def __getattr__(name: str):
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {_PACKAGE!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, _PACKAGE), name)
        setattr(lazy, name, value)
        return value

    lazy.__getattr__ = __getattr__
    sys.modules[_PACKAGE] = lazy
