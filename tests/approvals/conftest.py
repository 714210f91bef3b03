"""The team of tests/workspaces (owner, admin, editor, viewer on Business, and a stranger)."""

from tests.workspaces.conftest import team  # noqa: F401 - the fixture
