"""Trained work survives every way a save can go wrong: a bad --out is refused before any
training, Ctrl+C during a save lets it finish, killed saves leave nothing behind for long,
modes and symlinks are kept, and a first-epoch divergence says plainly nothing was saved."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rnnstudio import cli
from rnnstudio.core.recipes import recipe

TINY = ["--epochs", "2", "--set", "model.units=4"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_training(monkeypatch) -> None:
    """Training that would start is a failure of the test: --out must be refused first."""
    from rnnstudio.core import trainer

    monkeypatch.setattr(trainer.Trainer, "epochs", lambda *a, **k: pytest.fail("trained before checking --out"))


def test_an_unwritable_out_folder_is_refused_before_training(capsys, tmp_path: Path, monkeypatch, no_training) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.TemporaryFile", denied)  # as in a read-only or foreign folder
    code, _, err = run(capsys, "train", "sine-simplernn", *TINY, "--out", str(tmp_path / "m.keras"))
    assert code == 2 and "cannot write in" in err and "Permission denied" in err and "nothing was trained" in err
    assert len(err.strip().splitlines()) == 1


def test_an_out_that_is_a_folder_or_in_a_missing_folder_is_refused_before_training(capsys, tmp_path: Path,
                                                                                   no_training) -> None:
    folder = tmp_path / "models.keras"
    folder.mkdir()
    code, _, err = run(capsys, "train", "sine-simplernn", *TINY, "--out", str(folder))
    assert code == 2 and "is a folder" in err
    code, _, err = run(capsys, "train", "sine-simplernn", *TINY, "--out", str(tmp_path / "nope" / "m.keras"))
    assert code == 2 and "does not exist" in err


def test_ctrl_c_during_the_save_lets_the_save_finish(capsys, tmp_path: Path, monkeypatch) -> None:
    from rnnstudio.core import storage

    real_save = storage.save_model

    def save_while_the_user_presses_ctrl_c(*args, **kwargs) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # the handler runs at once, in this thread
        os.kill(os.getpid(), signal.SIGINT)  # and twice
        real_save(*args, **kwargs)

    monkeypatch.setattr(storage, "save_model", save_while_the_user_presses_ctrl_c)
    out_file = tmp_path / "m.keras"
    code, out, err = run(capsys, "train", "sine-simplernn", *TINY, "--out", str(out_file))
    assert code == 130 and out_file.is_file() and storage.open_model(out_file).history.loss
    assert "the save was finished first" in out and "Traceback" not in err
    assert not list(tmp_path.glob(".*.tmp.keras"))


def test_ctrl_c_inside_a_save_leaves_the_previous_file_and_no_temporary(tmp_path: Path, monkeypatch) -> None:
    from rnnstudio.core.history import History
    from rnnstudio.core.models import build_model
    from rnnstudio.core.storage import open_model, save_model

    experiment = recipe("sine-simplernn")
    model = build_model(experiment.model, experiment.samples, seed=0)
    path = tmp_path / "m.keras"
    save_model(path, model, experiment, History([0.5], [0.4]))
    before = path.read_bytes()
    monkeypatch.setattr(type(model), "save", lambda self, *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        save_model(path, model, experiment, History([0.5, 0.3], [0.4, 0.2]))
    assert path.read_bytes() == before and open_model(path).history.loss == [0.5]
    assert not list(tmp_path.glob(".*.tmp.keras"))


SAVE_FOREVER = """
import sys
from rnnstudio.core.models import build_model
from rnnstudio.core.recipes import recipe
from rnnstudio.core.storage import save_model
from rnnstudio.core.history import History
experiment = recipe("sine-simplernn")
model = build_model(experiment.model, experiment.samples, seed=0)
print("ready", flush=True)
while True:
    save_model(sys.argv[1], model, experiment, History([0.5], [0.4]))
