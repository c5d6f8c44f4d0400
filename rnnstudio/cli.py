"""``rnnstudio-cli``: the studio without the window (recipes, train, rollout, forecast, gradients,
sweep, info); the commands that read a saved model live in :mod:`rnnstudio.cli_files`.

Exit codes: 0 success, 2 bad input (one line on stderr saying what to fix), 130 stopped by
Ctrl+C, 143 by SIGTERM, 129 by SIGHUP (the model trained so far is still saved with ``--out``).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import io
import json
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn, TextIO

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from . import __version__
from .cli_files import UsageError, command_forecast, command_gradients, command_rollout, command_sweep
from .cli_progress import Pace, number, print_progress, seeds_text
from .core.auto_search import AUTO_ORIGINS, DEFAULT_BUDGET_SECONDS
from .core.data import DataError
from .core.estimate import in_words, training_seconds
from .core.experiment import DATE_ORDERS, DECIMAL_MARKS, Experiment, ExperimentError
from .core.overrides import parse_value, set_field
from .core.recipes import RECIPES
from .core.safe_json import JsonError, read_json_file
from .core.storage import ModelFileError
from .core.text import counted, printable
from .core.validation import validate_or_raise

LONG_RUN_SECONDS = 30  # runs estimated longer than this say so before they start
USER_ERRORS = (ExperimentError, DataError, ModelFileError, JsonError, KeyError)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def build_parser() -> argparse.ArgumentParser:
    """The ``rnnstudio-cli`` argument parser."""
    parser = _Parser(prog="rnnstudio-cli", description="Train and inspect RNN Studio models without the window.")
    parser.add_argument("--version", action="version", version=f"rnnstudio-cli {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    recipes = commands.add_parser("recipes", help="list the built-in recipes")
    recipes.add_argument("--show", metavar="NAME", help="print this recipe's experiment JSON")

    train = commands.add_parser("train", help="train a recipe or an experiment JSON file")
    train.add_argument("source", help="a recipe name, an experiment .json file, or a .csv series")
    train.add_argument("--column", help="with a .csv series: the column to learn (name or 0-based index; "
                                        "default: the first numeric one)")
    train.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE",
                       help="override a field by its dotted path, e.g. model.units=32 (repeatable)")
    train.add_argument("--epochs", type=int, help="shortcut for --set train.epochs=N")
    train.add_argument("--seed", type=int, help="shortcut for --set train.seed=N")
    train.add_argument("--backtest", type=int, metavar="ORIGINS",
                       help="then backtest: retrain at ORIGINS origins (2-10) of the held-out part, score each, "
                            "and give the model prediction intervals from the errors")
    train.add_argument("--auto", type=float, nargs="?", const=DEFAULT_BUDGET_SECONDS, metavar="SECONDS",
                       help="first choose the network by backtest: the experiment as set and a few variants (the "
                            "other gated cell, a linear highway, half the units, the other scaling), each retrained "
                            f"at {AUTO_ORIGINS} origins in worker processes within SECONDS "
                            f"(default {DEFAULT_BUDGET_SECONDS:.0f}); the best is trained")
    train.add_argument("--out", type=Path, help="save the trained model to this .keras file")
    train.add_argument("--json", action="store_true", help="end with one JSON summary line on stdout")

    rollout = commands.add_parser("rollout", help="closed-loop prediction from a saved model")
    rollout.add_argument("file", type=Path, help="a .keras model file")
    rollout.add_argument("--warmup", type=Path, help="CSV of true warm-up values (its first numeric column, as train reads it)")
    rollout.add_argument("--steps", type=int, required=True, help="number of closed-loop steps")
    rollout.add_argument("--csv", type=Path, help="write step,value rows here instead of stdout")
    rollout.add_argument("--states", action="store_true", help="add h_LAYER_UNIT (and c_...) columns")
    rollout.add_argument("--json", action="store_true", help="end with one JSON summary line on stdout")

    forecast = commands.add_parser("forecast", help="forecast past the end of the series a model was trained on")
    forecast.add_argument("file", type=Path, help="a .keras model file")
    forecast.add_argument("--steps", type=int, required=True, help="number of steps past the end")
    forecast.add_argument("--csv", type=Path, help="write date (or step),value rows here instead of stdout")

    gradients = commands.add_parser("gradients", help="gradients through time of a saved run, at an epoch")
    gradients.add_argument("file", type=Path, help="a .keras model file")
    gradients.add_argument("--epoch", type=int, help="the epoch (its nearest snapshot; default: the last)")
    gradients.add_argument("--csv", type=Path, help="write steps_back,input_sensitivity,state_gradient rows here "
                                                    "instead of stdout")

    sweep = commands.add_parser("sweep", help="train an experiment over a grid of field values (and seeds)")
    sweep.add_argument("source", help="a recipe name, an experiment .json file, or a .csv series")
    sweep.add_argument("--vary", action="append", default=[], metavar="FIELD=V1,V2,...",
                       help="a field and its values, e.g. model.kind=simple_rnn,lstm (repeatable: every combination)")
    sweep.add_argument("--seeds", type=int, default=1, help="training seeds per combination (train.seed, +1, ...)")
    sweep.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE",
                       help="override a field for every run")
    sweep.add_argument("--workers", type=int, help="worker processes (default: the machine's cores)")
    sweep.add_argument("--json", action="store_true", help="end with one JSON object of every run")

    info = commands.add_parser("info", help="what is inside a .keras model file")
    info.add_argument("file", type=Path)
    info.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code. Every failure is one line on stderr and exit 2
    (130 for Ctrl+C), never a traceback."""
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except UsageError as error:
        return _fail(str(error))
    except USER_ERRORS as error:
        return _fail(error.args[0] if isinstance(error, KeyError) else str(error))
    except KeyboardInterrupt:
        return _fail("stopped by Ctrl+C", code=130)
    except BrokenPipeError:
        _silence_stdout()
        return _fail("the output was closed before everything was written (broken pipe)")
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except MemoryError:
        return _fail("out of memory; try a shorter series, a smaller window or fewer units")
    except Exception as error:
        return _fail(f"unexpected {type(error).__name__}: {printable(str(error).splitlines()[0] if str(error) else '')}")


