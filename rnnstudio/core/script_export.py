"""Export an experiment as a standalone Python script (numpy, keras and matplotlib only)
that reproduces the run: the data (generated, or the series the studio read from the CSV,
written beside the script as one plain column, so script and studio never read a file
differently), the scaling fitted on the training part, the model, the training with the same
settings and seed (early stopping and the refit after it included), and a plot of the one-step
predictions and the closed-loop rollout.

The script trains with plain ``model.fit`` (a run trained on its own predictions, with a
``train_step`` of its own that feeds them back as the studio does): it is slower than the
studio, and XLA's rounding in the studio means losses agree closely but not to the last digit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .experiment import Experiment
from .series import DataError, Series

TEMPLATE = '''"""An experiment exported from RNN Studio {version} (its name and description: TITLE).

Reproduces the experiment below with plain numpy, keras and matplotlib. Run it with python.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import matplotlib
import numpy as np
from matplotlib import pyplot as plt

TITLE = {title}
DATA_FILE = {data_file}
EXPERIMENT = {experiment}
DATA, SAMPLES, MODEL, TRAIN, ROLLOUT = (EXPERIMENT[key] for key in ("data", "samples", "model", "train", "rollout"))


def load_series():
    """The series: generated from its seed, or read from the CSV column."""
    if DATA["kind"] == "csv":  # the series as the studio read it, written beside this script
        values = np.loadtxt(os.path.join(os.path.dirname(os.path.abspath(__file__)), DATA_FILE), skiprows=1, ndmin=1)
        return np.arange(len(values), dtype=float), values.astype(np.float32)
    t = DATA["t_start"] + DATA["t_step"] * np.arange(DATA["length"])
    if DATA["kind"] == "sine":
        clean = DATA["amplitude"] * np.sin(2 * np.pi * t / DATA["period"])
    else:  # pulse: 1 for pulse_width of every period samples
        t = np.arange(DATA["length"], dtype=float)
        clean = ((np.arange(DATA["length"]) % int(DATA["period"])) < DATA["pulse_width"]).astype(float)
    rng = np.random.default_rng(DATA["seed"])
    if DATA["noise"] == "uniform":
        clean = clean + rng.uniform(-DATA["noise_level"], DATA["noise_level"], DATA["length"])
    elif DATA["noise"] == "normal":
        clean = clean + DATA["noise_level"] * rng.standard_normal(DATA["length"])
    return t, clean.astype(np.float32)


def make_samples(values):
    """Inputs and targets by the layout, and how many train (the rest validates)."""
    layout, window = SAMPLES["layout"], SAMPLES["window"]
    if layout == "xy":
        x, y = T[:, None].astype(np.float32), values[:, None]
    elif layout == "stateful":
        streams = np.stack([np.roll(values, shift) for shift in SAMPLES["stream_shifts"]])
        targets = np.roll(streams, -1, axis=1)
        chunks = len(values) // window
        x = streams.reshape(len(streams), chunks, window).transpose(1, 0, 2).reshape(-1, window, 1)
        y = targets.reshape(len(streams), chunks, window).transpose(1, 0, 2).reshape(-1, window, 1)
    else:
        frames = np.lib.stride_tricks.sliding_window_view(values, window + 1)
        x = frames[:, :window, None]
        y = frames[:, 1:, None] if layout == "sequence" else frames[:, window:]
    return np.ascontiguousarray(x), np.ascontiguousarray(y), int(len(x) * (1 - TRAIN["validation_fraction"]))


def fit_scaling(training_values):
    """(center, scale) of the scaling, fitted on the training part only."""
    values = np.diff(training_values) if DATA["scaling"] == "difference" else np.asarray(training_values, float)
    if DATA["scaling"] == "none":
        return 0.0, 1.0
    if DATA["scaling"] == "minmax":
        return (values.max() + values.min()) / 2, (values.max() - values.min()) / 2 or 1.0
    return values.mean(), values.std() or 1.0


def to_network(x):
    """Raw input windows -> what the network sees."""
    if DATA["scaling"] == "difference":
        x = np.diff(x, axis=1)
    return ((x - CENTER) / SCALE).astype(np.float32)


def from_network(outputs, x):
    """The network's outputs -> raw values."""
    raw = CENTER + outputs * SCALE
    raw = x[:, -1, 0] + raw if DATA["scaling"] == "difference" else raw
    return np.maximum(raw, 0.0) if DATA["non_negative"] else raw


