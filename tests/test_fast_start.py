"""The fast path's private TensorFlow calls can never break training: switched off, or with
an API gone (simulated in a fresh process), R1 trains on plain tf.function with the same
losses to the last bit, and the log says once why the fast path is off."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TRAIN = """
import dataclasses, json, logging, sys
logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
from rnnstudio.core.tf_runtime import tensorflow
tensorflow()
from tensorflow.python.eager import context
from tensorflow.python.framework import ops
if "--no-call-function" in sys.argv:  # Context.call_function gone, as far as callers outside TensorFlow see
    tf_own = context.Context.call_function
    def call_function(self, *args):
        if not sys._getframe(1).f_globals.get("__name__", "").startswith("tensorflow"):
            raise AttributeError("'Context' object has no attribute 'call_function'")
        return tf_own(self, *args)
    context.Context.call_function = call_function
if "--old-create-c-op" in sys.argv:  # a TensorFlow whose _create_c_op lost its extract_traceback keyword
    original = ops._create_c_op
    def _create_c_op(graph, node_def, inputs, control_inputs, op_def=None):
        return original(graph, node_def, inputs, control_inputs, op_def=op_def)
    ops._create_c_op = _create_c_op
if "--call-fails" in sys.argv:  # the probe passes, then the runtime refuses every stored call
    from rnnstudio.core import fast_start
    assert fast_start.available()
    def refuse(*args, **kwargs):
        raise RuntimeError("simulated: call_function changed its arguments")
    fast_start.call_function = refuse
from rnnstudio.core import fast_start
from rnnstudio.core.recipes import recipe
from rnnstudio.core.trainer import Trainer
experiment = recipe("sine-simplernn")
experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=4))
losses = Trainer(experiment).run().history.loss
print(json.dumps({"losses": losses, "fast": fast_start.available(), "why": fast_start.why_not()}))
"""


def launch(cache: Path, *flags: str, fast_start: bool = True) -> tuple[dict, str]:
    """A short R1 run in a new process: its losses and fast-path state, and its stderr."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "TF_CPP_MIN_LOG_LEVEL": "3"}
    env.pop("RNNSTUDIO_NO_FAST_START", None)
    if not fast_start:
        env["RNNSTUDIO_NO_FAST_START"] = "1"
    done = subprocess.run([sys.executable, "-c", TRAIN, *flags], env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1]), done.stderr


pytestmark = pytest.mark.slow  # each test starts a fresh process that imports TensorFlow


@pytest.fixture(scope="module")
def fast_run() -> dict:
    """R1's losses on the fast path, trained in this process (whose fast path is on)."""
    import dataclasses

    from rnnstudio.core import fast_start
    from rnnstudio.core.recipes import recipe
    from rnnstudio.core.trainer import Trainer

    experiment = recipe("sine-simplernn")
    experiment = dataclasses.replace(experiment, train=dataclasses.replace(experiment.train, epochs=4))
    losses = Trainer(experiment).run().history.loss
    assert fast_start.available() and fast_start.why_not() == ""
    return {"losses": losses}


def test_switched_off_the_plain_path_gives_the_same_losses_to_the_last_bit(fast_run: dict, tmp_path: Path) -> None:
    outcome, log = launch(tmp_path, fast_start=False)
    assert not outcome["fast"] and "RNNSTUDIO_NO_FAST_START" in outcome["why"]
    assert outcome["losses"] == fast_run["losses"]
    assert log.count("fast start is off") == 1


@pytest.mark.parametrize("flag, reason", [("--no-call-function", "call_function"),
                                          ("--old-create-c-op", "extract_traceback")])
def test_a_missing_private_api_still_trains_on_the_plain_path(fast_run: dict, tmp_path: Path, flag: str,
                                                              reason: str) -> None:
    outcome, log = launch(tmp_path, flag)
    assert not outcome["fast"] and reason in outcome["why"]
    assert outcome["losses"] == fast_run["losses"]
    assert log.count("fast start is off") == 1


def test_a_private_call_failing_after_the_probe_falls_back_and_stores_nothing(fast_run: dict, tmp_path: Path) -> None:
    outcome, log = launch(tmp_path, "--call-fails")
    assert not outcome["fast"] and "simulated" in outcome["why"]
    assert outcome["losses"] == fast_run["losses"]
    assert "fast start is off from now on" in log
    assert not list((tmp_path / "rnnstudio" / "traces").glob("*.json"))  # a trace that never ran is not kept
