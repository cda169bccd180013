"""The colour key: one meaning per colour, both themes, runs never a status colour."""

from __future__ import annotations

import pytest

from scenes.kit import theme

STATUS = ("focus", "forward", "gradient", "loss", "good")


@pytest.mark.parametrize("name", theme.THEMES)
def test_roles_are_distinct_and_runs_never_a_status(name):
    palette = theme.PALETTES[name]
    colours = [getattr(palette, role).upper() for role in (*STATUS, "muted", "text", "background")]
    assert len(set(colours)) == len(colours)
    assert not {c.upper() for c in palette.runs} & set(colours)


def test_roles_follow_the_theme_in_use():
    try:
        theme.use("light")
        assert theme.BACKGROUND == "#FFFFFF"
        assert theme.FORWARD == theme.PALETTES["light"].forward
        theme.use("dark")
        assert theme.FORWARD == theme.PALETTES["dark"].forward
    finally:
        theme.use("dark")
    with pytest.raises(ValueError, match="accepted: dark, light"):
        theme.use("sepia")


def test_unknown_attribute():
    with pytest.raises(AttributeError):
        theme.NOT_A_ROLE  # noqa: B018
