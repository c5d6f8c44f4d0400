"""Dates in CSV files: the format a column's cells share, parsing them, the frequency of a
dated series and the dates past its end (a forecast's)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

CHUNK_ROWS = 50_000
QUARTERS = "quarters"  # no strftime directive reads 2020 Q1: parsed by quarter_starts
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/ ]?\s*Q([1-4])")
_QUARTER_FIRST = re.compile(r"Q([1-4])\s*[-/ ]?\s*(\d{4})")
NO_DAY_FORMATS = ("%b-%y", "%b %y", "%b-%Y", "%b %Y", "%B %Y", "%B-%Y", "%Y-%b", "%Y %b", "%Y-%B", "%Y %B",
                  "%m/%Y", "%m-%Y", "%m.%Y", "%YM%m")  # months pandas does not guess: Jan-49, 01/2020, 2020M01
DOTTED_MONTH = re.compile(r"(0?[1-9]|1[0-2])\.(18|19|20|21)\d\d")  # 01.2020: reads as a number too
_NUMERIC_MONTHS = {"%m.%Y": DOTTED_MONTH,
                   "%Y%m": re.compile(r"(18|19|20|21)\d\d(0[1-9]|1[0-2])")}  # 202001


def chunked(cells: pd.Series, convert: Callable[[pd.Series], np.ndarray]) -> np.ndarray:
    """``convert`` (cells -> array) applied chunk by chunk, joined: pandas holds the GIL for a
    whole call, and the window (another thread of this process) must get it every few
    milliseconds."""
    if len(cells) <= CHUNK_ROWS:
        return convert(cells)
    return np.concatenate([convert(cells.iloc[start : start + CHUNK_ROWS]) for start in range(0, len(cells), CHUNK_ROWS)])


def whole_years(values: np.ndarray) -> bool:
    return bool(len(values) > 1 and np.all(values == np.round(values)) and np.all((values >= 1000) & (values <= 3000))
                and np.all(np.diff(values) > 0))


def numeric_months(cells: pd.Series) -> str | None:
    """The format of months written as numbers (``01.2020``, ``202001``) when every cell is
    one, else None (only asked of a column whose title says it holds dates)."""
    text = cells.astype(str).str.strip()
    return next((format_ for format_, pattern in _NUMERIC_MONTHS.items() if text.str.fullmatch(pattern.pattern).all()),
                None)


def compact_dates(values: np.ndarray) -> bool:
    """Whether numbers are ``YYYYMMDD`` dates (20200105): whole, 8 digits from 1800 to 2200,
    a real month and day each, in order one way or the other."""
    if len(values) < 2 or not np.all(values == np.round(values)) or not np.all((values >= 18000101) & (values <= 22001231)):
        return False
    whole = values.astype(np.int64)
    month, day = whole // 100 % 100, whole % 100
    steps = np.diff(whole)
    return bool(np.all((month >= 1) & (month <= 12) & (day >= 1) & (day <= 31)) and (np.all(steps > 0) or np.all(steps < 0)))


def date_format(sample: pd.Series, dayfirst: bool, order: str = "auto") -> tuple[str | None, str]:
    """The strftime format that parses most of ``sample`` (text cells), or ``QUARTERS``, and
    a note when the cells alone chose between two readings. ``order`` (``day first``, ``month
    first``) decides between day-first and month-first readings, else the cells do (a 13
    somewhere), else ``dayfirst`` (dotted dates, decimal-comma files) says day-first, else
    the one reading that puts the dates in order, or else spaces them evenly (the note says
    so); otherwise, when both readings parse every cell into different dates,
    :class:`AmbiguousDates` is raised. None when no single format fits (the cells are then
    parsed one by one)."""
    import warnings

    import pandas as pd

    text = sample.astype(str).str.strip()
    text = text[text != ""]
    if text.empty:
        return None, ""
    if text.str.fullmatch(r"\d{4}").all():
        return "%Y", ""
    if text.str.fullmatch(_QUARTER_FIRST.pattern, case=False).all() or \
            text.str.fullmatch(_YEAR_FIRST.pattern, case=False).all():
        return QUARTERS, ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        formats = {pd.tseries.api.guess_datetime_format(text.iloc[0], dayfirst=first) for first in (dayfirst, not dayfirst)}
        if formats == {None}:  # months without a day (Jan-49, 2020 Mar, 01/2020), which pandas does not guess
            formats = set(NO_DAY_FORMATS)
        known = {f for f in formats if f is not None and not (f.startswith("%Y") and day_first(f))}  # no one writes Y-d-m
        if order != "auto" and len({day_first(f) for f in known}) > 1:
            known = {f for f in known if day_first(f) == (order == "day first")}
        parsed = {f: pd.to_datetime(text, format=f, errors="coerce", utc=True) for f in known}
    dayfirst = bool(dayfirst)
    scores = [(parsed[f].notna().mean(), -int(day_first(f) != dayfirst), f) for f in known]
    best = max(scores, default=None)
    if best is not None and 0 < best[0] < 1:
        misfits = text[parsed[best[2]].isna().to_numpy()]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            other_dates = pd.to_datetime(misfits, format="mixed", errors="coerce", utc=True).notna().to_numpy()
            if other_dates.any():  # dates, in another format: ISO 8601 variants are one format, else refused
                if pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True).notna().all():
                    return "ISO8601", ""
                raise MixedDates(text[parsed[best[2]].notna().to_numpy()].iloc[0], misfits[other_dates].iloc[0],
                                 misfits[other_dates].index[0])
    if best is None or best[0] < 0.9:
        return None, ""
    tied = [f for score, _, f in scores if score == best[0]]
    if order == "auto" and not dayfirst and len(tied) == 2 and not parsed[tied[0]].equals(parsed[tied[1]]):
        return _one_sensible_reading(text, {f: parsed[f] for f in tied})
    return best[2], ""


def _one_sensible_reading(text: pd.Series, readings: dict[str, pd.Series]) -> tuple[str, str]:
    """Of a day-first and a month-first reading of every cell, the one whose dates alone are
    in order, or else the one alone evenly spaced, with a note saying why; else
    :class:`AmbiguousDates`."""
    import warnings

    import pandas as pd

    def in_order(dates: pd.Series) -> bool:
        steps = np.diff(dates.to_numpy(dtype="datetime64[ns]").astype(np.int64))
        return bool((steps > 0).all() or (steps < 0).all())

    def evenly_spaced(dates: pd.Series) -> bool:
        index = pd.DatetimeIndex(dates.dt.tz_localize(None)).sort_values()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas 3 announces an offset object instead of a string
            return len(index) >= 3 and pd.infer_freq(index) is not None

    for test, why in ((in_order, "would put them out of order"), (evenly_spaced, "would space them unevenly")):
        passing = [f for f in readings if test(readings[f])]
        if len(passing) == 1:
            chosen = passing[0]
            order, other = ("day", "month") if day_first(chosen) else ("month", "day")
            return chosen, f"dates read {order} first ({other} first {why})"
    raise AmbiguousDates(text.iloc[0])


class AmbiguousDates(ValueError):
    """Dates that read as well day-first as month-first, into different dates."""

    def __init__(self, example: str) -> None:
        super().__init__(example)
        self.example = example


class MixedDates(ValueError):
    """Dates in two formats in one column: ``example`` in the column's format, ``other`` (at
    row label ``row``) in another."""

    def __init__(self, example: str, other: str, row: Any) -> None:
        super().__init__(other)
        self.example, self.other, self.row = example, other, row


def day_first(format_: str) -> bool:
    return format_.find("%d") < format_.find("%m") if "%d" in format_ and "%m" in format_ else False


def quarter_starts(cells: pd.Series) -> pd.Series:
    """Quarters written ``2020 Q1``, ``2020-Q1``, ``2020Q1`` or ``Q1 2020`` -> their first
    days (NaT for other cells)."""
    import pandas as pd

    text = cells.astype(str).str.strip()
    year_first = text.str.extract(_YEAR_FIRST.pattern, flags=re.IGNORECASE)
    quarter_first = text.str.extract(_QUARTER_FIRST.pattern, flags=re.IGNORECASE)
    year = pd.to_numeric(year_first[0].fillna(quarter_first[1]), errors="coerce")
    quarter = pd.to_numeric(year_first[1].fillna(quarter_first[0]), errors="coerce")
    return pd.to_datetime(pd.DataFrame({"year": year, "month": 3 * quarter - 2, "day": 1}), errors="coerce")


def parse_dates(cells: pd.Series, format_: str | None) -> np.ndarray:
    """Text cells -> datetime64[ns], NaT where a cell is not a date; times with UTC offsets
    are converted to UTC (one zone, even across a daylight-saving change)."""
    import warnings

    import pandas as pd

    def to_utc(text: Any) -> Any:  # times with UTC offsets (even several: a daylight-saving change) -> UTC
        if format_ == QUARTERS:
            return quarter_starts(text)
        parsed = pd.to_datetime(text, format=format_ or "mixed", errors="coerce", utc=True).dt.tz_localize(None)
        if format_ and "%y" in format_:  # two-digit years: none in the future (Jan-49 is 1949)
            parsed = parsed.where(parsed.dt.year <= pd.Timestamp.now().year, parsed - pd.DateOffset(years=100))
        return parsed

    def convert(part: Any) -> np.ndarray:
        parsed = to_utc(part)
        if parsed.isna().any():  # cells with stray spaces: strip those only
            failed = np.flatnonzero(parsed.isna().to_numpy())
            parsed.iloc[failed] = to_utc(part.iloc[failed].astype(str).str.strip())
        return parsed.to_numpy(dtype="datetime64[ns]")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return chunked(cells, convert)


def infer_frequency(dates: np.ndarray) -> str | None:
    """A pandas offset alias for regularly spaced dates (``MS``, ``D``, ``YS``...), or None."""
    import warnings

    import pandas as pd

    if len(dates) < 3:
        return None
    index = pd.DatetimeIndex(np.asarray(dates[: min(len(dates), 2000)]).astype("datetime64[ns]"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pandas 3 announces an offset object instead of a string
            inferred = pd.infer_freq(index)
        frequency = getattr(inferred, "freqstr", inferred)
    except (TypeError, ValueError):
        frequency = None
    if frequency is None:  # gaps (dropped rows): the most common step, if it is a calendar one
        steps = np.diff(index.asi8) / 86400e9
        typical = float(np.median(steps)) if len(steps) else 0.0
        for alias, days, tolerance in (("D", 1, 0.01), ("W", 7, 0.01), ("MS", 30.44, 1.6), ("QS", 91.3, 2.5),
                                       ("YS", 365.25, 1.5)):
            if abs(typical - days) <= tolerance:
                frequency = alias if alias not in ("MS", "QS", "YS") or (index.day == 1).all() else alias.replace("S", "E")
                break
        if frequency == "D" and len(index) >= 10 and (index.day_of_week < 5).all():  # business days, less holidays
            frequency = "B"
    return frequency


def future_dates(dates: np.ndarray, frequency: str | None, steps: int) -> np.ndarray:
    """``steps`` dates after the last of ``dates``, at ``frequency`` (or the median step); a
    last date off the frequency's anchor (weekly on Mondays read as ``W``, monthly on the 15th
    as ``ME``: series with gaps) keeps its weekday or day of the month."""
    import pandas as pd

    last = pd.Timestamp(dates[-1])
    if frequency:
        try:
            offset = pd.tseries.frequencies.to_offset(frequency)
            if not offset.is_on_offset(last):
                base = frequency.lstrip("0123456789")[:1]
                offset = {"W": pd.DateOffset(weeks=offset.n), "M": pd.DateOffset(months=offset.n),
                          "Q": pd.DateOffset(months=3 * offset.n), "Y": pd.DateOffset(years=offset.n)}.get(base, offset)
            return pd.DatetimeIndex([last + k * offset for k in range(1, steps + 1)]).to_numpy(dtype="datetime64[ns]")
        except ValueError:
            pass
    step = np.median(np.diff(dates.astype("datetime64[ns]").astype(np.int64))) if len(dates) > 1 else 86400e9
    return (last.to_datetime64() + (np.arange(1, steps + 1) * int(step)).astype("timedelta64[ns]")).astype("datetime64[ns]")
