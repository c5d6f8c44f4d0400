"""The parameter panel: a recipe picker and grouped fields for one :class:`Experiment`.

Fields are declared in :data:`FIELDS` and bound to experiment paths such as
``model.units``. Every edit rebuilds the experiment and runs the core's ``validate``; an
invalid field is outlined and its message shown right under it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
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

from ..core import experiment as core
from ..core.csv_import import cached_table
from ..core.data import load_series
from ..core.estimate import in_words, training_seconds
from ..core.experiment import DataSpec, Experiment, ExperimentError, FieldError, validate
from ..core.recipes import RECIPES, TITLES, WHAT_TO_WATCH
from ..core.series import DataError, Series
from ..core.session import Draft, data_only
from .csv_loader import CsvLoader, CsvResult
from .quiet_widgets import QuietComboBox

CUSTOM = "Custom"
INVALID_STYLE = "QLineEdit[invalid=\"true\"], QComboBox[invalid=\"true\"] { border: 1px solid #d62728; background: #fff3f3; }"


@dataclass(frozen=True)
class FieldSpec:
    """One panel field: its experiment path, label, kind of editor, choices and tooltip."""

    path: str
    label: str
    kind: str  # choice, int, float, text, bool, ints, file, column
    tooltip: str
    choices: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        return self.path.split(".")[0]

    @property
    def name(self) -> str:
        return self.path.split(".")[1]


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("data.kind", "Source", "choice", "Generated sine or pulse train, or your own CSV series", core.DATA_KINDS),
    FieldSpec("data.path", "CSV file", "file", "A CSV file with one numeric column to learn"),
    FieldSpec("data.column", "Column", "column", "Column name, or 0-based index"),
    FieldSpec("data.missing", "Missing cells", "choice",
              "Empty cells in the column: refuse (the message names their lines), interpolate (in time when "
              "there are dates), or drop those rows", core.MISSING_POLICIES),
    FieldSpec("data.length", "Length", "int", "Number of points in the series"),
    FieldSpec("data.t_start", "t start", "float", "t of the first point"),
    FieldSpec("data.t_step", "t step", "float", "Spacing between points in t"),
    FieldSpec("data.period", "Period", "float", "Sine: period in t units. Pulse: period in samples"),
    FieldSpec("data.amplitude", "Amplitude", "float", "Sine amplitude"),
    FieldSpec("data.pulse_width", "Pulse width", "int", "Samples per period at value 1"),
    FieldSpec("data.noise", "Noise", "choice", "Noise added to every point", core.NOISE_KINDS),
    FieldSpec("data.noise_level", "Noise level", "float", "Uniform: half-width. Normal: standard deviation"),
    FieldSpec("data.seed", "Data seed", "int", "Same seed, same noise"),
    FieldSpec("data.scaling", "Scaling", "choice",
              "none; standard: (x - mean) / std; minmax: the training range onto -1..1; difference: learn the "
              "change from the last value (a trend carries on). Fitted on the training part only; it lives in "
              "the saved model, which takes and gives raw values", core.SCALINGS),
    FieldSpec("data.season", "Season", "int", "Season length in steps, for the seasonal naive baseline (0: detect it)"),
    FieldSpec("samples.layout", "Layout", "choice",
              "windows: past values -> next value; sequence: window -> window shifted by one; "
              "stateful: consecutive chunks carrying state; xy: x -> y (Dense MLP)", core.LAYOUTS),
    FieldSpec("samples.window", "Window", "int", "Steps per sample (chunk length for stateful)"),
    FieldSpec("samples.stream_shifts", "Stream shifts", "ints", "Stateful: one stream per circular shift, e.g. 0, 3, 6"),
    FieldSpec("model.kind", "Network", "choice", "Dense MLP or a recurrent layer type", core.MODEL_KINDS),
    FieldSpec("model.layers", "Layers", "int", "Hidden layers (recurrent: 1-3)"),
    FieldSpec("model.units", "Units", "int", "Units per hidden layer"),
    FieldSpec("model.activation", "Activation", "choice", "Activation of the hidden layers", core.ACTIVATIONS),
    FieldSpec("model.kernel_initializer", "Initializer", "choice", "How input weights start", core.INITIALIZERS),
    FieldSpec("train.epochs", "Epochs", "int", "Passes over the training samples"),
    FieldSpec("train.batch_size", "Batch size", "int", "Samples per optimizer step"),
    FieldSpec("train.optimizer", "Optimizer", "choice", "Gradient descent flavour", core.OPTIMIZERS),
    FieldSpec("train.learning_rate", "Learning rate", "float", "Step size of the optimizer"),
    FieldSpec("train.loss", "Loss", "choice", "mse: mean squared error; mae: mean absolute error", core.LOSSES),
    FieldSpec("train.validation_fraction", "Validation", "float", "Last fraction of samples held out (0-0.9)"),
    FieldSpec("train.shuffle", "Shuffle", "bool", "Shuffle training samples each epoch (never for stateful)"),
    FieldSpec("train.seed", "Seed", "int", "Initial weights and shuffling"),
    FieldSpec("rollout.start", "Warm-up start", "int", "Series index where the warm-up begins"),
    FieldSpec("rollout.warmup", "Warm-up", "int", "True values fed before the closed loop"),
    FieldSpec("rollout.steps", "Steps", "int", "Closed-loop steps, each fed the previous output"),
    FieldSpec("rollout.forecast", "Forecast", "int", "Closed-loop steps past the end of the series"),
)
CHOICE_LABELS = {
    "sine": "Sine wave", "pulse": "Pulse train", "csv": "CSV file",
    "none": "None", "uniform": "Uniform", "normal": "Normal (Gaussian)",
    "windows": "Windows: past values -> next", "sequence": "Sequence: window -> shifted window",
    "stateful": "Stateful chunks", "xy": "x -> y",
    "dense": "Dense MLP", "simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU",
    "glorot_uniform": "Glorot uniform", "glorot_normal": "Glorot normal", "he_normal": "He normal",
    "random_normal": "Random normal", "random_uniform": "Random uniform",
    "adam": "Adam", "sgd": "SGD", "rmsprop": "RMSprop", "adagrad": "Adagrad",
    "mse": "MSE (mean squared error)", "mae": "MAE (mean absolute error)",
    "standard": "Standard (mean, std)", "minmax": "Min-max (onto -1..1)", "difference": "Difference (changes)",
    "refuse": "Refuse", "interpolate": "Interpolate", "drop": "Drop those rows",
}
GROUPS = (("data", "Data"), ("samples", "Samples"), ("model", "Model"), ("train", "Training"),
          ("rollout", "Closed-loop rollout"))
SINE_ONLY = {"data.t_start", "data.t_step", "data.amplitude"}
GENERATED_ONLY = {"data.length", "data.period", "data.noise", "data.noise_level", "data.seed"} | SINE_ONLY
CSV_ONLY = {"data.path", "data.column", "data.missing"}
ROLLOUT_FIELDS = {"rollout.start", "rollout.warmup", "rollout.steps", "rollout.forecast"}


class ParameterPanel(QWidget):
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
        self.csv_loading = False
        self.csv_loader = CsvLoader()
        self.csv_loader.finished.connect(self._on_csv_loaded)
        self.csv_loader.failed.connect(self._on_csv_failed)
        self._loading = False

        self.recipe = QuietComboBox()
        for name in RECIPES:
            self.recipe.addItem(TITLES[name], name)
        self.recipe.addItem(CUSTOM, None)
        self.recipe.setToolTip("Start from one of the five built-in experiments")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        self.description.setStyleSheet("color: #555;")
        self.reset_button = QPushButton("Reset to recipe")
        self.reset_button.setToolTip("Restore every field to the chosen recipe's values")
        self.general_error = QLabel()
        self.general_error.setStyleSheet("color: #d62728;")
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        top = QHBoxLayout()
        top.addWidget(QLabel("Recipe"))
        top.addWidget(self.recipe, 1)
        layout.addLayout(top)
        layout.addWidget(self.description)
        self.estimate = QLabel()
        self.estimate.setWordWrap(True)
        self.estimate.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.estimate.setStyleSheet("color: #555;")
        self.estimate.setToolTip("Estimated from the sizes (samples, window, weights, epochs) before anything runs")
        layout.addWidget(self.estimate)
        layout.addWidget(self.reset_button)
        for section, title in GROUPS:
            layout.addWidget(self._group(section, title))
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
            label = QLabel(spec.label)
            label.setToolTip(spec.tooltip)
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
                self.preview.setToolTip("Preview of the chosen CSV column")
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
                editor.addItem(CHOICE_LABELS.get(choice, choice), choice)
            editor.currentTextChanged.connect(self._on_edit)
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
        editor.setToolTip(spec.tooltip)
        editor.setObjectName(spec.path)
        self.editors[spec.path] = editor
        if spec.kind != "file":
            return editor
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        self.browse_button = QPushButton("Browse…")
        self.browse_button.setToolTip("Choose a CSV file")
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

    def csv_series(self) -> Series | None:
        """The CSV series already read for the preview (None for generated data)."""
        return self._csv_series

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
        for path, editor in self.editors.items():
            if path in ROLLOUT_FIELDS:
                continue
            editor.setEnabled(reason is None)
            editor.setToolTip(reason or specs[path].tooltip)
        for widget, tip in ((self.recipe, "Start from one of the five built-in experiments"),
                            (self.reset_button, "Restore every field to the chosen recipe's values"),
                            (self.browse_button, "Choose a CSV file")):
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
            editor.setText(_format(value))

    def _show_recipe(self, name: str | None) -> None:
        self.recipe.blockSignals(True)
        self.recipe.setCurrentIndex(self.recipe.findData(name) if name else self.recipe.count() - 1)
        self.recipe.blockSignals(False)
        if name:
            text = RECIPES[name].description + (f"\n\nWhat to watch: {WHAT_TO_WATCH[name]}" if name in WHAT_TO_WATCH else "")
        elif self._base.name in RECIPES:
            text = f"Custom experiment, starting from the {self._base.name} recipe"
        else:
            text = self._base.description or "Your own experiment"
        self.description.setText(text)
        self.reset_button.setEnabled(self._recipe_name is not None and not self.locked)

    def _on_recipe(self, index: int) -> None:
        name = self.recipe.itemData(index)
        if name in RECIPES:
            self.choose_recipe(name)

    def _on_edit(self) -> None:
        if not self._loading:
            self._revalidate()

    def _on_csv_changed(self) -> None:
        if not self._loading:
            self._reload_csv()
            self._revalidate()

    def _browse_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a CSV series", "", "CSV files (*.csv *.tsv *.txt);;All files (*)")
        if path:
            self.open_csv(path)

    def open_csv(self, path: str) -> None:
        """Start a new experiment on a CSV file: it is read in the background, then the
        panel gets the defaults of a new CSV experiment (first numeric column, scaling...)."""
        self._loading = True
        self._write(next(f for f in FIELDS if f.path == "data.kind"), "csv")
        self._write(next(f for f in FIELDS if f.path == "data.path"), path)
        self._loading = False
        self._start_csv_read(path, None, "refuse", fresh=True)
        self._revalidate()

    def _reload_csv(self) -> None:
        """Take the CSV file's columns, preview and length from the cache, or read it in the
        background (Train waits; the busy indicator shows)."""
        self._csv_series = None
        self._csv_error = None
        path = self.editors["data.path"].text().strip()
        if self.editors["data.kind"].currentData() != "csv" or not path:
            self.csv_loading = False
            self.busy.hide()
            self.preview_curve.setData([], [])
            return
        column = _column_value(self.editors["data.column"].currentText()) if path == self._csv_path else None
        missing = self.editors["data.missing"].currentData()
        table = cached_table(path)
        series = table.cached_series(column, missing) if table is not None and column is not None else None
        if series is not None:
            self._show_csv(CsvResult(0, path, table.columns, column, series))
        else:
            self._start_csv_read(path, column, missing, fresh=False)

    def _start_csv_read(self, path: str, column: int | str | None, missing: str, fresh: bool) -> None:
        self.csv_loading = True
        self.busy_label.setText(f"Reading {Path(path).name}…")
        self.busy.show()
        self.preview_curve.setData([], [])
        self.csv_loader.request(path, column, missing, fresh)

    def _on_csv_loaded(self, result: CsvResult) -> None:
        if not self.csv_loader.is_latest(result):
            return
        self.csv_loading = False
        self.busy.hide()
        if result.defaults is not None:
            self._csv_path = result.path
            self.set_experiment(result.defaults)  # the table and series are cached now
            return
        self._show_csv(result)
        self._revalidate()

    def _on_csv_failed(self, request: int, message: str) -> None:
        """An unexpected error while reading: the file is refused with it; nothing waits on."""
        if not self.csv_loader.is_latest(request):
            return
        self.csv_loading = False
        self.busy.hide()
        path = self.editors["data.path"].text().strip()
        self._show_csv(CsvResult(request, path, [], None,
                                 error=("data.path", f"{Path(path).name} could not be read: {message}")))
        self._revalidate()

    def _show_csv(self, result: CsvResult) -> None:
        """Columns, the chosen column, the preview and any error of a read CSV file."""
        self._csv_path = result.path
        column_editor: QComboBox = self.editors["data.column"]
        if result.columns and [column_editor.itemText(i) for i in range(column_editor.count())] != result.columns:
            column_editor.blockSignals(True)
            column_editor.clear()
            column_editor.addItems(result.columns)
            column_editor.blockSignals(False)
        if result.column is not None and column_editor.currentText() != str(result.column):
            column_editor.blockSignals(True)
            column_editor.setEditText(str(result.column))
            column_editor.blockSignals(False)
        self._csv_series, self._csv_error = result.series, result.error
        self.preview_curve.setData([] if result.series is None else result.series.values)
        self.preview.getPlotItem().enableAutoRange()

    def _read(self) -> tuple[dict[str, Any], dict[str, str]]:
        raw = self._base.to_dict()
        problems: dict[str, str] = {}
        for spec in FIELDS:
            editor = self.editors[spec.path]
            if spec.kind == "float" and editor.text().strip() == _format(raw[spec.section][spec.name]):
                continue  # shown rounded, kept exact (2*pi stays 2*pi)
            try:
                raw[spec.section][spec.name] = _parse(spec, editor)
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
            for error in validate(experiment, self._series_length(experiment)):
                errors.setdefault(error.field, _in_words(error))
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
            self.estimate.setText(f"Training takes {in_words(seconds)} here (estimate; a first run also compiles, "
                                  "1-2 s)")
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
        layout = self.editors["samples.layout"].currentData()
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
        if layout != "stateful":
            hidden.add("samples.stream_shifts")
        if layout == "xy":
            hidden |= {"samples.window", "rollout.start", "rollout.warmup", "rollout.steps"}
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


LABELS = {spec.path: spec.label for spec in FIELDS}


def _in_words(error: FieldError) -> str:
    """A validation message in the panel's words: "Window must be at most 279 for ..."."""
    label = LABELS.get(error.field, error.field)
    return f"{label} {error.allowed}" if error.allowed.startswith("must") else f"{label}: {error.allowed}"


def _format(value: Any) -> str:
    """A number as people write it: 6.28319, 0.001, 100.0."""
    if isinstance(value, float):
        text = f"{value:.6g}"
        return text if any(c in text for c in ".en") else text + ".0"
    return str(value)


def _column_value(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isdigit() else text


def _parse(spec: FieldSpec, editor: QWidget) -> Any:
    """The typed value of one editor; ValueError with the panel message when it cannot be read."""
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if spec.kind == "column":
        return _column_value(editor.currentText())
    if isinstance(editor, QComboBox):
        return editor.currentData()
    text = editor.text().strip()
    if spec.kind in ("text", "file"):
        return text
    try:
        if spec.kind == "int":
            return int(text)
        if spec.kind == "float":
            return float(text)
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        wanted = {"int": "a whole number", "float": "a number", "ints": "whole numbers separated by commas"}[spec.kind]
        raise ValueError(f"{spec.label} must be {wanted} (not {text!r})") from None
