"""Save and open one ``.keras`` file per model, safely.

A studio file is a standard Keras v3 archive (``config.json``, ``metadata.json``,
``model.weights.h5``) plus one member of our own, ``rnnstudio.json``: the experiment, the
loss history, the app and format versions. Plain ``keras.models.load_model`` opens it as
is (it ignores our member); the studio trains on raw values, so a plain Keras user feeds
raw values in and gets raw values out.

Opening never runs code from the file: only ``.keras`` zip archives are accepted; member
names, sizes and every class named in the model config are checked against what the studio
can build before Keras sees anything; Keras then gets a fresh archive holding only the
members it needs and loads it with ``safe_mode=True``. Saving writes a temporary file in the
target folder, reopens it to verify, then replaces the target atomically.
"""

from __future__ import annotations

import io
import json
import os
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from .data import load_series
from .experiment import Experiment, ExperimentError
from .history import History
from .intervals import Intervals
from .model_experiment import experiment_from_model, same_scaling_family
from .model_limits import MAX_WEIGHT_BYTES, Declared, LimitError, check_config, check_weights, without_compile_config
from .npz_members import read_array, write_npz
from .numpy_network import InferenceError, NumpyNetwork
from .safe_json import JsonError, load_json
from .series import DataError, Series
from .snapshots import Snapshots
from .text import printable
from .tf_runtime import tensorflow
from .validation import MAX_SERIES_LENGTH, validate

APP_VERSION = __version__
FORMAT_VERSION = 1
STUDIO_MEMBER = "rnnstudio.json"
SNAPSHOTS_MEMBER = "rnnstudio_snapshots.npz"
SERIES_MEMBER = "rnnstudio_series.npz"
KERAS_MEMBERS = {"config.json": 4 * 2**20, "metadata.json": 2**16, "model.weights.h5": MAX_WEIGHT_BYTES}
MEMBER_CAPS = {**KERAS_MEMBERS, STUDIO_MEMBER: 32 * 2**20, SNAPSHOTS_MEMBER: 256 * 2**20, SERIES_MEMBER: 256 * 2**20}
MAX_FILE_BYTES = 2**31
TEMP_MARK, TEMP_SUFFIX = "-saving-pid", ".tmp.keras"
class ModelFileError(ValueError):
    """A model file that cannot be saved or opened; the one-line message names the file."""


@dataclass
class SavedModel:
    """An opened model file. ``from_studio`` is False for a plain Keras file, whose
    experiment is reconstructed from the model config and whose history is empty.
    ``snapshots`` holds the weights after the recorded epochs and ``series`` the data it was
    trained on (each None when the file has none)."""

    path: Path
    model: Any
    experiment: Experiment
    history: History
    from_studio: bool
    app_version: str = APP_VERSION
    snapshots: Snapshots | None = None
    series: Series | None = None
    intervals: Intervals | None = None

    def data_series(self) -> Series:
        """The series the model was trained on: the one the file carries, or generated data
        made again. A CSV path stored in the file is only a hint: it is never read, since the
        user did not pick that file (raises :class:`DataError` saying so)."""
        if self.series is not None:
            return self.series
        if self.experiment.data.kind == "csv":
            raise DataError(f"{self.path.name} does not carry its series; it was trained on a CSV file named "
                            f"{printable(Path(self.experiment.data.path).name)!r}: open that CSV to train on it again")
        return load_series(self.experiment.data)

    def scoring_network(self) -> NumpyNetwork:
        """The network the run's scores are of: the model's, or after a refit its kept epoch's
        snapshot (the nearest kept one before the refit, which never saw the validation part)."""
        network = NumpyNetwork.from_keras(self.model)
        refit = self.history.refit
        kept = None if refit is None or self.snapshots is None else self.snapshots.refit_scorer(refit)
        return network if kept is None else network.with_weights(kept[1])


