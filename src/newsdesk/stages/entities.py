"""Entities from spaCy's named-entity recogniser, grouped into one Entity per name and type."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsdesk.record import Article, Entity, Mention

# OntoNotes labels that name things users look up (numbers, money and dates are not entities
# here: dates have their own stage).
ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


class EntityRecognizer:
    """Turn the parse's entity spans into the record's entities, with character offsets."""

    name = "entities"
    requires: tuple[str, ...] = ("doc",)
    assigns: tuple[str, ...] = ("entities",)
    options: tuple[str, ...] = ()

    def __call__(self, article: Article) -> Article:
        grouped: dict[tuple[str, str], Entity] = {}
        for ent in article.doc.ents:
            if ent.label_ not in ENTITY_LABELS:
                continue
            start, end = ent.start_char, ent.end_char
            mention = Mention(text=article.text[start:end], start=start, end=end)
            key = (ent.label_, " ".join(mention.text.split()))
            entity = grouped.get(key)
            if entity is None:
                entity = grouped[key] = Entity(name=key[1], type=ent.label_)
            entity.mentions.append(mention)
            if mention.text not in entity.variants:
                entity.variants.append(mention.text)
        article.entities = list(grouped.values())
        article.assigned.update(self.assigns)
        return article

    def pipe(self, articles: Iterable[Article], *, batch_size: int = 64) -> Iterator[Article]:
        for article in articles:
            yield self(article)
