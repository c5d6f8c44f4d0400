"""A run whose loss becomes NaN or infinite: noticed at the epoch it happens, the last good
weights kept, and the likely cause said in the user's terms."""

from __future__ import annotations

import math

import numpy as np

from .data import Series
from .experiment import Experiment

HIGH_LEARNING_RATES = {"sgd": 0.1, "adam": 0.05, "rmsprop": 0.05, "adagrad": 0.5}


class DivergenceWatch:
    """Keeps the weights of the last epoch whose losses were finite."""

    def __init__(self, weights: list[np.ndarray]) -> None:
        self.good_weights = weights
        self.diverged = False

    def check(self, loss: float, val_loss: float | None, weights: list[np.ndarray]) -> bool:
        """True (and remembers ``weights``) when the epoch's losses are finite; False once
        the run diverged."""
        if not math.isfinite(loss) or (val_loss is not None and not math.isfinite(val_loss)):
            self.diverged = True
            return False
        self.good_weights = weights
        return True


def divergence_cause(experiment: Experiment, series: Series) -> str:
    """The likely reason a run's loss became NaN or infinite, from what it saw."""
    reasons = []
    largest = float(np.max(np.abs(series.values))) if len(series) else 0.0
    if experiment.data.scaling == "none" and largest > 10:
        reasons.append(f"the data reach {largest:.4g} but are not scaled (tanh units work near -1 to 1): "
                       "choose Scaling: standard")
    train = experiment.train
    if train.learning_rate >= HIGH_LEARNING_RATES.get(train.optimizer, 0.1):
        reasons.append(f"the learning rate {train.learning_rate:g} is high for {train.optimizer}: "
                       f"try {train.learning_rate / 10:g}")
    return "; ".join(reasons) or "try a smaller learning rate, or scaling the data"
