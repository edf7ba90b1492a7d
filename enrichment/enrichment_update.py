"""`updated(acc, field=value)`: what `dataclasses.replace` gives for an Enrichment, about twice as fast.

Every stage returns a new Enrichment with one or two fields changed. `dataclasses.replace` walks the
dataclass fields and calls `__init__` with keywords (~6-8 µs per call); reading all fields with one
`operator.attrgetter` and calling `__init__` positionally costs ~3 µs. The field list is read from the
dataclass itself, so a field added to Enrichment is carried over like any other.
"""

from __future__ import annotations

import dataclasses
import operator
from typing import Any

from enrichment.types import Enrichment

_FIELDS = tuple(f.name for f in dataclasses.fields(Enrichment))
_POSITION = {name: position for position, name in enumerate(_FIELDS)}
_ALL_FIELDS = operator.attrgetter(*_FIELDS)
# Positional construction needs every field in __init__ (true of Enrichment; checked, not assumed).
_POSITIONAL = all(f.init for f in dataclasses.fields(Enrichment)) and len(_FIELDS) > 1


def updated(acc: Enrichment, **changes: Any) -> Enrichment:
    """`dataclasses.replace(acc, **changes)`: unknown field names raise TypeError as it does."""
    if not _POSITIONAL or type(acc) is not Enrichment:  # a subclass may have other fields: the general path
        return dataclasses.replace(acc, **changes)
    values = list(_ALL_FIELDS(acc))
    for name, value in changes.items():
        position = _POSITION.get(name)
        if position is None:
            raise TypeError(f"Enrichment has no field {name!r}")
        values[position] = value
    return Enrichment(*values)
