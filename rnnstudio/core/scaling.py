"""Scaling that lives in the model: raw values in, raw values out.

A network of tanh units learns nothing from values in the thousands: every unit saturates.
A :class:`Scaler` is fitted on the training part of the series only (nothing from the
validation part leaks into it) and the network trains on scaled samples. The saved Keras
model carries the scaling as built-in layers around that network, so plain
``keras.models.load_model`` takes raw values and gives raw values:

- ``standard``: ``(x - mean) / std``; ``minmax``: the training range onto [-1, 1]. Both are
  a ``Normalization`` layer in front and ``Normalization(invert=True)`` on the output.
- ``difference`` (windows layout): the network sees the standardised changes between
  consecutive values of its window and predicts the next change; the model adds it to the
  window's last value (``Cropping1D``, ``Subtract``, ``Reshape``, ``Add``). A trending
  series' forecast then follows the trend instead of flattening at the training range.

``non_negative`` (any scaling) keeps the raw outputs at 0 or above: a ``ReLU`` last layer.
Training is not affected (it fits the network between the scalings); what is predicted and
fed back in a closed loop is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scaler:
    """``center`` and ``scale`` (float32 values, as Keras stores them) of one scaling kind,
    and whether raw outputs are kept non-negative."""

    kind: str = "none"
    center: float = 0.0
    scale: float = 1.0
    non_negative: bool = False

    @classmethod
    def fit(cls, kind: str, training_values: np.ndarray, non_negative: bool = False) -> Scaler:
        """Fit ``kind`` on the training part of a series."""
        values = np.asarray(training_values, dtype=np.float64)
        if kind == "none" or len(values) < 2:
            return cls(kind, non_negative=non_negative)
        if kind == "difference":
            values = np.diff(values)
        if kind == "minmax":
            center, scale = (values.max() + values.min()) / 2, (values.max() - values.min()) / 2
        else:
            center, scale = values.mean(), values.std()
        if not (np.isfinite(scale) and scale > 1e-12):
            scale = 1.0
        return cls(kind, float(np.float32(center)), float(np.float32(scale)), non_negative)

    @property
    def active(self) -> bool:
        return self.kind != "none"

    @property
    def divisor(self) -> float:
        """What Keras's ``Normalization`` divides by: sqrt of the float32 variance."""
        return float(max(np.sqrt(np.float32(self.scale) ** 2), np.float32(1e-7)))

    @property
    def variance(self) -> float:
        return float(np.float32(self.scale) ** 2)

    # -- numpy, in the model's own arithmetic ----------------------------------------------
    def model_input(self, frames: np.ndarray) -> np.ndarray:
        """Raw inputs (n, steps, 1) -> what the network between the scalers sees."""
        frames = np.asarray(frames, dtype=np.float64)
        if self.kind == "difference":
            frames = np.diff(frames, axis=1)
        elif not self.active:
            return frames
        return (frames - self.center) / self.divisor

    def raw_output(self, outputs: np.ndarray, frames: np.ndarray | None = None) -> np.ndarray:
        """The network's outputs -> raw values. For ``difference``, ``outputs`` (n,) are the
        changes after each frame's last value."""
        raw = outputs
        if self.active:
            raw = self.center + outputs * self.divisor
        if self.kind == "difference":
            raw = np.asarray(frames, dtype=np.float64)[:, -1, 0] + raw
        return np.maximum(raw, 0.0) if self.non_negative else raw

    def model_targets(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Raw training targets -> the network's targets (``y`` as the samples hold it)."""
        if self.kind == "difference":
            return ((y - x[:, -1]) - self.center) / self.divisor
        return (y - self.center) / self.divisor if self.active else y
