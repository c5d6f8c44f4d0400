"""Setting one field of an experiment by its dotted path (``model.units``), as the command
line's ``--set`` and a sweep's ``--vary`` do."""

from __future__ import annotations

from typing import Any

from .experiment import ExperimentError
from .safe_json import JsonError, load_json


def parse_value(text: str) -> Any:
    """A value as typed: JSON when it parses (numbers, true/false, lists), else the text."""
    try:
        return load_json(text, "the value")
    except JsonError:
        return text


def set_field(raw: dict[str, Any], path: str, value: Any) -> None:
    """Set the field at dotted ``path`` of an experiment dict (as ``Experiment.to_dict``
    gives it) to ``value``; an unknown path raises :class:`ExperimentError` listing the
    fields there."""
    parts = path.strip().split(".")
    node: Any = raw
    for depth, part in enumerate(parts):
        if not isinstance(node, dict) or part not in node:
            where = ".".join(parts[:depth]) or "the experiment"
            options = ", ".join(node) if isinstance(node, dict) else "none"
            raise ExperimentError(f"{path}: {where} has no field {part!r}; fields: {options}")
        if depth == len(parts) - 1:
            if isinstance(node[part], dict):
                raise ExperimentError(f"{path}: is a section; set one of its fields, e.g. {path}.{next(iter(node[part]))}")
            node[part] = value
        node = node[part]
