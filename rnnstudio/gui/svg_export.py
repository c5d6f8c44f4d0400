"""SVG images of plots through pyqtgraph's own ``SVGExporter``, with one fix for Qt 6.

Qt 6 closes rectangle paths with a ``Z`` command; pyqtgraph 0.13-0.14's coordinate
correction expects every path token to be an ``x,y`` pair and fails on it (``ValueError:
not enough values to unpack``, pyqtgraph issue #3485). :func:`install_closed_path_fix` wraps
that correction so the ``Z`` is set aside while the coordinates are mapped and put back after.
It applies to the plots' own context-menu "Export..." dialog too."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from xml.dom import minidom

import pyqtgraph as pg
from pyqtgraph.exporters import SVGExporter

_MODULE = sys.modules[SVGExporter.__module__]
_CLOSE = "Z"


def _without_close_commands(correct: Callable[..., None]) -> Callable[..., None]:
    def correct_closed_paths(node: minidom.Element, defs: object, item: object, options: object) -> None:
        closed = []
        for path in node.getElementsByTagName("path"):
            tokens = path.getAttribute("d").split()
            if tokens and tokens[-1].upper() == _CLOSE:
                path.setAttribute("d", " ".join(tokens[:-1]))
                closed.append(path)
        correct(node, defs, item, options)
        for path in closed:
            path.setAttribute("d", f"{path.getAttribute('d').rstrip()} {_CLOSE}")

    correct_closed_paths.fixes = correct  # type: ignore[attr-defined]
    return correct_closed_paths


def install_closed_path_fix() -> None:
    """Make pyqtgraph's SVG exporter accept Qt 6's closed paths (idempotent)."""
    if not hasattr(_MODULE.correctCoordinates, "fixes"):
        _MODULE.correctCoordinates = _without_close_commands(_MODULE.correctCoordinates)


def write_svg(plot: pg.PlotItem, path: Path) -> None:
    """Write ``plot`` as an SVG file at ``path``."""
    install_closed_path_fix()
    SVGExporter(plot).export(str(path))
