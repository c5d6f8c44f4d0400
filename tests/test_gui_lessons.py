"""The lessons, walked to their ends as a learner would: each step sets the window up, the
learner does the task (Train, tick runs, move the slider, step the batches, open Scores) and
answers the question, and Next opens only then. Progress is kept across windows."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_gui import train_to_end, wait_for_csv

from rnnstudio.core.lessons import EARLY_EPOCH, LESSONS, LessonProgress, Situation, task_done
from rnnstudio.core.recipes import recipe
from rnnstudio.gui.main_window import MainWindow
from rnnstudio.gui.settings import Settings

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def do_the_task(qtbot, window: MainWindow) -> None:
    """What the step asks, done through the window's own controls."""
    guide = window.lessons
    step = guide.step
    if step.recipe == "sample series":
        wait_for_csv(qtbot, window)
    if step.task in ("train", "overlay"):
        window.menus.train.trigger()
        train_to_end(qtbot, window)
    if step.task == "overlay":
        for run in window.session.runs[-2:]:
            window.session.set_overlaid(run, True)
    if step.task == "replay_early":
        window.plots.replay_bar.choose(5)
    if step.task == "step_batches":
        window.plots.data_path.next.click()
    if step.task == "scores":
        window.bottom.show_dock(window.scores_dock)  # as a click on its tab does
        qtbot.waitUntil(lambda: window.scores.evaluation is not None, timeout=60_000)


def answer(window: MainWindow, right: bool) -> None:
    step = window.lessons.step
    choice = step.answer if right else (step.answer + 1) % len(step.choices)
    window.lessons.group.button(choice).click()


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.key for lesson in LESSONS])
def test_each_lesson_can_be_walked_to_its_end(qtbot, window: MainWindow, lesson) -> None:
    guide = window.lessons
    guide.start(lesson)
    assert window.lesson_dock.isVisible() and guide.title.text().endswith(lesson.title)
    for index, step in enumerate(lesson.steps):
        assert guide.position.text() == f"Step {index + 1} of {len(lesson.steps)}"
        assert guide.do.text() == "Do: " + step.do.format(epoch=EARLY_EPOCH)  # "{epoch}" said as the number
        if step.recipe not in (None, "sample series"):  # the panel is set up with the step's recipe
            assert window.panel.experiment().data == recipe(step.recipe).data
        for path, value in step.fields:
            assert window.panel.experiment().to_dict()[path.split(".")[0]][path.split(".")[1]] == value
        answer(window, right=False)
        guide.check()
        assert not guide.next.isEnabled() and guide.feedback.text().startswith("Not quite")
        answer(window, right=True)
        if step.task != "none":
            guide.check()
            assert not guide.next.isEnabled() and guide.task.text().startswith("To do:")  # the answer alone is not enough
        do_the_task(qtbot, window)
        qtbot.waitUntil(lambda: guide.next.isEnabled(), timeout=10_000)
        assert guide.task.text() == "Task done." and guide.feedback.text().startswith("Right.")
        guide.next.click()
    assert guide.lesson is None and not window.lesson_dock.isVisible()
    assert lesson.key in guide.progress.finished


def test_a_lesson_left_midway_resumes_at_its_step_in_a_new_window(qtbot, window: MainWindow, tmp_path: Path) -> None:
    guide = window.lessons
    guide.start(LESSONS[4])  # stateful or stateless: no training needed
    answer(window, right=True)
    do_the_task(qtbot, window)
    qtbot.waitUntil(lambda: guide.next.isEnabled(), timeout=10_000)
    guide.next.click()
    assert guide.position.text() == "Step 2 of 2" and window.panel.experiment().samples.layout == "windows"
    window.settings.sync()
    again = MainWindow(Settings(tmp_path / "settings.ini"))  # the window fixture keeps its settings there
    qtbot.addWidget(again)
    assert again.lessons.progress.current == LESSONS[4].key and again.lessons.progress.reached(LESSONS[4].key) == 1
    menu = again.lesson_menu
    menu.refresh()
    assert any(action.text().endswith("(step 2 of 2)") for action in menu.actions())
    menu.actions()[0].trigger()  # Continue the lesson
    assert again.lessons.position.text() == "Step 2 of 2"
    again.lessons.close_lesson()
    again.stop_threads()


def test_tasks_are_judged_by_what_the_window_shows() -> None:
    assert not task_done("train", Situation()) and task_done("train", Situation(trained=1))
    assert task_done("replay_early", Situation(replayed_epoch=5, latest_epoch=400))
    assert not task_done("replay_early", Situation(replayed_epoch=400, latest_epoch=400))
    assert not task_done("overlay", Situation(overlaid=1)) and task_done("overlay", Situation(overlaid=2))
    assert LessonProgress.from_json("not json").step == {}
    progress = LessonProgress({"windows": 1}, {"memory"}, "windows")
    assert LessonProgress.from_json(progress.to_json()) == progress
