"""Benchmark: reading a 1,000,000-row CSV (issue 9). Target: <= 2 s.

Writes a monthly-looking ``date,sales`` export of 1,000,000 rows (daily dates, values in
the thousands with two decimals), then times the studio's reader from a cold cache: the
sniffing, pandas' parse, the date column and the chosen column's numbers. The window's
event-loop stall while it reads there is measured by ``bench_gui.py``.

Run: ``python bench/bench_csv.py``
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from rnnstudio.core import csv_import
from rnnstudio.core.data import read_csv_series

ROWS = 1_000_000


def write_export(path: Path) -> None:
    rng = np.random.default_rng(0)
    dates = np.datetime64("1900-01-01") + np.arange(ROWS)
    values = 1500 + 400 * np.sin(np.arange(ROWS) * 2 * np.pi / 365) + 50 * rng.standard_normal(ROWS)
    with path.open("w") as stream:
        stream.write("date,sales\n")
        stream.writelines(f"{d},{v:.2f}\n" for d, v in zip(dates.astype(str), values))


def read_seconds(path: Path) -> float:
    csv_import._cache.clear()
    started = time.perf_counter()
    series = read_csv_series(path, "sales")
    seconds = time.perf_counter() - started
    assert len(series) == ROWS and series.dates is not None
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "million.csv"
        write_export(path)
        times = [read_seconds(path) for _ in range(3)]
        print(f"reading a {ROWS:,}-row CSV ({path.stat().st_size / 2**20:.0f} MiB, dates + values): median "
              f"{statistics.median(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)}); target <= 2 s "
              "(the hand-written reader before: ~8 s on the GUI thread)")


if __name__ == "__main__":
    main()
