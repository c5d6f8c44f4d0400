"""A whole session in one file: every run of the window (each a complete studio model file,
with its history, snapshots and series), their names and colours, which are overlaid, and the
selected run with its replayed epoch.

A session file is a zip archive: ``session.json`` (the list of runs and what is shown) and
one ``runs/<n>.keras`` member per run. Opening one never runs code from it: the manifest is
bounded JSON, no other member is accepted, every member's size is checked before it is read,
and each run goes through the same checks as a model file (:func:`~.storage.open_model`).
Writing is atomic: the previous file stays as it was unless the new one was written whole.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .run import Run
from .safe_json import JsonError, load_json
from .series import DataError
from .storage import MAX_FILE_BYTES, ModelFileError, SavedModel, open_model, save_model
from .text import printable

SESSION_SUFFIX = ".rnnsession"
MANIFEST = "session.json"
FORMAT = "rnnstudio-session"
VERSION = 1
MAX_RUNS = 200
MAX_MANIFEST_BYTES = 2**20
MAX_SESSION_BYTES = 4 * 2**30  # all of a session's runs, read before any is opened
COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class SessionFileError(ValueError):
    """A session file that cannot be written or opened; the message names the file and why."""


@dataclass(frozen=True)
class SessionRun:
    """One run as the session file keeps it."""

    name: str
    color: str
    overlaid: bool
    saved: SavedModel


@dataclass(frozen=True)
class SessionContents:
    """What a session file holds: its runs in list order, the selected one (an index) and
    its replayed epoch."""

    runs: list[SessionRun]
    selected: int | None
    epoch: int | None


def save_session(path: Path, runs: list[tuple[Run, str, bool]], selected: Run | None, epoch: int | None) -> None:
    """Write ``runs`` (each with its colour and whether it is overlaid), the ``selected`` run
    and its replayed ``epoch`` to ``path``. Runs without a model (a failed run) are left out."""
    kept = [(run, color, overlaid) for run, color, overlaid in runs if run.model is not None]
    if len(kept) > MAX_RUNS:
        raise SessionFileError(f"{path}: {len(kept)} runs; a session file holds at most {MAX_RUNS}")
    with tempfile.TemporaryDirectory(prefix="rnnstudio-session-") as folder:
        entries = []
        for number, (run, color, overlaid) in enumerate(kept, start=1):
            member = f"runs/{number}.keras"
            try:
                save_model(Path(folder) / f"{number}.keras", run.model, run.experiment, run.history, run.snapshots,
                           run.series, run.intervals)
            except (ModelFileError, OSError) as error:
                raise SessionFileError(f"{path}: the run “{printable(run.name)}” could not be written ({error})") from None
            entries.append({"file": member, "name": run.name, "color": color, "overlaid": overlaid})
        shown = next((index for index, (run, _, _) in enumerate(kept) if run is selected), None)
        manifest = {"format": FORMAT, "version": VERSION, "runs": entries, "selected": shown,
                    "epoch": epoch if shown is not None else None}
        _write_archive(path, manifest, Path(folder), len(kept))


def _write_archive(path: Path, manifest: dict[str, Any], folder: Path, count: int) -> None:
    """The zip at ``path``, written to a temporary file beside it and moved over it whole."""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".rnnsession-tmp", dir=path.parent)
    except OSError as error:
        raise SessionFileError(f"{path}: cannot write there ({error.strerror or error})") from None
    os.close(descriptor)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
            for number in range(1, count + 1):
                archive.write(folder / f"{number}.keras", f"runs/{number}.keras")
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if not isinstance(error, Exception):
            raise
        raise SessionFileError(f"{path}: could not be written ({error}); any previous file is unchanged") from None


def open_session(path: Path) -> SessionContents:
    """Read a session file without running code from it; :class:`SessionFileError` names the
    file and what is wrong with it."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            total = sum(info.file_size for info in infos.values())
            if total > MAX_SESSION_BYTES:  # its runs would all be held in memory at once
                raise SessionFileError(f"holds {total / 2**30:.1f} GiB of runs; a session opens at most "
                                       f"{MAX_SESSION_BYTES // 2**30} GiB")
            manifest = _manifest(archive, infos)
            listed = [entry["file"] for entry in manifest["runs"]]
            strangers = sorted(set(infos) - {MANIFEST, *listed})
            if strangers:
                raise SessionFileError(f"holds {printable(strangers[0])}, which is not one of its runs")
            runs = [_open_run(archive, infos, entry) for entry in manifest["runs"]]
    except zipfile.BadZipFile:
        raise SessionFileError(f"{path}: not a session file (not a zip archive)") from None
    except (OSError, SessionFileError, ModelFileError) as error:
        text = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise SessionFileError(f"{path}: {text}") from None
    selected = manifest["selected"]
    return SessionContents(runs, selected, manifest["epoch"] if selected is not None else None)


