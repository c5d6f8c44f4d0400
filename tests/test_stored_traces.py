"""A stored trace that is not one (damaged, of another form) is read as none, never raised."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.mark.parametrize("damage", [json.dumps({"entry": 1}), "[]", json.dumps({"entry": "x", "library": 5}), "\x00"])
def test_a_stored_trace_of_the_wrong_form_reads_as_none(damage: str, tmp_path: Path, monkeypatch) -> None:
    from rnnstudio.core import stored_traces

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    stored_traces.traces_folder().mkdir(parents=True)
    (stored_traces.traces_folder() / "k.json").write_text(damage)
    assert stored_traces.traces_folder().is_relative_to(tmp_path) and stored_traces.load("k") is None



def test_a_program_made_again_finds_its_stored_traces_however_many_optimizers_came_before(
        tmp_path: Path, monkeypatch) -> None:
    """The optimizer's name once carried Keras's count of optimizers made ("adam_14") into the
    traces' keys and ops: a program made again, here or in the window's long-lived training
    process, missed its stored traces, and its ops clashed with the first one's names."""
    import dataclasses

    import keras

    from rnnstudio.core import compiled, stored_traces, trainer
    from rnnstudio.core.recipes import recipe

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    experiment = recipe("sine-simplernn")
    experiment = dataclasses.replace(experiment, model=dataclasses.replace(experiment.model, units=3),
                                     train=dataclasses.replace(experiment.train, epochs=2, optimizer="adam"))
    stored = []
    for _ in range(2):
        monkeypatch.setattr(trainer, "PROGRAMS", compiled.ProgramCache())  # the program made anew
        keras.optimizers.Adam()  # other work made an optimizer meanwhile
        assert trainer.Trainer(experiment).run().epochs_run == 2
        stored.append(sorted(path.name for path in stored_traces.traces_folder().iterdir()))
    assert stored[0] and stored[1] == stored[0]
