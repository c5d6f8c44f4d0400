"""The parameter panel's fields: what each one edits, how it is labelled and explained,
which fields belong to which data source, and reading a typed value back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from ..core import experiment as core
from ..core.layouts import LAYOUT_NAMES, PLANS
from ..core.validation import FieldError


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
    FieldSpec("data.decimal", "Decimal mark", "choice",
              "How the file writes 1.5: auto (from its numbers; a file whose numbers could be read both ways, "
              "such as 1,601, is refused until you say), a point, or a comma", core.DECIMAL_MARKS),
    FieldSpec("data.date_order", "Date order", "choice",
              "Whether dates like 01/02/2020 put the day or the month first: auto (from the dates; dates that read "
              "both ways, with no 13 or later among their first two numbers, are refused until you say)",
              core.DATE_ORDERS),
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
    FieldSpec("data.non_negative", "Non-negative", "bool",
              "Keep predictions and forecasts at 0 or above (counts, sales): a ReLU at the model's output, "
              "in the saved model too"),
    FieldSpec("data.season", "Season", "int", "Season length in steps, for the seasonal naive baseline (0: detect it)"),
    FieldSpec("samples.layout", "Layout", "choice",
              "windows: past values -> next value; sequence: window -> window shifted by one; "
              "stateful: consecutive chunks carrying state; xy: x -> y (Dense MLP)", LAYOUT_NAMES),
    FieldSpec("samples.window", "Window", "int", "Steps per sample (chunk length for stateful)"),
    FieldSpec("samples.stream_shifts", "Stream shifts", "ints", "Stateful: one stream per circular shift, e.g. 0, 3, 6"),
    FieldSpec("model.kind", "Network", "choice", "Dense MLP or a recurrent layer type", core.MODEL_KINDS),
    FieldSpec("model.layers", "Layers", "int", "Hidden layers (recurrent: 1-3)"),
    FieldSpec("model.units", "Units", "int", "Units per hidden layer"),
    FieldSpec("model.members", "Seeds", "int",
              "Networks trained together from different initial weights (1-10); the model gives their mean, "
              "and the plots shade their spread. The first starts as a single network with this Seed does"),
    FieldSpec("model.highway", "Linear highway", "bool",
              "Add a linear autoregression on the window to the output (as LSTNet does), starting from the "
              "least-squares fit: the network learns what a linear model misses (windows layout)"),
    FieldSpec("model.activation", "Activation", "choice", "Activation of the hidden layers", core.ACTIVATIONS),
    FieldSpec("model.kernel_initializer", "Initializer", "choice", "How input weights start", core.INITIALIZERS),
    FieldSpec("train.epochs", "Epochs", "int", "Passes over the training samples"),
    FieldSpec("train.batch_size", "Batch size", "int", "Samples per optimizer step"),
    FieldSpec("train.optimizer", "Optimizer", "choice", "Gradient descent flavour", core.OPTIMIZERS),
    FieldSpec("train.learning_rate", "Learning rate", "float", "Step size of the optimizer"),
    FieldSpec("train.loss", "Loss", "choice", "mse: mean squared error; mae: mean absolute error", core.LOSSES),
    FieldSpec("train.validation_fraction", "Validation", "float", "Last fraction of samples held out (0-0.9)"),
    FieldSpec("train.early_stopping", "Early stop", "int",
              "Stop after this many epochs without a lower validation loss and keep the best epoch's weights (0: off)"),
    FieldSpec("train.shuffle", "Shuffle", "bool", "Shuffle training samples each epoch (never for stateful)"),
    FieldSpec("train.mode", "Inputs", "choice",
              "What the network reads while it trains. Teacher forcing: always the true past. Free running: over "
              "the horizon its own predictions are fed back as its next inputs, and the loss covers them all. "
              "Scheduled sampling: each of those inputs is its prediction with a chance that rises from epoch to "
              "epoch (to 1 at the last), else the truth. Watch the Closed loop tab (windows and sequence layouts)",
              core.TRAINING_MODES),
    FieldSpec("train.horizon", "Horizon", "int",
              "Steps the network runs on its own predictions in training (2-100; sequence: at most the window)"),
    FieldSpec("train.seed", "Seed", "int", "Initial weights and shuffling"),
    FieldSpec("rollout.start", "Warm-up start", "int", "Series index where the warm-up begins"),
    FieldSpec("rollout.warmup", "Warm-up", "int", "True values fed before the closed loop"),
    FieldSpec("rollout.steps", "Steps", "int", "Closed-loop steps, each fed the previous output"),
    FieldSpec("rollout.forecast", "Forecast", "int", "Closed-loop steps past the end of the series"),
)
CHOICE_LABELS = {
    "sine": "Sine wave", "pulse": "Pulse train", "csv": "CSV file",
    "none": "None", "uniform": "Uniform", "normal": "Normal (Gaussian)",
    **{name: plan.label for name, plan in PLANS.items()},
    "dense": "Dense MLP", "simple_rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU",
    "glorot_uniform": "Glorot uniform", "glorot_normal": "Glorot normal", "he_normal": "He normal",
    "random_normal": "Random normal", "random_uniform": "Random uniform",
    "adam": "Adam", "sgd": "SGD", "rmsprop": "RMSprop", "adagrad": "Adagrad",
    "mse": "MSE (mean squared error)", "mae": "MAE (mean absolute error)",
    "standard": "Standard (mean, std)", "minmax": "Min-max (onto -1..1)", "difference": "Difference (changes)",
    "refuse": "Refuse", "interpolate": "Interpolate", "drop": "Drop those rows",
    "auto": "Auto (from the file)", ".": "Point (1.5)", ",": "Comma (1,5)",
    "day first": "Day first (31/01/2020)", "month first": "Month first (01/31/2020)",
    "teacher_forcing": "Teacher forcing (true inputs)", "free_running": "Free running (own predictions)",
    "scheduled_sampling": "Scheduled sampling (rising share)",
}
GROUPS = (("data", "Data"), ("samples", "Samples"), ("model", "Model"), ("train", "Training"),
          ("rollout", "Closed-loop rollout"))
SINE_ONLY = {"data.t_start", "data.t_step", "data.amplitude"}
GENERATED_ONLY = {"data.length", "data.period", "data.noise", "data.noise_level", "data.seed"} | SINE_ONLY
CSV_ONLY = {"data.path", "data.column", "data.missing", "data.decimal", "data.date_order"}
ROLLOUT_FIELDS = {"rollout.start", "rollout.warmup", "rollout.steps", "rollout.forecast"}


LABELS = {spec.path: spec.label for spec in FIELDS}


def error_in_words(error: FieldError) -> str:
    """A validation message in the panel's words: "Window must be at most 279 for ..."."""
    label = LABELS.get(error.field, error.field)
    return f"{label} {error.allowed}" if error.allowed.startswith("must") else f"{label}: {error.allowed}"


def format_value(value: Any) -> str:
    """A number as people write it: 6.28319, 0.001, 100.0."""
    if isinstance(value, float):
        text = f"{value:.6g}"
        return text if any(c in text for c in ".en") else text + ".0"
    return str(value)


def column_value(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.isdigit() else text


def parse_field(spec: FieldSpec, editor: QWidget) -> Any:
    """The typed value of one editor; ValueError with the panel message when it cannot be read."""
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    if spec.kind == "column":
        return column_value(editor.currentText())
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
