"""What a training leaves behind and what continues it: losses per epoch, the outcome of a
run, the optimizer's state, and where an earlier run left off. Plain data, no TensorFlow."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .snapshots import Snapshots


@dataclass
class History:
    """Loss per finished epoch (and val_loss, None where there is no validation data).
    ``kept``: the epoch whose weights the model holds when early stopping kept an earlier one
    than the last (None: the last). A seed ensemble's ``loss`` is its mean prediction's, and
    ``member_loss`` / ``member_val_loss`` hold each member's own per epoch (empty lists for a
    single network). ``refit``: (the kept epoch the refit started from, the first refit
    epoch) when the run trained on every sample after early stopping (see
    :attr:`~.experiment.TrainSpec.refit`): from that epoch on the network has seen the
    validation part, so its scores are those of the kept epoch (:meth:`scored_epoch`)."""

    loss: list[float] = field(default_factory=list)
    val_loss: list[float | None] = field(default_factory=list)
    kept: int | None = None
    member_loss: list[list[float]] = field(default_factory=list)
    member_val_loss: list[list[float] | None] = field(default_factory=list)
    refit: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        raw: dict[str, Any] = {"loss": list(self.loss), "val_loss": list(self.val_loss)}
        if self.kept is not None:
            raw["kept"] = self.kept
        if any(self.member_loss):
            raw["member_loss"] = [list(v) for v in self.member_loss]
            raw["member_val_loss"] = [None if v is None else list(v) for v in self.member_val_loss]
        if self.refit is not None:
            raw["refit"] = list(self.refit)
        return raw

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> History:
        loss = [float(v) for v in raw["loss"]]
        kept = raw.get("kept")
        if kept is not None and (isinstance(kept, bool) or not isinstance(kept, int) or not 1 <= kept <= len(loss)):
            raise ValueError(f"the kept epoch {kept!r} is not one of the {len(loss)} epochs")
        members = [[float(v) for v in epoch] for epoch in raw.get("member_loss", [[]] * len(loss))]
        member_val = [None if epoch is None else [float(v) for v in epoch]
                      for epoch in raw.get("member_val_loss", [None] * len(loss))]
        if len(members) != len(loss) or len(member_val) != len(loss) or len({len(epoch) for epoch in members}) > 1:
            raise ValueError(f"the members' losses do not cover the {len(loss)} epochs, one value per member")
        refit = raw.get("refit")
        if refit is not None and not (isinstance(refit, list) and len(refit) == 2
                                      and all(isinstance(v, int) and not isinstance(v, bool) for v in refit)
                                      and 1 <= refit[0] < refit[1] <= len(loss)):
            raise ValueError(f"the refit {refit!r} is not (a kept epoch, a later first refit epoch) of the "
                             f"{len(loss)} epochs")
        return cls(loss=loss, val_loss=[None if v is None else float(v) for v in raw["val_loss"]], kept=kept,
                   member_loss=members, member_val_loss=member_val, refit=None if refit is None else (refit[0], refit[1]))

    def copy(self) -> History:
        return History(list(self.loss), list(self.val_loss), self.kept, [list(v) for v in self.member_loss],
                       [None if v is None else list(v) for v in self.member_val_loss], self.refit)

    def note_refit(self, kept: int) -> None:
        """A refit from ``kept`` has begun and its first epoch is appended (it has no val_loss):
        record where, once."""
        if self.refit is None:
            self.refit = (kept, self.val_loss.index(None, kept) + 1)

    @property
    def refit_epochs(self) -> int:
        """How many epochs the refit on every sample trained (0 without one)."""
        return len(self.loss) - self.refit[1] + 1 if self.refit is not None else 0

    def scored_epoch(self, epoch: int) -> int:
        """The epoch whose weights score ``epoch`` honestly on the validation part: the kept
        epoch for a refit epoch (or a later one), which never trained on it; else ``epoch``."""
        return self.refit[0] if self.refit is not None and epoch >= self.refit[1] else epoch

    @property
    def kept_epoch(self) -> int:
        """The epoch whose weights the model holds (the last, unless early stopping kept another)."""
        return self.kept if self.kept is not None else len(self.loss)

    def append(self, loss: float, val_loss: float | None, member_loss: list[float] | None = None,
               member_val_loss: list[float] | None = None) -> None:
        self.loss.append(loss)
        self.val_loss.append(val_loss)
        self.member_loss.append(list(member_loss or []))
        self.member_val_loss.append(member_val_loss if member_loss else None)
        self.kept = None


@dataclass
class OptimizerState:
    """An optimizer's variables (step count, momentum and the like) as arrays, in order."""

    values: list[np.ndarray]
    iterations: int


@dataclass
class TrainResult:
    """The outcome of a training: the whole history (with any epochs it continued from), the
    snapshots recorded (None when recording was off) and the optimizer's state for a later
    :class:`Continuation`. ``process_ended``: the process training it died, and the model
    holds the last epoch that reached the window (the run is then ``stopped``). ``scored_by``:
    after a refit, the kept epoch and its weights, which never saw the validation part."""

    model: Any
    history: History
    stopped: bool
    diverged: bool
    seconds: float
    snapshots: Snapshots | None = None
    optimizer_state: OptimizerState | None = None
    stopped_early: bool = False
    process_ended: bool = False
    scored_by: tuple[int, list[np.ndarray]] | None = None  # a refit's kept (epoch, weights): they score the run

    @property
    def epochs_run(self) -> int:
        return len(self.history.loss)


@dataclass
class Continuation:
    """Where an earlier run left off. ``optimizer_state`` is None when the run came from a
    file: training then starts a fresh optimizer."""

    model: Any
    history: History
    snapshots: Snapshots | None = None
    optimizer_state: OptimizerState | None = None