def _manifest(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> dict[str, Any]:
    info = infos.get(MANIFEST)
    if info is None:
        raise SessionFileError(f"not a session file: no {MANIFEST}")
    if info.file_size > MAX_MANIFEST_BYTES:
        raise SessionFileError(f"{MANIFEST} is larger than {MAX_MANIFEST_BYTES // 1024} KiB")
    try:
        raw = load_json(archive.read(MANIFEST).decode("utf-8"), MANIFEST)
    except (JsonError, UnicodeDecodeError) as error:
        raise SessionFileError(str(error)) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise SessionFileError(f"not a session file: {MANIFEST} is not an RNN Studio session")
    if raw.get("version") != VERSION:
        raise SessionFileError(f"session format version {printable(str(raw.get('version')))}; this studio reads {VERSION}")
    runs = raw.get("runs")
    if not isinstance(runs, list) or len(runs) > MAX_RUNS:
        raise SessionFileError(f"{MANIFEST}: runs must be a list of at most {MAX_RUNS}")
    for number, entry in enumerate(runs, start=1):
        if not (isinstance(entry, dict) and entry.get("file") == f"runs/{number}.keras"
                and isinstance(entry.get("name"), str) and entry["name"].strip()
                and isinstance(entry.get("color"), str) and COLOR.fullmatch(entry["color"])
                and isinstance(entry.get("overlaid"), bool)):
            raise SessionFileError(f"{MANIFEST}: run {number} is not described as a session file describes a run")
    selected, epoch = raw.get("selected"), raw.get("epoch")
    if selected is not None and not (type(selected) is int and 0 <= selected < len(runs)):
        raise SessionFileError(f"{MANIFEST}: selected = {printable(str(selected))} is not one of its runs")
    if epoch is not None and not (type(epoch) is int and epoch >= 0):
        raise SessionFileError(f"{MANIFEST}: epoch = {printable(str(epoch))} is not an epoch")
    return raw


def _open_run(archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo], entry: dict[str, Any]) -> SessionRun:
    """One run's model file, copied out of the archive (its size checked first) and opened as
    any model file is."""
    info = infos.get(entry["file"])
    if info is None:
        raise SessionFileError(f"lists {entry['file']}, which it does not hold")
    if info.file_size > MAX_FILE_BYTES:
        raise SessionFileError(f"{entry['file']} is larger than {MAX_FILE_BYTES // 2**20} MiB")
    with tempfile.TemporaryDirectory(prefix="rnnstudio-session-") as folder:
        member = Path(folder) / "run.keras"
        with archive.open(info) as source, open(member, "wb") as target:
            shutil.copyfileobj(source, target)
        try:
            saved = open_model(member)
        except ModelFileError as error:
            raise SessionFileError(f"the run “{printable(entry['name'])}”: {str(error).split(': ', 1)[-1]}") from None
    return SessionRun(entry["name"].strip(), entry["color"], entry["overlaid"], saved)


def runs_of(contents: SessionContents) -> list[tuple[Run, str, bool]]:
    """The runs of an opened session file (each with its colour and whether it was overlaid),
    bound to no file of their own and not unsaved: the session file holds them."""
    runs = []
    for entry in contents.runs:
        try:
            series = entry.saved.data_series()
        except DataError:
            series = None  # a CSV run whose file did not carry its series: it replays its losses
        run = Run.opened(entry.name, entry.saved, series)
        run.path, run.unsaved = None, False
        run.latest_report()  # its first view, computed here (off the GUI thread) rather than in the window
        runs.append((run, entry.color, entry.overlaid))
    return runs
