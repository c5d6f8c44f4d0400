"""The states plot: a network's inner states along the rollout, as lines or a heatmap."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.report import EpochReport
from ...core.text import QT_TR_NOOP
from ..i18n import tr
from ..quiet_widgets import QuietComboBox
from .base import (
    AUTO_UNITS,
    CLOSED_LOOP_PEN,
    INTERESTING_UNITS,
    MAX_UNIT_TICKS,
    PLOT_HELP,
    UNIT_COLORMAP,
    StepAxis,
    StudioPlot,
    exempt_from_auto_range,
    make_curve,
    name_in_legend,
    nearest_index,
    set_axis_label,
    set_title,
    where_text,
)

STATE_LABELS = {"c": QT_TR_NOOP("cell state c"), "h": QT_TR_NOOP("hidden state h"),
                "hidden": QT_TR_NOOP("hidden activations"), "input": QT_TR_NOOP("input gate"),
                "forget": QT_TR_NOOP("forget gate"), "output": QT_TR_NOOP("output gate"),
                "update": QT_TR_NOOP("update gate"), "reset": QT_TR_NOOP("reset gate"),
                "candidate": QT_TR_NOOP("candidate gate")}


class StatesPlot(QWidget):
    """Inner states along the rollout: LSTM ``c`` and ``h`` (and gates), GRU/SimpleRNN ``h``,
    or an MLP's hidden activations over x. Lines or a units x steps heatmap; pick the layer,
    the units and, for a seed ensemble, the member (seed) to show."""

    def __init__(self) -> None:
        super().__init__()
        self.quantity = QuietComboBox()
        self.quantity.setToolTip(tr("Which inner quantity to show"))
        self.layer = QuietComboBox()
        self.layer.setToolTip(tr("Which hidden layer"))
        self.member = QuietComboBox()
        self.member.setToolTip(tr("A seed ensemble: whose states to show (each seed's network on the ensemble's closed "
                               "loop), or all side by side"))
        self.member_label = QLabel(tr("Seed"))
        for narrow in (self.layer, self.member):  # a number each: room for the plots at 1024 px
            narrow.setMinimumContentsLength(2)
            narrow.setMaximumWidth(64)
        self.units = QLineEdit(AUTO_UNITS)
        self.units.setToolTip(tr("Units to show: '{auto}' (the {count} that vary most along the closed loop, or all "
                                 "when there are no more), 'all', or indices and ranges such as 0-4, 7").format(
                                     auto=AUTO_UNITS, count=INTERESTING_UNITS))
        self.units.setMaximumWidth(110)
        self.units.setMinimumWidth(40)
        self.heatmap = QCheckBox(tr("Heatmap"))
        self.heatmap.setToolTip(tr("Show units x steps as a heatmap instead of lines"))
        self.per_unit = QCheckBox(tr("Each unit scaled"))
        self.per_unit.setToolTip(tr("Colour each unit on its own scale (its largest size = full colour), so one large "
                                 "unit does not wash out the others; hover still reads the true value"))
        self.per_unit.hide()
        self.controls = controls = QHBoxLayout()
        self._row: list[QWidget] = []
        for label, widget in ((tr("Show"), self.quantity), (tr("Layer"), self.layer), (self.member_label, self.member),
                              (tr("Units"), self.units)):
            self._row += [label if isinstance(label, QLabel) else QLabel(label), widget]
        for widget in self._row:
            controls.addWidget(widget)
        self._show_member_choice(1)
        self.toggles = (self.heatmap, self.per_unit)
        for widget in self.toggles:
            controls.addWidget(widget)
        controls.addStretch(1)
        self.second_row = QHBoxLayout()  # the toggles, when the first row has no room for them
        self.second_row.addStretch(1)
        self.plot_widget = StatesCanvas(self)
        self.image = pg.ImageItem()
        self.image.setColorMap(pg.colormap.get("CET-D1"))
        self.plot_widget.addItem(self.image)
        self.image.hide()
        self.color_bar = pg.ColorBarItem(values=(-1, 1), colorMap=pg.colormap.get("CET-D1"), interactive=False,
                                         width=12, label=tr("value"))
        self.color_bar.setImageItem(self.image, insert_in=self.plot_widget.getPlotItem())
        self.color_bar.hide()
        self.closed_loop_line = pg.InfiniteLine(angle=90, pen=CLOSED_LOOP_PEN, label=tr("closed loop →"),
                                                labelOpts={"position": 0.96, "color": "#d62728", "anchors": [(0, 0), (0, 0)]})
        exempt_from_auto_range(self.closed_loop_line.label)
        self.plot_widget.addItem(self.closed_loop_line)
        self.closed_loop_line.hide()
        self.curves: list[pg.PlotDataItem] = []
        self.shown_units: list[int] = []
        self._curve_names: list[str] | None = None
        self._unit_ticks = False  # the value axis names units (heatmap) instead of values
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addLayout(self.second_row)
        layout.addWidget(self.plot_widget)
        self.report: EpochReport | None = None
        self._chosen_quantity: str | None = None  # kept across a clear: the next run shows it too if it has it
        self.axis: StepAxis | None = None
        self._drawn: tuple[np.ndarray, np.ndarray] | None = None  # (x, values) as last drawn, for the readout
        for signal in (self.quantity.currentIndexChanged, self.layer.currentIndexChanged,
                       self.member.currentIndexChanged, self.heatmap.toggled, self.per_unit.toggled):
            signal.connect(self._redraw)
        self.heatmap.toggled.connect(self.per_unit.setVisible)
        self.heatmap.toggled.connect(lambda _: self._place_toggles())  # one more toggle shown: does the row still fit?
        self.units.editingFinished.connect(self._redraw)

    def clear(self, axis: StepAxis | None) -> None:
        """Nothing to show yet: no curves, no unit names, no choices of another network, and
        the step axis of the data shown (dates or steps)."""
        self.report = None
        self.axis = axis
        plot = self.plot_widget.getPlotItem()
        for curve in self.curves:
            plot.removeItem(curve)
            plot.legend.removeItem(curve)
        self.curves, self._curve_names, self.shown_units = [], None, []
        self._chosen_quantity = self.quantity.currentData() or self._chosen_quantity
        for combo in (self.quantity, self.layer, self.member):
            combo.blockSignals(True)
            combo.clear()
            combo.blockSignals(False)
        self._show_member_choice(1)
        set_title(plot, tr("States"))
        plot.setYRange(-1, 1)  # tanh's range, not the last network's
        plot.enableAutoRange(axis="y")
        if axis is not None:
            self.plot_widget.use_axis(axis)
        else:
            set_axis_label(plot, "bottom", tr("step"))
        self._redraw()

    def show_report(self, report: EpochReport, axis: StepAxis) -> None:
        self.report = report
        self.axis = axis
        self.plot_widget.use_axis(axis)
        self._sync_choices(report)
        self._redraw()

    def _sync_choices(self, report: EpochReport) -> None:
        quantities = list(_quantities(report))
        if [self.quantity.itemData(i) for i in range(self.quantity.count())] != quantities:
            current = self.quantity.currentData() or self._chosen_quantity
            self.quantity.blockSignals(True)
            self.quantity.clear()
            for key in quantities:
                self.quantity.addItem(tr(STATE_LABELS[key]) if key in STATE_LABELS else key, key)
            self.quantity.setCurrentIndex(max(quantities.index(current), 0) if current in quantities else 0)
            self.quantity.blockSignals(False)
        layers = len(report.network.hidden)
        if self.layer.count() != layers:
            self.layer.blockSignals(True)
            self.layer.clear()
            self.layer.addItems([f"{i + 1}" for i in range(layers)])
            self.layer.setCurrentIndex(layers - 1)
            self.layer.blockSignals(False)
        members = report.network.member_count
        if self.member.count() != (members + 1 if members > 1 else 0):
            self.member.blockSignals(True)
            self.member.clear()
            if members > 1:
                for k in range(members):
                    self.member.addItem(f"{k + 1}", k)
                self.member.addItem("all", None)
            self.member.blockSignals(False)
        self._show_member_choice(members)

    def _show_member_choice(self, members: int) -> None:
        self.member.setVisible(members > 1)
        self._place_toggles()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_toggles()

    def _place_toggles(self) -> None:
        """The Heatmap and Each-unit toggles after the other controls when the row has room for
        them all, else on a row of their own (a 1024 px window, Japanese words); and the
        labels Show, Layer, Seed and Units only where the row has room for them beside their
        fields (an ensemble's Seed choice at 1024 px), which keep their tooltips: never cut."""
        if not hasattr(self, "second_row"):
            return  # still being built
        spacing = self.controls.spacing() + 2
        pairs = list(zip(self._row[0::2], self._row[1::2]))  # (label, field)
        roomy = sum(label.sizeHint().width() + self._least_width(field) + 2 * spacing
                    for label, field in pairs if not field.isHidden()) <= self.width()
        for label, field in pairs:
            label.setVisible(roomy and not field.isHidden())
        shown = [widget for widget in (*self._row, *self.toggles) if not widget.isHidden()]
        wide = self.width() >= sum(widget.sizeHint().width() + spacing for widget in shown)
        if (self.controls.indexOf(self.heatmap) >= 0) == wide:
            return
        source, target = (self.second_row, self.controls) if wide else (self.controls, self.second_row)
        for widget in self.toggles:
            source.removeWidget(widget)
            target.insertWidget(target.count() - 1, widget)

    def _least_width(self, field: QWidget) -> int:
        """The width a field needs: its text whole, but the Units field may shrink to its least."""
        return field.minimumWidth() if field is self.units else min(field.sizeHint().width(), field.maximumWidth())

    def unit_name(self, unit: int, short: bool = False) -> str:
        """A shown unit's name: its index, and its seed's in an ensemble shown whole (``short``:
        for the heatmap's axis, ``7`` or ``2:3``)."""
        if self.report is None or self.report.network.member_count == 1 or self.member.currentData() is not None:
            return str(unit) if short else tr("unit {unit}").format(unit=unit)
        seed, index = divmod(unit, self.report.network.member_units)
        return f"{seed + 1}:{index}" if short else tr("seed {seed} unit {unit}").format(seed=seed + 1, unit=index)

    def selected_units(self, values: np.ndarray, closed: np.ndarray) -> list[int]:
        """The unit indices to show for ``values`` (steps, units): those the user typed, all,
        or (``auto``) the ones that vary most along the ``closed`` loop steps."""
        text = self.units.text().strip().lower()
        total = values.shape[1]
        if text not in ("", AUTO_UNITS) or total <= INTERESTING_UNITS:
            return parse_units(text, total)
        part = values[closed] if closed.any() else values
        return sorted(np.argsort(part.std(axis=0))[::-1][:INTERESTING_UNITS].tolist())

    def shown_data(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(x, values[steps, units]) of what is shown now (x as the plot draws it), or None."""
        if self.report is None:
            return None
        key = self.quantity.currentData()
        traces = _quantities(self.report)
        if key not in traces:
            return None
        positions, values = traces[key]
        x = self.axis(positions)
        layer = min(max(self.layer.currentIndex(), 0), values.shape[1] - 1)
        member = self.member.currentData() if self.report.network.member_count > 1 else None
        if member is not None:  # that seed's units only (the ensemble's states sit side by side)
            per_member = self.report.network.member_units
            values = values[:, :, member * per_member : (member + 1) * per_member]
        rollout = self.report.rollout
        closed = positions >= rollout.closed_loop_from if rollout is not None else np.ones(len(positions), bool)
        self.shown_units = self.selected_units(values[:, layer, :], closed)
        return x, values[:, layer, self.shown_units]

    def readout_at(self, x: float, y: float) -> str:
        """The shown unit at plot point (x, y) and its value there: the line nearest the cursor,
        or the heatmap cell under it."""
        if self._drawn is None or not self.shown_units:
            return ""
        xs, values = self._drawn
        step = nearest_index(xs, x)
        if step is None:
            return ""
        row = values[step]
        if self.image.isVisible():
            index = int(np.floor(y + 0.5))
            if not 0 <= index < len(row):
                return ""
        else:
            index = int(np.argmin(np.abs(row - y)))
        return tr("{unit}: {value} at {where}").format(unit=self.unit_name(self.shown_units[index]),
                                                       value=f"{row[index]:.3g}", where=where_text(self.axis, xs[step]))

    def redraw(self) -> None:
        """Draw the shown states again (the canvas became short, or tall again)."""
        if hasattr(self, "report"):  # the canvas may resize while this plot is still being built
            self._redraw()

    def _redraw(self) -> None:
        shown = self._drawn = self.shown_data()
        plot = self.plot_widget.getPlotItem()
        if shown is None:
            for curve in self.curves:
                curve.setData([], [])
            self.image.hide()
            self.closed_loop_line.hide()
            return
        x, values = shown
        seed = tr(", seed {seed}").format(seed=self.member.currentText()) if self.member.isVisibleTo(self) else ""
        set_title(plot, tr("States: {quantity}, layer {layer}").format(
            quantity=self.quantity.currentText(), layer=self.layer.currentIndex() + 1) + seed)
        rollout = self.report.rollout
        if rollout is not None:
            self.closed_loop_line.setPos(float(self.axis(rollout.closed_loop_from)))
            self.closed_loop_line.show()
        else:
            self.closed_loop_line.hide()
        heatmap = self.heatmap.isChecked() and len(x) > 1
        self.color_bar.setVisible(heatmap)
        # a short plot names its units by hover instead: a strip of 8 would take a third of its height
        plot.legend.setVisible(not heatmap and len(self.shown_units) <= INTERESTING_UNITS
                               and not getattr(self.plot_widget, "compact", False))
        if heatmap:
            for curve in self.curves:
                curve.setData([], [])
            step = (x[-1] - x[0]) / (len(x) - 1)
            per_unit = self.per_unit.isChecked()
            colours = values / np.maximum(np.abs(values).max(axis=0), 1e-12) if per_unit else values
            levels = (-1.0, 1.0) if per_unit else _symmetric_levels(values)
            self.image.setImage(colours, autoLevels=False, levels=levels)
            self.color_bar.setLevels(levels)
            bar_axis = self.color_bar.getAxis("left")
            wanted = tr("of the unit's largest") if per_unit else tr("value")
            if bar_axis.labelText != wanted:
                bar_axis.setLabel(wanted)
            self.image.setRect(float(x[0]) - step / 2, -0.5, step * len(x), values.shape[1])
            self.image.show()
            set_axis_label(plot, "left", tr("unit"))
            stride = -(-len(self.shown_units) // MAX_UNIT_TICKS)  # no pile-up with many units
            plot.getAxis("left").setTicks([[(row, self.unit_name(unit, short=True))
                                            for row, unit in enumerate(self.shown_units)][::stride]])
            self._unit_ticks = True
            return
        self.image.hide()
        set_axis_label(plot, "left", tr("value"))
        if self._unit_ticks:
            plot.getAxis("left").setTicks(None)
            self._unit_ticks = False
        self._set_unit_curves(plot, self.shown_units)
        for index, curve in enumerate(self.curves):
            curve.setData(x, values[:, index])

    def _set_unit_curves(self, plot: pg.PlotItem, units: list[int]) -> None:
        """One curve per shown unit, coloured along a perceptual colormap, named in the legend.
        As many units as before keep their curves (colours go by rank): only the names change."""
        names = [self.unit_name(unit) for unit in units]
        if self._curve_names == names:
            return
        if len(units) == len(self.curves):
            for curve, name in zip(self.curves, names):
                curve.opts["name"] = name
                name_in_legend(plot.legend, curve, name)
            self._curve_names = names
            return
        for curve in self.curves:
            plot.removeItem(curve)
            plot.legend.removeItem(curve)
        colors = UNIT_COLORMAP.map(np.linspace(0.0, 0.85, max(len(units), 2))[: len(units)], mode="qcolor")
        self.curves = [make_curve(plot, pg.mkPen(color, width=1), name) for name, color in zip(names, colors)]
        self._curve_names = names


class StatesCanvas(StudioPlot):
    """The plot of :class:`StatesPlot`; hovering names the unit under the cursor and its value."""

    def __init__(self, owner: StatesPlot) -> None:
        super().__init__(tr("States"), tr("step"), tr("state"), tr(PLOT_HELP["states"]))
        self.owner = owner
        self.enable_readout(anchor=(0, 1))

    def readout_at(self, x: float, y: float) -> str:
        """The owner's readout: unit, value and step under the cursor."""
        return self.owner.readout_at(x, y)

    def compact_changed(self) -> None:
        owner = getattr(self, "owner", None)  # None while pyqtgraph's constructor resizes
        if owner is not None:
            owner.redraw()


def _symmetric_levels(values: np.ndarray) -> tuple[float, float]:
    bound = float(np.max(np.abs(values))) if values.size else 1.0
    bound = bound or 1.0
    return -bound, bound


def _quantities(report: EpochReport) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The state traces a report offers, by key, each as (series positions, values[steps, layers, units])."""
    if report.hidden is not None:
        return {"hidden": (report.hidden_index, report.hidden)}
    rollout = report.rollout
    if rollout is None or rollout.h is None:
        return {}
    traces = {}
    if rollout.c is not None:
        traces["c"] = (rollout.index, rollout.c)
    traces["h"] = (rollout.index, rollout.h)
    for name, values in rollout.gates.items():
        traces[name] = (rollout.index, values)
    return traces


def parse_units(text: str, total: int) -> list[int]:
    """Unit indices from text like ``all``, ``3`` or ``0-4, 7`` (0-based, clipped to
    ``total``); all units when nothing valid is given."""
    chosen: list[int] = []
    for part in text.replace(" ", "").split(","):
        if not part or part.lower() == "all":
            continue
        low, _, high = part.partition("-")
        try:
            first, last = int(low), int(high or low)
        except ValueError:
            continue
        chosen.extend(i for i in range(first, last + 1) if 0 <= i < total and i not in chosen)
    return chosen or list(range(total))
