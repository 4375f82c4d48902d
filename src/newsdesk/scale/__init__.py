"""Scale: the same analyze pipeline on more machines than one.

``newsdesk.scale.ray`` runs the default pipeline on a pool of Ray actors (``--engine ray``);
the local path (``newsdesk.pipeline``) stays the default. Reading, segmenting and storing stay
on the driver: only the per-article stages run on the workers.
"""

from __future__ import annotations

ENGINES = ("local", "ray")
