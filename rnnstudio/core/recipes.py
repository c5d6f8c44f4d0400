"""The built-in recipes: the five articles' experiments (see ``recipes.md``) as data, and the
memory lesson's pair (the same counting task for a SimpleRNN and an LSTM)."""

from __future__ import annotations

import math

from .experiment import DataSpec, Experiment, ModelKind, ModelSpec, RolloutSpec, SampleSpec, TrainSpec
from .text import QT_TR_NOOP

SINE_SIMPLERNN = Experiment(
    name="sine-simplernn",
    description=QT_TR_NOOP("SimpleRNN(20) predicts the next value of a noisy sine from 20 past values"),
    data=DataSpec(kind="sine", length=200, t_start=0.0, t_step=1.0, period=100.0,
                  noise="uniform", noise_level=0.05, seed=0),
    samples=SampleSpec(layout="windows", window=20),
    model=ModelSpec(kind="simple_rnn", units=20, kernel_initializer="random_normal"),
    train=TrainSpec(epochs=10, batch_size=10, optimizer="adam", learning_rate=0.01,
                    validation_fraction=0.2, seed=0),
    rollout=RolloutSpec(start=0, warmup=20, steps=180),
)

PULSE_LSTM_STATEFUL = Experiment(
    name="pulse-lstm-stateful",
    description=QT_TR_NOOP("A stateful LSTM(20) learns to count: a pulse train of period 10"),
    data=DataSpec(kind="pulse", length=150, period=10.0, pulse_width=3,
                  noise="normal", noise_level=0.01, seed=1),
    samples=SampleSpec(layout="stateful", window=25, stream_shifts=(0, 3, 6)),
    model=ModelSpec(kind="lstm", units=20),
    train=TrainSpec(epochs=400, batch_size=3, optimizer="rmsprop", learning_rate=0.001,
                    shuffle=False, seed=2),
    rollout=RolloutSpec(start=0, warmup=25, steps=50),
)

SINE_LSTM_LIVE = Experiment(
    name="sine-lstm-live",
    description=QT_TR_NOOP("LSTM(300) on two noisy sine wavelengths; watch the one-step fit converge"),
    data=DataSpec(kind="sine", length=126, t_start=0.0, t_step=0.1, period=2 * math.pi,
                  noise="uniform", noise_level=0.1, seed=2),
    samples=SampleSpec(layout="windows", window=10),
    model=ModelSpec(kind="lstm", units=300),
    train=TrainSpec(epochs=20, batch_size=32, optimizer="adam", learning_rate=0.001,
                    validation_fraction=0.1, seed=2),
    rollout=RolloutSpec(start=0, warmup=10, steps=116),
)

SINE_SIMPLERNN_SEQ2SEQ = Experiment(
    name="sine-simplernn-seq2seq",
    description=QT_TR_NOOP("SimpleRNN(20) maps a 10-step window to the same window one step ahead"),
    data=DataSpec(kind="sine", length=50, t_start=-2 * math.pi, t_step=4 * math.pi / 49,
                  period=2 * math.pi, noise="normal", noise_level=0.1, seed=3),
    samples=SampleSpec(layout="sequence", window=10),
    model=ModelSpec(kind="simple_rnn", units=20),
    train=TrainSpec(epochs=20, batch_size=8, optimizer="sgd", learning_rate=0.01,
                    validation_fraction=0.1, seed=3),
    rollout=RolloutSpec(start=0, warmup=10, steps=40),
)

SINE_MLP_REGRESSION = Experiment(
    name="sine-mlp-regression",
    description=QT_TR_NOOP("A Dense MLP (4 x 20 tanh) learns y = sin(x) on [-5, 5]; no recurrence"),
    data=DataSpec(kind="sine", length=10_000, t_start=-5.0, t_step=0.001,
                  period=2 * math.pi, noise="none", noise_level=0.0, seed=4),
    samples=SampleSpec(layout="xy"),
    model=ModelSpec(kind="dense", layers=4, units=20, activation="tanh"),
    train=TrainSpec(epochs=50, batch_size=100, optimizer="sgd", learning_rate=0.01, seed=4),
    rollout=RolloutSpec(start=0, warmup=0, steps=0),
)

MEMORY_PERIOD = 30  # steps a network must count between pulses: R2 counts 10


