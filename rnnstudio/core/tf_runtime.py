"""Import TensorFlow once, quietly.

It also sets TensorFlow's thread pools for the studio's tiny models (see
:func:`_use_one_thread`), and keeps XLA's compiled training steps on disk in the user's cache
folder (see :func:`use_compile_cache`), so a second launch does not compile them again
(:mod:`.fast_start` makes sure a later launch finds them there). Only public APIs are used
here.

TensorFlow 2.21 prints C++ start-up notices (oneDNN, CUDA) on stderr before its logging is
configured, ignoring ``TF_CPP_MIN_LOG_LEVEL``. Users of the CLI and the app should not see
them, so the first import runs with stderr sent to a temporary file, which is echoed only
if the import fails.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path
from types import ModuleType

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


def _use_one_thread(tf: ModuleType) -> None:
    """Run TensorFlow's ops on one thread. The studio's models are tiny: splitting their
    ops over threads costs more than it saves (R2 trains 25-35 % faster on one thread on a
    2-core machine), and it leaves the other core to the window while training runs."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # the runtime was already started by someone else's import
        pass
