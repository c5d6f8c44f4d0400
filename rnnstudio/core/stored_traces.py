"""Traced training programs kept on disk, so that a new process does not trace them again.

XLA's disk cache spares a new process the compiling, but not the tracing: building the
training program's graph through Keras's layers, its gradient and its optimizer is 0.2-0.4 s
of Python in every process, most of a short run's time (R1 trains for about 0.1 s). So the
traced graph itself (a ``FunctionDefLibrary``) is kept too, in the user's cache folder beside
XLA's, and a later process puts it straight into TensorFlow's runtime and calls it as one
function op, with its own program's variables in place of the captured ones: no Python runs
to rebuild it, and the compiled program behind it comes from XLA's cache.

A stored trace is keyed by the program, the shapes it is called with and the TensorFlow and
Keras versions; it names the studio's source files whose code ran while it was traced (and
their digests), and is traced afresh when any of them has changed. The private runtime calls
it needs live in :mod:`.fast_start`, which decides whether they are used at all.
The cache folder is the user's own, as trusted as XLA's cache of machine code beside it; a
file that does not parse, or does not fit the program's variables, is traced afresh.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import fast_start
from .safe_json import JsonError, read_json_file
from .tf_runtime import compile_cache_folder, trim_folder

TRACES_BYTES = 50 * 2**20  # about 200 traced programs; the oldest go first


@dataclass(frozen=True)
class Trace:
    """A traced function as TensorFlow's runtime takes it: the ``library`` of function
    definitions, the ``entry`` one to call, and for each input it captured at trace time,
    the index of that variable in the program's variables (with its shape and dtype);
    ``sources``: the studio's source files it was built from (relative to the package) and
    their digests."""

    entry: str
    library: bytes
    captures: list[int]
    capture_shapes: list[tuple[tuple[int, ...], str]]
    outputs: list[str]
    sources: dict[str, str]

    @classmethod
    def of(cls, function: Any, variables: Sequence[Any], sources: set[str]) -> Trace | None:
        """The trace of concrete ``function``, built from the code in the files ``sources``;
        None when it captured something other than ``variables`` (a constant, say), which a
        later process could not supply."""
        handles = {id(_tf_variable(variable).handle): index for index, variable in enumerate(variables)}
        found = [handles.get(id(captured)) for captured in function.captured_inputs]
        captures = [index for index in found if index is not None]
        if len(captures) < len(found):
            return None
        library = function.graph.as_graph_def().library
        library.function.append(function.function_def)
        return cls(function.function_def.signature.name, library.SerializeToString(), captures,
                   [_shape(variables[index]) for index in captures],
                   [output.dtype.name for output in function.outputs],
                   {_relative(path): _digest(path) for path in sorted(sources)})

    def fits(self, variables: Sequence[Any]) -> bool:
        """True when ``variables`` has every captured variable, of the same shape and dtype."""
        return all(index < len(variables) and _shape(variables[index]) == shape
                   for index, shape in zip(self.captures, self.capture_shapes))

    def current(self) -> bool:
        """True when every source file it was built from is unchanged."""
        root = Path(fast_start.PACKAGE)
        return bool(self.sources) and all(_digest(str(root / name)) == digest for name, digest in self.sources.items())

    def install(self) -> bool:
        """Register the function definitions with TensorFlow's runtime (False if it refuses
        one); see :func:`fast_start.register_functions`."""
        return fast_start.register_functions(_definitions(self.library))

    def call(self, args: Sequence[Any], variables: Sequence[Any]) -> list[Any]:
        """Run the entry function on ``args`` with ``variables`` captured; its flat outputs."""
        handles = [_tf_variable(variables[index]).handle for index in self.captures]
        return fast_start.call_function(self.entry, [*args, *handles], len(self.outputs))

    def to_json(self) -> dict:
        return {"entry": self.entry, "library": base64.b64encode(self.library).decode(), "captures": self.captures,
                "capture_shapes": [[list(shape), dtype] for shape, dtype in self.capture_shapes],
                "outputs": self.outputs, "sources": self.sources}

    @classmethod
    def from_json(cls, data: Any) -> Trace:
        """A trace from :meth:`to_json`'s form; ValueError (or KeyError, TypeError) if it is not one."""
        library = base64.b64decode(data["library"], validate=True)
        _definitions(library)  # it must parse
        return cls(str(data["entry"]), library,
                   [int(index) for index in data["captures"]],
                   [(tuple(int(n) for n in shape), str(dtype)) for shape, dtype in data["capture_shapes"]],
                   [str(dtype) for dtype in data["outputs"]],
                   {str(name): str(digest) for name, digest in data["sources"].items()})


def trace_key(*parts: str) -> str:
    """A file name for the trace of ``parts``, also naming the TensorFlow and Keras versions."""
    import keras
    import tensorflow as tf

    digest = hashlib.sha256("\n".join([*parts, tf.__version__, keras.__version__]).encode())
    return digest.hexdigest()[:40]


def load(key: str) -> Trace | None:
    """The stored trace under ``key``, or None (none stored, not readable as one, or built
    from source files that have changed since)."""
    path = traces_folder() / f"{key}.json"
    try:
        trace = Trace.from_json(read_json_file(path, "a stored trace"))
    except (OSError, JsonError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return trace if trace.current() else None


def store(key: str, trace: Trace) -> None:
    """Keep ``trace`` under ``key`` (quietly skipped where the cache folder is not writable)."""
    folder = traces_folder()
    temporary = folder / f".{key}-{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        trim_folder(folder, TRACES_BYTES)
        temporary.write_text(json.dumps(trace.to_json()))
        temporary.replace(folder / f"{key}.json")
    except OSError:
        temporary.unlink(missing_ok=True)


def traces_folder() -> Path:
    """Where traced programs are kept: beside XLA's compiled ones."""
    return compile_cache_folder().parent / "traces"


def _definitions(library: bytes) -> list[Any]:
    """The function definitions in a serialized ``FunctionDefLibrary``; ValueError if it is not one."""
    from google.protobuf.message import DecodeError
    from tensorflow.core.framework import function_pb2

    try:
        return list(function_pb2.FunctionDefLibrary.FromString(library).function)
    except DecodeError as error:
        raise ValueError(f"not a function library: {error}") from None


def _tf_variable(variable: Any) -> Any:
    """The ``tf.Variable`` behind a Keras variable."""
    return getattr(variable, "value", variable)


def _shape(variable: Any) -> tuple[tuple[int, ...], str]:
    return tuple(int(n) for n in variable.shape), str(variable.dtype)


def _relative(path: str) -> str:
    return Path(path).resolve().relative_to(Path(fast_start.PACKAGE)).as_posix()


@cache
def _digest(path: str) -> str:
    """The sha256 of a source file ("" if it cannot be read); read once per process."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return ""