def _fail(message: str, code: int = 2) -> int:
    try:
        print(f"rnnstudio-cli: {printable(message, limit=600)}", file=sys.stderr)
    except (OSError, ValueError):
        pass  # stderr is gone too: the exit code still tells
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's exit flush does not raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def command_recipes(args: argparse.Namespace) -> int:
    if args.show:
        print(_recipe(args.show).to_json())
        return 0
    width = max(len(name) for name in RECIPES)
    for name, experiment in RECIPES.items():
        print(f"{name:{width}}  {experiment.description}")
    return 0


def _recipe(name: str) -> Experiment:
    if name not in RECIPES:
        raise UsageError(f"no recipe named {name!r}; built-in recipes: {', '.join(RECIPES)}")
    return RECIPES[name]


CSV_SUFFIXES = (".csv", ".tsv", ".txt")


def load_experiment(source: str, overrides: list[str], column: str | None = None) -> Experiment:
    """A recipe, a JSON file or a CSV series (with the defaults a new CSV experiment gets),
    with ``FIELD=VALUE`` overrides applied and validated. A relative CSV path in a JSON file
    is relative to the JSON file's folder, and is stored resolved."""
    if column is not None and not source.lower().endswith(CSV_SUFFIXES):
        raise UsageError("--column goes with a CSV series; for a recipe or JSON use --set data.column=NAME")
    if source in RECIPES:
        raw = RECIPES[source].to_dict()
    elif source.lower().endswith(CSV_SUFFIXES):
        from .core.csv_defaults import experiment_for_csv

        raw = experiment_for_csv(source, _column_value(column), _reading_override(overrides, "decimal", DECIMAL_MARKS),
                                 _reading_override(overrides, "date_order", DATE_ORDERS)).to_dict()
    elif source.endswith(".json"):
        raw = read_json_file(Path(source), "an experiment")
    else:
        raise UsageError(f"{source!r} is neither a recipe ({', '.join(RECIPES)}), a .json experiment file nor a .csv series")
    for override in overrides:
        apply_override(raw, override)
    experiment = Experiment.from_dict(raw)
    if experiment.data.kind == "csv" and experiment.data.path and source.endswith(".json"):
        resolved = (Path(source).parent / experiment.data.path).resolve()
        experiment = dataclasses.replace(experiment, data=dataclasses.replace(experiment.data, path=str(resolved)))
    validate_or_raise(experiment)
    return experiment


