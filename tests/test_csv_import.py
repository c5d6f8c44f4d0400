"""CSV files as spreadsheets export them parse to the right numbers, dates and gaps."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from series_maker import write_sales_csv

from rnnstudio.core.csv_dates import future_dates
from rnnstudio.core.csv_import import read_csv_table
from rnnstudio.core.data import DataError, read_csv_series


def write(tmp_path: Path, text: str, name: str = "export.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(("text", "column", "values"), [
    ("date,sales\n2020-01-01,1200.5\n2020-02-01,1300\n", "sales", [1200.5, 1300]),
    ("datum;umsatz\n01.01.2020;1.234,5\n01.02.2020;1.300,25\n", "umsatz", [1234.5, 1300.25]),
    ("date\tsales\n2020-01-01\t12.5\n2020-02-01\t13\n", "sales", [12.5, 13]),
    ('date,sales\n2020-01-01,"1,198.67"\n2020-02-01,"2,001"\n', "sales", [1198.67, 2001]),
    ("\ufeffvalue\n1\n2\n", "value", [1, 2]),
    ("umsatz\n1,5\n2,25\n", "umsatz", [1.5, 2.25]),
    ('a;b\n"1";"2,5"\n"3";"4,75"\n', "b", [2.5, 4.75]),
    ("1.5\n2.5\n3\n", 0, [1.5, 2.5, 3]),
    ("year,visitors\n1990,5\n1991,6\n1992,8\n", "visitors", [5, 6, 8]),
], ids=["comma", "semicolon-decimal-comma-thousands-dot", "tab", "quoted-thousands", "bom", "single-decimal-comma",
        "quoted-decimal-comma", "no-header", "year-column"])
def test_spreadsheet_dialects_parse_to_the_right_numbers(tmp_path: Path, text: str, column, values) -> None:
    series = read_csv_series(write(tmp_path, text), column)
    assert series.values.tolist() == pytest.approx(values)


def test_dates_are_detected_day_first_for_dotted_dates_and_give_the_frequency(tmp_path: Path) -> None:
    series = read_csv_series(write(tmp_path, "datum;umsatz\n01.01.2020;1\n01.02.2020;2\n01.03.2020;3\n"), "umsatz")
    assert [str(d)[:10] for d in series.dates] == ["2020-01-01", "2020-02-01", "2020-03-01"]
    assert series.frequency == "MS"


def test_a_monthly_export_selects_its_first_numeric_column_and_continues_its_dates(tmp_path: Path) -> None:
    path = write(tmp_path, "date,region,sales,units\n2021-01-01,north,10,1\n2021-02-01,north,12,2\n2021-03-01,south,11,3\n")
    table = read_csv_table(path)
    assert table.columns[table.date_column] == "date" and table.first_numeric_column() == "sales"
    series = table.series("sales")
    assert [str(d)[:10] for d in future_dates(series.dates, series.frequency, 2)] == ["2021-04-01", "2021-05-01"]


def test_a_decimal_comma_in_a_decimal_point_file_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "a\tb\n1.5\t2\n3.25\t1,5\n")
    with pytest.raises(DataError, match=r"line 3: '1,5' in column 'b' is not a number"):
        read_csv_series(path, "b")


def test_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="line 6: 'x' in column 'v'"):
        read_csv_series(write(tmp_path, "v\n1\n\n\n2\nx\n"), "v")


def test_values_beyond_float32_are_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="line 3: '1e300' is beyond the range"):
        read_csv_series(write(tmp_path, "v\n1\n1e300\n"), "v")


def test_missing_values_are_refused_interpolated_in_time_or_dropped(tmp_path: Path) -> None:
    path = write(tmp_path, "date,sales\n2020-01-01,100\n2020-02-01,\n2020-03-01,160\n2020-04-01,n/a\n2020-05-01,200\n")
    with pytest.raises(DataError, match=r"line 3: missing value in column 'sales' \(2 empty cells: lines 3, 5\)"):
        read_csv_series(path, "sales")
    filled = read_csv_series(path, "sales", "interpolate")
    assert filled.values[1] == pytest.approx(100 + 60 * 31 / 60)  # Feb 1 is 31 of the 60 days to Mar 1
    assert filled.values[3] == pytest.approx(160 + 40 * 31 / 61)
    dropped = read_csv_series(path, "sales", "drop")
    assert dropped.values.tolist() == [100, 160, 200]
    assert [str(d)[:7] for d in dropped.dates] == ["2020-01", "2020-03", "2020-05"]


def test_a_realistic_sales_export_with_gaps_reads_with_dates(tmp_path: Path) -> None:
    path = write_sales_csv(tmp_path / "sales.csv", gaps=(17, 100, 101))
    series = read_csv_series(path, "sales", "interpolate")
    assert len(series) == 300 and series.frequency == "MS" and 400 < series.values.min() < series.values.max() < 2600
    assert np.all(np.diff(series.dates.astype(np.int64)) > 0)


def test_a_newest_first_file_is_turned_round_and_says_so(tmp_path: Path) -> None:
    """Bank and finance exports list the newest row first: the gap between 22 and 20 is 21."""
    path = write(tmp_path, "date,balance\n2020-01-05,23\n2020-01-04,22\n2020-01-03,\n2020-01-02,20\n2020-01-01,19\n")
    series = read_csv_table(path).series("balance", "interpolate")
    assert series.values.tolist() == [19, 20, 21, 22, 23] and series.frequency == "D"
    assert str(series.dates[0])[:10] == "2020-01-01" and "newest-first" in series.note
    from rnnstudio.core.csv_defaults import experiment_for_csv

    assert "newest-first" in experiment_for_csv(path).description  # the panel says what was done


def test_the_command_line_says_which_defaults_a_csv_got_and_what_reading_it_did(tmp_path: Path, capsys) -> None:
    from rnnstudio import cli

    rows = "".join(f"2020-01-{31 - day:02d},{100 - day}\n" for day in range(30))
    path = write(tmp_path, "date,balance\n" + rows)
    assert cli.main(["train", str(path), "--epochs", "1", "--set", "model.members=1"]) == 0  # one seed: quicker
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("export: Defaults for a new CSV series") and first.endswith("(the file was newest-first)")


@pytest.mark.parametrize(("rows", "message"), [
    ("2020-01-01,1\n2020-01-02,2\n2020-01-02,3\n2020-01-03,4\n", "line 4: '2020-01-02' is the same date as line 3"),
    ("2020-01-03,1\n2020-01-01,2\n2020-01-02,3\n2020-01-04,4\n", "line 3: '2020-01-01' is before '2020-01-03' on line 2"),
])
def test_a_repeated_date_or_dates_out_of_order_are_refused_with_their_lines(tmp_path: Path, rows: str, message: str) -> None:
    path = write(tmp_path, "date,value\n" + rows)
    with pytest.raises(DataError, match=message):
        read_csv_table(path).series("value", "interpolate")


def test_yyyymmdd_dates_are_dates_not_the_series(tmp_path: Path) -> None:
    rows = "".join(f"202001{day:02d},{10 + day}\n" for day in range(1, 21))
    table = read_csv_table(write(tmp_path, "day,sales\n" + rows))
    assert table.first_numeric_column() == "sales"
    series = table.series("sales", "refuse")
    assert str(series.dates[4])[:10] == "2020-01-05" and series.frequency == "D" and series.values[0] == 11
    assert read_csv_table(write(tmp_path, rows, "plain.csv")).series(1, "refuse").values[0] == 11  # no header either
    ids = "".join(f"{20200101 + 37 * i},{i}\n" for i in range(20))  # 8 digits, not dates: stays a number
    assert read_csv_table(write(tmp_path, "id,value\n" + ids, "ids.csv")).dates() is None


def test_times_with_several_utc_offsets_are_read_in_one_zone(tmp_path: Path) -> None:
    """A daylight-saving change (+01:00 then +02:00) used to stop the reading with pandas' own error."""
    rows = ["2020-03-29T00:00:00+01:00", "2020-03-29T01:00:00+01:00", "2020-03-29T03:00:00+02:00",
            "2020-03-29T04:00:00+02:00", "2020-03-29T05:00:00+02:00"]
    path = write(tmp_path, "time,value\n" + "".join(f"{row},{i}\n" for i, row in enumerate(rows)))
    series = read_csv_table(path).series("value", "refuse")
    assert series.frequency == "h" and str(series.dates[0])[:16] == "2020-03-28T23:00"  # in UTC, an hour apart