def save_model(path: str | Path, model: Any, experiment: Experiment, history: History,
               snapshots: Snapshots | None = None, series: Series | None = None,
               intervals: Intervals | None = None) -> None:
    """Write ``model`` with its experiment, history, epoch snapshots, the series it was
    trained on and its prediction intervals (plain numbers in the JSON metadata) to ``path``
    (a ``.keras`` file).

    The previous file at ``path`` stays byte-identical unless the new one was written,
    reopened and verified completely. The new file keeps the old one's mode and group (a new
    file gets the usual mode under the umask); a symlink at ``path`` stays a symlink, and the
    file it points to is replaced. No temporary file is left behind, and temporary files a
    crashed save left in the folder are removed.
    """
    path = Path(path)
    target = _save_target(path)
    try:  # creating the temporary file is the check that the folder takes new files
        descriptor, temporary = tempfile.mkstemp(prefix=f".{target.stem}{TEMP_MARK}{os.getpid()}-",
                                                 suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as error:
        raise _cannot_write(path, target, error) from None
    os.close(descriptor)
    remove_stale_temporaries(target.parent)
    try:
        model.save(temporary)
        _append_studio_members(Path(temporary), experiment, history, snapshots, series, intervals)
        reopened = open_model(temporary)
        _verify(reopened, model, experiment, history)
        if snapshots is not None and len(snapshots) and (reopened.snapshots is None
                                                         or reopened.snapshots.epochs != snapshots.epochs):
            raise ModelFileError("the written snapshots did not read back equal")
        if series is not None and (reopened.series is None or not np.array_equal(reopened.series.values, series.values)):
            raise ModelFileError("the written series did not read back equal")
        _take_over_mode(Path(temporary), target)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if not isinstance(error, Exception):
            raise  # Ctrl+C or exit: the previous file is unchanged, the temporary file gone
        raise ModelFileError(f"{path}: could not save ({_reason(error)}); any previous file is unchanged") from None


def writable_target(path: Path) -> Path:
    """The file a save to ``path`` writes (a symlink's target), once it is sure a model can be
    written there: a ``.keras`` name, not a folder, in a folder that exists and takes new
    files (checked by creating one). Raises :class:`ModelFileError` saying which."""
    target = _save_target(path)
    try:
        with tempfile.TemporaryFile(dir=target.parent):
            pass
    except OSError as error:
        raise _cannot_write(path, target, error) from None
    return target


def _save_target(path: Path) -> Path:
    """The file a save to ``path`` writes, after the checks that need no writing."""
    if path.suffix != ".keras":
        raise ModelFileError(f"{path}: model files must end in .keras")
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise ModelFileError(f"{path}: is a folder; name a .keras file in it")
    if not target.parent.is_dir():
        raise ModelFileError(f"{path}: the folder {target.parent} does not exist")
    return target


def _cannot_write(path: Path, target: Path, error: OSError) -> ModelFileError:
    return ModelFileError(f"{path}: cannot write in {target.parent} ({error.strerror})")


def _append_studio_members(archive_path: Path, experiment: Experiment, history: History,
                           snapshots: Snapshots | None, series: Series | None, intervals: Intervals | None) -> None:
    studio = {"format_version": FORMAT_VERSION, "app_version": APP_VERSION,
              "experiment": experiment.to_dict(), "history": history.to_dict()}
    if series is not None:
        studio["series"] = {"name": series.name, "frequency": series.frequency}
    if intervals is not None:
        studio["intervals"] = intervals.as_dict()
    with zipfile.ZipFile(archive_path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(STUDIO_MEMBER, json.dumps(studio))
        if snapshots is not None and len(snapshots):
            archive.writestr(SNAPSHOTS_MEMBER, snapshots.to_npz(), compress_type=zipfile.ZIP_STORED)
        if series is not None:
            archive.writestr(SERIES_MEMBER, _series_npz(series), compress_type=zipfile.ZIP_STORED)


def _take_over_mode(temporary: Path, target: Path) -> None:
    """Give ``temporary`` the mode and group of ``target`` (or, for a new file, 0666 under
    the umask instead of ``mkstemp``'s 0600)."""
    try:
        existing = target.stat()
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        return
    os.chmod(temporary, stat.S_IMODE(existing.st_mode))
    try:
        os.chown(temporary, -1, existing.st_gid)
    except OSError:
        pass  # not a member of that group: the file keeps ours, as cp would


def remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporary files that saves by processes no longer running left in
    ``folder`` (killed mid-save)."""
    for candidate in folder.glob(f".*{TEMP_MARK}*{TEMP_SUFFIX}"):
        pid_text = candidate.name.rsplit(TEMP_MARK, 1)[1].split("-", 1)[0]
        if pid_text.isdigit() and not _process_alive(int(pid_text)):
            try:
                candidate.unlink(missing_ok=True)
            except OSError:
                pass  # someone else's, in a shared folder: theirs to remove, and no reason to fail a save


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _verify(saved: SavedModel, model: Any, experiment: Experiment, history: History) -> None:
    if saved.experiment != experiment or saved.history.to_dict() != history.to_dict():
        raise ModelFileError("the written file did not read back equal")
    for written, original in zip(saved.model.get_weights(), model.get_weights()):
        if not np.array_equal(written, original):
            raise ModelFileError("the written weights did not read back equal")


def open_model(path: str | Path) -> SavedModel:
    """Open a studio or plain-Keras ``.keras`` file without running code from it.

    Raises :class:`ModelFileError` with a one-line message naming the file and the reason.
    """
    path = Path(path)
    try:
        members = _read_members(path)
        studio = _studio_metadata(members.get(STUDIO_MEMBER))
        model = _load_keras(members)
        try:
            network = NumpyNetwork.from_keras(model)
        except InferenceError as error:
            raise ModelFileError(str(error)) from None
        reconstructed = experiment_from_model(model, network, path.stem)
        if studio is None:
            errors = validate(reconstructed)
            if errors:
                raise ModelFileError(f"the model cannot be used as an experiment: {errors[0].message}")
            return SavedModel(path, model, reconstructed, History(), from_studio=False)
        experiment, history, app_version, series_meta, intervals = studio
        if experiment.model != reconstructed.model or experiment.samples.layout != reconstructed.samples.layout \
                or not same_scaling_family(experiment.data.scaling, reconstructed.data.scaling):
            raise ModelFileError(f"the experiment in {STUDIO_MEMBER} does not match the model in config.json")
        snapshots = _snapshots(members.get(SNAPSHOTS_MEMBER), model, len(history.loss))
        series = _series(members.get(SERIES_MEMBER), series_meta)
        return SavedModel(path, model, experiment, history, from_studio=True, app_version=app_version,
                          snapshots=snapshots, series=series, intervals=intervals)
    except ModelFileError as error:
        raise ModelFileError(f"{path}: {error}") from None


def _read_members(path: Path) -> dict[str, bytes]:
    if path.suffix in (".h5", ".hdf5"):
        raise ModelFileError("legacy .h5 model files are not opened (they can carry code); save it as .keras")
    if path.is_dir():
        raise ModelFileError("is a folder; open a .keras file")
    if not path.exists():
        raise ModelFileError("no such file")
    if not path.is_file():
        raise ModelFileError("not a regular file (a pipe or a device)")
    if path.suffix != ".keras":
        raise ModelFileError("not a .keras model file")
    size = path.stat().st_size
    if size == 0:
        raise ModelFileError("the file is empty")
    if size > MAX_FILE_BYTES:
        raise ModelFileError(f"larger than {MAX_FILE_BYTES // 2**20} MiB")
    try:
        with zipfile.ZipFile(path) as archive:
            return _checked_members(archive)
    except zipfile.BadZipFile as error:
        raise ModelFileError(f"not a valid .keras archive (damaged, truncated or not a zip file: {error})") from None
    except (zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as error:
        raise ModelFileError(f"the archive is damaged ({_reason(error)})") from None


def _checked_members(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """The members the studio reads, each checked for its path, encryption, compression and
    size; the config first, so the weights are capped by what the config declares."""
    infos = {}
    for info in archive.infolist():
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\\" in name or ":" in name:
            raise ModelFileError(f"archive member {name!r} has an unsafe path")
        if name in MEMBER_CAPS:
            if info.flag_bits & 0x1:
                raise ModelFileError(f"archive member {name} is encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise ModelFileError(f"archive member {name} uses compression method {info.compress_type}; "
                                     "only stored and deflated members are read")
            infos[name] = info
    for required in ("config.json", "model.weights.h5"):
        if required not in infos:
            raise ModelFileError(f"not a Keras model archive: {required} is missing")
    config, declared = _checked_config(_read_member(archive, infos.pop("config.json"), MEMBER_CAPS["config.json"]))
    members = {"config.json": json.dumps(config).encode()}  # checked, without compile_config: what Keras loads
    caps = {**MEMBER_CAPS, "model.weights.h5": declared.weight_bytes_bound() + 2**20}  # + HDF5's own structure
    for name, info in infos.items():
        members[name] = _read_member(archive, info, caps[name])
    try:
        check_weights(members["model.weights.h5"], declared)
    except LimitError as error:
        raise ModelFileError(str(error)) from None
    return members


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """A member's bytes, never decompressing more than ``cap`` bytes of it."""
    if info.file_size > cap:
        raise ModelFileError(f"archive member {info.filename} is {info.file_size:,} bytes; at most {cap:,} allowed")
    with archive.open(info) as stream:
        data = stream.read(cap + 1)
    if len(data) > cap:
        raise ModelFileError(f"archive member {info.filename} is larger than {cap:,} bytes")
    return data


def _checked_config(raw: bytes) -> tuple[Any, Declared]:
    """``config.json`` parsed with bounded nesting and numbers, without its ``compile_config``
    (optimizer and loss are not loaded: compiling is the trainer's job), and what it declares."""
    try:
        config = without_compile_config(load_json(raw, "config.json"))
        return config, check_config(config)
    except (JsonError, LimitError) as error:
        raise ModelFileError(str(error)) from None


def _studio_metadata(raw: bytes | None) -> tuple[Experiment, History, str, dict, Intervals | None] | None:
    """(experiment, history, app version, series metadata, intervals) from ``rnnstudio.json``, or None."""
    if raw is None:
        return None
    try:
        studio = load_json(raw, STUDIO_MEMBER)
        if not isinstance(studio, dict):
            raise ModelFileError(f"{STUDIO_MEMBER} is not a JSON object")
        version = studio["format_version"]
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise ModelFileError(f"{STUDIO_MEMBER} has format {version!r}; this RNN Studio reads format {FORMAT_VERSION} or older")
        experiment = Experiment.from_dict(studio["experiment"])
        history = History.from_dict(studio["history"])
        if len(history.loss) != len(history.val_loss):
            raise ModelFileError(f"{STUDIO_MEMBER}: loss and val_loss histories differ in length")
        app_version = str(studio.get("app_version", "unknown"))
        series_meta = studio["series"] if isinstance(studio.get("series"), dict) else {}
        intervals = Intervals.from_dict(studio["intervals"]) if "intervals" in studio else None
    except ModelFileError:
        raise
    except JsonError as error:
        raise ModelFileError(str(error)) from None
    except ExperimentError as error:
        raise ModelFileError(f"{STUDIO_MEMBER}: {error}") from None
    except (ValueError, KeyError, TypeError, OverflowError) as error:
        raise ModelFileError(f"{STUDIO_MEMBER} is not valid studio metadata ({_reason(error)})") from None
    errors = [e for e in validate(experiment) if not e.field.startswith("data.path")]
    if errors:
        raise ModelFileError(f"{STUDIO_MEMBER}: {errors[0].message}")
    return experiment, history, app_version, series_meta, intervals


def _snapshots(raw: bytes | None, model: Any, epochs: int) -> Snapshots | None:
    if raw is None:
        return None
    try:
        snapshots = Snapshots.from_npz(raw, [tuple(w.shape) for w in model.get_weights()])
    except (ValueError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise ModelFileError(f"{SNAPSHOTS_MEMBER} is not valid ({_reason(error)})") from None
    if (snapshots.latest_epoch or 0) > epochs:
        raise ModelFileError(f"{SNAPSHOTS_MEMBER} has epoch {snapshots.latest_epoch}, but the history has {epochs} epochs")
    return snapshots


def _series_npz(series: Series) -> bytes:
    arrays = {"values": np.asarray(series.values, dtype=np.float32)}
    if series.dates is not None:
        arrays["dates"] = series.dates.astype("datetime64[ns]").astype(np.int64)
    return write_npz(arrays)


def _series(raw: bytes | None, meta: Any) -> Series | None:
    """The series a studio file carries (values, and dates if any)."""
    if raw is None:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            if names not in ({"values.npy"}, {"values.npy", "dates.npy"}):
                raise ValueError("it must hold values and, optionally, dates")
            values = read_array(archive, "values.npy", None, MAX_SERIES_LENGTH)
            dates = read_array(archive, "dates.npy", (len(values),), None) if "dates.npy" in names else None
        if values.dtype.kind != "f" or (dates is not None and dates.dtype.kind != "i") or not np.all(np.isfinite(values)):
            raise ValueError("values must be finite numbers and dates whole numbers")
    except (ValueError, zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise ModelFileError(f"{SERIES_MEMBER} is not valid ({_reason(error)})") from None
    meta = meta if isinstance(meta, dict) else {}
    name, frequency = meta.get("name"), meta.get("frequency")
    return Series(t=np.arange(len(values), dtype=np.float64), values=values.astype(np.float32),
                  name=name if isinstance(name, str) else "value",
                  dates=None if dates is None else dates.astype("datetime64[ns]"),
                  frequency=frequency if isinstance(frequency, str) else None)


def _load_keras(members: dict[str, bytes]) -> Any:
    """Load with Keras from a fresh archive holding only the Keras members (``keras.models.
    load_model`` in Keras 3.15 takes a path, not a file object, so the archive is written to
    a private temporary folder)."""
    tensorflow()
    import keras

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in KERAS_MEMBERS:
            if name in members:
                archive.writestr(name, members[name])
    with tempfile.TemporaryDirectory(prefix="rnnstudio-open-") as folder:
        clean = Path(folder) / "model.keras"
        clean.write_bytes(buffer.getvalue())
        try:
            return keras.models.load_model(clean, compile=False, safe_mode=True)
        except Exception as error:  # Keras raises many kinds; all mean "cannot load"
            raise ModelFileError(f"Keras could not load the model ({_reason(error)})") from None


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    reason = text[0] if text else type(error).__name__
    return reason if len(reason) <= 200 else reason[:197] + "..."
