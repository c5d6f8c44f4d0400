"""Every private TensorFlow call the studio makes, fenced: probed once, with a public fallback.

Two tricks make a run's first epoch fast (see :mod:`.stored_traces`):

- **portable tracing**: TensorFlow names traced functions after one process-wide counter
  (``ops.uid``) and records a Python stack trace into every traced op
  (``ops._create_c_op(..., extract_traceback=...)``); XLA's disk cache keys a compiled program
  by both, so the same program traced in another process, or after other tracing, missed it.
  Inside :func:`portable_tracing` the names come from a stream of the program's own and no
  stack traces are kept.
- **stored traces**: a traced function library is registered with the eager runtime
  (``Context.add_function_def``) and called as one op (``Context.call_function``), so a later
  process need not trace at all.

Both use APIs TensorFlow does not promise to keep. :func:`available` probes them once (the
signatures, then a tiny traced function stored, loaded and called, compared with the plain
call); on any failure, or with ``RNNSTUDIO_NO_FAST_START=1``, the studio uses plain
``tf.function`` only and says why once in the log. The plain path computes the same losses to
the last bit: only the first-epoch time differs. A TensorFlow upgrade may make the studio
slower, never broken.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import itertools
import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from .tf_runtime import tensorflow

log = logging.getLogger(__name__)

SWITCH = "RNNSTUDIO_NO_FAST_START"
NAMES_BASE = 10**16  # far above TensorFlow's own counter, which counts the ops and functions made
NAMES_PER_KEY = 10**6
PACKAGE = str(Path(__file__).resolve().parent.parent)

_lock = threading.Lock()
_tracing = threading.local()
_name_streams: dict[str, Iterator[int]] = {}
_state: dict[str, Any] = {"available": None, "reason": "", "routed": False}


def available() -> bool:
    """Whether the fast path may be used: not switched off, and the private APIs probed fine
    (probed on the first call; later calls answer at once)."""
    with _lock:
        if _state["available"] is None:
            reason = _switched_off() or _probe()
            _state["available"], _state["reason"] = not reason, reason
            if reason:
                log.warning("RNN Studio's fast start is off (%s): training uses plain tf.function, "
                            "with the same results; a first epoch may take longer", reason)
        return bool(_state["available"])


def why_not() -> str:
    """Why the fast path is off ("" while it is on, or not yet probed)."""
    return str(_state["reason"])


def give_up(reason: str) -> None:
    """Turn the fast path off for the rest of the process (a call failed after the probe)."""
    with _lock:
        if _state["available"]:
            log.warning("RNN Studio's fast start is off from now on (%s): training goes on with plain "
                        "tf.function", reason)
        _state["available"], _state["reason"] = False, reason


def _switched_off() -> str:
    return f"{SWITCH} is set" if os.environ.get(SWITCH, "") not in ("", "0") else ""


@contextlib.contextmanager
def portable_tracing(key: str, sources: set[str] | None = None) -> Iterator[None]:
    """Trace TensorFlow functions in this thread as a later process would load them: names
    from a stream of ``key``'s own (the same in every process; continuing between traces of
    one key, so they stay unique) and no Python stack traces in the ops (XLA would put them
    into the compiled program, so a program traced here and the same one loaded from disk
    would be compiled twice). Adds to ``sources`` the studio's source files whose code ran
    while tracing: what the traced program was built from. Without the fast path it only
    collects ``sources``."""
    if not available():
        with _recording_sources(sources):
            yield
        return
    from tensorflow.python.framework import ops

    with _lock:
        _route_through_tracing_once(ops)
        digest = int(hashlib.sha256(key.encode()).hexdigest()[:9], 16)
        stream = _name_streams.setdefault(key, itertools.count(NAMES_BASE + digest * NAMES_PER_KEY))
    _tracing.stream = stream
    try:
        with _recording_sources(sources):
            yield
    finally:
        _tracing.stream = None


def register_functions(definitions: Sequence[Any]) -> bool:
    """Register function definitions with TensorFlow's eager runtime; False if it refuses one
    (another definition holds its name). The runtime counts registrations and these are never
    withdrawn, so the functions outlive the traced originals they came from."""
    import tensorflow as tf
    from tensorflow.python.eager import context

    runtime = context.context()
    try:
        for definition in definitions:
            runtime.add_function_def(definition)
    except (tf.errors.OpError, ValueError):
        return False
    return True


def call_function(name: str, inputs: Sequence[Any], outputs: int) -> list[Any]:
    """Run the registered function ``name`` on ``inputs`` as one op (as tf.function calls its
    traced functions); its ``outputs`` flat outputs."""
    from tensorflow.python.eager import context

    return context.context().call_function(name.encode(), list(inputs), outputs)


def _route_through_tracing(ops: Any) -> None:
    """Make ``ops.uid`` and the recording of stack traces obey :func:`portable_tracing` in the
    threads inside it; every other thread gets TensorFlow's own behaviour."""
    process_uid, create_c_op = ops.uid, ops._create_c_op

    def uid() -> int:
        stream = getattr(_tracing, "stream", None)
        return next(stream) if stream is not None else process_uid()

    def c_op(*args: Any, **kwargs: Any) -> Any:
        if getattr(_tracing, "stream", None) is not None:
            kwargs["extract_traceback"] = False
        return create_c_op(*args, **kwargs)

    ops.uid, ops._create_c_op = uid, c_op


