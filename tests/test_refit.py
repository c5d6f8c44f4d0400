"""The refit after early stopping: the run trains on from the kept epoch on every sample, and
its scores stay those of the kept epoch, which never saw the validation part."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from rnnstudio.core.experiment import DataSpec, Experiment, ModelSpec, RolloutSpec, SampleSpec, TrainSpec
from rnnstudio.core.history import Continuation, History
from rnnstudio.core.run import Run
from rnnstudio.core.snapshots import Snapshots
from rnnstudio.core.trainer import Trainer


def refitting(refit: float) -> Experiment:
    """A noisy short series and a network too big for it: early stopping keeps an early epoch."""
    return Experiment(
        data=DataSpec(kind="sine", length=90, period=15.0, noise="normal", noise_level=0.4, seed=1),
        samples=SampleSpec(layout="windows", window=10),
        model=ModelSpec(kind="lstm", units=24),
        train=TrainSpec(epochs=60, batch_size=8, learning_rate=0.02, validation_fraction=0.3, early_stopping=6,
                        refit=refit),
        rollout=RolloutSpec(start=0, warmup=10, steps=10),
    )


def test_the_refit_trains_on_from_the_kept_epoch_on_every_sample_and_is_scored_by_the_kept_epoch() -> None:
    trainer = Trainer(refitting(0.5))
    reports = list(trainer.epochs())
    result = trainer.result
    assert result is not None and result.stopped_early
    plain = Trainer(refitting(0.0)).run()  # the same run without the refit: it keeps epoch ``kept``
    kept, ended = plain.history.kept_epoch, plain.epochs_run
    refit = -(-kept // 2)
    assert result.history.refit == (kept, ended + 1) and result.epochs_run == ended + refit
    assert result.history.val_loss[ended:] == [None] * refit and result.history.kept is None
    assert result.history.loss[:ended] == pytest.approx(plain.history.loss)
    # the refit is exactly a run continued from the kept weights on every sample (no validation part)
    on_all = dataclasses.replace(refitting(0.0), train=dataclasses.replace(
        refitting(0.0).train, validation_fraction=0.0, early_stopping=0, epochs=ended + refit))
    continued = Trainer(on_all, continuation=Continuation(plain.model, plain.history, None, plain.optimizer_state)).run()
    for mine, theirs in zip(result.model.get_weights(), continued.model.get_weights()):
        np.testing.assert_allclose(mine, theirs, rtol=1e-4, atol=1e-5)
    assert not all(np.allclose(a, b) for a, b in zip(result.model.get_weights(), result.snapshots.weights_at(kept)))
    # every refit epoch is scored by the kept epoch's weights, live and replayed
    assert [r.scored_by[0] for r in reports[ended:] if r.scored_by] == [kept] * refit
    assert all(r.scored_by is None for r in reports[:ended])
    run = Run("refit", trainer.experiment, trainer.series, result.history, result.snapshots,
              template=reports[0].network)
    last, best = run.computed_report_at(ended + refit, scores=True), run.computed_report_at(kept, scores=True)
    assert last is not None and best is not None and last.scored_by is not None and last.scored_by[0] == kept
    assert last.evaluation.row("network").mae == best.evaluation.row("network").mae
    own = dataclasses.replace(last, scored_by=None, scores=None).computed(scores=True)  # what it would claim
    assert own.evaluation.row("network").mae < best.evaluation.row("network").mae  # it has seen those values


def test_a_stopped_run_is_not_refit_and_a_continued_refit_run_is_not_refit_again() -> None:
    trainer = Trainer(refitting(0.5))
    for report in trainer.epochs():
        if report.epoch == 3:
            trainer.request_stop()
    assert trainer.result is not None and trainer.result.history.refit is None and trainer.result.scored_by is None
    first = Trainer(refitting(0.5)).run()
    more = dataclasses.replace(refitting(0.5), train=dataclasses.replace(refitting(0.5).train,
                                                                         epochs=first.epochs_run + 10))
    again = Trainer(more, continuation=Continuation(first.model, first.history, first.snapshots,
                                                    first.optimizer_state)).run()
    assert again.history.refit == first.history.refit and again.scored_by is None


def test_stop_during_the_refit_ends_the_run_there_and_its_scores_stay_the_kept_epochs() -> None:
    trainer = Trainer(refitting(1.0))
    for report in trainer.epochs():
        if report.scored_by is not None:  # the refit's first epoch
            trainer.request_stop()
    result = trainer.result
    assert result is not None and result.stopped and result.history.refit is not None
    kept, first = result.history.refit
    assert result.epochs_run == first < first - 1 + kept  # one refit epoch of the planned ``kept``
    assert result.scored_by is not None and result.scored_by[0] == kept


def test_the_refit_is_kept_in_the_history_and_its_kept_epoch_survives_thinning() -> None:
    history = History(loss=[1.0] * 12, val_loss=[0.5] * 9 + [None] * 3, refit=(4, 10))
    assert History.from_dict(history.to_dict()).refit == (4, 10)
    assert [history.scored_epoch(e) for e in (3, 4, 9, 10, 12)] == [3, 4, 9, 4, 4]
    for bad in ([10, 4], [4, 13], [True, 10], "4-10"):
        with pytest.raises(ValueError, match="refit"):
            History.from_dict({**history.to_dict(), "refit": bad})
    snapshots = Snapshots(max_count=4)
    for epoch in range(1, 40):
        snapshots.add(epoch, [np.full(2, epoch, np.float32)])
        if epoch == 7:
            snapshots.pin(7)
    assert 7 in snapshots.epochs and len(snapshots) <= 5 and snapshots.epochs[-1] == 39
    assert snapshots.nearest(30, before=20)[0] < 20
