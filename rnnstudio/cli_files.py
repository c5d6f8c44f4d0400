"""The command line's commands that read a saved model (``rollout``, ``forecast``,
``gradients``) and ``sweep``, with the usage error every command raises and the CSV table
they write."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from .core.csv_import import read_csv_table
from .core.experiment import Experiment


class UsageError(Exception):
    """Bad command-line input; the message says what to fix."""


def command_rollout(args: argparse.Namespace) -> int:
    import numpy as np

    from .core.inference import NumpyNetwork, closed_loop_rollout
    from .core.storage import open_model

    if args.steps < 1:
        raise UsageError(f"--steps {args.steps}: must be 1 or more")
    saved = open_model(args.file)
    experiment = saved.experiment
    if not experiment.samples.plan.is_time_series:
        raise UsageError(f"{args.file}: a model of the xy layout maps x to y; it has no closed-loop rollout")
    if args.warmup is not None:
        table = read_csv_table(args.warmup)  # the column train would read: the first numeric one, after any dates
        warmup = table.series(table.first_numeric_column()).values
        start = 0
    else:
        spec = experiment.rollout
        warmup = saved.data_series().values[spec.start : spec.start + spec.warmup]
        start = spec.start
    least = experiment.samples.plan.least_warmup(experiment.samples.window)
    if len(warmup) < least:
        raise UsageError(f"--warmup: the model needs at least {least} warm-up values, got {len(warmup)}")
    trace = closed_loop_rollout(NumpyNetwork.from_keras(saved.model), experiment.samples, warmup, args.steps, start)
    closed = trace.index >= trace.closed_loop_from
    header = ["step", "value"]
    columns = [trace.index[closed], trace.values[closed]]
    if args.states:
        for name, states in (("h", trace.h), ("c", trace.c)):
            if states is None:
                continue
            for layer in range(states.shape[1]):
                for unit in range(states.shape[2]):
                    header.append(f"{name}_{layer + 1}_{unit}")
                    columns.append(states[closed, layer, unit])
    rows = np.column_stack(columns)
    write_table(args.csv, header, [[str(int(row[0]))] + [f"{v:.9g}" for v in row[1:]] for row in rows])
    if args.json:
        print(json.dumps({"steps": int(closed.sum()), "first_step": int(trace.closed_loop_from),
                          "values": [float(v) for v in trace.values[closed]],
                          "csv": str(args.csv) if args.csv else None}))
    return 0


def command_forecast(args: argparse.Namespace) -> int:
    from .core.forecast import forecast
    from .core.numpy_network import NumpyNetwork
    from .core.storage import open_model

    if not 1 <= args.steps <= 100_000:
        raise UsageError(f"--steps {args.steps}: must be from 1 to 100000")
    saved = open_model(args.file)
    if not saved.experiment.samples.plan.is_time_series:
        raise UsageError(f"{args.file}: a model of the xy layout maps x to y; it has no forecast")
    series = saved.data_series()
    result = forecast(NumpyNetwork.from_keras(saved.model), saved.experiment, series, args.steps)
    if result.dates is not None:
        labels = [str(date)[:10] if str(date)[10:19] in ("", "T00:00:00") else str(date)[:19] for date in result.dates]
        header = ["date", "value"]
    else:
        labels, header = [str(int(step)) for step in result.index], ["step", "value"]
    columns = [[f"{value:.9g}" for value in result.values]]
    if saved.intervals is not None:  # from the backtest: lower and upper bounds per level
        for level, bounds in saved.intervals.bounds(result.values).items():
            header += [f"{side}_{100 * level:.0f}" for side in ("lower", "upper")]
            columns += [[f"{value:.9g}" for value in bound] for bound in bounds]
    write_table(args.csv, header, [[label, *cells] for label, *cells in zip(labels, *columns)])
    return 0


def command_gradients(args: argparse.Namespace) -> int:
    from .core.memory import gradient_window, gradients_for
    from .core.numpy_network import NumpyNetwork
    from .core.storage import open_model

    saved = open_model(args.file)
    experiment = saved.experiment
    window = gradient_window(experiment, saved.data_series())
    if window is None:
        raise UsageError(f"{args.file}: a model of the xy layout maps x to y; it has no steps to look back over")
    network = NumpyNetwork.from_keras(saved.model)
    snapshots = saved.snapshots
    if args.epoch is not None:
        kept = snapshots.nearest(args.epoch) if snapshots is not None else None
        if kept is None:
            raise UsageError(f"--epoch {args.epoch}: {args.file} keeps no snapshots; leave --epoch out for its last weights")
        network = network.with_weights(kept[1])
    gradients = gradients_for(network, experiment, window)
    header = ["steps_back", "input_sensitivity"]
    columns = [gradients.steps_back.astype(float), gradients.input_sensitivity]
    if gradients.state_gradient is not None:
        layers = len(gradients.state_gradient)
        header += ["state_gradient"] + [f"state_gradient_layer{n + 1}" for n in range(layers - 1)]
        columns += [gradients.state_gradient[-1], *gradients.state_gradient[:-1]]
    rows = [[str(int(values[0]))] + [f"{v:.9g}" for v in values[1:]] for values in zip(*columns)]
    write_table(args.csv, header, rows)
    return 0


def command_sweep(args: argparse.Namespace, base: Experiment) -> int:
    """Train ``base`` over the grid of ``--vary`` values and ``--seeds``; one row per run."""
    from .core.estimate import in_words
    from .core.sweep import SweepOutcome, SweepPool, estimated_seconds, parse_variation, sweep_points

    if not args.vary:
        raise UsageError("sweep: give at least one --vary FIELD=V1,V2,...")
    points = sweep_points(base, [parse_variation(text) for text in args.vary], args.seeds)
    pool = SweepPool(args.workers)
    print(f"{len(points)} runs on {min(pool.workers, len(points))} worker processes; "
          f"{in_words(estimated_seconds(points, pool.workers))} of training", file=sys.stderr, flush=True)
    paths = [path for path, _ in points[0].settings]
    header = ["run", *paths, "seed", "epochs", "loss", "one_step_rmse", "closed_loop_rmse", "seconds", "error"]
    writer = csv.writer(sys.stdout)
    writer.writerow(header)

    def row(outcome: SweepOutcome) -> list[str]:
        point = outcome.point
        return [str(point.index + 1), *(str(value) for _, value in point.settings), str(point.seed),
                str(len(outcome.history.loss) if outcome.history else 0), _number(outcome.final_loss),
                _number(outcome.one_step_rmse), _number(outcome.closed_loop_rmse), f"{outcome.seconds:.2f}",
                outcome.error or ""]

    outcomes = pool.run(points, lambda outcome: (writer.writerow(row(outcome)), sys.stdout.flush()))
    if args.json:
        print(json.dumps({"runs": [
            {"run": outcome.point.index + 1, "settings": dict(outcome.point.settings), "seed": outcome.point.seed,
             "epochs": len(outcome.history.loss) if outcome.history else 0, "loss": outcome.final_loss,
             "one_step_rmse": outcome.one_step_rmse, "closed_loop_rmse": outcome.closed_loop_rmse,
             "seconds": outcome.seconds, "error": outcome.error}
            for outcome in sorted(outcomes, key=lambda outcome: outcome.point.index)]}))
    return 2 if any(outcome.error for outcome in outcomes) else 0


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.6g}"


def write_table(path: Path | None, header: list[str], rows: list[list[str]]) -> None:
    """Write ``header`` and ``rows`` as CSV to ``path``, or to stdout."""
    handle = sys.stdout if path is None else None
    try:
        if path is not None:
            handle = path.open("w", newline="")
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    except OSError as error:
        if path is None:
            raise  # stdout: a closed pipe or a full device, said by main()
        raise UsageError(f"--csv {path}: cannot write ({error.strerror})") from None
    finally:
        if path is not None and handle is not None:
            handle.close()
