"""The window in Japanese: with View > Language = 日本語 kept in the settings, no text of the
window (labels, buttons, menus, tooltips, tabs, table headers, plot titles, axes, legends) is
still one of the window's own English strings, after R2 has trained."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QWidget,
)
from series_maker import monthly_sales
from test_gui import drawn, forget_unsaved_work, train_recipe

from rnnstudio.gui.i18n import install_language
from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CATALOGUE = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "rnnstudio_ja.ts"


def english_strings() -> tuple[set[str], list[str]]:
    """The window's own English strings whose Japanese differs (a name such as "LSTM" stays):
    every one, and the sentences among them (looked for inside longer texts too)."""
    english = set()
    for message in ET.parse(CATALOGUE).iter("message"):
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        if source != translation and any(c.isalpha() for c in source):
            english.add(source.replace("&", ""))
    return english, [text for text in english if text.count(" ") >= 4 and "{" not in text]


def texts_of(window: MainWindow) -> Iterator[tuple[str, str]]:
    """(where, text) for every text the window shows or explains, shown or in a hidden tab."""
    for widget in window.findChildren(QWidget):
        kind = type(widget).__name__
        if widget.toolTip():
            yield f"{kind} tooltip", widget.toolTip()
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)) and not isinstance(widget, QLineEdit):
            yield kind, widget.text()
        if isinstance(widget, QGroupBox):
            yield kind, widget.title()
        if isinstance(widget, QDockWidget):
            yield kind, widget.windowTitle()
        if isinstance(widget, QTabBar):
            for index in range(widget.count()):
                yield "tab", widget.tabText(index)
                yield "tab tooltip", widget.tabToolTip(index)
        if isinstance(widget, QComboBox):
            for index in range(widget.count()):
                yield "choice", widget.itemText(index)
        if isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount()):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    yield "header", str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    yield "cell", str(model.data(model.index(row, column)) or "")
        if isinstance(widget, pg.PlotWidget):
            item = widget.getPlotItem()
            yield "plot title", item.titleLabel.text
            for side in ("left", "bottom", "right"):
                yield "axis", item.getAxis(side).labelText
            if item.legend is not None:
                for _, label in item.legend.items:
                    yield "legend", label.text
    menus = [action.menu() for action in window.menuBar().actions()]
    while menus:
        menu = menus.pop()
        yield "menu", menu.title()
        for action in menu.actions():
            yield "menu item", action.text()
            yield "menu item tooltip", action.toolTip()
            if isinstance(action.menu(), QMenu):
                menus.append(action.menu())


@pytest.fixture
def japanese(qtbot, tmp_path: Path) -> Iterator[MainWindow]:
    settings = Settings(tmp_path / "settings.ini")
    settings.set("language", "ja")
    window = MainWindow(settings)
    qtbot.addWidget(window, before_close_func=forget_unsaved_work)
    window.show()
    window.start_loading_tensorflow()
    qtbot.waitUntil(lambda: window.tf_ready, timeout=60_000)
    yield window
    install_language("en")  # the translator is the application's: the next test speaks English


def test_the_japanese_window_shows_none_of_its_english_strings_after_r2_trained(qtbot, japanese: MainWindow,
                                                                              tmp_path: Path) -> None:
    window = japanese
    bad = tmp_path / "sales.csv"
    bad.write_text("sales\n1\n2\nabc\n4\n", encoding="utf-8")
    window.panel.open_csv(str(bad))  # the CSV reader's message, in Japanese too
    qtbot.waitUntil(lambda: not window.panel.csv_loading, timeout=30_000)
    message = next(iter(window.panel.errors.values()))
    assert message.startswith("sales.csv、4 行目") and "数値ではありません" in message
    monthly = tmp_path / "monthly.csv"  # the defaults say why, in Japanese too ("month": no word of the window's)
    monthly.write_text("month,sales\n" + "".join(f"{d},{v}\n" for d, v in zip(*monthly_sales())), encoding="utf-8")
    window.panel.open_csv(str(monthly))
    qtbot.waitUntil(lambda: not window.panel.csv_loading and window.panel.experiment().name == "monthly", timeout=30_000)
    described = window.panel.experiment().description
    assert described.startswith("新しい CSV 系列の既定値：季節 12（カレンダーによる") and "5 個のシードを一緒に学習" in described
    assert not any(word in described for word in ("Defaults", "season", "window", "seeds", "early stopping")), described
    assert window.language == "ja" and window.menus.train.text() == "学習(&T)"
    window.panel.set_value("model.units", "0")  # the panel's message, in Japanese too
    assert window.panel.errors["model.units"].startswith("ユニット: 1 から") and "整数" in window.panel.errors["model.units"]
    train_recipe(qtbot, window, "pulse-lstm-stateful", 20)
    drawn(qtbot, window)
    english, sentences = english_strings()
    assert len(english) > 600
    seen = list(texts_of(window))
    assert len(seen) > 400
    left = sorted({(where, text) for where, text in seen
                   if text.replace("&", "") in english or any(sentence in text for sentence in sentences)})
    assert left == [], left
    assert "セル状態" in window.plots.states_plot.quantity.currentText() or "隠れ状態" in \
        window.plots.states_plot.quantity.currentText()
    window.resize(1024, 700)  # longer words never make the window wider than a small screen
    qtbot.waitUntil(lambda: window.size().toTuple() == (1024, 700), timeout=5_000)
    area = window.plots
    plots = [area.data_plot, area.loss_plot, area.prediction_plot, area.states_plot.plot_widget]
    qtbot.waitUntil(lambda: min(plot.getPlotItem().vb.sceneBoundingRect().height() for plot in plots) >= 150,
                    timeout=5_000)


def test_the_language_menu_keeps_the_choice_and_restarts_as_quit_does(qtbot, window: MainWindow, monkeypatch) -> None:
    from PySide6.QtCore import QProcess

    from rnnstudio.gui import language_menu

    assert window.language == "en"  # the system's locale here (C): no catalogue asked for
    view = next(action.menu() for action in window.menuBar().actions()
                if action.menu() is not None and action.menu().title() == "&View")
    choices = {action.text(): action
               for action in next(action.menu() for action in view.actions() if action.menu() is not None).actions()}
    asked: list[str] = []
    started: list[tuple] = []
    monkeypatch.setattr(language_menu, "ask_restart", lambda parent, code: asked.append(code) or True)
    monkeypatch.setattr(QProcess, "startDetached", lambda *command: started.append(command))
    monkeypatch.setattr(window.files, "confirm_quit", lambda training: False)  # unsaved work: the user cancels
    choices["日本語"].trigger()
    assert window.settings.get("language") == "ja" and asked == ["ja"]  # asked in the language chosen
    assert started == [] and window.isVisible()  # not quitting: nothing restarts, the choice is kept
    monkeypatch.setattr(window.files, "confirm_quit", lambda training: True)
    choices["English"].trigger()
    assert window.settings.get("language") == "en" and asked == ["ja", "en"]
    assert started and started[0][1][:2] == ["-m", "rnnstudio.app"] and not window.isVisible()