def _memory(kind: ModelKind) -> Experiment:
    """The memory lesson: R2's task with pulses three times as far apart, the same data and
    budget for each cell type."""
    period = MEMORY_PERIOD
    return Experiment(
        name=f"memory-{kind.replace('_', '')}",
        description=(QT_TR_NOOP("A stateful SimpleRNN(20) must count 30 steps between pulses: how far back can it "
                                "remember?") if kind == "simple_rnn" else
                     QT_TR_NOOP("A stateful LSTM(20) must count 30 steps between pulses: how far back can it "
                                "remember?")),
        data=DataSpec(kind="pulse", length=10 * period, period=float(period), pulse_width=3,
                      noise="normal", noise_level=0.02, seed=1),
        samples=SampleSpec(layout="stateful", window=20, stream_shifts=(0, period // 3, 2 * period // 3)),
        model=ModelSpec(kind=kind, units=20),
        train=TrainSpec(epochs=400, batch_size=3, optimizer="adam", learning_rate=0.01, shuffle=False, seed=1),
        rollout=RolloutSpec(start=5 * period, warmup=2 * period, steps=3 * period),
    )


MEMORY_SIMPLERNN = _memory("simple_rnn")
MEMORY_LSTM = _memory("lstm")

RECIPES: dict[str, Experiment] = {
    recipe.name: recipe
    for recipe in (SINE_SIMPLERNN, PULSE_LSTM_STATEFUL, SINE_LSTM_LIVE,
                   SINE_SIMPLERNN_SEQ2SEQ, SINE_MLP_REGRESSION, MEMORY_SIMPLERNN, MEMORY_LSTM)
}


def recipe(name: str) -> Experiment:
    """The built-in recipe called ``name``; unknown names raise ``KeyError`` listing them all."""
    try:
        return RECIPES[name]
    except KeyError:
        raise KeyError(f"no recipe named {name!r}; built-in recipes: {', '.join(RECIPES)}") from None


TITLES: dict[str, str] = {
    "sine-simplernn": QT_TR_NOOP("R1 · Noisy sine, SimpleRNN"),
    "pulse-lstm-stateful": QT_TR_NOOP("R2 · Pulse, stateful LSTM"),
    "sine-lstm-live": QT_TR_NOOP("R3 · Sine, LSTM trained live"),
    "sine-simplernn-seq2seq": QT_TR_NOOP("R4 · Sine, SimpleRNN seq2seq"),
    "sine-mlp-regression": QT_TR_NOOP("R5 · Sine, Dense MLP (x → y)"),
    "memory-simplernn": QT_TR_NOOP("M1 · Memory: count 30, SimpleRNN"),
    "memory-lstm": QT_TR_NOOP("M2 · Memory: count 30, LSTM"),
}

WHAT_TO_WATCH: dict[str, str] = {
    "sine-simplernn": QT_TR_NOOP("the closed-loop rollout (red) in the prediction plot. Each prediction feeds the next, so "
                      "small errors grow along its 180 steps, while the one-step predictions stay on the data."),
    "pulse-lstm-stateful": QT_TR_NOOP("the cell states while the output sits at 0: they keep cycling every 10 steps. The "
                           "network counts. Scrub back to an early epoch: the rollout is flat, nothing counts yet. "
                           "A SimpleRNN learns this too (set Network to SimpleRNN): 10 steps are short enough "
                           "for its gradient to reach back over them; see memory-simplernn for where that ends."),
    "memory-simplernn": QT_TR_NOOP("the rollout in the prediction plot: it never finds the pulses again, because 30 steps "
                        "back is further than this network learns to look. Open the Memory tab: the gradient at "
                        "the hidden state falls by orders of magnitude within a few steps, long before 30. "
                        "Overlay memory-lstm to compare."),
    "memory-lstm": QT_TR_NOOP("the rollout finding every pulse, 30 steps apart, and in the Memory tab the gradient still "
                   "reaching 30 steps back (and beyond): the cell state's path through the forget gate keeps it "
                   "from fading. Tick 'Epochs x steps back' to watch the reach grow as it learns."),
    "sine-lstm-live": QT_TR_NOOP("the one-step predictions (green) converging onto the noisy sine as the epochs pass."),
    "sine-simplernn-seq2seq": QT_TR_NOOP("loss and val_loss falling together: the network maps a window to the same window "
                              "shifted by one step."),
    "sine-mlp-regression": QT_TR_NOOP("the hidden activations. There is no recurrence here: a Dense network maps x to sin(x), "
                           "and each unit bends a piece of the curve."),
}
