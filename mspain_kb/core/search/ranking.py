"""How the parts of a search add up to one score per article, and the order of equal scores.

- The user's own words (`ParsedQuery.query`) are scored with BM25F (`array_scoring.py`).
- Each topic a lay phrase was read as adds evidence on top: its articles get up to
  TOPIC_SHARE x the reading's weight x the best score any article got from the words. So a
  topic read from one everyday word ("ache", weight 1/3) adds at most a sixth of the best
  literal match, and no topic reading alone ever reaches an article that matches the user's
  words best. When the words match nothing, the topics rank on their own.
- Excluded words (NOT ...) and topic filters (tag:) decide which articles may be shown.
- Articles with equal scores come in title order, then by id.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from mspain_kb.core.search.fast.array_scoring import Scores

TOPIC_SHARE = 0.5  # the most a fully weighted topic reading adds, relative to the best words


def rank(scorer, parsed, tag_masks: dict[str, np.ndarray]) -> Scores:
    """Score every article for `parsed` (a query.ParsedQuery); `match` says which may show."""
    if parsed.query is not None:
        total = scorer.evaluate(parsed.query)
    elif parsed.topic_parts:
        total = scorer.evaluate(wq.NullQuery)
    else:
        total = scorer.evaluate(wq.Every())  # topic filters only: every article, equal scores
    found = total.score[total.match]
    best = float(found.max()) if len(found) else 0.0
    scale = best if best > 0 else 1.0
    for part in parsed.topic_parts:
        topic = scorer.evaluate(part.query)
        strongest = float(topic.score[topic.match].max()) if topic.match.any() else 0.0
        if strongest <= 0:
            continue
        total.score += (scale * TOPIC_SHARE * part.weight / strongest) * topic.score
        total.match |= topic.match
    if parsed.excluded is not None:
        total.match &= ~scorer.evaluate(parsed.excluded, record=False).match
    for tag in parsed.tags:
        if tag in tag_masks:
            total.match &= tag_masks[tag]
        else:
            total.match[:] = False  # a topic no article carries
    for tag in parsed.excluded_tags:
        if tag in tag_masks:
            total.match &= ~tag_masks[tag]
    return total


def title_order(reader, size: int) -> np.ndarray:
    """Each document's rank by title then id (the index's `sort_key` column)."""
    keys = list(reader.column_reader("sort_key"))
    keys += [b""] * (size - len(keys))
    order = np.empty(size, dtype=np.int64)
    order[sorted(range(size), key=keys.__getitem__)] = np.arange(size)
    return order
