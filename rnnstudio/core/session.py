"""The session: everything the window shows, free of Qt, and told to whoever listens.

The window is a view of a :class:`Session` (as MNELAB's ``Model`` and napari's evented
components): the runs, the selected run and the replayed epoch, the overlaid runs and their
colours, the run in training and what it last reported, and the draft the panel edits
(experiment, series, field errors, loading). Every change is a method here that ends by
telling the listeners a :class:`Change`; widgets only listen and draw. The rules of the
list (what is selected after a delete, when a file is already open, which colours runs get)
live here and are tested without Qt.

While a run trains, its losses are taken in at the pace of the reports the window draws:
the history, the snapshots offered for replay and the drawn report all end at the same
epoch, so one frame shows one epoch everywhere.
"""

from __future__ import annotations

import colorsys
import dataclasses
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .backtest import Backtest
from .data import Series
from .experiment import Experiment, RolloutSpec
from .history import TrainResult
from .report import EpochLosses, EpochReport
from .run import NETWORK_NAMES, Run

What = Literal["runs", "run", "selection", "overlays", "training", "progress", "draft", "epoch"]

# Kelly's colours of maximum contrast (white and black left out): 20 runs, 20 colours
RUN_COLORS = ("#875692", "#F38400", "#008856", "#BE0032", "#0067A5", "#F3C300", "#848482", "#E68FAC",
              "#A1CAF1", "#604E97", "#F99379", "#8DB600", "#B3446C", "#C2B280", "#882D17", "#2B3D26",
              "#DCD300", "#654522", "#E25822", "#F6A600")

RUN_SECTIONS = ("data", "samples", "model", "train")  # what makes a run; the rollout is only shown


@dataclass(frozen=True)
class Change:
    """What changed: ``runs`` (added, removed, renamed), ``run`` (one run's row: state, epochs,
    file), ``selection``, ``overlays``, ``training`` (started or ended), ``progress`` (the
    training run reported), ``draft`` or ``epoch`` (the replayed epoch); ``run`` when it is
    about one run."""

    what: What
    run: Run | None = None


@dataclass(frozen=True)
class Draft:
    """The next run as the panel describes it: its experiment (None while a field is invalid
    or a CSV is being read), the experiment whose data can be shown meanwhile (``data``:
    None while the data fields are invalid), its series, the fields in error (field path:
    message) and whether a file is loading; ``typed`` is the experiment as typed, valid or
    not (None while a field does not even parse)."""

    experiment: Experiment | None = None
    typed: Experiment | None = None
    data: Experiment | None = None
    series: Series | None = None
    errors: dict[str, str] = field(default_factory=dict)
    loading: bool = False

    def describes(self, experiment: Experiment) -> bool:
        """Whether the draft still describes ``experiment``'s run: only the rollout, or an
        unfinished rollout entry, differs. Fields that are invalid as typed but equal to the
        run's (its CSV file moved, say) still describe it."""
        if self.typed is None:
            return self.loading or (bool(self.errors) and all(path.startswith("rollout.") for path in self.errors))
        return all(getattr(self.typed, section) == getattr(experiment, section) for section in RUN_SECTIONS)