FUEL = "datum;preis\n" + "".join(f"{day:02d}.03.2024;1,{600 + day}\n" for day in range(1, 29))  # a fuel-price export


@pytest.mark.parametrize("text", [FUEL, "preis\n" + "".join(f"1,{600 + d}\n" for d in range(1, 29))],
                         ids=["semicolon-with-dates", "one-column"])
def test_numbers_that_read_two_ways_are_refused_until_the_decimal_mark_is_said(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataError, match=r"'1,601' could be 1\.601 .* or 1601 .*data\.decimal"):
        read_csv_series(path, "preis")
    assert read_csv_series(path, "preis", decimal=",").values[:2].tolist() == pytest.approx([1.601, 1.602])
    assert read_csv_series(path, "preis", decimal=".").values[:2].tolist() == [1601, 1602]


def test_one_unambiguous_number_decides_the_decimal_mark_for_the_others(tmp_path: Path) -> None:
    comma = write(tmp_path, FUEL + "29.03.2024;1,65\n", "comma.csv")  # 1,65: a decimal comma
    assert read_csv_series(comma, "preis").values[[0, -1]].tolist() == pytest.approx([1.601, 1.65])
    grouped = write(tmp_path, FUEL + "29.03.2024;1,650.5\n", "grouped.csv")  # 1,650.5: thousands commas
    assert read_csv_series(grouped, "preis").values[[0, -1]].tolist() == pytest.approx([1601, 1650.5])


