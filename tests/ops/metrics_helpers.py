"""Read a /metrics page into {(sample name, labels): value} for before/after comparisons."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

Key = tuple[str, frozenset[tuple[str, str]]]


def parse(text: str) -> dict[Key, float]:
    samples: dict[Key, float] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return samples


def value(samples: dict[Key, float], name: str, **labels: str) -> float:
    """The sample's value; 0 when the series does not exist yet (a counter never touched)."""
    return samples.get((name, frozenset(labels.items())), 0.0)


def delta(before: dict[Key, float], after: dict[Key, float], name: str, **labels: str) -> float:
    return value(after, name, **labels) - value(before, name, **labels)


def label_values(samples: dict[Key, float], name: str, label: str) -> set[str]:
    return {dict(labels)[label] for (n, labels) in samples if n == name and label in dict(labels)}
