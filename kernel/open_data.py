"""Datasets other apps add to /open-data/, without the open-data page importing them.

``cms`` owns /open-data/: its page, the licence and the JSON and CSV writers, with
their escaping. An app beside it (``contributions``, which ``cms`` may not import)
registers a ``Dataset`` here from its ``AppConfig.ready``; ``cms`` lists every
registered dataset on the page, with its fields, and serves it as
``/open-data/<name>.json`` and ``/open-data/<name>.csv``. The app decides only
which rows are safe to publish; how they are written has one home, in ``cms``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Dataset:
    """Flat rows (strings, numbers, dates) under a name, with a description of each field."""

    name: str  # the files' name: <name>.json, <name>.csv
    title: str
    description: str
    fields: list[tuple[str, str]]  # (field, what it holds), in column order
    rows: Callable[[], Iterable[dict]]


_registry: dict[str, Dataset] = {}


def register(dataset: Dataset) -> None:
    _registry[dataset.name] = dataset


def datasets() -> list[Dataset]:
    """Every registered dataset, by name."""
    return [_registry[name] for name in sorted(_registry)]


def dataset(name: str) -> Dataset | None:
    return _registry.get(name)
