"""The store's reads as frozen records: one field per column of a `SELECT *` row, the JSON
columns parsed (store/labels.Label, store/orders.StoredOrder and StoredItem)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from typing import Any


def columns_of(
    record: type[Any],
    row: Mapping[str, Any],
    *,
    lists: frozenset[str] = frozenset(),
    objects: frozenset[str] = frozenset(),
    besides: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The values of `record`'s fields from `row`: a JSON list column parsed ([] when empty),
    a JSON object column parsed (None when empty); the fields in `besides` are not columns and
    are the caller's to give."""
    values: dict[str, Any] = {}
    for field in fields(record):
        if field.name in besides:
            continue
        raw = row[field.name]
        if field.name in lists:
            values[field.name] = json.loads(raw) if raw else []
        elif field.name in objects:
            values[field.name] = json.loads(raw) if raw else None
        else:
            values[field.name] = raw
    return values