def test_the_command_line_reads_an_ambiguous_file_with_the_decimal_mark_it_is_given(tmp_path: Path, capsys) -> None:
    from rnnstudio.cli import main
    from rnnstudio.core.storage import open_model

    path = write(tmp_path, FUEL, "fuel.csv")
    assert main(["train", str(path), "--epochs", "1"]) == 2
    assert "set the decimal mark (data.decimal)" in capsys.readouterr().err
    out = tmp_path / "fuel.keras"
    assert main(["train", str(path), "--epochs", "1", "--set", "data.decimal=,", "--set", "model.members=1",
                 "--out", str(out)]) == 0
    saved = open_model(out)
    assert saved.experiment.data.decimal == "," and saved.series.values[0] == pytest.approx(1.601)


def test_a_tab_inside_a_value_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "date,value\n2020-01-01,1\n2020-01-02,1\t\n2020-01-03,3\n")
    with pytest.raises(DataError, match=r"line 3: '1\\t' in column 'value' is not a number \(a tab inside a value"):
        read_csv_series(path, "value")


@pytest.mark.parametrize(("first", "message"), [("NA", r"line 1.*empty"), ("1O", r"line 1: '1O' in column 0 is not a number")])
def test_a_one_column_files_first_value_is_never_taken_for_its_title(tmp_path: Path, first: str, message: str) -> None:
    path = write(tmp_path, f"{first}\n1.5\n2.5\n3\n")
    with pytest.raises(DataError, match=message):
        read_csv_series(path, 0)
    if first == "NA":
        assert read_csv_series(path, 0, "interpolate").values.tolist() == [1.5, 1.5, 2.5, 3]
    assert read_csv_series(write(tmp_path, "sales\n1.5\n2.5\n", "titled.csv"), "sales").values.tolist() == [1.5, 2.5]


