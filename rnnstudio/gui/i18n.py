"""The window's language: Qt's translation system with the studio's Japanese catalogue.

Every word the window shows goes through :func:`tr` (or, for the core's words, through
:func:`tr` at the place they are shown: the core marks them with ``QT_TR_NOOP``). The
catalogue is ``resources/i18n/rnnstudio_ja.ts``, kept with PySide6's own tools::

    pyside6-lupdate rnnstudio -ts resources/i18n/rnnstudio_ja.ts   # new words in
    pyside6-linguist resources/i18n/rnnstudio_ja.ts                # translate them
    pyside6-lrelease resources/i18n/rnnstudio_ja.ts -qm resources/i18n/rnnstudio_ja.qm

The language follows the system's locale unless the user chose one (View > Language); the
choice is kept in the settings and takes effect when the window is built (see
:mod:`.language_menu`).
"""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..core import text
from ..core.text import QT_TR_NOOP

__all__ = ["QT_TR_NOOP", "counted", "install_language", "tr"]

LANGUAGES: dict[str, str] = {"": QT_TR_NOOP("System"), "en": "English", "ja": "日本語"}
"""The choices of View > Language: settings value -> name shown (each in its own language)."""
CATALOGUED = ("ja",)
_installed: list[QTranslator] = []  # none while the window speaks English


def tr(text: str, disambiguation: str | None = None) -> str:
    """``text`` in the window's language (itself when the language is English or it has no
    translation). A text with ``{name}`` fields is translated first and filled after;
    ``disambiguation`` tells one meaning of a word from another ("training": a run's state,
    or the part of the series trained on)."""
    return QCoreApplication.translate("", text, disambiguation)


def counted(count: int, noun: str, plural: str = "") -> str:
    """A count in words in the window's language: "3 runs" (English plurals as
    :func:`core.text.counted` makes them), "3 ラン" (``noun`` translated; mark it with
    ``QT_TR_NOOP`` where it is written)."""
    if not _installed:
        return text.counted(count, noun, plural)
    return f"{count} {tr(noun)}"


def chosen_language(setting: str) -> str:
    """The language code the window speaks: the user's ``setting``, or the system's when it
    is empty; English for any language without a catalogue."""
    code = setting or QLocale.system().name().split("_")[0]
    return code if code in CATALOGUED else "en"


def catalogue_folder() -> str:
    """The folder of the studio's compiled catalogues (``rnnstudio_ja.qm``), shipped in the package."""
    return str(resources.files("rnnstudio.resources").joinpath("i18n"))


def install_language(setting: str) -> str:
    """Make the application speak the language chosen by ``setting`` (see
    :func:`chosen_language`) from now on; returns its code. Qt's own words (the buttons of
    standard dialogs) come from Qt's catalogue, shipped with PySide6."""
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    code = chosen_language(setting)
    if code == "en":
        return code
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, where in ((f"rnnstudio_{code}", catalogue_folder()), (f"qtbase_{code}", folder)):
        translator = QTranslator(app)
        if translator.load(name, where):
            app.installTranslator(translator)
            _installed.append(translator)
    return code
