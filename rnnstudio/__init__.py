"""RNN Studio: train small recurrent networks on time series and watch them learn."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rnnstudio")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.1.0"
