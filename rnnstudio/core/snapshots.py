"""Weight snapshots after every epoch of a run, thinned evenly to fit a memory budget.

Replaying an epoch needs the weights the model had after it. A run records them after each
epoch; when the run has more epochs than fit into :data:`MAX_SNAPSHOT_BYTES` (or more than
:data:`MAX_SNAPSHOTS`), every other kept epoch is dropped and the spacing doubles, so the
kept epochs stay evenly spread. The first and the latest epoch are always kept.

The training thread adds snapshots while the window reads them: every access holds a lock.
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Callable, Iterable
from typing import TypeVar

import numpy as np

from .npz_members import read_array, write_npz

MAX_SNAPSHOT_BYTES = 100 * 2**20  # per run
MAX_SNAPSHOTS = 1000  # per run, whatever their size (keeps files and the slider usable)
Value = TypeVar("Value")


class Snapshots:
    """Epoch -> weights (float32 arrays in ``model.get_weights()`` order)."""

    def __init__(self, budget_bytes: int = MAX_SNAPSHOT_BYTES, max_count: int = MAX_SNAPSHOTS) -> None:
        self._lock = threading.Lock()
        self._epochs: list[int] = []
        self._weights: list[list[np.ndarray]] = []
        self.budget_bytes = budget_bytes
        self.max_count = max_count
        self.stride = 1
        self._pinned: set[int] = set()

    def add(self, epoch: int, weights: list[np.ndarray]) -> None:
        """Record the weights after ``epoch`` (epochs must grow)."""
        weights = [np.asarray(w, dtype=np.float32) for w in weights]
        with self._lock:
            if self._epochs and epoch <= self._epochs[-1]:
                raise ValueError(f"snapshot for epoch {epoch} after epoch {self._epochs[-1]}")
            if len(self._epochs) > 1 and not self._on_grid(self._epochs[-1]) and self._epochs[-1] not in self._pinned:
                del self._epochs[-1], self._weights[-1]  # it was kept only for being the latest
            self._epochs.append(epoch)
            self._weights.append(weights)
            while len(self._epochs) > max(self.capacity(weights), 2 + len(self._pinned)):
                self.stride *= 2
                keep = [i for i, e in enumerate(self._epochs)
                        if self._on_grid(e) or i == len(self._epochs) - 1 or e in self._pinned]
                self._epochs = [self._epochs[i] for i in keep]
                self._weights = [self._weights[i] for i in keep]

    def pin(self, epoch: int) -> None:
        """Never drop ``epoch``'s snapshot when thinning (a refit run's kept epoch, which
        scores it): pin an epoch that has one."""
        with self._lock:
            self._pinned.add(epoch)

    def capacity(self, weights: list[np.ndarray]) -> int:
        """How many snapshots of this size fit the budget (never fewer than 2)."""
        size = max(sum(w.nbytes for w in weights), 1)
        return max(2, min(self.max_count, self.budget_bytes // size))

    def _on_grid(self, epoch: int) -> bool:
        return (epoch - self._epochs[0]) % self.stride == 0

    @property
    def epochs(self) -> list[int]:
        """The epochs that have a snapshot, ascending."""
        with self._lock:
            return list(self._epochs)

    def __len__(self) -> int:
        with self._lock:
            return len(self._epochs)

    @property
    def latest_epoch(self) -> int | None:
        with self._lock:
            return self._epochs[-1] if self._epochs else None

    def nearest_epoch(self, epoch: int) -> int | None:
        """The kept epoch closest to ``epoch`` (the later one on a tie)."""
        kept = self.nearest(epoch)
        return None if kept is None else kept[0]

    def nearest(self, epoch: int, before: int | None = None) -> tuple[int, list[np.ndarray]] | None:
        """The kept epoch closest to ``epoch`` (the later one on a tie; only those below
        ``before`` when given) and its weights, read together under one lock, so training
        cannot drop that epoch in between; None when nothing is kept yet."""
        with self._lock:
            indices = [i for i, e in enumerate(self._epochs) if before is None or e < before]
            if not indices:
                return None
            index = min(indices, key=lambda i: (abs(self._epochs[i] - epoch), -self._epochs[i]))
            return self._epochs[index], self._weights[index]

    def refit_scorer(self, refit: tuple[int, int]) -> tuple[int, list[np.ndarray]] | None:
        """The snapshot that scores a run refit on every sample from ``refit`` (kept epoch,
        first refit epoch): the kept epoch's, or the nearest kept before the refit (none of
        those saw the validation part)."""
        return self.nearest(refit[0], before=refit[1])

    def weights_at(self, epoch: int) -> list[np.ndarray]:
        """The weights after ``epoch`` (which must have a snapshot)."""
        with self._lock:
            return self._weights[self._epochs.index(epoch)]

    def nbytes(self) -> int:
        with self._lock:
            return sum(w.nbytes for weights in self._weights for w in weights)

    # -- files ------------------------------------------------------------------------------
    def to_npz(self) -> bytes:
        """The snapshots as ``.npz`` bytes: ``epochs`` and one stacked array per weight."""
        with self._lock:
            arrays = {"epochs": np.asarray(self._epochs, dtype=np.int64)}
            for index in range(len(self._weights[0]) if self._weights else 0):
                arrays[f"w{index}"] = np.stack([weights[index] for weights in self._weights])
        return write_npz(arrays)

    @classmethod
    def from_npz(cls, data: bytes, shapes: list[tuple[int, ...]]) -> Snapshots:
        """Read :meth:`to_npz` bytes for a model whose weights have ``shapes``. Each array's
        header is checked before its data is read, and nothing is unpickled; raises
        ValueError when the arrays do not fit the model."""
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expected = {"epochs.npy"} | {f"w{i}.npy" for i in range(len(shapes))}
            if set(archive.namelist()) != expected:
                raise ValueError("the snapshot arrays do not match the model's weights")
            epochs = read_array(archive, "epochs.npy", None, MAX_SNAPSHOTS)
            if epochs.ndim != 1 or not len(epochs) or epochs.dtype.kind != "i" or np.any(np.diff(epochs) <= 0) \
                    or epochs[0] < 0:
                raise ValueError("the snapshot epochs must be whole numbers of 0 or more, increasing")
            stacked = [read_array(archive, f"w{i}.npy", (len(epochs), *shape), None) for i, shape in enumerate(shapes)]
        snapshots = cls()
        snapshots._epochs = [int(e) for e in epochs]
        snapshots._weights = [[array[k] for array in stacked] for k in range(len(epochs))]
        gaps = np.diff(epochs[:-1])
        snapshots.stride = int(gaps.min()) if len(gaps) else 1
        return snapshots


def fill_by_epoch(by_epoch: dict[int, Value], lock: threading.Lock, snapshots: Snapshots, epochs: Iterable[int],
                  compute: Callable[[list[np.ndarray]], Value], keep_going: Callable[[], bool]) -> bool:
    """Put ``compute(weights)`` into ``by_epoch`` (guarded by ``lock``) for each of ``epochs``
    that has a snapshot and no value yet. ``keep_going`` is asked before each epoch, so a newer
    request or Quit stops it after one epoch's work; returns whether any value was added."""
    added = False
    for epoch in epochs:
        if not keep_going():
            break
        with lock:
            if epoch in by_epoch:
                continue
        kept = snapshots.nearest(epoch)
        if kept is None or kept[0] != epoch:
            continue
        value = compute(kept[1])
        with lock:
            by_epoch[epoch] = value
        added = True
    return added
