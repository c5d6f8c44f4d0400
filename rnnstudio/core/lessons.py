"""Lessons: short guided walks through the studio, each a few steps.

In every step the studio sets up an experiment (a recipe, some fields, a plot tab), says what
to do and what to watch, and asks one question whose answer is on the screen. A step is done
when its task is (trained, overlaid, replayed, stepped through batches, scored) and its
question is answered right; then the next one opens. Progress is kept (see
:class:`LessonProgress`), so a lesson can be left and resumed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from .text import QT_TR_NOOP

Task = Literal["none", "train", "overlay", "replay_early", "step_batches", "scores"]
Tab = Literal["", "states", "memory", "closed loop", "data path"]
SAMPLE_SERIES = "sample series"  # a step's recipe: the sample monthly series the studio writes for the last lesson
EARLY_EPOCH = 20  # "an early epoch" for a replay task


@dataclass(frozen=True)
class Step:
    """One step: what the studio sets up (``recipe``, then ``fields`` of the panel, then the
    plot ``tab``; ``scores``: the Scores tab), what to ``do`` and ``watch``, the ``task`` that
    must be done, and a question with ``choices``, the right ``answer`` (its index) and
    ``why`` it is right. The texts are marked for the window's translation, and may say
    ``{epoch}``: the early epoch of a replay task (:data:`EARLY_EPOCH`), filled in where shown."""

    do: str
    watch: str
    question: str
    choices: tuple[str, ...]
    answer: int
    why: str
    recipe: str | None = None
    fields: tuple[tuple[str, Any], ...] = ()
    tab: Tab = ""
    scores: bool = False
    task: Task = "none"


@dataclass(frozen=True)
class Lesson:
    key: str
    title: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Situation:
    """What the window shows now, as far as a task can tell: finished runs of the step's
    experiment, overlaid runs, the replayed epoch, the Data's path position, scores shown."""

    trained: int = 0
    overlaid: int = 0
    replayed_epoch: int | None = None
    latest_epoch: int | None = None
    batches_stepped: int = 0
    scores_shown: bool = False


def task_done(task: Task, now: Situation) -> bool:
    """Whether ``task`` is done in the situation ``now``."""
    if task == "train":
        return now.trained > 0
    if task == "overlay":
        return now.overlaid >= 2
    if task == "replay_early":
        return now.replayed_epoch is not None and now.replayed_epoch <= EARLY_EPOCH < (now.latest_epoch or 0)
    if task == "step_batches":
        return now.batches_stepped >= 2
    if task == "scores":
        return now.scores_shown
    return True


TASK_WORDS: dict[Task, str] = {
    "none": "",
    "train": QT_TR_NOOP("press Train (F5) and let the run finish"),
    "overlay": QT_TR_NOOP("tick two runs in the Runs list"),
    "replay_early": QT_TR_NOOP("move the Epoch slider under the plots back to epoch {epoch} or before"),
    "step_batches": QT_TR_NOOP("press ▶ in the Data's path tab to go to the next batch"),
    "scores": QT_TR_NOOP("open the Scores tab (beside Runs) and wait for its table"),
}


