"""Qt widgets live only in taketwo.ui (what import-linter cannot express, checked here)."""

from __future__ import annotations

import ast
from pathlib import Path

import taketwo

PACKAGE = Path(taketwo.__file__).parent
WIDGET_MODULES = ("PySide6.QtWidgets", "PySide6.QtGui", "PySide6.QtMultimediaWidgets")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_ui_layer_imports_widgets():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts[0] == "ui":
            continue
        for name in imported_modules(path):
            if name.startswith(WIDGET_MODULES):
                offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert offenders == []
