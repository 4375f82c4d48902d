"""Work across articles: the entity registry, duplicates, stories."""
