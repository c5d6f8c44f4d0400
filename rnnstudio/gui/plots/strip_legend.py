"""A plot's legend in a strip between its title and its data, never over the data.

pyqtgraph's legend floats inside the data area, and with three overlaid runs it hid most of
the prediction plot. :class:`StripLegend` is pyqtgraph's own legend (its entries, and clicking
an entry's sample to hide that curve), laid out in the plot's grid in the row the unused top
axis held: as many columns as the data area's width takes, as many rows as the entries need,
and no height at all while it lists nothing. Exports draw it the same way.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QSizeF, Qt

MAX_NAME = 32  # characters of an entry: a longer run name is cut in the middle (its colour says the rest)
SAMPLE_WIDTH = 36  # a legend entry's line sample, the gaps on both sides of it and its label's margins
COLUMN_GAP = 8


class StripLegend(pg.LegendItem):
    """The legend of ``plot``, in a strip above its data area (``plot.legend`` from now on)."""

    def __init__(self, plot: pg.PlotItem) -> None:
        super().__init__(offset=None, horSpacing=COLUMN_GAP, verSpacing=-4, labelTextSize="8pt",
                         brush=None, pen=None, frame=False)
        self.layout.setContentsMargins(2, 0, 2, 0)
        top = plot.getAxis("top")
        plot.layout.removeItem(top)  # hidden and empty: its row is the strip's
        top.hide()
        self.setParentItem(plot)
        plot.layout.addItem(self, 1, 1)
        plot.legend = self
        self._plot = plot
        self._shown = True
        plot.vb.sigResized.connect(self.fit)
        self.fit()

    def sizeHint(self, which: Qt.SizeHint, constraint: Any = None) -> QSizeF:
        """No minimum width: a strip wider than the plot is cut, it never widens the plot
        past its window (pyqtgraph would give the plot the legend's width)."""
        hint = super().sizeHint(which, constraint) if constraint is not None else super().sizeHint(which)
        return QSizeF(0, hint.height()) if which == Qt.SizeHint.MinimumSize else hint

    def setColumnCount(self, columnCount: int) -> None:
        """Lay every entry out again in ``columnCount`` columns (pyqtgraph's own places them by
        the grid's old size after a removal, and entries end up on top of each other)."""
        self.columnCount = max(1, columnCount)
        while self.layout.count():
            self.layout.removeAt(self.layout.count() - 1)
        for index, (sample, label) in enumerate(self.items):
            self._place(index, sample, label)
        self.updateSize()

    def _addItemToLayout(self, sample: Any, label: Any) -> None:
        self._place(len(self.items) - 1, sample, label)

    def _place(self, index: int, sample: Any, label: Any) -> None:
        """Entry ``index`` in reading order: row by row, ``columnCount`` to a row."""
        row, column = divmod(index, max(1, self.columnCount))
        self.layout.addItem(sample, row, 2 * column, alignment=Qt.AlignmentFlag.AlignVCenter)
        self.layout.addItem(label, row, 2 * column + 1)

    def updateSize(self) -> None:
        """The plot's layout places and sizes the strip (pyqtgraph's own sets a geometry at
        (0, 0), out of the layout's cell); the entries are arranged at once (a graphics
        layout left to itself re-arranges only when its size changes)."""
        self.updateGeometry()
        self.layout.invalidate()
        self.layout.activate()
        plot = getattr(self, "_plot", None)  # None while pyqtgraph's constructor builds the legend
        if plot is not None:
            plot.layout.activate()  # the strip's new height, given to it now

    def addItem(self, item: Any, name: str) -> None:
        super().addItem(item, elided(name))
        self.fit()

    def removeItem(self, item: Any) -> None:
        super().removeItem(item)
        self.fit(relayout=True)  # pyqtgraph leaves the removed entry's cell empty

    def clear(self) -> None:
        super().clear()
        self.fit()

    def setVisible(self, visible: bool) -> None:
        """Show or hide the strip (hidden, it takes no height)."""
        self._shown = visible
        self.fit()

    def fit(self, relayout: bool = False) -> None:
        """As many columns as the data area's width takes (``relayout``: place every entry
        again, closing gaps); no height while hidden or empty."""
        present = self._shown and bool(self.items)
        super().setVisible(present)
        if not present:
            self.setMaximumHeight(0)
            return
        self.setMaximumHeight(16_777_215)
        width = self._plot.vb.width() or self._plot.width()
        # the texts' own widths (a label's geometry stretches to its column)
        entries = [label.item.boundingRect().width() + SAMPLE_WIDTH + COLUMN_GAP for _, label in self.items]
        columns = next((n for n in range(len(entries), 1, -1)
                        if sum(max(entries[k::n]) for k in range(n)) <= width), 1)
        if columns != self.columnCount or relayout:
            self.setColumnCount(columns)
        self.updateSize()


def elided(name: str) -> str:
    """``name`` cut in the middle to :data:`MAX_NAME` characters: the start and the end of a
    run's name ("SimpleRNN 1x20 …free running 10") tell runs apart better than its start alone."""
    if len(name) <= MAX_NAME:
        return name
    keep = (MAX_NAME - 1) // 2
    return f"{name[:keep]}…{name[len(name) - keep:]}"
