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