def build_network(input_steps):
    """The network between the scalings, as the studio builds it: (what predicts, what trains).
    A seed ensemble has one copy per seed; it trains with one output per seed (Keras adds their
    losses, so each learns from its own error) and predicts their mean."""
    keras.utils.set_random_seed(TRAIN["seed"])
    layout, kind = SAMPLES["layout"], MODEL["kind"]
    if kind == "dense":
        inputs = keras.Input(shape=(input_steps, 1) if layout == "windows" else (1,))
    elif layout == "stateful":
        inputs = keras.Input(batch_shape=(TRAIN["batch_size"], None, 1))
    else:
        inputs = keras.Input(shape=(input_steps if MODEL["highway"] else None, 1))
    first = keras.layers.Flatten()(inputs) if kind == "dense" and layout == "windows" else inputs
    window = keras.layers.Flatten()(inputs) if MODEL["highway"] else None
    layer_class = {{"dense": keras.layers.Dense, "simple_rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM,
                   "gru": keras.layers.GRU}}[kind]
    members = []
    for _ in range(MODEL["members"]):
        hidden = first
        for index in range(MODEL["layers"]):
            options = dict(activation=MODEL["activation"], kernel_initializer=MODEL["kernel_initializer"])
            if kind != "dense":
                last = index == MODEL["layers"] - 1
                options.update(return_sequences=layout in ("sequence", "stateful") or not last,
                               stateful=layout == "stateful")
            hidden = layer_class(MODEL["units"], **options)(hidden)
        output = keras.layers.Dense(1, kernel_initializer=MODEL["kernel_initializer"], name=f"output_{{len(members)}}")(hidden)
        if window is not None:  # a linear autoregression on the window, added to the output
            output = keras.layers.Add()([output, keras.layers.Dense(1, name=f"highway_{{len(members)}}")(window)])
        members.append(output)
    if len(members) == 1:
        return keras.Model(inputs, members[0]), keras.Model(inputs, members[0])
    return keras.Model(inputs, keras.layers.Average()(members)), keras.Model(inputs, members)


class ResetStates(keras.callbacks.Callback):
    """Stateful layouts start every epoch from zero states (as the studio does)."""

    def on_epoch_begin(self, epoch, logs=None):
        for layer in self.model.layers:
            if getattr(layer, "stateful", False):
                layer.reset_state()


class FedBack(keras.Model):
    """Trains the network on its own predictions over TRAIN["horizon"] steps, as the studio does:
    free running feeds back every one; scheduled sampling each with a chance that rises to 1 at
    the last epoch (the truth otherwise). The loss covers every step, and the gradients flow
    back through the fed-back predictions. The validation loss stays the one-step loss."""

    def __init__(self, network):
        super().__init__()
        self.network = network
        self.chance = keras.Variable(1.0, trainable=False)
        self.tracker = keras.metrics.Mean(name="loss")
        self.per_value = keras.losses.get(TRAIN["loss"])

    @property
    def metrics(self):
        return [self.tracker]

    def call(self, x, training=False):
        return self.network(x, training=training)

    def train_step(self, data):
        import tensorflow as tf

        x, y = data
        horizon = TRAIN["horizon"]
        feed = tf.random.uniform([tf.shape(x)[0], horizon - 1]) < self.chance
        with tf.GradientTape() as tape:
            if SAMPLES["layout"] == "sequence":  # the window's last steps read the outputs one step before
                outputs, inputs, window = self.network(x, training=True), x, x.shape[1]
                for column, position in enumerate(range(window - horizon + 1, window)):
                    fed = tf.where(feed[:, column:column + 1], outputs[:, position - 1], x[:, position])
                    inputs = tf.concat([inputs[:, :position], fed[:, None, :], inputs[:, position + 1:]], axis=1)
                    outputs = self.network(inputs, training=True)
                per_sample = tf.reduce_mean(self.per_value(y, outputs), axis=1)
            else:  # each prediction shifted into the window; targets past the training part do not count
                targets, inside = y[..., :1], y[..., 1]
                inputs, predictions = x, []
                for step in range(horizon):
                    prediction = self.network(inputs, training=True)
                    predictions.append(prediction)
                    if step + 1 < horizon:
                        fed = tf.where(feed[:, step:step + 1], prediction, targets[:, step])
                        inputs = tf.concat([inputs[:, 1:], fed[:, None, :]], axis=1)
                per_step = self.per_value(targets, tf.stack(predictions, axis=1))
                per_sample = tf.reduce_sum(per_step * inside, axis=1) / tf.reduce_sum(inside, axis=1)
            loss = tf.reduce_mean(per_sample)
        variables = self.network.trainable_variables
        self.optimizer.apply_gradients(zip(tape.gradient(loss, variables), variables))
        self.tracker.update_state(loss, sample_weight=tf.shape(x)[0])
        return {{"loss": self.tracker.result()}}

    def test_step(self, data):  # the one-step loss, as the studio's val_loss
        x, y = data
        self.tracker.update_state(keras.ops.mean(self.per_value(y, self.network(x, training=False))),
                                  sample_weight=keras.ops.shape(x)[0])
        return {{"loss": self.tracker.result()}}


