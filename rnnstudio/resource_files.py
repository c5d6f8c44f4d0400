"""Paths of the files shipped in ``rnnstudio.resources`` (the top-level ``resources/``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def resource_path(name: str) -> Path:
    """The path of a packaged resource file such as ``rnnstudio.svg``."""
    return Path(str(resources.files("rnnstudio.resources") / name))
