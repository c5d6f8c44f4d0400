"""The session's rules, without Qt or TensorFlow: what is selected after a delete, when a
file is already open, which runs overlay, which colours runs get, and which epoch is shown
while a run trains."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import numpy as np
import pytest

from rnnstudio.core.recipes import recipe
from rnnstudio.core.report import EpochReport
from rnnstudio.core.run import Run
from rnnstudio.core.session import Change, Draft, Session


def run(name: str) -> Run:
    return Run(name, recipe("sine-simplernn"), None)


@pytest.fixture
def session() -> Session:
    session = Session()
    for name in ("a", "b", "c"):
        session.add(run(name))
    return session


def names(runs: list[Run]) -> list[str]:
    return [r.name for r in runs]


def test_deleting_the_shown_run_shows_the_next_then_the_previous_then_the_draft(session: Session) -> None:
    a, b, c = session.runs
    session.select(b)
    session.remove(b)
    assert session.selected is c
    session.remove(c)
    assert session.selected is a
    session.remove(a)
    assert session.selected is None and session.runs == []


def test_deleting_another_run_keeps_the_shown_one_and_the_training_run_is_never_deleted(session: Session) -> None:
    a, b, c = session.runs
    session.select(a)
    session.remove(c)
    assert session.selected is a
    session.begin_training(b, b.experiment)
    session.remove(b)
    assert b in session.runs


def test_a_file_is_open_once_however_its_path_is_written(session: Session, tmp_path: Path) -> None:
    a = session.runs[0]
    (tmp_path / "model.keras").write_bytes(b"")
    (tmp_path / "link.keras").symlink_to(tmp_path / "model.keras")
    session.mark_saved(a, tmp_path / "model.keras")
    assert session.run_with_file(tmp_path / "sub" / ".." / "model.keras") is a
    assert session.run_with_file(tmp_path / "link.keras") is a
    assert session.run_with_file(tmp_path / "other.keras") is None


def test_overlays_follow_the_list_order_and_leave_with_a_deleted_run(session: Session) -> None:
    a, b, c = session.runs
    changes: list[Change] = []
    session.subscribe(changes.append)
    session.set_overlaid(c, True)
    session.set_overlaid(a, True)
    assert names(session.overlaid_runs()) == ["a", "c"]
    session.remove(c)
    assert names(session.overlaid_runs()) == ["a"]
    assert [change.what for change in changes] == ["overlays", "overlays", "runs", "overlays", "selection"]
    assert session.selected is b  # c was shown: the one before it now is


def lab(color: str) -> np.ndarray:
    """CIE L*a*b* of an sRGB ``#RRGGBB`` colour (D65)."""
    rgb = np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    rgb = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ rgb
    x, y, z = (np.cbrt(t) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz / np.array([0.95047, 1, 1.08883]))
    return np.array([116 * y - 16, 500 * (x - y), 200 * (y - z)])


def test_twenty_runs_get_twenty_distinguishable_colours_and_a_freed_colour_is_reused() -> None:
    session = Session()
    runs = [session.add(run(f"r{i}")) for i in range(20)]
    colors = [session.color_of(r) for r in runs]
    assert len(set(colors)) == 20
    closest = min(np.linalg.norm(lab(x) - lab(y)) for x, y in itertools.combinations(colors, 2))
    assert closest > 12  # CIE76 distance: well past "just noticeable"
    session.remove(runs[8])
    assert session.color_of(session.add(run("new"))) == colors[8]
    more = [session.color_of(session.add(run(f"s{i}"))) for i in range(5)]
    assert len(set(more) | set(colors)) == 25


def report(epoch: int, computed: bool) -> EpochReport:
    from rnnstudio.core.report import ReportViews

    views = ReportViews(None, None, None, None, None) if computed else None  # type: ignore[arg-type]
    return EpochReport(epoch, 10, 0.1 * epoch, None, 0.0, None, recipe("sine-simplernn"), None,  # type: ignore[arg-type]
                       views=views)


def test_while_training_the_history_and_the_replayable_epochs_end_at_the_drawn_epoch(session: Session) -> None:
    a = session.runs[0]
    session.select(a)
    session.begin_training(a, a.experiment)
    for epoch in range(1, 8):  # the trainer records snapshots ahead of what the window has drawn
        a.snapshots.add(epoch, [np.zeros(2)])
    session.record_progress([(0.1, None), (0.2, None)], report(2, computed=False))
    assert a.history.loss == [] and session.epoch is None  # not drawn yet: nothing shown moves
    session.record_progress([(0.3, None)], report(3, computed=True))
    assert a.history.loss == [0.1, 0.2, 0.3] and session.epoch == 3
    assert session.shown_epochs(a) == [1, 2, 3]
    session.set_epoch(1)  # the user scrubs back: the shown epoch stays while training goes on
    session.record_progress([(0.4, None)], report(4, computed=True))
    assert session.epoch == 1 and not session.following
    session.set_epoch(4)
    assert session.following


def test_a_run_not_shown_takes_its_losses_in_at_once(session: Session) -> None:
    a, b, _ = session.runs
    session.select(b)
    session.begin_training(a, a.experiment)
    session.record_progress([(0.5, None)], report(1, computed=False))
    assert a.history.loss == [0.5]
    session.fail_training("out of memory")
    assert session.training_run is None and a.state == "failed" and a.history.loss == [0.5]


def test_a_draft_describes_a_run_until_more_than_its_rollout_changes() -> None:
    shown = recipe("sine-simplernn")
    other_rollout = dataclasses.replace(shown, rollout=dataclasses.replace(shown.rollout, steps=7))
    assert Draft(experiment=other_rollout, typed=other_rollout).describes(shown)
    wider = dataclasses.replace(shown, model=dataclasses.replace(shown.model, units=21))
    assert not Draft(experiment=wider, typed=wider).describes(shown)
    assert Draft(errors={"rollout.steps": "must be a whole number"}).describes(shown)  # an entry being typed
    assert not Draft(errors={"model.units": "must be a whole number"}).describes(shown)
    assert Draft(loading=True).describes(shown)


def test_while_a_refit_trains_the_history_knows_its_epochs_before_the_run_ends(session: Session) -> None:
    a = session.runs[0]
    session.select(a)
    session.begin_training(a, a.experiment)
    session.record_progress([(0.5, 0.4), (0.4, 0.3), (0.3, 0.35)], report(3, computed=True))
    assert a.history.refit is None
    refit = dataclasses.replace(report(6, computed=True), scored_by=(2, None))  # type: ignore[arg-type]
    session.record_progress([(0.3, 0.36), (0.6, None), (0.5, None)], refit)  # epoch 4 validated; 5, 6 the refit
    assert a.history.refit == (2, 5) and a.history.scored_epoch(6) == 2 and a.history.scored_epoch(4) == 4