class Session:
    """The runs of one window and everything about what is shown of them."""

    def __init__(self) -> None:
        self.runs: list[Run] = []
        self.selected: Run | None = None
        self.training_run: Run | None = None
        self.draft = Draft()
        self.epoch: int | None = None  # the selected run's replayed epoch (None: none recorded)
        self.following = True  # the replayed epoch follows the newest while the run trains
        self._overlaid: set[int] = set()
        self._colors: dict[int, str] = {}
        self._listeners: list[Callable[[Change], None]] = []
        self._unshown: list[EpochLosses] = []

    # -- listening ---------------------------------------------------------------------------
    def subscribe(self, listener: Callable[[Change], None]) -> None:
        """Call ``listener(change)`` after every change."""
        self._listeners.append(listener)

    def _changed(self, what: What, run: Run | None = None) -> None:
        change = Change(what, run)
        for listener in list(self._listeners):
            listener(change)

    # -- the list of runs --------------------------------------------------------------------
    def add(self, run: Run, select: bool = True, color: str | None = None) -> Run:
        """Add ``run`` at the end (and show it), in ``color`` when no other run has it."""
        self.runs.append(run)
        self._colors[run.id] = color if color is not None and color not in self._colors.values() else self._free_color()
        self._changed("runs", run)
        if select:
            self.select(run)
        return run

    def add_saved_session(self, runs: list[tuple[Run, str, bool]], selected: int | None, epoch: int | None) -> None:
        """Add the runs of a session file, each in its colour (unless a run here has it) and
        overlaid as it was, and show its selected run at its replayed epoch."""
        for run, color, overlaid in runs:
            self.add(run, select=False, color=color)
            if overlaid:
                self.set_overlaid(run, True)
        if selected is not None:
            self.select(runs[selected][0])
            if epoch is not None:
                self.set_epoch(epoch)

    def remove(self, run: Run) -> None:
        """Remove ``run`` (never the one training). If it was selected, the run after it is
        selected (the one before when it was last; the draft when none is left)."""
        if run is self.training_run or run not in self.runs:
            return
        index = self.runs.index(run)
        self.runs.remove(run)
        self._colors.pop(run.id, None)
        overlaid = run.id in self._overlaid
        self._overlaid.discard(run.id)
        shown = self.selected is run
        if shown:  # listeners of "runs" never see a selected run that is gone
            self.selected = self.runs[min(index, len(self.runs) - 1)] if self.runs else None
            self.following, self.epoch = True, self._newest_epoch(self.selected)
        self._changed("runs", run)
        if overlaid:
            self._changed("overlays")
        if shown:
            self._changed("selection", self.selected)

    def rename(self, run: Run, name: str) -> None:
        """Give ``run`` a new name (blank names are ignored)."""
        if name.strip() and name.strip() != run.name:
            run.name = name.strip()
            self._changed("runs", run)

    def select(self, run: Run | None) -> None:
        """Show ``run`` (None: the draft), at its newest epoch."""
        if run is self.selected:
            return
        self.selected = run
        self.following = True
        self.epoch = self._newest_epoch(run)
        self._changed("selection", run)

    def index(self, run: Run) -> int:
        return self.runs.index(run)

    def run_with_file(self, path: Path) -> Run | None:
        """The run bound to ``path`` (the same file however it is named), if one is."""
        target = _identity(path)
        return next((run for run in self.runs if run.path is not None and _identity(run.path) == target), None)

    def unique_name(self, base: str) -> str:
        """``base``, or ``base (2)``, ``base (3)``... whichever no run has yet."""
        names = {run.name for run in self.runs}
        if base not in names:
            return base
        return next(f"{base} ({n})" for n in itertools.count(2) if f"{base} ({n})" not in names)

    def name_for(self, experiment: Experiment) -> str:
        """A new run's name: its recipe's, or its network and data (``GRU 1x20 on sine``),
        and how it was fed when not by teacher forcing (``..., free running 10``)."""
        model, data, train = experiment.model, experiment.data, experiment.train
        base = experiment.name if experiment.name not in ("", "custom") else (
            f"{NETWORK_NAMES.get(model.kind, model.kind)} {model.layers}x{model.units} on "
            + (Path(data.path).stem if data.kind == "csv" else data.kind))
        if train.mode != "teacher_forcing":
            base += f", {train.mode.replace('_', ' ')} {train.horizon}"
        return self.unique_name(base)

    def unsaved(self) -> list[Run]:
        """Runs with trained work not in any file."""
        return [run for run in self.runs if run.unsaved and run.epochs_run > 0]

    # -- overlays and colours ------------------------------------------------------------------
    def set_overlaid(self, run: Run, overlaid: bool) -> None:
        """Overlay ``run`` in the plots, or stop overlaying it."""
        if overlaid == (run.id in self._overlaid) or run not in self.runs:
            return
        (self._overlaid.add if overlaid else self._overlaid.discard)(run.id)
        self._changed("overlays", run)

    def is_overlaid(self, run: Run) -> bool:
        return run.id in self._overlaid

    def overlaid_runs(self) -> list[Run]:
        """The overlaid runs, in the list's order."""
        return [run for run in self.runs if run.id in self._overlaid]

    def color_of(self, run: Run) -> str:
        """``run``'s colour in overlays and the list: distinct from every other run's."""
        return self._colors.get(run.id, RUN_COLORS[0])

    def _free_color(self) -> str:
        used = set(self._colors.values())
        for index in itertools.count():
            color = RUN_COLORS[index] if index < len(RUN_COLORS) else _golden_color(index)
            if color not in used:
                return color
        raise AssertionError("unreachable")

    # -- the replayed epoch ------------------------------------------------------------------
    def set_epoch(self, epoch: int) -> None:
        """Replay the selected run at ``epoch`` (its nearest snapshot); choosing the newest
        follows training again, any other stops following."""
        run = self.selected
        if run is None:
            return
        kept = run.snapshots.nearest_epoch(epoch)
        newest = self._newest_epoch(run)
        self.following = kept == newest
        if kept != self.epoch:
            self.epoch = kept
            self._changed("epoch", run)

    def shown_epochs(self, run: Run) -> list[int]:
        """The epochs of ``run`` that can be replayed now: its snapshots up to the last epoch
        its history has taken in (training records snapshots ahead of what is drawn)."""
        done = run.epochs_run if run.is_training else None
        return [epoch for epoch in run.snapshots.epochs if done is None or epoch <= done]

    def _newest_epoch(self, run: Run | None) -> int | None:
        epochs = self.shown_epochs(run) if run is not None else []
        return epochs[-1] if epochs else None

    # -- training --------------------------------------------------------------------------------
    def begin_training(self, run: Run, experiment: Experiment) -> None:
        """``run`` trains ``experiment`` now (a new run, or one continued)."""
        run.begin_training(experiment)
        self.training_run = run
        self._unshown = []
        self._changed("training", run)
        self._changed("run", run)

    def record_progress(self, losses: list[EpochLosses], report: EpochReport) -> None:
        """The epochs the training run finished since its last report, and that report. They
        are taken in when the report was computed (it will be drawn) or the run is not shown,
        so what is drawn, the history and the replayable epochs end at the same epoch."""
        run = self.training_run
        if run is None:
            return
        self._unshown.extend(losses)
        run.record_epoch(report)
        if not (report.is_computed or run is not self.selected):
            return
        for epoch_losses in self._unshown:
            run.history.append(*epoch_losses)
        self._unshown = []
        if report.scored_by is not None:
            run.history.note_refit(report.scored_by[0])
        if report.is_computed:
            run.keep_report(report)  # what the next frame draws
        if run is self.selected and self.following:
            self.epoch = self._newest_epoch(run)
        self._changed("progress", run)

    def finish_training(self, result: TrainResult, report: EpochReport | None) -> Run | None:
        """The training run ended with ``result``; returns it."""
        run, self.training_run = self.training_run, None
        if run is None:
            return None
        run.finish(result, report)
        self._unshown = []
        self._end(run)
        return run

    def fail_training(self, message: str) -> Run | None:
        """The training run failed with ``message``; returns it."""
        run, self.training_run = self.training_run, None
        if run is not None:
            run.fail(message)
            self._unshown = []
            self._end(run)
        return run

    def _end(self, run: Run) -> None:
        if run is self.selected and self.following:  # early stopping's kept epoch, or the newest
            newest = self._newest_epoch(run)
            kept = run.history.kept
            self.epoch = run.snapshots.nearest_epoch(kept) if kept is not None else newest
            self.following = self.epoch == newest
        self._changed("training", run)
        self._changed("run", run)
        if run is self.selected:
            self._changed("epoch", run)

    # -- a run's settings and file ---------------------------------------------------------------
    def set_backtest(self, run: Run, backtest: Backtest) -> None:
        """``run``'s experiment was backtested: keep the backtest and its prediction intervals
        (which go into the run's file at the next save)."""
        run.backtest, run.intervals, run.unsaved = backtest, backtest.intervals(), True
        self._changed("run", run)
        if run is self.selected:
            self._changed("epoch", run)

    def set_rollout(self, run: Run, rollout: RolloutSpec) -> None:
        """Show ``run``'s closed loop with ``rollout`` (inference only: no retraining)."""
        if rollout != run.experiment.rollout:
            run.set_rollout(rollout)
            self._changed("run", run)
            if run is self.selected:
                self._changed("epoch", run)

    def mark_kept_in_session(self, runs: list[Run]) -> None:
        """``runs`` were written to a session file: nothing of them is unsaved now."""
        for run in runs:
            run.unsaved = False
            self._changed("run", run)

    def mark_saved(self, run: Run, path: Path) -> None:
        """``run`` is now in the file ``path``."""
        run.path, run.unsaved = path, False
        self._changed("run", run)

    def attach_series(self, run: Run, path: str, series: Series) -> None:
        """``run``'s data, found again at ``path`` (its file did not carry it): it replays in
        full and can train more."""
        data = dataclasses.replace(run.experiment.data, path=path)
        run.experiment = dataclasses.replace(run.experiment, data=data)
        run.series, run.unsaved = series, True
        self._changed("run", run)
        if run is self.selected:
            self._changed("selection", run)

    def note(self, run: Run, message: str) -> None:
        """Attach a message to ``run`` (shown with its row)."""
        run.message = message
        self._changed("run", run)

    # -- the draft ---------------------------------------------------------------------------------
    def set_draft(self, draft: Draft) -> None:
        """The panel's next run changed."""
        if draft != self.draft:
            self.draft = draft
            self._changed("draft")


def data_only(experiment: Experiment) -> Experiment:
    """``experiment`` as far as its data goes (no validation split, no rollout): what the
    plots show of a draft while another field is being fixed."""
    return dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, validation_fraction=0.0),
                               rollout=dataclasses.replace(experiment.rollout, steps=0))


def _identity(path: Path) -> Path:
    """A file's identity for "already open": its resolved path."""
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _golden_color(index: int) -> str:
    """Colours beyond the 20: hues a golden angle apart, in two lightnesses."""
    hue = (index * 0.618033988749895) % 1.0
    red, green, blue = colorsys.hls_to_rgb(hue, 0.35 if index % 2 else 0.55, 0.75)
    return f"#{int(red * 255):02X}{int(green * 255):02X}{int(blue * 255):02X}"
