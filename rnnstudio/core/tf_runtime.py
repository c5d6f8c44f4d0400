"""Import TensorFlow once, quietly.

It also sets TensorFlow's thread pools for the studio's tiny models (see
:func:`_use_one_thread`), and keeps XLA's compiled training steps on disk in the user's cache
folder (see :func:`use_compile_cache`), so a second launch does not compile them again;
:func:`portable_tracing` makes sure a later launch finds them there.

TensorFlow 2.21 prints C++ start-up notices (oneDNN, CUDA) on stderr before its logging is
configured, ignoring ``TF_CPP_MIN_LOG_LEVEL``. Users of the CLI and the app should not see
them, so the first import runs with stderr sent to a temporary file, which is echoed only
if the import fails.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

_lock = threading.Lock()


def tensorflow() -> ModuleType:
    """The ``tensorflow`` module (with Keras 3 ready), imported without start-up noise."""
    if "tensorflow" in sys.modules and "keras" in sys.modules:
        return sys.modules["tensorflow"]
    with _lock:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        use_compile_cache()
        sys.stderr.flush()
        saved = os.dup(2)
        with tempfile.TemporaryFile() as captured:
            os.dup2(captured.fileno(), 2)
            try:
                import keras  # noqa: F401
                import tensorflow as tf
            except BaseException:
                os.dup2(saved, 2)
                captured.seek(0)
                sys.stderr.write(captured.read().decode(errors="replace"))
                raise
            finally:
                os.dup2(saved, 2)
                os.close(saved)
        tf.get_logger().setLevel("ERROR")
        _use_one_thread(tf)
        return tf


COMPILE_CACHE_BYTES = 200 * 2**20  # about 400 compiled steps; the oldest go first


def compile_cache_folder() -> Path:
    """Where XLA's compiled steps are kept: ``$XDG_CACHE_HOME/rnnstudio/xla`` (``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rnnstudio" / "xla"


def use_compile_cache() -> None:
    """Point XLA's persistent compilation cache at :func:`compile_cache_folder` (unless
    ``TF_XLA_FLAGS`` already names one, or ``RNNSTUDIO_NO_COMPILE_CACHE`` is set), trimmed to
    :data:`COMPILE_CACHE_BYTES` oldest-first. Must run before TensorFlow is imported."""
    flags = os.environ.get("TF_XLA_FLAGS", "")
    if "tf_xla_persistent_cache_directory" in flags or os.environ.get("RNNSTUDIO_NO_COMPILE_CACHE"):
        return
    folder = compile_cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        trim_folder(folder, COMPILE_CACHE_BYTES)
    except OSError:
        return  # no cache folder: compile every launch, as before
    os.environ["TF_XLA_FLAGS"] = f"{flags} --tf_xla_persistent_cache_directory={folder}".strip()


def trim_folder(folder: Path, budget: int) -> None:
    """Delete the oldest files in ``folder`` until they hold at most ``budget`` bytes."""
    files = sorted((entry.stat().st_mtime, entry.stat().st_size, entry) for entry in folder.iterdir() if entry.is_file())
    total = sum(size for _, size, _ in files)
    for _, size, entry in files:
        if total <= budget:
            break
        entry.unlink(missing_ok=True)
        total -= size


NAMES_BASE = 10**16  # far above TensorFlow's own counter, which counts the ops and functions made
NAMES_PER_KEY = 10**6
_tracing = threading.local()
_name_streams: dict[str, Iterator[int]] = {}


@contextmanager
def portable_tracing(key: str) -> Iterator[None]:
    """Trace TensorFlow functions in this thread as a later process would load them.

    TensorFlow names every traced function and loop body after one process-wide counter, and
    XLA's disk cache keys a compiled program by those names. So a program traced after any
    other tracing (another recipe, a plain Keras fit) got new names and missed the cache,
    though it was the same program. Traced here, the same ``key`` gets the same names in
    every process; the numbers continue between traces of one key, so names stay unique.

    It also leaves out the Python stack trace TensorFlow keeps for every traced op: XLA puts
    it into the compiled program, so a program traced here and the same program loaded from
    disk (see :mod:`rnnstudio.core.stored_traces`) would otherwise be compiled twice."""
    tensorflow()
    from tensorflow.python.framework import ops

    with _lock:
        if not _name_streams:
            _route_through_tracing(ops)
        digest = int(hashlib.sha256(key.encode()).hexdigest()[:9], 16)
        stream = _name_streams.setdefault(key, itertools.count(NAMES_BASE + digest * NAMES_PER_KEY))
    _tracing.stream = stream
    try:
        yield
    finally:
        _tracing.stream = None


def _route_through_tracing(ops: ModuleType) -> None:
    """Make ``ops.uid`` (the process-wide counter) and the recording of stack traces obey
    :func:`portable_tracing` in the threads that are inside it."""
    process_uid, create_c_op = ops.uid, ops._create_c_op

    def uid() -> int:
        stream = getattr(_tracing, "stream", None)
        return next(stream) if stream is not None else process_uid()

    def c_op(*args: Any, **kwargs: Any) -> Any:
        if getattr(_tracing, "stream", None) is not None:
            kwargs["extract_traceback"] = False
        return create_c_op(*args, **kwargs)

    ops.uid, ops._create_c_op = uid, c_op


def _use_one_thread(tf: ModuleType) -> None:
    """Run TensorFlow's ops on one thread. The studio's models are tiny: splitting their
    ops over threads costs more than it saves (R2 trains 25-35 % faster on one thread on a
    2-core machine), and it leaves the other core to the window while training runs."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # the runtime was already started by someone else's import
        pass
