"""The area under the plots: the Runs, Scores and Sweep docks, tabbed, collapsible to their
tab bar so the plots get the height.

It starts collapsed (the plots first, at every window size); clicking a tab opens it,
clicking the open tab again (or View > Runs area, Ctrl+J) folds it back. Whether it is open,
and its height, are kept in the settings. The Runs tab counts the runs, so a folded area
still says what it holds.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
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
        # the main window makes the docks' tab bar when it lays them out, and anew when a dock is
        # dragged out and back: each new tab bar is connected as it comes
        window.installEventFilter(self)
        QTimer.singleShot(0, self._connect_tabs)

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

    def tab_bar(self) -> QTabBar | None:
        """The main window's tab bar that holds these docks now (None before it is laid out)."""
        titles = {dock.windowTitle() for dock in self.docks}
        return next((bar for bar in self.window.findChildren(QTabBar) if bar.parent() is self.window
                     and any(bar.tabText(index) in titles for index in range(bar.count()))), None)

    def current(self) -> QDockWidget:
        """The dock whose tab is in front (the Runs dock before the tabs are laid out)."""
        bar = self.tab_bar()
        title = bar.tabText(bar.currentIndex()) if bar is not None else None
        return next((dock for dock in self.docks if dock.windowTitle() == title), self.docks[0])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self._connect_tabs)  # once the new child is whole
        return False

    def _connect_tabs(self) -> None:
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is self.window and not bar.property("bottom_area"):
                bar.setProperty("bottom_area", True)
                bar.tabBarClicked.connect(lambda index, bar=bar: self._on_tab_clicked(bar, index))

    def _on_tab_clicked(self, bar: QTabBar, index: int) -> None:
        if bar is not self.tab_bar():
            return  # another area's tabs (docks the user tabbed together elsewhere)
        if not self.is_open:
            QTimer.singleShot(0, lambda: self.set_open(True))  # after Qt has brought the tab's dock forward
        elif index == bar.currentIndex():
            self.set_open(False)
