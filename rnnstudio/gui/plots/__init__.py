"""The four live plots: data, loss, prediction and inner states.

Each plot creates its curves once and afterwards only calls ``setData`` with arrays from
the latest :class:`EpochReport`; long curves are peak-downsampled and clipped to the view.
"""

from .base import DataView, Overlay, StepAxis, StudioPlot
from .data_plot import DataPlot
from .loss_plot import LossPlot, ema
from .prediction_plot import PredictionPlot
from .states_plot import StatesPlot, parse_units

__all__ = ["DataPlot", "DataView", "LossPlot", "Overlay", "PredictionPlot", "StatesPlot", "StepAxis", "StudioPlot",
           "ema", "parse_units"]
