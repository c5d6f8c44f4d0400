"""Training on the network's own predictions: free running and scheduled sampling.

Teacher forcing shows the network the true past at every step, so it never meets its own
errors; in the closed loop it must, and small errors compound (exposure bias; Goodfellow et
al., *Deep Learning*, ch. 10). Free running feeds each prediction back as the next input over
``train.horizon`` steps and takes the loss over all of them, so the gradients flow back
through the fed-back predictions (backpropagation through the closed loop). Scheduled
sampling (Bengio et al. 2015) feeds back each prediction with a chance that rises over the
epochs, and the truth otherwise.

How a layout is run on its own predictions:

- ``windows``: sample i predicts value i+window; that prediction is shifted into the window
  in place of the true value, the window predicts the next one, and so on ``horizon`` times.
  The targets are the next ``horizon`` training targets (steps past the training part do not
  count).
- ``sequence``: the last ``horizon`` outputs of the window come from a closed loop: the inputs
  at those positions are the outputs one step before (the first ``window - horizon`` inputs
  are true, a warm-up). The loss is over the whole window, as in teacher forcing.
- ``stateful`` stays teacher forced: its chunks carry state from batch to batch, and a
  fed-back input at the end of one chunk would have to cross into the next batch; the
  closed-loop rollout of a stateful network is already one long free run of its state.

These are graph functions: the trainer's compiled program (:mod:`.compiled`) calls them.
"""

from __future__ import annotations

from typing import Any

from .experiment import TrainSpec


def feedback_chance(train: TrainSpec, epoch: int) -> float:
    """The chance that an input within the horizon is the network's own prediction, at
    ``epoch`` (1-based) of ``train.epochs``: 0 for teacher forcing, 1 for free running, and for
    scheduled sampling ``epoch / epochs``: it rises in a straight line to 1 at the last epoch."""
    if train.mode == "teacher_forcing":
        return 0.0
    if train.mode == "free_running":
        return 1.0
    return min(1.0, epoch / max(train.epochs, 1))


def window_targets(y: Any, index: Any, count: Any, horizon: int) -> tuple[Any, Any]:
    """The windows layout's targets for samples ``index`` over ``horizon`` steps, (batch,
    horizon, 1), and which of them lie inside the first ``count`` (training) targets."""
    import tensorflow as tf

    steps = index[:, None] + tf.range(horizon)[None, :]
    inside = steps < count
    return tf.gather(y, tf.minimum(steps, count - 1)), inside


def windows_closed_loop(network: Any, x: Any, targets: Any, feed: Any) -> Any:
    """The network's ``horizon`` predictions (batch, horizon, 1) from windows ``x``, each fed
    back into the window where ``feed`` (batch, horizon - 1) is true, else the true next value."""
    import tensorflow as tf

    horizon = int(targets.shape[1])
    inputs, predictions = x, []
    for step in range(horizon):
        prediction = network(inputs, training=True)
        predictions.append(prediction)
        if step + 1 < horizon:
            fed = tf.where(feed[:, step : step + 1], prediction, targets[:, step])
            inputs = tf.concat([inputs[:, 1:], tf.cast(fed, inputs.dtype)[:, None, :]], axis=1)
    return tf.stack(predictions, axis=1)


def sequence_closed_loop(network: Any, x: Any, feed: Any) -> Any:
    """The network's outputs (batch, window, 1) on windows ``x`` whose last ``horizon - 1``
    inputs are its own outputs one step before where ``feed`` (batch, horizon - 1) is true."""
    import tensorflow as tf

    window, fed_positions = int(x.shape[1]), int(feed.shape[1])
    outputs, inputs = network(x, training=True), x
    for column, position in enumerate(range(window - fed_positions, window)):
        fed = tf.where(feed[:, column : column + 1], outputs[:, position - 1], x[:, position])
        inputs = tf.concat([inputs[:, :position], fed[:, None, :], inputs[:, position + 1 :]], axis=1)
        outputs = network(inputs, training=True)
    return outputs


def coin_flips(chance: Any, seed: Any, batch: Any, shape: tuple[Any, Any]) -> Any:
    """Which inputs are fed back, (batch, horizon - 1) booleans, each true with ``chance``;
    drawn from ``seed`` and the batch's number (the same draws in every process)."""
    import tensorflow as tf

    draws = tf.random.stateless_uniform(shape, seed=tf.stack([seed, batch]))
    return draws < chance