class KeepBest(keras.callbacks.Callback):
    """Early stopping as the studio does it: stop after TRAIN["early_stopping"] epochs without a
    lower val_loss (a seed ensemble's: the sum of its seeds', the studio watches their mean
    prediction's) and keep the weights of the lowest, however the training ended."""

    def __init__(self):
        super().__init__()
        self.lowest, self.epoch, self.weights = np.inf, 0, None

    def on_epoch_end(self, epoch, logs=None):
        if logs["val_loss"] < self.lowest:
            self.lowest, self.epoch, self.weights = logs["val_loss"], epoch + 1, self.model.get_weights()
        self.model.stop_training = epoch + 1 - self.epoch >= TRAIN["early_stopping"]


class RisingChance(keras.callbacks.Callback):
    """Scheduled sampling's chance of feeding back a prediction: epoch / epochs."""

    def on_epoch_begin(self, epoch, logs=None):
        self.model.chance.assign((epoch + 1) / TRAIN["epochs"] if TRAIN["mode"] == "scheduled_sampling" else 1.0)


def fed_back_targets(y, count):
    """The windows layout's next TRAIN["horizon"] targets of each of the first ``count``
    samples, beside whether each lies inside them: (count, horizon, 2)."""
    steps = np.arange(count)[:, None] + np.arange(TRAIN["horizon"])[None, :]
    inside = (steps < count).astype(np.float32)
    return np.stack([y[np.minimum(steps, count - 1), 0], inside], axis=-1).astype(np.float32)


T, VALUES = load_series()
X, Y, N_TRAIN = make_samples(VALUES)
TRAINING_END = len(VALUES) if N_TRAIN == len(X) or SAMPLES["layout"] in ("stateful", "xy") else N_TRAIN + SAMPLES["window"]
CENTER, SCALE = fit_scaling(VALUES[:TRAINING_END])
if SAMPLES["layout"] == "xy":
    X_NET, Y_NET = X, Y
else:
    X_NET = to_network(X)
    Y_NET = (((Y - X[:, -1]) if DATA["scaling"] == "difference" else Y) - CENTER) / SCALE
network, training = build_network(X_NET.shape[1] if SAMPLES["layout"] != "xy" else 1)
if MODEL["highway"]:  # start from the least-squares linear autoregression, the network's output at zero
    design = np.column_stack([X_NET[:N_TRAIN].reshape(N_TRAIN, -1), np.ones(N_TRAIN)])
    coefficients = np.linalg.lstsq(design, Y_NET[:N_TRAIN].reshape(N_TRAIN), rcond=None)[0]
    for layer in training.layers:
        if layer.name.startswith("highway_"):
            layer.set_weights([coefficients[:-1, None].astype(np.float32), coefficients[-1:].astype(np.float32)])
        elif layer.name.startswith("output_"):
            layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])
optimizer = {{"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD, "rmsprop": keras.optimizers.RMSprop,
             "adagrad": keras.optimizers.Adagrad}}[TRAIN["optimizer"]](learning_rate=TRAIN["learning_rate"])
SEEDS = MODEL["members"]
FED_BACK = TRAIN["mode"] != "teacher_forcing"  # trained on its own predictions (one network, windows or sequence)
if FED_BACK:
    training = FedBack(training)
training.compile(optimizer=optimizer, loss=[TRAIN["loss"]] * SEEDS if SEEDS > 1 else TRAIN["loss"])
targets = (lambda y: [y] * SEEDS if SEEDS > 1 else y)  # every seed learns the same targets
validation = (X_NET[N_TRAIN:], targets(Y_NET[N_TRAIN:])) if N_TRAIN < len(X) else None
training_targets = Y_NET[:N_TRAIN]
if FED_BACK and SAMPLES["layout"] == "windows":
    training_targets = fed_back_targets(training_targets, N_TRAIN)
keeper = KeepBest() if TRAIN["early_stopping"] and validation else None
shuffle = TRAIN["shuffle"] and SAMPLES["layout"] != "stateful"
callbacks = [ResetStates(), *([RisingChance()] if FED_BACK else [])]
history = training.fit(X_NET[:N_TRAIN], targets(training_targets), batch_size=TRAIN["batch_size"],
                       epochs=TRAIN["epochs"], shuffle=shuffle, validation_data=validation,
                       callbacks=callbacks + ([keeper] if keeper else []), verbose=2)
