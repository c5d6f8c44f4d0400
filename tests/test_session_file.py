"""A whole session in one file: saved and reopened as it was, and a bad file refused with
one line naming it, never run."""

from __future__ import annotations

import dataclasses
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from rnnstudio.core.recipes import recipe
from rnnstudio.core.run import Run
from rnnstudio.core.session import Session
from rnnstudio.core.session_file import SessionFileError, open_session, runs_of, save_session
from rnnstudio.core.trainer import Trainer


def trained_run(name: str, **model: object) -> Run:
    experiment = recipe("sine-simplernn")
    experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=3),
                                     model=dataclasses.replace(experiment.model, **model))
    trainer = Trainer(experiment)
    result = trainer.run()
    run = Run(name, experiment, trainer.series)
    run.finish(result, None)
    return run


@pytest.fixture(scope="module")
def three_runs() -> list[Run]:
    return [trained_run("first"), trained_run("wider", units=30), trained_run("gru", kind="gru")]


def saved_and_reopened(session: Session, path: Path) -> Session:
    save_session(path, [(run, session.color_of(run), session.is_overlaid(run)) for run in session.runs],
                 session.selected, session.epoch)
    contents = open_session(path)
    again = Session()
    again.add_saved_session(runs_of(contents), contents.selected, contents.epoch)
    return again


def test_a_session_reopens_with_its_runs_colours_overlays_selection_and_epoch(three_runs, tmp_path: Path) -> None:
    session = Session()
    for run in three_runs:
        session.add(run)
    session.set_overlaid(three_runs[0], True)
    session.set_overlaid(three_runs[2], True)
    session.select(three_runs[1])
    session.set_epoch(2)
    again = saved_and_reopened(session, tmp_path / "study.rnnsession")
    assert [run.name for run in again.runs] == ["first", "wider", "gru"]
    assert [again.color_of(run) for run in again.runs] == [session.color_of(run) for run in session.runs]
    assert [again.is_overlaid(run) for run in again.runs] == [True, False, True]
    assert again.selected is again.runs[1] and again.epoch == 2 and not again.following
    for before, after in zip(session.runs, again.runs):
        assert after.history.loss == before.history.loss and after.experiment == before.experiment
        assert after.snapshots.epochs == before.snapshots.epochs
        np.testing.assert_allclose(after.report_at(2).computed().one_step.values,
                                   before.report_at(2).computed().one_step.values)
        assert after.path is None and not after.unsaved  # the session file holds them


def test_a_session_file_with_a_stranger_or_a_broken_run_is_refused_in_one_line(three_runs, tmp_path: Path) -> None:
    session = Session()
    session.add(three_runs[0])
    path = tmp_path / "one.rnnsession"
    save_session(path, [(three_runs[0], session.color_of(three_runs[0]), False)], None, None)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("runs/evil.py", "import os; os.system('touch marker')")
    with pytest.raises(SessionFileError, match="holds runs/evil.py, which is not one of its runs"):
        open_session(path)

    broken = tmp_path / "broken.rnnsession"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("session.json", json.dumps({"format": "rnnstudio-session", "version": 1, "selected": None,
                                                     "epoch": None, "runs": [{"file": "runs/1.keras", "name": "x",
                                                                              "color": "#123456", "overlaid": False}]}))
        archive.writestr("runs/1.keras", b"not a model at all")
    with pytest.raises(SessionFileError, match=r"broken.rnnsession: the run “x”: "):
        open_session(broken)
    (tmp_path / "text.rnnsession").write_text("hello")
    with pytest.raises(SessionFileError, match="not a zip archive"):
        open_session(tmp_path / "text.rnnsession")
    assert not (tmp_path / "marker").exists()


@pytest.mark.parametrize(("change", "words"), [
    ({"selected": 5}, "selected = 5 is not one of its runs"),
    ({"format": "something"}, "not an RNN Studio session"),
    ({"version": 9}, "session format version 9"),
    ({"runs": [{"file": "../../etc/passwd", "name": "x", "color": "#123456", "overlaid": False}]},
     "run 1 is not described"),
])
def test_a_bad_manifest_is_named(change: dict, words: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.rnnsession"
    manifest = {"format": "rnnstudio-session", "version": 1, "runs": [], "selected": None, "epoch": None, **change}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("session.json", json.dumps(manifest))
    with pytest.raises(SessionFileError, match=words):
        open_session(path)


def test_a_failed_write_leaves_the_previous_file_as_it_was(three_runs, tmp_path: Path) -> None:
    path = tmp_path / "kept.rnnsession"
    path.write_bytes(b"the previous session")
    session = Session()
    session.add(three_runs[0])
    with pytest.raises(SessionFileError, match="cannot write there"):
        save_session(tmp_path / "no such folder" / "x.rnnsession", [(three_runs[0], "#123456", False)], None, None)
    assert path.read_bytes() == b"the previous session"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.rnnsession"]  # no temporary file left


def test_a_session_declaring_more_than_it_may_hold_is_refused_before_reading(tmp_path: Path, monkeypatch) -> None:
    from rnnstudio.core import session_file

    path = tmp_path / "big.rnnsession"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("session.json", json.dumps({"format": "rnnstudio-session", "version": 1, "runs": [],
                                                     "selected": None, "epoch": None}))
        archive.writestr("filler", b"x" * 4096)
    monkeypatch.setattr(session_file, "MAX_SESSION_BYTES", 2048)  # the real bound is 4 GiB
    with pytest.raises(SessionFileError, match="a session opens at most"):
        open_session(path)
