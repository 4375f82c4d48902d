"""A scoring report: systems as rows, metrics as columns; printable as a table or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    task: str
    data: str
    rows: dict[str, dict[str, float | int | str | None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, system: str, **metrics: float | int | str | None) -> None:
        self.rows.setdefault(system, {}).update(metrics)

    def score(self, system: str, metric: str) -> float:
        value = self.rows[system][metric]
        if not isinstance(value, int | float):
            raise TypeError(f"{system}/{metric} is not a number: {value!r}")
        return float(value)

    def to_dict(self) -> dict[str, Any]:
        return {"task": self.task, "data": self.data, "rows": self.rows, "notes": self.notes}

    def to_markdown(self) -> str:
        metrics: list[str] = []
        for row in self.rows.values():
            metrics.extend(m for m in row if m not in metrics)
        lines = [
            f"### {self.task} ({self.data})",
            "",
            "| system | " + " | ".join(metrics) + " |",
            "|---|" + "---|" * len(metrics),
        ]
        for system, row in self.rows.items():
            cells = [_cell(row.get(m)) for m in metrics]
            lines.append(f"| {system} | " + " | ".join(cells) + " |")
        lines.extend(f"\n{note}" for note in self.notes)
        return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f