def test_times_with_zone_names_are_refused_with_a_way_out(tmp_path: Path) -> None:
    rows = [f"2024-03-{30 + (h + 10) // 24:02d} {(h + 10) % 24:02d}:00 {'CET' if h < 16 else 'CEST'},{h}" for h in range(40)]
    path = write(tmp_path, "time,value\n" + "\n".join(rows) + "\n")
    with pytest.raises(DataError, match=r"column 'time' end in a time-zone name \('2024-03-30 10:00 CET'\).*UTC offsets"):
        read_csv_series(path, "value")


DAYS = (1, 2, 3, 5, 6, 8, 9, 10, 12)  # with gaps: unevenly spaced read either way
UK = "date,value\n" + "".join(f"{day:02d}/02/2020,{day}\n" for day in DAYS)  # days of February, a UK file


def test_dates_that_read_day_first_and_month_first_are_refused_until_the_order_is_said(tmp_path: Path) -> None:
    path = write(tmp_path, UK)
    with pytest.raises(DataError, match=r"'01/02/2020' .* day first \(2020-02-01\) as month first \(2020-01-02\).*"
                                        r"data\.date_order"):
        read_csv_series(path, "value")
    february = read_csv_series(path, "value", date_order="day first")
    assert str(february.dates[0])[:10] == "2020-02-01" and february.frequency == "D" and not february.note
    months = read_csv_series(path, "value", date_order="month first")
    assert str(months.dates[1])[:10] == "2020-02-02"
    decided = write(tmp_path, UK + "13/02/2020,13\n", "decided.csv")  # a 13th: only day first reads it
    assert str(read_csv_series(decided, "value").dates[0])[:10] == "2020-02-01"


def test_the_command_line_takes_the_date_order_for_a_new_csv_experiment(tmp_path: Path, capsys) -> None:
    from rnnstudio.cli import main

    path = write(tmp_path, UK, "uk.csv")
    assert main(["train", str(path), "--epochs", "1"]) == 2
    assert "data.date_order" in capsys.readouterr().err
    assert main(["train", str(path), "--epochs", "1", "--set", "data.date_order=day first", "--set", "model.members=1",
                 "--json"]) == 0


def test_a_file_with_more_lines_than_a_series_may_have_is_refused_before_it_is_parsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    path = tmp_path / "tiny_lines.csv"
    path.write_bytes(b"value\n" + b"1\n" * 10_000_000 + b"1")  # the last line without its line break
    monkeypatch.setattr(pd, "read_csv", lambda *args, **kwargs: pytest.fail("parsed before the count refused it"))
    with pytest.raises(DataError, match=r"has 10,000,001 lines after its header; a series has at most 10,000,000"):
        read_csv_table(path)
    monkeypatch.undo()
    from rnnstudio.core import csv_import

    monkeypatch.setattr(csv_import, "MAX_SERIES_LENGTH", 1000)
    path.write_bytes(b"1\n" * 1000)  # no header: exactly the limit is read
    assert len(read_csv_series(path, 0)) == 1000
    path.write_bytes(b"1\n" * 1001)
    with pytest.raises(DataError, match=r"has 1,001 lines;"):
        read_csv_table(path)


@pytest.mark.parametrize(("other", "line"), [(10, 11), (3, 4)])
def test_dates_in_two_formats_in_one_column_are_refused_naming_both(tmp_path: Path, other: int, line: int) -> None:
    """Every ``other``-th date written day-first with slashes among ISO dates: refused at the
    first such line, quickly, instead of each cell being parsed alone into a guess."""
    days = np.datetime64("2020-01-01") + np.arange(400)
    cells = [str(day) if i % other != other - 1 else day.astype(object).strftime("%d/%m/%Y") for i, day in enumerate(days)]
    path = write(tmp_path, "date,value\n" + "".join(f"{cell},{i}\n" for i, cell in enumerate(cells)))
    with pytest.raises(DataError, match=rf"line {line}: the date '{cells[line - 2]}' is in another format than "
                                        "'2020-01-01' in the same column 'date'"):
        read_csv_table(path)