LESSONS: tuple[Lesson, ...] = (
    Lesson("windows", QT_TR_NOOP("Windows: predicting the next value"), (
        Step(do=QT_TR_NOOP("Look at the Data's path tab. Press ▶ to see the next batch."),
             watch=QT_TR_NOOP("Each row is one sample: a window of 20 past values (the bar) and the value right after it (the "
                   "dot). The same windows light up green in the Data plot."),
             question=QT_TR_NOOP("How many windows does this series of 200 values give?"),
             choices=("200", "180", "144", "20"), answer=1,
             why=QT_TR_NOOP("Every window needs 20 values before its target, so the first target is value 20: 200 - 20 = 180 "
                 "windows. The summary says x (180, 20, 1)."),
             recipe="sine-simplernn", tab="data path", task="step_batches"),
        Step(do=QT_TR_NOOP("Press Train."),
             watch=QT_TR_NOOP("The loss falls. In the Prediction plot, the green dashed one-step predictions sit on the grey "
                   "truth."),
             question=QT_TR_NOOP("Which windows does the network never train on?"),
             choices=(QT_TR_NOOP("The last 36, the orange validation part"), QT_TR_NOOP("The first 20"), QT_TR_NOOP("Every other window")), answer=0,
             why=QT_TR_NOOP("Validation = 0.2 holds out the last fifth of the windows, unshuffled: 180 - 144 = 36. Their loss "
                 "(val_loss) shows how the network does on values it has not seen."),
             recipe="sine-simplernn", tab="data path", task="train"),
    )),
    Lesson("closed-loop", QT_TR_NOOP("One step ahead, or on its own: the closed loop"), (
        Step(do=QT_TR_NOOP("Press Train, then look at the Closed loop tab."),
             watch=QT_TR_NOOP("Red: the error when the network feeds itself its own predictions (the closed loop). Green, "
                   "dashed: the error when it always sees the true past (one step ahead)."),
             question=QT_TR_NOOP("After training, which error is larger?"),
             choices=(QT_TR_NOOP("The closed loop's"), QT_TR_NOOP("The one-step error"), QT_TR_NOOP("They are the same")), answer=0,
             why=QT_TR_NOOP("Trained with teacher forcing, the network never meets its own mistakes. In the closed loop each "
                 "small error becomes part of the next input, and the errors pile up: exposure bias."),
             recipe="sine-simplernn", tab="closed loop", task="train"),
        Step(do=QT_TR_NOOP("The panel now says Inputs = free running. Press Train, then tick both runs in the Runs list."),
             watch=QT_TR_NOOP("Free running trains the network on its own predictions, 10 steps at a time. Compare the red "
                   "lines of the two runs."),
             question=QT_TR_NOOP("Which run's closed loop ends nearer the truth?"),
             choices=(QT_TR_NOOP("The free-running run"), QT_TR_NOOP("The teacher-forcing run")), answer=0,
             why=QT_TR_NOOP("Free running shows the network its own errors while it trains, and the loss covers 10 fed-back "
                 "steps, so it learns to stay on course. Its one-step error is often a little worse: that is the "
                 "price."),
             recipe="sine-simplernn", fields=(("train.mode", "free_running"),), tab="closed loop", task="overlay"),
        Step(do=QT_TR_NOOP("The panel now says Inputs = scheduled sampling. Press Train."),
             watch=QT_TR_NOOP("The dotted grey line (right axis) is the chance that an input is the network's own prediction. "
                   "It rises every epoch."),
             question=QT_TR_NOOP("At the last epoch, how often is an input the network's own prediction?"),
             choices=(QT_TR_NOOP("Always (chance 1)"), QT_TR_NOOP("Never (chance 0)"), QT_TR_NOOP("Half the time")), answer=0,
             why=QT_TR_NOOP("Scheduled sampling starts close to teacher forcing and ends as free running: the chance is "
                 "epoch / epochs, so 1 at the last epoch."),
             recipe="sine-simplernn", fields=(("train.mode", "scheduled_sampling"),), tab="closed loop",
             task="train"),
    )),
    Lesson("counting", QT_TR_NOOP("The LSTM that counts"), (
        Step(do=QT_TR_NOOP("Press Train (400 short epochs), then look at the States tab."),
             watch=QT_TR_NOOP("The output sits at 0 between the pulses, but the cell states c keep changing: they count the "
                   "steps since the last pulse."),
             question=QT_TR_NOOP("How many steps apart are the peaks of the cell states?"),
             choices=("3", "10", "25", "150"), answer=1,
             why=QT_TR_NOOP("The pulses come every 10 steps, so to know when the next one is due the network must count to 10. "
                 "Its cell states repeat with the same period."),
             recipe="pulse-lstm-stateful", tab="states", task="train"),
        Step(do=QT_TR_NOOP("Move the Epoch slider under the plots back to epoch {epoch} or before."),
             watch=QT_TR_NOOP("The plots show the network as it was after that epoch: the rollout, the states, a marker on "
                   "the loss."),
             question=QT_TR_NOOP("Early in training, what does the closed-loop rollout do?"),
             choices=(QT_TR_NOOP("It stays flat: nothing counts yet"), QT_TR_NOOP("It already finds every pulse"), QT_TR_NOOP("It explodes")),
             answer=0,
             why=QT_TR_NOOP("Early on the network has only learned the average value. Counting comes later, and the loss "
                 "drops when it does."),
             recipe="pulse-lstm-stateful", tab="states", task="replay_early"),
    )),
    Lesson("memory", QT_TR_NOOP("Memory: how far back can it learn?"), (
        Step(do=QT_TR_NOOP("Press Train, then look at the Memory tab."),
             watch=QT_TR_NOOP("The line shows how strongly the loss's gradient reaches the hidden state 1, 2, 3... steps back, "
                   "on a log scale. Training can only use what this gradient reaches."),
             question=QT_TR_NOOP("How does the SimpleRNN's gradient change with each step back?"),
             choices=(QT_TR_NOOP("It shrinks by about the same factor every step"), QT_TR_NOOP("It grows"), QT_TR_NOOP("It stays the same")),
             answer=0,
             why=QT_TR_NOOP("A plain RNN multiplies the gradient by about the same matrix at every step back, so it fades "
                 "geometrically: pulses 30 steps apart are out of its reach."),
             recipe="memory-simplernn", tab="memory", task="train"),
        Step(do=QT_TR_NOOP("Press Train for the LSTM, then tick both runs in the Runs list."),
             watch=QT_TR_NOOP("The two gradient lines in the Memory tab, and the two rollouts in the Prediction plot."),
             question=QT_TR_NOOP("Which network's gradient reaches further back?"),
             choices=(QT_TR_NOOP("The LSTM's"), QT_TR_NOOP("The SimpleRNN's")), answer=0,
             why=QT_TR_NOOP("The LSTM's cell state is carried on through its forget gate, so the gradient along it need not "
                 "fade: it can learn to count 30 steps."),
             recipe="memory-lstm", tab="memory", task="overlay"),
    )),
    Lesson("state", QT_TR_NOOP("Stateful or stateless: where the state goes"), (
        Step(do=QT_TR_NOOP("Look at the Data's path tab and press ▶."),
             watch=QT_TR_NOOP("Three streams, the series and two shifted copies, cut into chunks of 25 steps. Batch k holds "
                   "chunk k of every stream. Green marks: the state carries on; red: it is reset."),
             question=QT_TR_NOOP("In batch 2, where does row 0 get its starting state from?"),
             choices=(QT_TR_NOOP("From row 0 of batch 1: the same stream, 25 steps earlier"), QT_TR_NOOP("From zero"), QT_TR_NOOP("From row 2")),
             answer=0,
             why=QT_TR_NOOP("With stateful=True, Keras keeps each row's state after a batch and starts the next batch's same "
                 "row from it. That is why the batch size must equal the number of streams, and why nothing is "
                 "shuffled. At each epoch's start the states are reset to zero."),
             recipe="pulse-lstm-stateful", tab="data path", task="step_batches"),
        Step(do=QT_TR_NOOP("Now the windows of R1. Press ▶ again."),
             watch=QT_TR_NOOP("The rows of a batch come from all over the series: the windows are shuffled."),
             question=QT_TR_NOOP("Does a window's state carry on into the next batch?"),
             choices=(QT_TR_NOOP("No: every window starts from a zero state"), QT_TR_NOOP("Yes, row by row")), answer=0,
             why=QT_TR_NOOP("Without state, each window is a sample of its own: the network reads its 20 values from a zero "
                 "state. So the windows can be shuffled, and a validation part can be held out."),
             recipe="sine-simplernn", tab="data path", task="step_batches"),
    )),
    Lesson("own-series", QT_TR_NOOP("A real series against the baselines"), (
        Step(do=QT_TR_NOOP("The panel now reads a sample series of monthly sales (yours works the same: Source = CSV file). "
                "Press Train."),
             watch=QT_TR_NOOP("The studio chose the window, the scaling and early stopping from the series. The forecast "
                   "(purple) goes on past the end."),
             question=QT_TR_NOOP("Where does the forecast past the end come from?"),
             choices=(QT_TR_NOOP("The closed loop, fed its own predictions"), QT_TR_NOOP("The true future values"), QT_TR_NOOP("A straight line")),
             answer=0,
             why=QT_TR_NOOP("Past the end there is no truth to read: every forecast value is the network's own prediction fed "
                 "back, as in the closed loop."),
             recipe=SAMPLE_SERIES, task="train"),
        Step(do=QT_TR_NOOP("Open the Scores tab beside Runs."),
             watch=QT_TR_NOOP("The network against persistence (the last value), the seasonal naive forecast, a linear "
                   "autoregression, ETS and ARIMA. The best value of each column is marked *."),
             question=QT_TR_NOOP("What does 'persistence' forecast?"),
             choices=(QT_TR_NOOP("The last value, again"), QT_TR_NOOP("The mean of the series"), QT_TR_NOOP("The network's prediction")), answer=0,
             why=QT_TR_NOOP("Persistence is the simplest honest baseline: tomorrow = today. A network that does not beat it, "
                 "and the statistical forecasts, adds nothing; the verdict under the table says which."),
             recipe=SAMPLE_SERIES, scores=True, task="scores"),
    )),
)


