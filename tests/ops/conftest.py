"""Ops tests reuse the engine's live app (served on a real port, sandbox included)."""

from tests.publishing.conftest import live  # noqa: F401 - the fixture, re-exported
