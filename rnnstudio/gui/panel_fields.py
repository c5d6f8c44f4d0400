"""The parameter panel's fields: what each one edits, how it is labelled and explained,
which fields belong to which data source, and reading a typed value back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from ..core import experiment as core
from ..core.layouts import LAYOUT_NAMES, PLANS
from ..core.text import QT_TR_NOOP
from ..core.validation import FieldError
from .i18n import tr


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
    FieldSpec("data.kind", QT_TR_NOOP("Source"), "choice", QT_TR_NOOP("Generated sine or pulse train, or your own CSV series"), core.DATA_KINDS),
    FieldSpec("data.path", QT_TR_NOOP("CSV file"), "file", QT_TR_NOOP("A CSV file with one numeric column to learn")),
    FieldSpec("data.column", QT_TR_NOOP("Column"), "column", QT_TR_NOOP("Column name, or 0-based index")),
    FieldSpec("data.missing", QT_TR_NOOP("Missing cells"), "choice",
              QT_TR_NOOP("Empty cells in the column: refuse (the message names their lines), interpolate (in time when "
              "there are dates), or drop those rows"), core.MISSING_POLICIES),
    FieldSpec("data.decimal", QT_TR_NOOP("Decimal mark"), "choice",
              QT_TR_NOOP("How the file writes 1.5: auto (from its numbers; a file whose numbers could be read both ways, "
              "such as 1,601, is refused until you say), a point, or a comma"), core.DECIMAL_MARKS),
    FieldSpec("data.date_order", QT_TR_NOOP("Date order"), "choice",
              QT_TR_NOOP("Whether dates like 01/02/2020 put the day or the month first: auto (from the dates; dates that read "
              "both ways, with no 13 or later among their first two numbers, are refused until you say)"),
              core.DATE_ORDERS),
    FieldSpec("data.length", QT_TR_NOOP("Length"), "int", QT_TR_NOOP("Number of points in the series")),
    FieldSpec("data.t_start", QT_TR_NOOP("t start"), "float", QT_TR_NOOP("t of the first point")),
    FieldSpec("data.t_step", QT_TR_NOOP("t step"), "float", QT_TR_NOOP("Spacing between points in t")),
    FieldSpec("data.period", QT_TR_NOOP("Period"), "float", QT_TR_NOOP("Sine: period in t units. Pulse: period in samples")),
    FieldSpec("data.amplitude", QT_TR_NOOP("Amplitude"), "float", QT_TR_NOOP("Sine amplitude")),
    FieldSpec("data.pulse_width", QT_TR_NOOP("Pulse width"), "int", QT_TR_NOOP("Samples per period at value 1")),
    FieldSpec("data.noise", QT_TR_NOOP("Noise"), "choice", QT_TR_NOOP("Noise added to every point"), core.NOISE_KINDS),
    FieldSpec("data.noise_level", QT_TR_NOOP("Noise level"), "float", QT_TR_NOOP("Uniform: half-width. Normal: standard deviation")),
    FieldSpec("data.seed", QT_TR_NOOP("Data seed"), "int", QT_TR_NOOP("Same seed, same noise")),
    FieldSpec("data.scaling", QT_TR_NOOP("Scaling"), "choice",
              QT_TR_NOOP("none; standard: (x - mean) / std; minmax: the training range onto -1..1; difference: learn the "
              "change from the last value (a trend carries on). Fitted on the training part only; it lives in "
              "the saved model, which takes and gives raw values"), core.SCALINGS),
    FieldSpec("data.non_negative", QT_TR_NOOP("Non-negative"), "bool",
              QT_TR_NOOP("Keep predictions and forecasts at 0 or above (counts, sales): a ReLU at the model's output, "
              "in the saved model too")),
    FieldSpec("data.season", QT_TR_NOOP("Season"), "int", QT_TR_NOOP("Season length in steps, for the seasonal naive baseline (0: detect it; 1: none)")),
    FieldSpec("samples.layout", QT_TR_NOOP("Layout"), "choice",
              QT_TR_NOOP("windows: past values -> next value; sequence: window -> window shifted by one; "
              "stateful: consecutive chunks carrying state; xy: x -> y (Dense MLP)"), LAYOUT_NAMES),
    FieldSpec("samples.window", QT_TR_NOOP("Window"), "int", QT_TR_NOOP("Steps per sample (chunk length for stateful)")),
    FieldSpec("samples.stream_shifts", QT_TR_NOOP("Stream shifts"), "ints", QT_TR_NOOP("Stateful: one stream per circular shift, e.g. 0, 3, 6")),
    FieldSpec("model.kind", QT_TR_NOOP("Network"), "choice", QT_TR_NOOP("Dense MLP or a recurrent layer type"), core.MODEL_KINDS),
    FieldSpec("model.layers", QT_TR_NOOP("Layers"), "int", QT_TR_NOOP("Hidden layers (recurrent: 1-3)")),
    FieldSpec("model.units", QT_TR_NOOP("Units"), "int", QT_TR_NOOP("Units per hidden layer")),
    FieldSpec("model.members", QT_TR_NOOP("Seeds"), "int",
              QT_TR_NOOP("Networks trained together from different initial weights (1-10); the model gives their mean, "
              "and the plots shade their spread. The first starts as a single network with this Seed does")),
    FieldSpec("model.highway", QT_TR_NOOP("Linear highway"), "bool",
              QT_TR_NOOP("Add a linear autoregression on the window to the output (as LSTNet does), starting from the "
              "least-squares fit: the network learns what a linear model misses (windows layout)")),
    FieldSpec("model.activation", QT_TR_NOOP("Activation"), "choice", QT_TR_NOOP("Activation of the hidden layers"), core.ACTIVATIONS),
    FieldSpec("model.kernel_initializer", QT_TR_NOOP("Initializer"), "choice", QT_TR_NOOP("How input weights start"), core.INITIALIZERS),
    FieldSpec("train.epochs", QT_TR_NOOP("Epochs"), "int", QT_TR_NOOP("Passes over the training samples")),
    FieldSpec("train.batch_size", QT_TR_NOOP("Batch size"), "int", QT_TR_NOOP("Samples per optimizer step")),
    FieldSpec("train.optimizer", QT_TR_NOOP("Optimizer"), "choice", QT_TR_NOOP("Gradient descent flavour"), core.OPTIMIZERS),
    FieldSpec("train.learning_rate", QT_TR_NOOP("Learning rate"), "float", QT_TR_NOOP("Step size of the optimizer")),
    FieldSpec("train.loss", QT_TR_NOOP("Loss"), "choice", QT_TR_NOOP("mse: mean squared error; mae: mean absolute error"), core.LOSSES),
    FieldSpec("train.validation_fraction", QT_TR_NOOP("Validation"), "float", QT_TR_NOOP("Last fraction of samples held out (0-0.9)")),
    FieldSpec("train.early_stopping", QT_TR_NOOP("Early stop"), "int",
              QT_TR_NOOP("Stop after this many epochs without a lower validation loss and keep the best epoch's weights (0: off)")),
    FieldSpec("train.refit", QT_TR_NOOP("Refit"), "float",
              QT_TR_NOOP("After early stopping, train on from the kept epoch on every sample, the validation part's "
                         "too, for this share of the kept epochs (0-1; 0: off; nothing without early stopping), as forecasters refit on all the data "
                         "before forecasting. The scores stay the kept epoch's, which never saw the validation part")),
    FieldSpec("train.shuffle", QT_TR_NOOP("Shuffle"), "bool", QT_TR_NOOP("Shuffle training samples each epoch (never for stateful)")),
    FieldSpec("train.mode", QT_TR_NOOP("Inputs"), "choice",
              QT_TR_NOOP("What the network reads while it trains. Teacher forcing: always the true past. Free running: over "
              "the horizon its own predictions are fed back as its next inputs, and the loss covers them all. "
              "Scheduled sampling: each of those inputs is its prediction with a chance that rises from epoch to "
              "epoch (to 1 at the last), else the truth. Watch the Closed loop tab (windows and sequence layouts)"),
              core.TRAINING_MODES),
    FieldSpec("train.horizon", QT_TR_NOOP("Horizon"), "int",
              QT_TR_NOOP("Steps the network runs on its own predictions in training (2-100; sequence: at most the window)")),
    FieldSpec("train.seed", QT_TR_NOOP("Seed"), "int", QT_TR_NOOP("Initial weights and shuffling")),
    FieldSpec("rollout.start", QT_TR_NOOP("Warm-up start"), "int", QT_TR_NOOP("Series index where the warm-up begins")),
    FieldSpec("rollout.warmup", QT_TR_NOOP("Warm-up"), "int", QT_TR_NOOP("True values fed before the closed loop")),
    FieldSpec("rollout.steps", QT_TR_NOOP("Steps"), "int", QT_TR_NOOP("Closed-loop steps, each fed the previous output")),
    FieldSpec("rollout.forecast", QT_TR_NOOP("Forecast"), "int", QT_TR_NOOP("Closed-loop steps past the end of the series")),
)

CHOICE_LABELS = {
    "sine": QT_TR_NOOP("Sine wave"), "pulse": QT_TR_NOOP("Pulse train"), "csv": QT_TR_NOOP("CSV file"),
    "none": QT_TR_NOOP("None"), "uniform": QT_TR_NOOP("Uniform"), "normal": QT_TR_NOOP("Normal (Gaussian)"),
    **{name: plan.label for name, plan in PLANS.items()},
    "dense": QT_TR_NOOP("Dense MLP"), "simple_rnn": QT_TR_NOOP("SimpleRNN"), "lstm": QT_TR_NOOP("LSTM"), "gru": QT_TR_NOOP("GRU"),
    "glorot_uniform": QT_TR_NOOP("Glorot uniform"), "glorot_normal": QT_TR_NOOP("Glorot normal"), "he_normal": QT_TR_NOOP("He normal"),
    "random_normal": QT_TR_NOOP("Random normal"), "random_uniform": QT_TR_NOOP("Random uniform"),
    "adam": QT_TR_NOOP("Adam"), "sgd": QT_TR_NOOP("SGD"), "rmsprop": QT_TR_NOOP("RMSprop"), "adagrad": QT_TR_NOOP("Adagrad"),
    "mse": QT_TR_NOOP("MSE (mean squared error)"), "mae": QT_TR_NOOP("MAE (mean absolute error)"),
    "standard": QT_TR_NOOP("Standard (mean, std)"), "minmax": QT_TR_NOOP("Min-max (onto -1..1)"), "difference": QT_TR_NOOP("Difference (changes)"),
    "refuse": QT_TR_NOOP("Refuse"), "interpolate": QT_TR_NOOP("Interpolate"), "drop": QT_TR_NOOP("Drop those rows"),
    "auto": QT_TR_NOOP("Auto (from the file)"), ".": QT_TR_NOOP("Point (1.5)"), ",": QT_TR_NOOP("Comma (1,5)"),
    "day first": QT_TR_NOOP("Day first (31/01/2020)"), "month first": QT_TR_NOOP("Month first (01/31/2020)"),
    "teacher_forcing": QT_TR_NOOP("Teacher forcing (true inputs)"), "free_running": QT_TR_NOOP("Free running (own predictions)"),
    "scheduled_sampling": QT_TR_NOOP("Scheduled sampling (rising share)"),
}
GROUPS = (("data", QT_TR_NOOP("Data")), ("samples", QT_TR_NOOP("Samples")), ("model", QT_TR_NOOP("Model")), ("train", QT_TR_NOOP("Training")),
          ("rollout", QT_TR_NOOP("Closed-loop rollout")))
SINE_ONLY = {"data.t_start", "data.t_step", "data.amplitude"}
GENERATED_ONLY = {"data.length", "data.period", "data.noise", "data.noise_level", "data.seed"} | SINE_ONLY
CSV_ONLY = {"data.path", "data.column", "data.missing", "data.decimal", "data.date_order"}
ROLLOUT_FIELDS = {"rollout.start", "rollout.warmup", "rollout.steps", "rollout.forecast"}


LABELS = {spec.path: spec.label for spec in FIELDS}


def error_in_words(error: FieldError) -> str:
    """A validation message in the panel's words: "Window must be at most 279 for ..."."""
    label = tr(LABELS[error.field]) if error.field in LABELS else error.field
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
        wanted = {"int": tr("a whole number"), "float": tr("a number"),
                  "ints": tr("whole numbers separated by commas")}[spec.kind]
        raise ValueError(tr("{field} must be {wanted} (not {value})").format(field=tr(spec.label), wanted=wanted,
                                                                          value=repr(text))) from None
