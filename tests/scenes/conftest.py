"""Fixtures for scene tests."""

from __future__ import annotations

import pytest

from scenes.kit import theme


@pytest.fixture(autouse=True)
def _dark_theme():
    """Every test starts on the dark theme (a light render switches the module's palette)."""
    theme.use("dark")
    yield
    theme.use("dark")


def _scene_of(item: pytest.Item) -> str | None:
    """The scene a test renders: its contract parameter, or the lesson its file is named after."""
    callspec = getattr(item, "callspec", None)
    entry = callspec.params.get("entry") if callspec is not None else None
    if entry is not None:
        return str(entry.name)
    path = item.path
    if path.parent.name in ("ch1", "ch2", "ch3") and path.name.startswith("test_"):
        return path.stem[len("test_") :].replace("_", "-")
    return None


def pytest_itemcollected(item: pytest.Item) -> None:
    """Group every test of one scene (``--dist loadgroup``): one worker renders its stills once.

    Marked as each item is collected, before xdist reads the groups in its own
    ``pytest_collection_modifyitems``.
    """
    scene = _scene_of(item)
    if scene is not None:
        item.add_marker(pytest.mark.xdist_group(scene))