def _reading_override(overrides: list[str], name: str, allowed: tuple[str, ...]) -> Any:
    """How a CSV's defaults read it (``data.decimal``, ``data.date_order``): the last
    ``--set data.NAME=`` of an allowed value; ``auto`` otherwise (validation names a wrong one)."""
    values = [parse_value(text) for path, _, text in (override.partition("=") for override in overrides)
              if path.strip() == f"data.{name}"]
    return values[-1] if values and values[-1] in allowed else "auto"


def _column_value(column: str | None) -> int | str | None:
    return int(column) if column is not None and column.strip().isdigit() else column


def apply_override(raw: dict[str, Any], override: str) -> None:
    """Set ``section.field=value`` in an experiment dict; the value is read as JSON when it
    parses (numbers, true/false, lists), else as text."""
    path, separator, text = override.partition("=")
    if not separator or not path:
        raise UsageError(f"--set {override!r}: write FIELD=VALUE, e.g. model.units=32")
    try:
        set_field(raw, path, parse_value(text))
    except ExperimentError as error:
        raise UsageError(f"--set {error}") from None


def command_train(args: argparse.Namespace) -> int:
    overrides = list(args.overrides)
    if args.epochs is not None:
        overrides.append(f"train.epochs={args.epochs}")
    if args.seed is not None:
        overrides.append(f"train.seed={args.seed}")
    experiment = load_experiment(args.source, overrides, args.column)
    if args.out is not None:
        _check_writable(args.out)
    from .core.trainer import Trainer, scoring_network

    trainer = Trainer(experiment)
    progress = sys.stderr if args.json else sys.stdout
    auto = None
    if args.auto is not None:
        from .cli_backtest import run_auto_search

        searched = run_auto_search(experiment, trainer.series, args.auto, progress)
        if searched is None:
            return 130
        experiment, auto = searched
        trainer = Trainer(experiment, trainer.series)
    if args.source.lower().endswith(".csv"):  # the defaults chosen for it, and what reading it did
        print(f"{printable(experiment.name)}: {printable(experiment.description, 1000)}", file=progress, flush=True)
    seconds = training_seconds(experiment, len(trainer.series))
    if seconds > LONG_RUN_SECONDS:
        print(f"{printable(experiment.name)}: training takes {in_words(seconds)} here (estimate); "
              "Ctrl+C stops it and keeps what it has learned", file=progress, flush=True)
    if args.backtest is not None:
        from .core.backtest import fold_origins

        fold_origins(experiment, len(trainer.series), args.backtest)  # refused before any training
    backtest = intervals = None
    with _interrupts(trainer) as interrupts:
        pace = Pace(experiment.name, seconds)
        result = trainer.run(lambda report: print_progress(report, progress, pace))
        if progress.isatty():
            print(file=progress)
        if args.backtest is not None and result.epochs_run and not result.stopped:
            from .cli_backtest import run_backtest

            backtest, intervals = run_backtest(experiment, trainer.series, args.backtest, progress,
                                               lambda runner: setattr(interrupts, "trainer", runner))
        out = None
        if args.out is not None and result.epochs_run:
            from .core.storage import save_model

            interrupts.saving = True
            save_model(args.out, result.model, experiment, result.history, result.snapshots, trainer.series, intervals)
            out = str(args.out)
    kept = result.history.kept_epoch if result.scored_by is None else result.scored_by[0]
    loss = result.history.loss[kept - 1] if result.epochs_run else None
    val_loss = result.history.val_loss[kept - 1] if result.epochs_run else None
    status = "stopped" if result.stopped else "stopped early" if result.stopped_early else "finished"
    if interrupts.signal_number not in (None, signal.SIGINT):
        status += f" by {signal.Signals(interrupts.signal_number).name}"
    if result.diverged:
        from .core.divergence import divergence_cause

        cause = divergence_cause(experiment, trainer.series)
        if not result.epochs_run:
            raise ExperimentError(f"{printable(experiment.name)}: the loss became NaN in the first epoch ({cause}); "
                                  "nothing was learned and nothing was saved")
        status = f"diverged (the loss became NaN: {cause}); kept the weights of epoch {result.epochs_run}"
    if result.stopped_early:
        status += f" (no lower validation loss for {counted(experiment.train.early_stopping, 'epoch')})"
    kept_text = f"; kept epoch {kept} (the lowest validation loss)" if result.history.kept is not None else ""
    if result.scored_by is not None:
        kept_text = (f"; kept epoch {kept} (the lowest validation loss), then refit on every sample for "
                     f"{counted(result.history.refit_epochs, 'epoch')}; loss and scores are epoch {kept}'s")
    print(f"{printable(experiment.name)}: {status} after {counted(result.epochs_run, 'epoch')} in {result.seconds:.2f} s"
          f"{kept_text}; loss {number(loss)}, val_loss {number(val_loss)}{seeds_text(result.history, kept)}"
          + (f"; saved {out}" if out else ""), file=progress)
    if interrupts.during_save:
        print("Ctrl+C came while saving: the save was finished first", file=progress)
    scorer = scoring_network(result) if result.epochs_run else None
    gap = _exposure_gap(experiment, trainer.series, scorer) if scorer is not None else None
    if gap is not None:
        print(f"closed loop over the rollout's {counted(gap.steps, 'step')}: RMSE {number(gap.closed_loop)}, "
              f"{gap.ratio:.1f}x the one-step RMSE {number(gap.one_step)} (trained with "
              f"{experiment.train.mode.replace('_', ' ')})", file=progress)
    evaluation = None
    if scorer is not None and interrupts.signal_number is None:
        evaluation = _evaluation(experiment, trainer.series, scorer)
    elif result.epochs_run:  # stop now means now: the scores fit ETS and ARIMA, seconds more
        print("scores skipped: the run was interrupted" + (f" (rnnstudio-cli info {printable(out)} shows them)"
                                                           if out else ""), file=progress)
    if evaluation is not None:
        _print_metrics(evaluation, progress)
    if args.json:
        print(json.dumps({"experiment": experiment.name, "epochs_run": result.epochs_run, "loss": loss,
                          "val_loss": val_loss, "train_seconds": round(result.seconds, 3), "out": out,
                          "stopped": result.stopped, "diverged": result.diverged, "kept_epoch": kept,
                          "stopped_early": result.stopped_early,
                          "refit": list(result.history.refit) if result.history.refit is not None else None,
                          "member_loss": result.history.member_loss[kept - 1] if result.epochs_run else [],
                          "member_val_loss": result.history.member_val_loss[kept - 1] if result.epochs_run else None,
                          "backtest": backtest.as_dict() if backtest is not None else None,
                          "auto": auto.as_dict() if auto is not None else None,
                          "intervals": intervals.as_dict() if intervals is not None else None,
                          "exposure_gap": dataclasses.asdict(gap) if gap is not None else None,
                          "metrics": evaluation.as_dict() if evaluation is not None else None}))
    backtest_stopped = args.backtest is not None and result.epochs_run > 0 and not result.stopped and backtest is None
    return interrupts.exit_code if result.stopped or backtest_stopped or interrupts.during_save else 0


