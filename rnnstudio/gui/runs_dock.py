"""The runs dock: every run of this window in a table, to select, overlay, rename, copy
into the panel, train more or delete.

:class:`RunsTableModel` is a read-only adapter over the core :class:`Session`: it listens to
the session's changes; ticking a box, renaming and selecting are the session's methods.
Ticking a run's box overlays it in the plots.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.run import Run
from ..core.session import Change, Session
from .i18n import QT_TR_NOOP, tr

ModelIndex = QModelIndex | QPersistentModelIndex


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4g}"


KIND_WORDS = {"sine": QT_TR_NOOP("sine"), "pulse": QT_TR_NOOP("pulse")}


def _data_text(run: Run) -> str:
    """The run's data as the table says it: "pulse (150)", its kind in the window's language."""
    label, kind = run.data_label, run.experiment.data.kind
    return tr(KIND_WORDS[kind]) + label[len(kind):] if kind in KIND_WORDS else label


def _seconds(run: Run) -> str:
    return f"{run.seconds:.1f} s" if run.seconds else ""


STATE_NAMES = {"training": QT_TR_NOOP("training"), "finished": QT_TR_NOOP("finished"),
               "stopped": QT_TR_NOOP("stopped"), "diverged": QT_TR_NOOP("diverged"), "failed": QT_TR_NOOP("failed"),
               "opened": QT_TR_NOOP("opened")}
COLUMNS: tuple[tuple[str, str, Callable[[Run], str]], ...] = (
    (QT_TR_NOOP("Run"), QT_TR_NOOP("Tick to overlay this run in the plots; double-click to rename"),
     lambda run: run.name),
    (QT_TR_NOOP("Network"), QT_TR_NOOP("Layer type, layers x units"), lambda run: run.network_label),
    (QT_TR_NOOP("Data"), QT_TR_NOOP("The series it learned"), lambda run: _data_text(run)),
    (QT_TR_NOOP("Epochs"), QT_TR_NOOP("Epochs trained"), lambda run: str(run.epochs_run)),
    (QT_TR_NOOP("Loss"), QT_TR_NOOP("Final training loss"), lambda run: _number(run.final_and_best(False)[0])),
    (QT_TR_NOOP("Best loss"), QT_TR_NOOP("Lowest training loss of any epoch"),
     lambda run: _number(run.final_and_best(False)[1])),
    (QT_TR_NOOP("Val loss"), QT_TR_NOOP("Final validation loss"), lambda run: _number(run.final_and_best(True)[0])),
    (QT_TR_NOOP("Best val"), QT_TR_NOOP("Lowest validation loss of any epoch"),
     lambda run: _number(run.final_and_best(True)[1])),
    (QT_TR_NOOP("Time"), QT_TR_NOOP("Training time"), _seconds),
    (QT_TR_NOOP("State"), QT_TR_NOOP("training, finished, stopped, diverged, failed or opened"),
     lambda run: tr(STATE_NAMES.get(run.state, run.state))),
    (QT_TR_NOOP("File"), QT_TR_NOOP("Where it is saved (* = unsaved changes)"),
     lambda run: (run.path.name if run.path else "") + (" *" if run.unsaved else "")),
)


class RunsTableModel(QAbstractTableModel):
    """The session's runs as table rows, redrawn on the session's changes. A row's texts are
    taken when it is refreshed, so the training run's row shows the epoch the frame draws."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self._texts: dict[int, list[str]] = {}
        session.subscribe(self._on_change)

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.session.runs)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr(COLUMNS[section][1])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        run = self.session.runs[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            texts = self._texts.get(run.id)
            if texts is None:
                texts = self._texts[run.id] = [text(run) for _, _, text in COLUMNS]
            return texts[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return Qt.CheckState.Checked if self.session.is_overlaid(run) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:  # its colour in overlays
            return QColor(self.session.color_of(run))
        if role == Qt.ItemDataRole.ToolTipRole:
            return run.message or (str(run.path) if index.column() == len(COLUMNS) - 1 and run.path else None)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        run = self.session.runs[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            self.session.set_overlaid(run, Qt.CheckState(value) == Qt.CheckState.Checked)
            return True
        if role == Qt.ItemDataRole.EditRole and str(value).strip():
            self.session.rename(run, str(value))
            return True
        return False

    def _on_change(self, change: Change) -> None:
        if change.what == "runs":
            self.beginResetModel()
            self._texts.clear()
            self.endResetModel()
        elif change.what in ("run", "overlays", "training") and change.run is not None:
            self.refresh(change.run)

    def refresh(self, run: Run) -> None:
        """Redraw ``run``'s row (the window does it for the training run's progress, in the
        frame that draws the same epoch)."""
        if run in self.session.runs:
            self._texts[run.id] = [text(run) for _, _, text in COLUMNS]
            row = self.session.index(run)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))


class RunsPanel(QWidget):
    """The table of runs with its actions. Choosing a row selects its run in the session;
    the table follows the session's selection."""

    edit_as_new = Signal(object)
    train_more = Signal(object, int)
    delete = Signal(object)
    locate = Signal(object)

    def __init__(self, model: RunsTableModel) -> None:
        super().__init__()
        self.model = model
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in a form; arrows move within it
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        model.session.subscribe(self._on_change)

        self.edit_button = QPushButton(tr("Edit as new"))
        self.edit_button.setToolTip(tr("Copy the selected run's settings into the panel, for a new run"))
        self.more_button = QPushButton(tr("Train more"))
        self.more_button.setToolTip(tr("Continue the selected run from its current weights"))
        self.more_epochs = QSpinBox()
        self.more_epochs.setRange(1, 100_000)
        self.more_epochs.setValue(100)
        self.more_epochs.setSuffix(tr(" epochs"))
        self.more_epochs.valueChanged.connect(lambda value: self.more_epochs.setSuffix(" epoch" if value == 1 else " epochs"))
        self.more_epochs.setToolTip(tr("How many more epochs Train more runs"))
        self.locate_button = QPushButton(tr("Locate data…"))
        self.locate_button.setToolTip(tr("The run's file does not carry its series: choose the CSV file it was "
                                      "trained on, to show its predictions and train it more"))
        self.locate_button.clicked.connect(lambda: self._emit(self.locate))
        self.delete_button = QPushButton(tr("Delete"))
        self.delete_button.setToolTip(tr("Remove the selected run from the list (asks if it is unsaved)"))
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_as_new))
        self.more_button.clicked.connect(lambda: self._emit_more())
        self.delete_button.clicked.connect(lambda: self._emit(self.delete))
        buttons = QHBoxLayout()
        for widget in (self.edit_button, self.more_button, self.more_epochs, self.locate_button, self.delete_button):
            buttons.addWidget(widget)
        hint = QLabel(tr("Tick runs to overlay them; select one to show it and replay its epochs. Double-click a name to rename."))
        hint.setStyleSheet("color: #666;")
        hint.setWordWrap(True)  # wraps in a narrow window instead of widening it (a longer sentence in Japanese)
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        buttons.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def current_run(self) -> Run | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.session.runs[rows[0].row()] if rows else None

    def _on_change(self, change: Change) -> None:
        if change.what in ("runs", "selection"):
            self._show_selection()
        elif change.what in ("training", "run"):
            self._update_buttons()

    def _show_selection(self) -> None:
        """Select the session's selected run's row (none for the draft), and scroll to it."""
        session, selection = self.model.session, self.table.selectionModel()
        selection.blockSignals(True)
        if session.selected is None:
            selection.clearSelection()
        else:
            index = self.model.index(session.index(session.selected), 0)
            selection.select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                             | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        selection.blockSignals(False)
        self.table.viewport().update()
        self._update_buttons()

    def _update_buttons(self) -> None:
        run = self.current_run()
        training = self.model.session.training_run is not None
        self.edit_button.setEnabled(run is not None)
        can_train = run is not None and run.model is not None and not training and run.series is not None
        self.more_button.setEnabled(can_train)
        self.more_epochs.setEnabled(can_train)
        self.delete_button.setEnabled(run is not None and not run.is_training)
        self.locate_button.setVisible(run is not None and run.series is None and run.experiment.data.kind == "csv")

    def _on_selection(self) -> None:
        self._update_buttons()
        self.model.session.select(self.current_run())

    def _emit(self, signal: Signal) -> None:
        run = self.current_run()
        if run is not None:
            signal.emit(run)

    def _emit_more(self) -> None:
        run = self.current_run()
        if run is not None:
            self.train_more.emit(run, self.more_epochs.value())
