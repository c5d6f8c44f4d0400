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