def test_iso_dates_with_and_without_times_are_one_format(tmp_path: Path) -> None:
    cells = ["2020-01-01", "2020-01-01 12:00", "2020-01-02", "2020-01-02T12:00:00", "2020-01-03"]
    series = read_csv_table(write(tmp_path, "date,value\n" + "".join(f"{c},{i}\n" for i, c in enumerate(cells)))).series(
        "value", "refuse")
    assert [str(d)[:16] for d in series.dates] == ["2020-01-01T00:00", "2020-01-01T12:00", "2020-01-02T00:00",
                                                   "2020-01-02T12:00", "2020-01-03T00:00"]


@pytest.mark.parametrize(("rows", "first", "frequency", "note"), [
    ([f"{m}/1/2020" for m in range(1, 13)] + ["1/1/2021", "2/1/2021"], "2020-02-01", "MS",
     "dates read month first (day first would space them unevenly)"),
    ([f"{d}/{m}/2020" for m in (1, 2) for d in (3, 9, 11)], "2020-01-09", None,
     "dates read day first (month first would put them out of order)"),
], ids=["us-monthly", "uk-in-order-one-way"])
def test_dates_that_only_one_order_reads_sensibly_are_read_that_way_and_say_so(
        tmp_path: Path, rows: list[str], first: str, frequency: str | None, note: str) -> None:
    series = read_csv_series(write(tmp_path, "date,value\n" + "".join(f"{row},{i}\n" for i, row in enumerate(rows))),
                             "value")
    assert str(series.dates[1])[:10] == first and series.frequency == frequency and series.note == note


@pytest.mark.parametrize("cells", [
    ["1990 Q1", "1990 Q2", "1990 Q3", "1990 Q4", "1991 Q1"], ["1990Q1", "1990Q2", "1990Q3", "1990Q4", "1991Q1"],
    ["1990-Q1", "1990-Q2", "1990-Q3", "1990-Q4", "1991-q1"], ["Q1 1990", "Q2 1990", "Q3 1990", "Q4 1990", "Q1 1991"],
])
def test_quarters_as_statistics_offices_write_them_are_quarterly_dates(tmp_path: Path, cells: list[str]) -> None:
    series = read_csv_series(write(tmp_path, "quarter,gdp\n" + "".join(f"{c},{i}\n" for i, c in enumerate(cells))),
                             "gdp")
    assert [str(d)[:10] for d in series.dates[[0, 1, 4]]] == ["1990-01-01", "1990-04-01", "1991-01-01"]
    assert series.frequency.startswith("QS") and future_dates(series.dates, series.frequency, 1)[0] == \
        np.datetime64("1991-04-01")


@pytest.mark.parametrize(("cells", "years"), [
    (["Jan-49", "Feb-49", "Dec-49", "Jan-50"], [1949, 1949, 1949, 1950]),  # a spreadsheet's Mmm-yy: never in the future
    (["Dec-99", "Jan-00", "Feb-00", "Mar-00"], [1999, 2000, 2000, 2000]),
    (["Jan 2020", "Feb 2020", "Mar 2020", "Apr 2020"], [2020] * 4),
    (["2020 January", "2020 February", "2020 March", "2020 April"], [2020] * 4),
    (["11/2019", "12/2019", "01/2020", "02/2020"], [2019, 2019, 2020, 2020]),
    (["11.2019", "12.2019", "01.2020", "02.2020"], [2019, 2019, 2020, 2020]),  # numbers too, under a date's title
    (["201911", "201912", "202001", "202002"], [2019, 2019, 2020, 2020]),
    (["2019M11", "2019M12", "2020M01", "2020M02"], [2019, 2019, 2020, 2020]),
])
@pytest.mark.parametrize("separator", [",", ";"])
def test_months_without_a_day_are_monthly_dates(tmp_path: Path, cells: list[str], years: list[int],
                                                separator: str) -> None:
    rows = "".join(f"{c}{separator}{i},5\n" if separator == ";" else f"{c}{separator}{i}.5\n" for i, c in enumerate(cells))
    series = read_csv_series(write(tmp_path, f"month{separator}sales\n" + rows), "sales")
    assert [d.astype("datetime64[Y]").astype(int) + 1970 for d in series.dates] == years
    assert all(str(d)[8:10] == "01" for d in series.dates) and series.frequency == "MS"
    assert series.values.tolist() == [i + 0.5 for i in range(len(cells))]