if keeper is not None and keeper.weights is not None:
    training.set_weights(keeper.weights)
    print(f"early stopping kept epoch {{keeper.epoch}} (the lowest val_loss)")
    refit = int(np.ceil(round(TRAIN["refit"] * keeper.epoch, 9)))
    if refit:  # then on every sample, the validation part's too, from the kept weights (as the studio does)
        print(f"refit on every sample for {{refit}} epochs")
        every = fed_back_targets(Y_NET, len(X)) if FED_BACK and SAMPLES["layout"] == "windows" else Y_NET
        history = training.fit(X_NET, targets(every), batch_size=TRAIN["batch_size"], epochs=refit, shuffle=shuffle,
                               callbacks=callbacks, verbose=2)
print(f"final loss {{history.history['loss'][-1] / SEEDS:.6g}}" + (f" (the mean of {{SEEDS}} seeds' own)" if SEEDS > 1 else ""))

# Closed-loop rollout: warm up on true values, then feed each prediction back as the next input.
plt.plot(T, VALUES, color="grey", label="truth")
if SAMPLES["layout"] == "xy":
    plt.plot(T, network.predict(X_NET, verbose=0)[:, 0], color="red", label="prediction")
elif SAMPLES["layout"] == "stateful":
    start, warmup, steps = ROLLOUT["start"], ROLLOUT["warmup"], ROLLOUT["steps"]
    known = list(VALUES[start:start + warmup])
    for _ in range(steps):  # the whole sequence again from zero states (the state a step-by-step run carries)
        batch = np.repeat(to_network(np.array(known, np.float32)[None, :, None]), TRAIN["batch_size"], axis=0)
        for layer in network.layers:
            if getattr(layer, "stateful", False):
                layer.reset_state()
        known.append(float(from_network(network.predict(batch, verbose=0)[0, -1, 0], None)))
    plt.plot(np.arange(start + warmup, start + warmup + steps), known[warmup:], color="red", label="closed-loop rollout")
else:
    start, warmup, steps, window = ROLLOUT["start"], ROLLOUT["warmup"], ROLLOUT["steps"], SAMPLES["window"]
    one_step = from_network(network.predict(to_network(X), verbose=0).reshape(len(X), -1)[:, -1], X)
    plt.plot(np.arange(window, window + len(X)), one_step, color="green", linestyle="--", label="one-step prediction")
    known = list(VALUES[start:start + warmup])
    for _ in range(steps):
        frame = np.array(known[-window:], np.float32)[None, :, None]
        known.append(float(from_network(network.predict(to_network(frame), verbose=0).reshape(1, -1)[:, -1], frame)[0]))
    plt.plot(np.arange(start + warmup, start + warmup + steps), known[warmup:], color="red", label="closed-loop rollout")
plt.legend()
plt.title(EXPERIMENT["name"])
plt.savefig(os.path.splitext(os.path.abspath(__file__))[0] + ".png")
if matplotlib.get_backend().lower() != "agg":
    plt.show()
'''


def python_script(experiment: Experiment, data_file: str | None = None) -> str:
    """The text of a standalone script that reproduces ``experiment`` (a CSV experiment reads
    its series from ``data_file`` beside the script). The user's text (names, descriptions,
    paths, columns) enters it only as ``ascii()`` literals, which escape quotes, backslashes,
    control characters, lone surrogates and everything non-ASCII; the script is compiled
    before it is returned, so what is written always parses."""
    from .. import __version__

    title = f"{experiment.name}: {experiment.description}".strip(": ")
    script = TEMPLATE.format(title=ascii(title), version=__version__, data_file=ascii(data_file),
                             experiment=ascii(experiment.to_dict()))
    compile(script, "exported script", "exec")
    return script


def write_script(path: Path, experiment: Experiment, series: Series | None) -> list[Path]:
    """Write the script to ``path`` and, for a CSV experiment, the series it trains on beside
    it (``<name>_series.csv``, one value per line); returns the files written."""
    if experiment.data.kind != "csv":
        path.write_text(python_script(experiment), encoding="ascii")
        return [path]
    if series is None:
        raise DataError("the run's series is not loaded (Locate data… first): the script needs it beside it")
    data = path.with_name(f"{path.stem}_series.csv")
    data.write_text("value\n" + "".join(f"{value:.9g}\n" for value in np.asarray(series.values, dtype=np.float64)),
                    encoding="ascii")
    path.write_text(python_script(experiment, data.name), encoding="ascii")
    return [path, data]
