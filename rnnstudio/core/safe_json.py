"""JSON from files a user gives: bounded nesting and number sizes, one error type.

Python's parser recurses once per nesting level (100,000 levels raise ``RecursionError``)
and turns a 400-digit number into an int that later overflows a float; both are refused
here, before parsing, with a message naming what was read."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path
from typing import Any

import numpy as np

MAX_DEPTH = 64
MAX_DIGITS = 30
MAX_BYTES = 32 * 2**20
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


class JsonError(ValueError):
    """JSON that is refused; the message says what is wrong with it."""


def nesting_depth(raw: bytes) -> int:
    """The deepest nesting of ``[`` and ``{`` in ``raw``, outside strings."""
    codes = np.frombuffer(_STRINGS.sub(b'""', raw), dtype=np.uint8)
    steps = (np.isin(codes, (ord("["), ord("{"))).astype(np.int64)
             - np.isin(codes, (ord("]"), ord("}"))).astype(np.int64))
    return int(np.cumsum(steps).max(initial=0))


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise JsonError(f"a whole number has {len(text.lstrip('-'))} digits; at most {MAX_DIGITS} are read")
    return int(text)


def _real_number(text: str) -> float:
    value = float(text)
    if not np.isfinite(value):
        raise JsonError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is out of range")
    return value


def _constant(name: str) -> float:
    raise JsonError(f"{name} is not a number JSON allows")


def load_json(raw: str | bytes, what: str) -> Any:
    """Parse ``raw`` (the JSON text of ``what``, e.g. "config.json"); raises :class:`JsonError`
    naming ``what`` for bad JSON, nesting deeper than 64, numbers with more than 30 digits or
    out of float range, NaN/Infinity, and more than 32 MiB."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(data) > MAX_BYTES:
        raise JsonError(f"{what} is {len(data)} bytes; at most {MAX_BYTES} are read")
    depth = nesting_depth(data)
    if depth > MAX_DEPTH:
        raise JsonError(f"{what} nests {depth} levels deep; at most {MAX_DEPTH} are read")
    try:
        return json.loads(data, parse_int=_whole_number, parse_float=_real_number, parse_constant=_constant)
    except JsonError as error:
        raise JsonError(f"{what}: {error}") from None
    except (ValueError, RecursionError) as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        first = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
        raise JsonError(f"{what} is not valid JSON ({first})") from None


def read_json_file(path: Path, what: str) -> Any:
    """Parse the JSON file at ``path`` (as :func:`load_json`); a missing file, a folder, a
    pipe or a device is refused before anything is read."""
    try:
        info = path.stat()
    except OSError as error:
        raise JsonError(f"{path}: {'no such file' if isinstance(error, FileNotFoundError) else error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise JsonError(f"{path}: not a regular file (a folder, pipe or device)")
    if info.st_size > MAX_BYTES:
        raise JsonError(f"{path}: is {info.st_size:,} bytes; at most {MAX_BYTES:,} are read as {what}")
    try:
        return load_json(path.read_bytes(), f"{path}")
    except OSError as error:
        raise JsonError(f"{path}: cannot be read ({error.strerror})") from None