"""


def test_temporaries_of_a_killed_save_are_removed_by_the_next_save(tmp_path: Path) -> None:
    from rnnstudio.core.history import History
    from rnnstudio.core.models import build_model
    from rnnstudio.core.storage import save_model

    path = tmp_path / "m.keras"
    saver = subprocess.Popen([sys.executable, "-c", SAVE_FOREVER, str(path)], stdout=subprocess.PIPE, text=True)
    assert saver.stdout.readline().strip() == "ready"
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".*.tmp.keras")) and time.monotonic() < deadline:
        time.sleep(0.005)  # polling a file another process writes: no Qt signal to wait for
    saver.kill()  # mid-save: its temporary file stays behind
    saver.wait()
    assert list(tmp_path.glob(".*.tmp.keras"))
    experiment = recipe("sine-simplernn")
    save_model(path, build_model(experiment.model, experiment.samples, seed=1), experiment, History([0.5], [0.4]))
    assert not list(tmp_path.glob(".*.tmp.keras")) and path.is_file()


def test_saving_keeps_the_mode_and_writes_through_a_symlink(tmp_path: Path) -> None:
    from rnnstudio.core.history import History
    from rnnstudio.core.models import build_model
    from rnnstudio.core.storage import open_model, save_model

    experiment = recipe("sine-simplernn")
    model = build_model(experiment.model, experiment.samples, seed=0)
    fresh = tmp_path / "fresh.keras"
    save_model(fresh, model, experiment, History([0.5], [0.4]))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # as any new file, not mkstemp's 0600
    os.chmod(fresh, 0o640)
    save_model(fresh, model, experiment, History([0.5, 0.3], [0.4, 0.2]))
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    real = tmp_path / "store" / "real.keras"
    real.parent.mkdir()
    save_model(real, model, experiment, History([0.5], [0.4]))
    link = tmp_path / "link.keras"
    link.symlink_to(real)
    save_model(link, model, experiment, History([0.5, 0.3], [0.4, 0.2]))
    assert link.is_symlink() and open_model(real).history.loss == [0.5, 0.3]


def test_a_run_diverging_in_its_first_epoch_says_nothing_was_saved(capsys, tmp_path: Path) -> None:
    out_file = tmp_path / "m.keras"
    code, _, err = run(capsys, "train", "sine-simplernn", "--epochs", "3", "--set", "train.optimizer=sgd",
                       "--set", "train.learning_rate=10", "--set", "model.activation=relu", "--set", "model.units=64",
                       "--out", str(out_file))
    assert code == 2 and "first epoch" in err and "nothing was saved" in err and not out_file.exists()


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_or_sighup_while_training_saves_the_epochs_so_far(capsys, tmp_path: Path, monkeypatch, stop) -> None:
    """What kill, timeout, systemd and a closing terminal send: like Ctrl+C, not a lost run."""
    from rnnstudio.core import storage

    real_progress = cli.print_progress

    def progress_then_signal(report, stream, pace) -> None:
        real_progress(report, stream, pace)
        if report.epoch == 2:
            os.kill(os.getpid(), stop)  # the handler runs at once, in this thread

    monkeypatch.setattr(cli, "print_progress", progress_then_signal)
    out_file = tmp_path / "m.keras"
    code, out, err = run(capsys, "train", "sine-simplernn", "--epochs", "400", "--set", "model.units=4",
                         "--out", str(out_file))
    assert code == 128 + stop and f"stopped by {signal.Signals(stop).name}" in out, err
    assert 2 <= len(storage.open_model(out_file).history.loss) < 400 and "Traceback" not in err
    assert not isinstance(signal.getsignal(stop), cli._Interrupts)  # the previous handlers are back


def test_ctrl_c_during_a_command_line_backtest_saves_at_once_and_skips_the_scores(capsys, tmp_path: Path,
                                                                                monkeypatch) -> None:
    from rnnstudio.core import backtest, metrics, storage

    real_train = backtest.BacktestRunner._train
    scored_after_the_signal = []

    def train_until_the_user_presses_ctrl_c(runner, *args):
        os.kill(os.getpid(), signal.SIGINT)  # during the first origin's training
        return real_train(runner, *args)

    real_evaluate = metrics.evaluate
    monkeypatch.setattr(backtest.BacktestRunner, "_train", train_until_the_user_presses_ctrl_c)
    monkeypatch.setattr(metrics, "evaluate", lambda *a, **k: (scored_after_the_signal.append(1), real_evaluate(*a, **k))[1])
    out_file = tmp_path / "m.keras"
    code, out, err = run(capsys, "train", "sine-simplernn", *TINY, "--backtest", "3", "--out", str(out_file))
    assert code == 130 and storage.open_model(out_file).intervals is None
    assert "backtest stopped before its last origin" in out and "scores skipped: the run was interrupted" in out
    assert not scored_after_the_signal and "Traceback" not in err