def test_rows_of_separators_only_are_skipped_and_lines_still_count_right(tmp_path: Path) -> None:
    path = write(tmp_path, "date,value\n2020-01-01,1\n,\n2020-02-01,2\n2020-03-01,x\n,\n,\n")
    with pytest.raises(DataError, match=r"line 5: 'x' in column 'value' is not a number"):
        read_csv_series(path, "value")
    fixed = write(tmp_path, path.read_text().replace(",x", ",3"), "fixed.csv")
    assert read_csv_series(fixed, "value").values.tolist() == [1, 2, 3]


def test_percentages_read_as_their_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, "date,rate\n2020-01-01,4.5%\n2020-02-01,5%\n2020-03-01, 4.75 %\n")
    assert read_csv_table(path).first_numeric_column() == "rate"
    assert read_csv_series(path, "rate").values.tolist() == pytest.approx([4.5, 5, 4.75])
    semicolon = write(tmp_path, "datum;quote\n01.01.2020;4,5%\n01.02.2020;5%\n", "de.csv")
    assert read_csv_series(semicolon, "quote").values.tolist() == pytest.approx([4.5, 5])


def test_a_frame_saved_by_pandas_with_its_index_starts_on_its_values_not_the_row_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, ",date,sales\n" + "".join(f"{i},2020-{i + 1:02d}-01,{100 + i % 3}\n" for i in range(12)))
    table = read_csv_table(path)
    assert table.first_numeric_column() == "sales" and read_csv_series(path, "sales").frequency == "MS"
    counts = write(tmp_path, "count\n0\n1\n2\n3\n", "counts.csv")  # the only numbers there are: still read
    assert read_csv_table(counts).first_numeric_column() == "count"
    titled = write(tmp_path, "step,sales\n0,5\n1,7\n2,6\n", "titled.csv")  # a titled column is the user's own
    assert read_csv_table(titled).first_numeric_column() == "step"


def test_business_days_with_holidays_are_business_daily_and_forecasts_skip_weekends(tmp_path: Path) -> None:
    import pandas as pd

    days = pd.bdate_range("2024-01-01", periods=60).delete([0, 14, 40])  # New Year's Day and two more holidays
    path = write(tmp_path, "date,close\n" + "".join(f"{d:%Y-%m-%d},{100 + i % 5}\n" for i, d in enumerate(days)))
    series = read_csv_series(path, "close")
    assert series.frequency == "B"
    after = pd.DatetimeIndex(future_dates(series.dates, series.frequency, 5))
    assert (after.day_of_week < 5).all() and after[0] > pd.Timestamp(days[-1])


@pytest.mark.parametrize(("start", "frequency", "shift", "after"), [
    ("2015-01-05", "W-MON", 0, ["2020-10-05", "2020-10-12"]),  # weekly on Mondays, read with gaps as W (Sundays)
    ("2015-01-01", "MS", 14, ["2040-01-15", "2040-02-15"]),  # monthly on the 15th, read with gaps as month ends
])
def test_a_series_with_gaps_forecasts_on_its_own_weekday_or_day_of_month(start: str, frequency: str, shift: int,
                                                                         after: list[str]) -> None:
    import pandas as pd

    from rnnstudio.core.csv_dates import infer_frequency

    dates = (pd.date_range(start, periods=300, freq=frequency).delete([5, 40, 41, 100]) + pd.Timedelta(days=shift))
    ns = dates.to_numpy().astype("datetime64[ns]")
    assert [str(d)[:10] for d in future_dates(ns, infer_frequency(ns), 2)] == after
