"""Import TensorFlow once, quietly.

It also sets TensorFlow's thread pools for the studio's tiny models (see
:func:`_use_one_thread`).

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
from types import ModuleType

_lock = threading.Lock()


def tensorflow() -> ModuleType:
    """The ``tensorflow`` module (with Keras 3 ready), imported without start-up noise."""
    if "tensorflow" in sys.modules and "keras" in sys.modules:
        return sys.modules["tensorflow"]
    with _lock:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
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


def _use_one_thread(tf: ModuleType) -> None:
    """Run TensorFlow's ops on one thread. The studio's models are tiny: splitting their
    ops over threads costs more than it saves (R2 trains 25-35 % faster on one thread on a
    2-core machine), and it leaves the other core to the window while training runs."""
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # the runtime was already started by someone else's import
        pass
