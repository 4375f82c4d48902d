"""Helpers for the corpus tests: entities set on written texts as the stages would set them."""

from __future__ import annotations

from newsdesk.record import Entity, Mention


def entities_in(text: str, names: tuple[tuple[str, str], ...]) -> list[Entity]:
    """One entity per (name, type), with a mention at every place the name occurs in text."""
    entities = []
    for name, type_ in names:
        mentions = []
        start = text.find(name)
        while start >= 0:
            mentions.append(Mention(name, start, start + len(name)))
            start = text.find(name, start + 1)
        entities.append(Entity(name=name, type=type_, variants=[name], mentions=mentions))
    return entities