def _check_writable(out: Path) -> None:
    """Refuse an ``--out`` the model could not be saved to, before any training."""
    from .core.storage import writable_target

    try:
        writable_target(out)
    except ModelFileError as error:
        raise UsageError(f"--out {error}; nothing was trained") from None


STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


class _Interrupts:
    """Ctrl+C, SIGTERM (kill, timeout, systemd) or SIGHUP (a closing terminal) while a run
    trains stops it at the next chunk of batches and keeps its epochs; while it saves, the
    save finishes. ``exit_code`` is the conventional 128 + the first such signal's number."""

    def __init__(self, trainer: Any) -> None:
        self.trainer = trainer
        self.saving = False
        self.during_save = False
        self.signal_number: int | None = None

    @property
    def exit_code(self) -> int:
        return 128 + (self.signal_number or signal.SIGINT)

    def __call__(self, number: int, *_: object) -> None:
        self.signal_number = self.signal_number or number
        if self.saving:
            self.during_save = True
            print("\nrnnstudio-cli: saving; the save finishes first", file=sys.stderr)
        else:
            self.trainer.request_stop()


@contextlib.contextmanager
def _interrupts(trainer: Any) -> Iterator[_Interrupts]:
    handler = _Interrupts(trainer)
    previous = {number: signal.signal(number, handler) for number in STOP_SIGNALS}
    try:
        yield handler
    finally:
        for number, earlier in previous.items():
            signal.signal(number, earlier)