def lesson(key: str) -> Lesson:
    """The lesson named ``key``."""
    return next(item for item in LESSONS if item.key == key)


@dataclass
class LessonProgress:
    """How far the learner got: per lesson the step to resume at, and the lessons finished."""

    step: dict[str, int] = field(default_factory=dict)
    finished: set[str] = field(default_factory=set)
    current: str | None = None  # the lesson open when the window last closed

    def reached(self, key: str) -> int:
        """The step of lesson ``key`` to open (0 for a new or finished lesson)."""
        return 0 if key in self.finished else max(0, min(self.step.get(key, 0), len(lesson(key).steps) - 1))

    def to_json(self) -> str:
        return json.dumps({"step": self.step, "finished": sorted(self.finished), "current": self.current})

    @classmethod
    def from_json(cls, text: str) -> LessonProgress:
        """Progress as :meth:`to_json` wrote it; anything else (an old or damaged setting) is a fresh start."""
        try:
            raw = json.loads(text)
            known = {item.key for item in LESSONS}
            step = {str(k): int(v) for k, v in raw.get("step", {}).items() if k in known}
            finished = {str(k) for k in raw.get("finished", []) if k in known}
            current = raw.get("current") if raw.get("current") in known else None
            return cls(step, finished, current)
        except (ValueError, TypeError, AttributeError):
            return cls()
