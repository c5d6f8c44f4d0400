"""The area under the plots: the Runs, Scores and Sweep docks, tabbed, collapsible to their
tab bar so the plots get the height.

It starts collapsed (the plots first, at every window size); clicking a tab opens it,
clicking the open tab again (or View > Runs area, Ctrl+J) folds it back. Whether it is open,
and its height, are kept in the settings. The Runs tab counts the runs, so a folded area
still says what it holds.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget

from .i18n import tr
from .settings import Settings

DEFAULT_HEIGHT = 130  # a header, two rows and the buttons: drag it taller to compare more
SMALLEST_OPEN = 80
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum"


class BottomArea(QObject):
    """Folds and opens the tabbed ``docks`` (the first is the Runs dock) of ``window``."""

    def __init__(self, window: QMainWindow, docks: list[QDockWidget], settings: Settings) -> None:
        super().__init__(window)
        self.window, self.docks, self.settings = window, docks, settings
        for dock in docks:
            no_title = QWidget()
            no_title.setFixedHeight(0)
            dock.setTitleBarWidget(no_title)  # the tabs name them: no second title above
        self.action = QAction(tr("Runs &area"), window, checkable=True)
        self.action.setShortcut(QKeySequence("Ctrl+J"))
        self.action.setToolTip(tr("Show or fold the Runs, Scores and Sweep area under the plots (Ctrl+J); "
                                  "clicking its open tab folds it too"))
        self.action.toggled.connect(self.set_open)
        self.is_open = True
        self._tabs: QTabBar | None = None
        QTimer.singleShot(0, self._connect_tabs)  # the main window makes the docks' tab bar when it lays them out

    def start(self) -> None:
        """Open or fold the area as it was left (folded the first time)."""
        self.action.setChecked(self.settings.get("runs_area_open") in (True, "true"))
        self.set_open(self.action.isChecked())

    def set_open(self, open_: bool) -> None:
        """Show the docks' contents at their kept height, or fold the area to its tab bar."""
        if open_ == self.is_open:
            return
        current = self.current()
        if not open_:
            if current.height() >= SMALLEST_OPEN:
                self.settings.set("runs_area_height", current.height())
        for dock in self.docks:  # folded: no height at all (hidden, a dock would warn of a negative size)
            dock.widget().setMaximumHeight(QWIDGETSIZE_MAX if open_ else 0)
        height = int(self.settings.get("runs_area_height") or DEFAULT_HEIGHT) if open_ else 1
        # once the new maximum heights are laid out: before, the dock area may keep its old size
        QTimer.singleShot(0, lambda: self.window.resizeDocks([current], [height], Qt.Orientation.Vertical))
        self.is_open = open_
        self.settings.set("runs_area_open", open_)
        if self.action.isChecked() != open_:
            self.action.setChecked(open_)

    def show_dock(self, dock: QDockWidget) -> None:
        """Bring ``dock``'s tab forward and open the area."""
        dock.raise_()
        self.set_open(True)

    def count_runs(self, count: int) -> None:
        """Say in the Runs tab how many runs the list holds."""
        self.docks[0].setWindowTitle(tr("Runs ({count})").format(count=count) if count else tr("Runs"))

    def current(self) -> QDockWidget:
        tabs = self._tabs
        if tabs is not None and 0 <= tabs.currentIndex() < tabs.count():
            title = tabs.tabText(tabs.currentIndex())
            for dock in self.docks:
                if dock.windowTitle() == title:
                    return dock
        return self.docks[0]

    def _connect_tabs(self) -> None:
        titles = {dock.windowTitle() for dock in self.docks}
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is self.window and bar.count() and bar.tabText(0) in titles:
                self._tabs = bar
                bar.tabBarClicked.connect(self._on_tab_clicked)
                return

    def _on_tab_clicked(self, index: int) -> None:
        if not self.is_open:
            QTimer.singleShot(0, lambda: self.set_open(True))  # after Qt has brought the tab's dock forward
        elif self._tabs is not None and index == self._tabs.currentIndex():
            self.set_open(False)
