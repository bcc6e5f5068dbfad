"""What storyline's small trained models share: weights shipped as package data, read once,
and the logistic function (the models are numpy logistic regressions: docs/events.md)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np


def shipped_json(package: str, name: str) -> Any | None:
    """A weights file inside `package`, parsed; None when it is absent (the model is then off)."""
    try:
        text = resources.files(package).joinpath(name).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return json.loads(text)


def sigmoid(z: Any) -> Any:
    """1 / (1 + e^-z), for a number or an array."""
    return 1.0 / (1.0 + np.exp(-z))


def write_weights(path: Path, data: Any) -> int:
    """Write a model's weights as the JSON `shipped_json` reads (keys sorted, so the same
    training writes the same bytes); the number of bytes written."""
    text = json.dumps(data, indent=0, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))