@contextlib.contextmanager
def _recording_sources(sources: set[str] | None) -> Iterator[None]:
    """Add to ``sources`` the files of this package whose functions are called in this thread."""
    if sources is None:
        yield
        return
    seen: set[Any] = set()

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        if event == "call" and frame.f_code not in seen:
            seen.add(frame.f_code)
            if frame.f_code.co_filename.startswith(PACKAGE):
                sources.add(frame.f_code.co_filename)

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield
    finally:
        sys.setprofile(previous)


def _probe() -> str:
    """"" when the private APIs are there and work as expected; else what is wrong."""
    try:
        tf = tensorflow()
        from tensorflow.python.eager import context
        from tensorflow.python.framework import ops

        if not callable(getattr(ops, "uid", None)):
            return "tensorflow.python.framework.ops.uid is missing"
        create = getattr(ops, "_create_c_op", None)
        if create is None or "extract_traceback" not in inspect.signature(create).parameters:
            return "ops._create_c_op no longer takes extract_traceback"
        runtime = context.context()
        for name in ("add_function_def", "call_function"):
            if not callable(getattr(runtime, name, None)):
                return f"the eager context has no {name}"
        return _probe_round_trip(tf)
    except Exception as error:
        return f"probing failed: {type(error).__name__}: {error}"


def _probe_round_trip(tf: Any) -> str:
    """Trace a tiny function portably, register its library, call it as an op: same answer?"""
    from tensorflow.python.framework import ops

    variable = tf.Variable([1.5, -2.0])
    function = tf.function(lambda x: tf.reduce_sum(x * variable), autograph=False)
    argument = tf.constant([2.0, 3.0])
    _route_through_tracing_once(ops)
    _tracing.stream = itertools.count(NAMES_BASE - NAMES_PER_KEY)  # a stream no program key uses
    try:
        concrete = function.get_concrete_function(argument)
    finally:
        _tracing.stream = None
    library = concrete.graph.as_graph_def().library
    library.function.append(concrete.function_def)
    if not register_functions(list(library.function)):
        return "the eager runtime refused a traced function"
    result = call_function(concrete.function_def.signature.name, [argument, *concrete.captured_inputs], 1)
    if abs(float(result[0]) - float(concrete(argument))) > 1e-6:
        return "a stored function gave a different result"
    return ""


def _route_through_tracing_once(ops: Any) -> None:
    """Install :func:`_route_through_tracing` (the caller holds ``_lock``)."""
    if not _state["routed"]:
        _route_through_tracing(ops)
        _state["routed"] = True
