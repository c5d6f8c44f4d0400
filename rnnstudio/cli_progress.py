"""The command line's progress words: each epoch's line (a bar on a terminal), the time
estimate corrected by the run's own pace, and a seed ensemble's members' losses."""

from __future__ import annotations

from typing import Any, TextIO

from .core.estimate import in_words
from .core.history import History
from .core.text import printable

MEASURED_AFTER = (3, 1.0)  # epochs and seconds of training before the pace corrects the estimate
MISESTIMATED_BY = (2.0, 5.0)  # said when the pace's total is that many times, and seconds, over the estimate


def number(value: float | None) -> str:
    """A loss or score as printed: six significant digits, or n/a."""
    return "n/a" if value is None else f"{value:.6g}"


class Pace:
    """Corrects the time estimate from the run itself: once, after its first measured epochs,
    a run whose pace puts it far beyond the estimate says how long it will take."""

    def __init__(self, name: str, estimate: float) -> None:
        self.name, self.estimate, self.measured = name, estimate, False

    def correction(self, report: Any) -> str | None:
        """The line to say after ``report``'s epoch, if any."""
        epochs, seconds = MEASURED_AFTER
        if self.measured or report.epoch < epochs or report.seconds < seconds or report.epoch >= report.epochs:
            return None
        self.measured = True
        total = report.seconds / report.epoch * report.epochs
        times, more = MISESTIMATED_BY
        if total < times * self.estimate or total - self.estimate < more:
            return None
        return (f"{printable(self.name)}: at the pace of its first {report.epoch} epochs, training takes "
                f"{in_words(total)} in all, not {in_words(self.estimate)} as estimated; Ctrl+C stops it and keeps "
                "what it has learned")


def print_progress(report: Any, stream: TextIO, pace: Pace) -> None:
    correction = pace.correction(report)
    if correction is not None:
        print(("\n" if stream.isatty() else "") + correction, file=stream, flush=True)
    validation = (f"val_loss {number(report.val_loss)}" if report.scored_by is None else
                  f"refit on every sample from epoch {report.scored_by[0]}")
    line = f"epoch {report.epoch}/{report.epochs}  loss {report.loss:.6g}  {validation}  {report.seconds:.1f} s"
    if stream.isatty():
        done = int(30 * report.epoch / report.epochs)
        stream.write(f"\r[{'#' * done}{'.' * (30 - done)}] {line}")
        stream.flush()
    else:
        print(line, file=stream, flush=True)


def seeds_text(history: History, epoch: int) -> str:
    """A seed ensemble's members' own losses at ``epoch``, lowest to highest ("" for one network)."""
    members = history.member_loss[epoch - 1] if 0 < epoch <= len(history.member_loss) else []
    if not members:
        return ""
    validated = history.member_val_loss[epoch - 1]
    text = f" (the mean of {len(members)} seeds; their own loss {number(min(members))}-{number(max(members))}"
    return text + (f", val_loss {number(min(validated))}-{number(max(validated))})" if validated else ")")
