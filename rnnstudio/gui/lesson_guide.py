"""The Lessons menu and the lesson dock: a lesson's steps one after another (see
:mod:`rnnstudio.core.lessons`). Opening a step sets the window up for it (recipe, fields, plot
tab); the dock says what to do and what to watch, shows whether the step's task is done, and
asks its question; Next opens once both are. Progress is kept in the settings, so a lesson
left (or the window closed) resumes where it was."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..core.lessons import (
    EARLY_EPOCH,
    LESSONS,
    SAMPLE_SERIES,
    TASK_WORDS,
    Lesson,
    LessonProgress,
    Situation,
    Step,
    lesson,
    task_done,
)
from ..core.run import FINISHED, STOPPED
from ..core.sample_series import write_sample_sales
from .i18n import tr

CHECK_MS = 250  # how often the task is checked against the window


class LessonGuide(QWidget):
    """The dock's content for the open lesson (none: hidden). ``opened`` says a lesson began or
    ended (the dock shows or hides)."""

    opened = Signal(bool)

    def __init__(self, window: Any) -> None:
        """``window``: the main window, whose panel, plots, session and settings a step uses."""
        super().__init__()
        self.window = window
        self.progress = LessonProgress.from_json(str(window.settings.get("lessons")))
        self.lesson: Lesson | None = None
        self.index = 0
        self._first_run_id = 0  # runs with a larger id were trained during the open step
        self._batches_from = 0  # the Data's path position when the step opened
        self._answered = False
        self.title, self.position, self.do, self.watch, self.task, self.question, self.feedback = (
            QLabel() for _ in range(7))
        bold = QFont(self.title.font())
        bold.setBold(True)
        self.title.setFont(bold)
        for label in (self.title, self.do, self.watch, self.task, self.question, self.feedback):
            label.setWordWrap(True)

        self.choices = QVBoxLayout()
        self.group = QButtonGroup(self)
        self.group.idClicked.connect(self._on_answer)
        self.back, self.next, self.leave = QPushButton(tr("Back")), QPushButton(tr("Next")), QPushButton(tr("Leave"))
        self.back.setToolTip(tr("The step before"))
        self.leave.setToolTip(tr("Close the lesson; Lessons > Continue resumes it at this step"))
        self.back.clicked.connect(lambda: self.open_step(self.index - 1))
        self.next.clicked.connect(self._on_next)
        self.leave.clicked.connect(self.close_lesson)
        buttons = QHBoxLayout()
        for button in (self.back, self.next, self.leave):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.position, self.do, self.watch, self.task, self.question):
            layout.addWidget(widget)
        layout.addLayout(self.choices)
        layout.addWidget(self.feedback)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)

    # -- opening and closing -----------------------------------------------------------------------
    def start(self, lesson: Lesson) -> None:
        """Open ``lesson`` at the step it was left at (its first when new or finished)."""
        self.lesson = lesson
        self.progress.current = lesson.key
        self.opened.emit(True)
        self.open_step(self.progress.reached(lesson.key))
        self.timer.start()

    def close_lesson(self) -> None:
        """Leave the lesson: its progress stays."""
        self.timer.stop()
        self.lesson = None
        self.progress.current = None
        self._save()
        self.opened.emit(False)

    def open_step(self, index: int) -> None:
        """Show step ``index`` of the open lesson and set the window up for it."""
        assert self.lesson is not None
        self.index = index
        step = self.step
        self.progress.step[self.lesson.key] = index
        self._save()
        number = LESSONS.index(self.lesson) + 1
        self.title.setText(tr("Lesson {number} of {count}: {title}").format(number=number, count=len(LESSONS),
                                                                            title=tr(self.lesson.title)))
        self.position.setText(tr("Step {number} of {count}").format(number=index + 1, count=len(self.lesson.steps)))
        self.do.setText(tr("Do: {text}").format(text=lesson_text(step.do)))
        self.watch.setText(tr("Watch: {text}").format(text=lesson_text(step.watch)))
        self.question.setText(tr("Question: {text}").format(text=lesson_text(step.question)))
        self._show_choices(step)
        self.feedback.setText("")
        self._answered = False
        self.back.setEnabled(index > 0)
        self.next.setText(tr("Finish the lesson") if index == len(self.lesson.steps) - 1 else tr("Next"))
        self._set_up(step)
        self.layout().activate()
        self.check()

    @property
    def step(self) -> Step:
        assert self.lesson is not None
        return self.lesson.steps[self.index]

    def _show_choices(self, step: Step) -> None:
        for button in self.group.buttons():
            self.group.removeButton(button)
            self.choices.removeWidget(button)
            button.deleteLater()
        for number, choice in enumerate(step.choices):
            button = QRadioButton(lesson_text(choice))
            self.group.addButton(button, number)
            self.choices.addWidget(button)

    def _set_up(self, step: Step) -> None:
        """Put the step's experiment into the panel and show its plot tab."""
        window = self.window
        if step.recipe == SAMPLE_SERIES:
            path = write_sample_sales(window.settings.folder())
            if window.panel.experiment() is None or window.panel.experiment().data.path != str(path):
                window.panel.open_csv(str(path))
        elif step.recipe is not None:
            window.panel.choose_recipe(step.recipe)
        for field, value in step.fields:
            window.panel.set_value(field, value)
        tabs = {"states": window.plots.states_plot, "memory": window.plots.memory,
                "closed loop": window.plots.closed_loop, "data path": window.plots.data_path}
        if step.tab:
            window.plots.inner_tabs.setCurrentWidget(tabs[step.tab])
        if step.task == "overlay":
            window.bottom.show_dock(window.runs_dock)  # the runs are ticked in its list
        self._first_run_id = max((run.id for run in window.session.runs), default=0)
        self._batches_from = self._batches_seen()

    # -- the task and the answer -------------------------------------------------------------------
    def situation(self) -> Situation:
        """What the window shows now, for the step's task."""
        window, session = self.window, self.window.session
        trained = [run for run in session.runs if run.id > self._first_run_id and run.state in (FINISHED, STOPPED)
                   and run.epochs_run > 0]
        selected = window.selected
        return Situation(trained=len(trained), overlaid=len(session.overlaid_runs()),
                         replayed_epoch=session.epoch if selected is not None else None,
                         latest_epoch=selected.epochs_run if selected is not None else None,
                         batches_stepped=self._batches_seen() - self._batches_from + 1,
                         scores_shown=window.scores.evaluation is not None and window.scores_dock.isVisible()
                         and window.bottom.is_open)

    def _batches_seen(self) -> int:
        view = self.window.plots.data_path
        return (view.epoch.value() - 1) * view.batch.maximum() + view.batch.value()

    def check(self) -> None:
        """Say whether the task is done; Next opens when it is and the answer is right."""
        if self.lesson is None:
            return
        done = task_done(self.step.task, self.situation())
        self.task.setText(tr("Task done.") if done else tr("To do: {task}.").format(
            task=lesson_text(TASK_WORDS[self.step.task])))
        self.next.setEnabled(done and self._answered)

    def _on_answer(self, choice: int) -> None:
        step = self.step
        self._answered = choice == step.answer
        self.feedback.setText(tr("Right. {why}").format(why=lesson_text(step.why)) if self._answered
                              else tr("Not quite: look at the screen again, and try another answer."))
        self.layout().activate()  # inside the dock's scroll area, a new text's wrapped height is not laid out by itself
        self.check()

    def _on_next(self) -> None:
        assert self.lesson is not None
        if self.index + 1 < len(self.lesson.steps):
            self.open_step(self.index + 1)
            return
        self.progress.finished.add(self.lesson.key)
        self.progress.step.pop(self.lesson.key, None)
        self.close_lesson()

    def _save(self) -> None:
        self.window.settings.set("lessons", self.progress.to_json())


def lesson_text(text: str) -> str:
    """A lesson's text in the window's language, its ``{epoch}`` filled in (the early epoch of a replay task)."""
    return tr(text).format(epoch=EARLY_EPOCH)


class LessonMenu(QMenu):
    """Lessons: each lesson (✓ when finished, its step when under way) and Continue."""

    def __init__(self, guide: LessonGuide) -> None:
        super().__init__(tr("&Lessons"))
        self.guide = guide
        self.aboutToShow.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        progress = self.guide.progress
        current = progress.current
        resume = self.addAction(tr("Continue the lesson") if current else tr("Continue (no lesson under way)"),
                                lambda: current and self.guide.start(lesson(current)))
        resume.setEnabled(current is not None)
        self.addSeparator()
        for number, each in enumerate(LESSONS, start=1):
            state = (" ✓" if each.key in progress.finished else
                     tr(" (step {number} of {count})").format(number=progress.reached(each.key) + 1,
                                                              count=len(each.steps)) if each.key in progress.step
                     else "")
            self.addAction(f"{number} · {tr(each.title)}{state}", lambda each=each: self.guide.start(each))
