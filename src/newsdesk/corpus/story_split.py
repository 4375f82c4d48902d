"""Two events in one story: find them among the story's own articles.

An online clusterer keeps its early choices: when the first articles of two events of one kind
(two earthquakes, two celebrities in rehab) arrive close together they can share a story, and
every later article of either event then fits it. The corpus-wide weights cannot tell them
apart (their topic words are the story's words), but the story's own articles can: the terms
and entities that only part of the members share (the place, the people, the toll) are what
the two events differ by, and the terms every member shares are what makes them one topic.

``split_members`` weights each member's terms and entities by their corpus idf times a
*local* idf (how few of the story's members share it; a term of one member only counts for
nothing), cuts the members in two (Ward linkage on those vectors) and keeps the cut when the
two parts share little (the mean cosine across the cut) and each part has a few articles.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

import numpy as np

# Chosen on ECB+ topics 1-22 (docs/EVAL.md): the mean cosine across the cut, local-idf
# weighted, was 0.03-0.06 for stories holding both events of a topic and 0.04-0.15 for
# one-event stories (seed 13). Five-order mean B-cubed F1 on 1-22, split alone: cross 0.05 /
# 0.06 / 0.07 / 0.08 0.904 / 0.920 / 0.920 / 0.909, parts of 3 / 4 / 5 0.920 / 0.925 / 0.925
# (at 0.06); with the second chance: 0.06 / 0.065 / 0.07 / 0.08 0.939 / 0.942 / 0.942 / 0.931.
# Entity factor 2 / 3 / 4 / 6: 0.925 / 0.922 / 0.919 / 0.911 (split alone).
DEFAULT_SPLIT_CROSS = 0.065
DEFAULT_SPLIT_MIN_PART = 4
# Entities count twice a term: they name who and where.
ENTITY_FACTOR = 2.0


class MemberFeatures(Protocol):
    tf: dict[str, float]
    entities: dict[str, float]


def _local_idf(count: int, members: int) -> float:
    """How few of the story's members share a feature; a feature of one member is noise."""
    return math.log((members + 1) / (count + 0.5)) if count >= 2 else 0.0


def member_matrix(
    members: Sequence[MemberFeatures], idf: dict[str, float], entity_idf: dict[str, float]
) -> np.ndarray:
    """Unit rows: each member's terms and entities, corpus idf x local idf."""
    n = len(members)
    local = Counter(t for f in members for t in f.tf)
    local_e = Counter(e for f in members for e in f.entities)
    columns: dict[tuple[str, str], int] = {}
    rows: list[dict[int, float]] = []
    for f in members:
        row: dict[int, float] = {}
        for t, w in f.tf.items():
            weight = w * idf.get(t, 1.0) * _local_idf(local[t], n)
            if weight:
                row[columns.setdefault(("t", t), len(columns))] = weight
        for e, w in f.entities.items():
            weight = ENTITY_FACTOR * w * entity_idf.get(e, 1.0) * _local_idf(local_e[e], n)
            if weight:
                row[columns.setdefault(("e", e), len(columns))] = weight
        rows.append(row)
    matrix = np.zeros((n, max(1, len(columns))))
    for i, row in enumerate(rows):
        for j, w in row.items():
            matrix[i, j] = w
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def split_members(
    members: Sequence[MemberFeatures],
    idf: dict[str, float],
    entity_idf: dict[str, float],
    *,
    max_cross: float = DEFAULT_SPLIT_CROSS,
    min_part: int = DEFAULT_SPLIT_MIN_PART,
) -> tuple[list[int], list[int]] | None:
    """Two groups of member indexes when the members hold two events, else None."""
    if len(members) < 2 * min_part:
        return None
    from sklearn.cluster import AgglomerativeClustering

    matrix = member_matrix(members, idf, entity_idf)
    labels = AgglomerativeClustering(n_clusters=2, linkage="ward").fit_predict(matrix)
    first = [i for i, label in enumerate(labels) if label == labels[0]]
    second = [i for i, label in enumerate(labels) if label != labels[0]]
    if min(len(first), len(second)) < min_part:
        return None
    cross = float((matrix[first] @ matrix[second].T).mean())
    return (first, second) if cross < max_cross else None
