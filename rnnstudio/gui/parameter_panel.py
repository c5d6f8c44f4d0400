"""The parameter panel: a recipe picker and grouped fields for one :class:`Experiment`.

Fields are declared in :data:`FIELDS` and bound to experiment paths such as
``model.units``. Every edit rebuilds the experiment and runs the core's ``validate``; an
invalid field is outlined and its message shown right under it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ..core.data import load_series
from ..core.estimate import compile_seconds, in_words, training_seconds
from ..core.experiment import DataSpec, Experiment, ExperimentError
from ..core.layouts import PLANS
from ..core.recipes import RECIPES, TITLES, WHAT_TO_WATCH
from ..core.series import DataError, Series
from ..core.session import Draft, data_only
from ..core.text import QT_TR_NOOP
from ..core.validation import validate
from .csv_loader import CsvLoader
from .i18n import tr
from .panel_csv import CsvSource
from .panel_fields import (
    CHOICE_LABELS,
    CSV_ONLY,
    FIELDS,
    GENERATED_ONLY,
    GROUPS,
    ROLLOUT_FIELDS,
    SINE_ONLY,
    FieldSpec,
    error_in_words,
    format_value,
    parse_field,
)
from .quiet_widgets import QuietComboBox

CUSTOM = QT_TR_NOOP("Custom")
INVALID_STYLE = "QLineEdit[invalid=\"true\"], QComboBox[invalid=\"true\"] { border: 1px solid #d62728; background: #fff3f3; }"


class ParameterPanel(CsvSource, QWidget):
    """Edits one experiment. ``changed`` fires after every edit; :meth:`experiment` is the
    current experiment or None while any field is invalid; :attr:`errors` maps field paths
    to messages."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet(INVALID_STYLE)
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.rows: dict[str, list[QWidget]] = {}
        self.errors: dict[str, str] = {}
        self._base = RECIPES["pulse-lstm-stateful"]
        self._recipe_name: str | None = None
        self._current: Experiment | None = None
        self._csv_series: Series | None = None
        self._generated: tuple[DataSpec, Series] | None = None
        self._csv_error: tuple[str, str] | None = None
        self._csv_path = ""  # the file the column picker lists
        self._defaults_pending: str | None = None  # a picked file whose defaults are still to come
        self.csv_loading = False
        self.csv_loader = CsvLoader()
        self.csv_loader.finished.connect(self._on_csv_loaded)
        self.csv_loader.failed.connect(self._on_csv_failed)
        self._loading = False

        self.recipe = QuietComboBox()
        for name in RECIPES:
            self.recipe.addItem(tr(TITLES[name]), name)
        self.recipe.addItem(tr(CUSTOM), None)
        self.recipe.setToolTip(tr("Start from one of the built-in experiments"))
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        self.description.setStyleSheet("color: #555;")
        self.reset_button = QPushButton(tr("Reset to recipe"))
        self.reset_button.setToolTip(tr("Restore every field to the chosen recipe's values"))
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #d62728;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Recipe")))
        top.addWidget(self.recipe, 1)
        layout.addLayout(top)
        layout.addWidget(self.description)
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        self.estimate.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.estimate.setStyleSheet("color: #555;")
        self.estimate.setToolTip(tr("Estimated from the sizes (samples, window, weights, epochs) before anything runs"))
        layout.addWidget(self.estimate)
        layout.addWidget(self.reset_button)
        for section, title in GROUPS:
            layout.addWidget(self._group(section, tr(title)))
        layout.addWidget(self.general_error)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.recipe.currentIndexChanged.connect(self._on_recipe)
        self.reset_button.clicked.connect(self.reset_to_recipe)
        self.choose_recipe("pulse-lstm-stateful")

    # -- building -------------------------------------------------------------------------
    def _group(self, section: str, title: str) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        row = 0
        for spec in (f for f in FIELDS if f.section == section):
            label = QLabel(tr(spec.label))
            label.setToolTip(tr(spec.tooltip))
            editor = self._editor(spec)
            error = QLabel()
            error.setStyleSheet("color: #d62728; font-size: 11px;")
            error.setWordWrap(True)
            error.hide()
            grid.addWidget(label, row, 0)
            grid.addWidget(editor, row, 1)
            grid.addWidget(error, row + 1, 1)
            self.error_labels[spec.path] = error
            self.rows[spec.path] = [label, editor]
            row += 2
            if spec.kind == "column":
                self.preview = pg.PlotWidget()
                self.preview.setFixedHeight(90)
                self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                self.preview.setToolTip(tr("Preview of the chosen CSV column"))
                self.preview.setMouseEnabled(x=False, y=False)  # a preview: the wheel scrolls the panel
                self.preview.setMenuEnabled(False)
                self.preview.hideAxis("bottom")
                self.preview_curve = self.preview.plot([], [], pen=pg.mkPen("#1f77b4"))
                self.preview_curve.setDownsampling(auto=True, method="peak")
                self.preview_curve.setClipToView(True)
                grid.addWidget(self.preview, row, 0, 1, 2)
                self.rows[spec.path].append(self.preview)
                row += 1
                self.busy = QWidget()
                busy_row = QHBoxLayout(self.busy)
                busy_row.setContentsMargins(0, 0, 0, 0)
                spinner = QProgressBar()
                spinner.setRange(0, 0)  # busy
                spinner.setMaximumHeight(10)
                spinner.setTextVisible(False)
                self.busy_label = QLabel()
                self.busy_label.setStyleSheet("color: #555;")
                busy_row.addWidget(self.busy_label)
                busy_row.addWidget(spinner, 1)
                grid.addWidget(self.busy, row, 0, 1, 2)
                self.busy.hide()
                row += 1
        return box

    def _editor(self, spec: FieldSpec) -> QWidget:
        if spec.kind == "choice":
            editor = QuietComboBox()
            for choice in spec.choices:
                editor.addItem(tr(CHOICE_LABELS.get(choice, choice)), choice)
            reading = spec.path in ("data.decimal", "data.date_order")  # how the file is read: read it again
            editor.currentTextChanged.connect(self._on_csv_changed if reading else self._on_edit)
        elif spec.kind == "bool":
            editor = QCheckBox()
            editor.toggled.connect(self._on_edit)
        elif spec.kind == "column":
            editor = QuietComboBox()
            editor.setEditable(True)
            editor.currentTextChanged.connect(self._on_csv_changed)
        else:
            editor = QLineEdit()
            editor.textChanged.connect(self._on_csv_changed if spec.kind == "file" else self._on_edit)
        editor.setToolTip(tr(spec.tooltip))
        editor.setObjectName(spec.path)
        self.editors[spec.path] = editor
        if spec.kind != "file":
            return editor
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.browse_button = QPushButton(tr("Browse…"))
        self.browse_button.setToolTip(tr("Choose a CSV file"))
        self.browse_button.clicked.connect(self._browse_csv)
        row.addWidget(editor, 1)
        row.addWidget(self.browse_button)
        return holder

    # -- public API -----------------------------------------------------------------------
    def experiment(self) -> Experiment | None:
        """The experiment the fields describe, or None while any field is invalid or the CSV
        file is being read."""
        return self._current if not self.errors and not self.csv_loading else None

    def data_experiment(self) -> Experiment | None:
        """The experiment as typed, even with invalid fields outside the data section (its
        series can be shown), or None while the data fields themselves are invalid."""
        if self.csv_loading or any(path.startswith("data.") or path not in self.error_labels for path in self.errors):
            return None
        return self._current

    def draft(self) -> Draft:
        """What the fields describe, for the session: the experiment (if valid), the one
        whose data can be shown meanwhile, its series (if it can be had), errors, loading."""
        experiment = self.experiment()
        data = experiment or self.data_experiment()
        if experiment is None and data is not None:
            data = data_only(data)
        series = None
        if data is not None:
            try:
                series = self.series(data.data)
            except DataError:
                data = None
        return Draft(experiment, self._current, data, series, dict(self.errors), self.csv_loading)

    def series(self, data: DataSpec) -> Series:
        """The series ``data`` describes: the CSV column already read, or the generated series
        (kept while the data fields stay the same, so editing other fields costs nothing).
        Raises DataError."""
        if data.kind == "csv" and self._csv_series is not None:
            return self._csv_series
        if self._generated is None or self._generated[0] != data:
            self._generated = (data, load_series(data))
        return self._generated[1]

    def choose_recipe(self, name: str) -> None:
        """Load a built-in recipe into every field."""
        self._recipe_name = name
        self.set_experiment(RECIPES[name])

    def reset_to_recipe(self) -> None:
        if self._recipe_name is not None:
            self.set_experiment(RECIPES[self._recipe_name])

    def set_experiment(self, experiment: Experiment) -> None:
        """Show ``experiment`` in the fields (a recipe, or one opened from a file)."""
        self._base = experiment
        self._loading = True
        raw = experiment.to_dict()
        for spec in FIELDS:
            self._write(spec, raw[spec.section][spec.name])
        self._recipe_name = _matching_recipe(experiment) or self._recipe_name
        self._loading = False
        self._csv_path = experiment.data.path.strip()  # its column is the one meant, not a guess
        self._reload_csv()
        self._revalidate()

    def set_locked(self, reason: str | None) -> None:
        """Make every field except the rollout's read-only, greyed with ``reason`` as the
        tooltip (while the shown run trains); None makes them editable again."""
        specs = {spec.path: spec for spec in FIELDS}
        focused = QApplication.focusWidget()
        if reason is not None and focused is not None and self.isAncestorOf(focused):
            # a disabled field hands its focus to the next one left enabled (Warm-up start),
            # and the panel would scroll to it: the recipe picker would leave view
            focused.clearFocus()
        for path, editor in self.editors.items():
            if path in ROLLOUT_FIELDS:
                continue
            editor.setEnabled(reason is None)
            editor.setToolTip(reason or tr(specs[path].tooltip))
        for widget, tip in ((self.recipe, tr("Start from one of the built-in experiments")),
                            (self.reset_button, tr("Restore every field to the chosen recipe's values")),
                            (self.browse_button, tr("Choose a CSV file"))):
            widget.setEnabled(reason is None and (widget is not self.reset_button or self._recipe_name is not None))
            widget.setToolTip(reason or tip)

    @property
    def locked(self) -> bool:
        return not self.recipe.isEnabled()

    def set_value(self, path: str, value: Any) -> None:
        """Type ``value`` into the field at ``path``, as a user would."""
        spec = next(f for f in FIELDS if f.path == path)
        self._write(spec, value)

    # -- editing --------------------------------------------------------------------------
    def _write(self, spec: FieldSpec, value: Any) -> None:
        editor = self.editors[spec.path]
        if isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QComboBox) and not editor.isEditable():
            index = editor.findData(value)
            if index < 0:  # a value no choice has (from a file): shown as it is, and flagged by validation
                editor.addItem(str(value), value)
                index = editor.count() - 1
            editor.setCurrentIndex(index)
        elif isinstance(editor, QComboBox):
            editor.setEditText(str(value))
        elif spec.kind == "ints":
            editor.setText(", ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value))
        else:
            editor.setText(format_value(value))

    def _show_recipe(self, name: str | None) -> None:
        self.recipe.blockSignals(True)
        self.recipe.setCurrentIndex(self.recipe.findData(name) if name else self.recipe.count() - 1)
        self.recipe.blockSignals(False)
        if name:
            text = tr(RECIPES[name].description)
            if name in WHAT_TO_WATCH:
                text += "\n\n" + tr("What to watch: {what}").format(what=tr(WHAT_TO_WATCH[name]))
        elif self._base.name in RECIPES:
            text = tr("Custom experiment, starting from the {recipe} recipe").format(recipe=self._base.name)
        else:
            text = self._base.description or tr("Your own experiment")
        self.description.setText(text)
        self.reset_button.setEnabled(self._recipe_name is not None and not self.locked)

    def _on_recipe(self, index: int) -> None:
        name = self.recipe.itemData(index)
        if name in RECIPES:
            self.choose_recipe(name)

    def _on_edit(self) -> None:
        if not self._loading:
            self._revalidate()

    def _read(self) -> tuple[dict[str, Any], dict[str, str]]:
        raw = self._base.to_dict()
        problems: dict[str, str] = {}
        for spec in FIELDS:
            editor = self.editors[spec.path]
            if spec.kind == "float" and editor.text().strip() == format_value(raw[spec.section][spec.name]):
                continue  # shown rounded, kept exact (2*pi stays 2*pi)
            try:
                raw[spec.section][spec.name] = parse_field(spec, editor)
            except ValueError as error:
                problems[spec.path] = str(error)
        return raw, problems

    def _revalidate(self) -> None:
        raw, problems = self._read()
        experiment = None
        try:
            experiment = Experiment.from_dict(raw)
        except ExperimentError as error:  # parse problems above keep types right; belt and braces
            problems.setdefault("", str(error))
        errors = dict(problems)
        matching = None
        if experiment is not None:
            matching = _matching_recipe(experiment)
            if matching is not None:
                experiment = RECIPES[matching]
            elif self._base.name in RECIPES and experiment != self._base:
                experiment = dataclasses.replace(experiment, name="custom", description=f"based on {self._base.name}")
            for error in validate(experiment, self._series_length(experiment), tr):
                errors.setdefault(error.field, error_in_words(error))
            if experiment.data.kind == "csv" and self._csv_error is not None:
                field, message = self._csv_error
                errors.setdefault(field, message)
        self._current = experiment
        self.errors = errors
        self._show_errors()
        self._show_estimate(experiment)
        self._update_visibility()
        if experiment is not None:
            self._show_recipe(matching)
        self.changed.emit()

    def _series_length(self, experiment: Experiment) -> int | None:
        """The length of ``experiment``'s series: generated, or the CSV read (None until it is)."""
        if experiment.data.kind != "csv":
            return experiment.data.length
        return len(self._csv_series) if self._csv_series is not None else None

    def _show_estimate(self, experiment: Experiment | None) -> None:
        length = None if experiment is None else self._series_length(experiment)
        known = experiment is not None and not self.errors and length is not None
        if known:
            seconds = training_seconds(experiment, length)
            self.estimate.setText(tr("Training takes {time} here (estimate; a first run also compiles, {compiling})")
                                  .format(time=in_words(seconds, tr), compiling=in_words(compile_seconds(experiment), tr)))
        self.estimate.setVisible(known)

    def _show_errors(self) -> None:
        for path, label in self.error_labels.items():
            message = self.errors.get(path)
            label.setText(message or "")
            label.setVisible(bool(message))
            editor = self.editors[path]
            if editor.property("invalid") != bool(message):
                editor.setProperty("invalid", bool(message))
                editor.style().unpolish(editor)
                editor.style().polish(editor)
        general = [m for p, m in self.errors.items() if p not in self.error_labels]
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))

    def _update_visibility(self) -> None:
        kind = self.editors["data.kind"].currentData()
        plan = PLANS[self.editors["samples.layout"].currentData()]
        hidden: set[str] = set()
        if kind == "csv":
            hidden |= GENERATED_ONLY
        else:
            hidden |= CSV_ONLY
            if kind != "sine":
                hidden |= SINE_ONLY
            if kind != "pulse":
                hidden.add("data.pulse_width")
        if kind == "csv":
            hidden.add("data.pulse_width")
        if not plan.carries_state:
            hidden.add("samples.stream_shifts")
        if not plan.is_time_series:
            hidden |= {"samples.window", "rollout.start", "rollout.warmup", "rollout.steps"}
        if self.editors["train.mode"].currentData() == "teacher_forcing":
            hidden.add("train.horizon")
        for path, widgets in self.rows.items():
            visible = path not in hidden or path in self.errors
            for widget in widgets:
                widget.setVisible(visible)


def _matching_recipe(experiment: Experiment) -> str | None:
    """The built-in recipe whose settings ``experiment`` has (names aside), if any."""
    settings = ("data", "samples", "model", "train", "rollout")
    for name, recipe in RECIPES.items():
        if all(getattr(recipe, part) == getattr(experiment, part) for part in settings):
            return name
    return None
