"""A later launch trains without tracing or compiling again, whatever ran before it.

Each launch here is a fresh Python process with its own (temporary) cache folder, as a
user's second, third... start of the studio would be.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # each test starts fresh processes that import TensorFlow

TRAIN = """
import json, sys
from rnnstudio.core.tf_runtime import tensorflow
tf = tensorflow()
import dataclasses
from rnnstudio.core.models import build_model
from rnnstudio.core.recipes import recipe
from rnnstudio.core.trainer import Trainer
if "--other-work-first" in sys.argv:  # what a session may have done before: other tracing, other models
    for power in range(3):
        tf.function(lambda a: a ** power)(tf.constant(2.0))
    for name in ("pulse-lstm-stateful", "sine-simplernn"):
        build_model(recipe(name).model, recipe(name).samples, recipe(name).train.batch_size)
from rnnstudio.core.recipes import recipe
from rnnstudio.core.trainer import Trainer
experiment = recipe("sine-simplernn")
experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=3))
print(json.dumps(Trainer(experiment).run().history.loss))
"""


def launch(cache: Path, *flags: str) -> list[float]:
    """The per-epoch losses of a short R1 run in a new process using ``cache``."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("TF_XLA_FLAGS", None)
    env.pop("RNNSTUDIO_NO_COMPILE_CACHE", None)
    done = subprocess.run([sys.executable, "-c", TRAIN, *flags], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def cached(cache: Path) -> dict[str, set[str]]:
    """The compiled programs and the traces in ``cache``, by folder."""
    return {kind: {entry.name for entry in (cache / "rnnstudio" / kind).iterdir()} for kind in ("xla", "traces")}


@pytest.fixture(scope="module")
def first_launch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[float], dict[str, set[str]]]:
    cache = tmp_path_factory.mktemp("cache")
    losses = launch(cache)
    return cache, losses, cached(cache)


def test_a_later_launch_after_other_work_neither_traces_nor_compiles_again(first_launch: tuple) -> None:
    cache, losses, first = first_launch
    assert len(first["xla"]) == 1 and len(first["traces"]) == 1  # R1's program, compiled and traced once
    (trace,) = (cache / "rnnstudio" / "traces").iterdir()
    stored = trace.stat().st_mtime_ns
    # other tracing and other models first: before traced names were made portable, this
    # gave R1's program new names, and XLA compiled it again
    assert launch(cache, "--other-work-first") == losses  # the same maths, to the last bit
    assert cached(cache) == first  # nothing compiled, nothing traced
    assert trace.stat().st_mtime_ns == stored


def test_a_damaged_stored_trace_is_traced_afresh(first_launch: tuple, tmp_path: Path) -> None:
    first_cache, losses, _ = first_launch
    for damage in ('{"entry": "x", "library": "', '{"entry": "x", "library": "AAAAAAAA", "captures": [], '
                   '"capture_shapes": [], "outputs": []}'):  # cut off mid-write; whole but unloadable
        cache = tmp_path / str(len(damage))
        shutil.copytree(first_cache, cache)  # a cache as the first launch left it
        (trace,) = (cache / "rnnstudio" / "traces").iterdir()
        trace.write_text(damage)
        assert launch(cache) == losses
        assert json.loads(trace.read_text())["entry"].startswith("__inference__epochs_graph")  # stored anew


