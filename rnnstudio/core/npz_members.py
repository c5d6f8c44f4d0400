"""Arrays in a model file's extra members: ``.npz`` archives that cannot carry code.

Nothing is unpickled, and each array's header (type, shape) is checked before its data is
read, so a small member cannot claim a huge array.
"""

from __future__ import annotations

import io
import zipfile

import numpy as np


def write_npz(arrays: dict[str, np.ndarray]) -> bytes:
    """``arrays`` as compressed ``.npz`` bytes."""
    buffer = io.BytesIO()
    np.savez_compressed(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()


def read_array(archive: zipfile.ZipFile, name: str, shape: tuple[int, ...] | None, most: int | None) -> np.ndarray:
    """One ``.npy`` member of an open ``.npz`` archive, its declared type and shape (exactly
    ``shape``, or 1-D of at most ``most`` values) checked before any data is read; floats come
    back as float32, integers as int64. Raises ValueError."""
    with archive.open(name) as stream:
        version = np.lib.format.read_magic(stream)
        if version not in ((1, 0), (2, 0)):
            raise ValueError(f"snapshot array {name} has an unknown format version {version}")
        header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        declared, fortran, dtype = header(stream)
        if dtype.hasobject or dtype.kind not in "if" or fortran:
            raise ValueError(f"snapshot array {name} has type {dtype}; only plain numbers are read")
        if (shape is not None and declared != shape) or (most is not None and (len(declared) != 1 or declared[0] > most)):
            raise ValueError(f"snapshot array {name} has shape {declared}, expected {shape or f'at most {most} values'}")
        count = int(np.prod(declared))
        raw = stream.read(count * dtype.itemsize + 1)
    if len(raw) != count * dtype.itemsize:
        raise ValueError(f"snapshot array {name} is truncated or too long")
    array = np.frombuffer(raw, dtype=dtype).reshape(declared)
    return array.astype(np.float32) if dtype.kind == "f" else array.astype(np.int64)
