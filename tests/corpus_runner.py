"""Feed the hostile-input corpus (``hostile_inputs.py``) to the CLI in one process and write
one JSON record per (item, command): exit code, stderr, seconds, whether a traceback or a
hang occurred, and the process's peak memory so far. Run as
``python tests/corpus_runner.py FOLDER RESULTS.json [NAME ...]``."""

from __future__ import annotations

import contextlib
import io
import json
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import hostile_inputs

ITEM_SECONDS = 60
ARGUMENTS = {"info": ["info", "{path}"], "rollout": ["rollout", "{path}", "--steps", "20"],
             "forecast": ["forecast", "{path}", "--steps", "5"],
             "train": ["train", "{path}", "--epochs", "1", "--out", "{folder}/{name}.out.keras"]}


def studio_file(folder: Path) -> bytes:
    """A valid small studio file: R1's model, untrained, with a one-epoch history and its series."""
    from rnnstudio.core.data import load_series
    from rnnstudio.core.history import History
    from rnnstudio.core.models import build_model
    from rnnstudio.core.recipes import RECIPES
    from rnnstudio.core.storage import save_model

    experiment = RECIPES["sine-simplernn"]
    path = folder / "base.keras"
    model = build_model(experiment.model, experiment.samples, seed=0)
    save_model(path, model, experiment, History([0.5], [0.5]), series=load_series(experiment.data))
    return path.read_bytes()


def _timeout(*_: object) -> None:
    raise TimeoutError(f"no answer within {ITEM_SECONDS} s")


def run_one(argv: list[str]) -> dict:
    """Run ``rnnstudio-cli argv`` in this process; what a user would see, and how long it took."""
    from rnnstudio import cli

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(ITEM_SECONDS)
    escaped = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(argv)
    except BaseException:
        code, escaped = None, traceback.format_exc()
    finally:
        signal.alarm(0)
    return {"argv": argv, "code": code, "stderr": err.getvalue(), "stdout": out.getvalue()[-2000:],
            "escaped": escaped, "seconds": round(time.perf_counter() - start, 2),
            "peak_mb": peak_mb()}


def peak_mb() -> int:
    """This process's peak resident memory so far, in MB: the kernel's high-water mark of its
    own memory (``VmHWM``). Not ``ru_maxrss``: Linux carries that over from before ``exec``, so
    a runner started by a big test worker would report the worker's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def main(folder: Path, results: Path, names: list[str]) -> None:
    """Make the corpus in ``folder``, run it, write the records to ``results``."""
    from rnnstudio.core.tf_runtime import tensorflow

    tensorflow()
    folder.mkdir(parents=True, exist_ok=True)
    items = hostile_inputs.model_items(studio_file(folder)) + hostile_inputs.series_items()
    records = []
    for item in items:
        if names and item.name not in names:
            continue
        path = item.make(folder)
        for command in item.commands:
            if command not in ARGUMENTS:
                continue
            argv = [part.format(path=path, folder=folder, name=item.name) for part in ARGUMENTS[command]]
            records.append({"item": item.name, "kind": item.kind, "command": command, **run_one(argv)})
            print(json.dumps({k: records[-1][k] for k in ("item", "command", "code", "seconds", "peak_mb")}),
                  flush=True)
    results.write_text(json.dumps(records, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:])
