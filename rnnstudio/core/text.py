"""Text for people: text from files made safe to print (a name in a model file may hold
terminal escapes), counts in words ("1 epoch", "3 epochs"), and the mark for words the window
translates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def printable(text: str, limit: int = 200) -> str:
    """``text`` with control and other non-printable characters escaped (``\\x1b``, ``\\n``),
    cut to ``limit`` characters."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def counted(count: int, noun: str, plural: str = "") -> str:
    """``count`` and ``noun``, plural unless it is one: "1 epoch", "0 epochs", "3 epochs"
    (``plural`` for nouns not made plural with an s: "2 batches")."""
    return f"{count} {noun}" if count == 1 else f"{count} {plural or noun + 's'}"


def QT_TR_NOOP(text: str) -> str:
    """``text`` itself, marked for the window's translation catalogue: Qt's ``lupdate`` finds
    it by this name, and the window translates it where it shows it (the core stays free of Qt)."""
    return text


class Phrase:
    """Words for people built from a ``template`` marked with :func:`QT_TR_NOOP` and its
    ``fields`` (values, or phrases of their own): said in English by ``str``, and in the
    window's language by :meth:`said` with the window's ``tr`` (the template is translated
    first, the fields filled in after)."""

    def __init__(self, template: str, **fields: Any) -> None:
        self.template, self.fields = template, fields

    def said(self, say: Callable[[str], str] = str) -> str:
        text = say(self.template)
        if not self.fields:
            return text
        return text.format(**{name: value.said(say) if isinstance(value, Phrase) else value
                              for name, value in self.fields.items()})

    def __str__(self) -> str:
        return self.said()