def _exposure_gap(experiment: Experiment, series: Any, network: Any) -> Any:
    from .core.exposure_bias import exposure_gap

    return exposure_gap(network, experiment, series)


def _evaluation(experiment: Experiment, series: Any, network: Any) -> Any:
    from .core.metrics import evaluate

    return evaluate(network, experiment, series)


def _print_metrics(evaluation: Any, stream: TextIO) -> None:
    from .core.metrics import metrics_table

    print("\n".join(metrics_table(evaluation)), file=stream)


def command_info(args: argparse.Namespace) -> int:
    from .core.models import parameter_count
    from .core.storage import open_model

    saved = open_model(args.file)
    history = saved.history
    summary = {
        "file": str(args.file),
        "from_studio": saved.from_studio,
        "app_version": saved.app_version if saved.from_studio else None,
        "parameters": parameter_count(saved.model),
        "epochs_trained": len(history.loss),
        "snapshot_epochs": saved.snapshots.epochs if saved.snapshots is not None else [],
        "loss": history.loss[-1] if history.loss else None,
        "val_loss": history.val_loss[-1] if history.val_loss else None,
        "experiment": saved.experiment.to_dict(),
    }
    evaluation = None
    if saved.from_studio and history.loss:
        try:
            evaluation = _evaluation(saved.experiment, saved.data_series(), saved.scoring_network())
        except DataError as error:
            summary["metrics_unavailable"] = str(error)
    summary["metrics"] = evaluation.as_dict() if evaluation is not None else None
    if args.json:
        print(json.dumps(summary))
        return 0
    model = saved.experiment.model
    print(f"file:        {printable(str(args.file))}" + ("" if saved.from_studio else "  (plain Keras file: no studio history)"))
    print(f"experiment:  {printable(saved.experiment.name)}  {printable(saved.experiment.description)}")
    seeds = f" x {model.members} seeds" if model.members > 1 else ""
    print(f"model:       {model.kind} x{model.layers} layers, {model.units} units{seeds}, {model.activation}; "
          f"layout {saved.experiment.samples.layout}; {summary['parameters']} parameters")
    print(f"trained:     {counted(summary['epochs_trained'], 'epoch')}; final loss {number(summary['loss'])}, "
          f"val_loss {number(summary['val_loss'])}{seeds_text(history, len(history.loss))}")
    print(f"snapshots:   {len(summary['snapshot_epochs'])} epochs kept for replay")
    if history.refit is not None:
        print(f"refit:       from epoch {history.refit[0]} (the lowest validation loss) on every sample, epochs "
              f"{history.refit[1]}-{len(history.loss)}; the scores are epoch {history.refit[0]}'s")
    if evaluation is not None:
        _print_metrics(evaluation, sys.stdout)
    return 0


COMMANDS = {"recipes": command_recipes, "train": command_train, "rollout": command_rollout, "forecast": command_forecast,
            "gradients": command_gradients, "sweep": lambda args: command_sweep(args, load_experiment(args.source,
                                                                                        args.overrides)),
            "info": command_info}


if __name__ == "__main__":
    sys.exit(main())
