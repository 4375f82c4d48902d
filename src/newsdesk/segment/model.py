"""The boundary model: logistic regression over the junction features, weights in JSON.

The weights are learned by ``python -m newsdesk.segment.train`` from synthetic dumps built
from the training split of the shared eval data, and shipped as
``newsdesk/data/segment/boundary.json``. Scoring is a dot product and a sigmoid in plain
Python: no scikit-learn or numpy at run time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError


@dataclass(slots=True)
class BoundaryModel:
    """P(line starts a new article | features) = sigmoid(bias + sum(weight * feature))."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    # Feature scaling learned with the weights: (value - mean) / scale.
    means: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        z = self.bias
        for name, weight in self.weights.items():
            value = features.get(name, 0.0)
            z += weight * (value - self.means.get(name, 0.0)) / self.scales.get(name, 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def explain(self, features: dict[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution to the score, largest first: why a line was split."""
        parts = [
            (
                name,
                w
                * (features.get(name, 0.0) - self.means.get(name, 0.0))
                / self.scales.get(name, 1.0),
            )
            for name, w in self.weights.items()
        ]
        return sorted(parts, key=lambda p: -abs(p[1]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "bias": self.bias,
            "threshold": self.threshold,
            "weights": self.weights,
            "means": self.means,
            "scales": self.scales,
            "meta": self.meta,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BoundaryModel:
        return cls(
            weights={k: float(v) for k, v in data["weights"].items()},
            bias=float(data["bias"]),
            threshold=float(data.get("threshold", 0.5)),
            means={k: float(v) for k, v in data.get("means", {}).items()},
            scales={k: float(v) for k, v in data.get("scales", {}).items()},
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n")


MODEL_FILE = "boundary.json"
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "segment" / MODEL_FILE


@lru_cache(maxsize=1)
def default_model() -> BoundaryModel:
    """The shipped weights (loaded once per process)."""
    try:
        text = MODEL_PATH.read_text()
    except FileNotFoundError as err:
        raise NewsdeskError(
            f"the segmenter weights newsdesk/data/segment/{MODEL_FILE} are missing; "
            "reinstall newsdesk or run `python -m newsdesk.segment.train`"
        ) from err
    return BoundaryModel.from_dict(json.loads(text))


def load_model(path: Path | None = None) -> BoundaryModel:
    if path is None:
        return default_model()
    return BoundaryModel.from_dict(json.loads(path.read_text()))
