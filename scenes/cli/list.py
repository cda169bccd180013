"""``lecture list``: the scenes in lecture order, chapter by chapter, with their descriptions."""

from __future__ import annotations

import click

from scenes.kit import registry
from scenes.kit.words import glossary, load_words

__all__ = ["list_command", "listing"]


def listing(lang: str = "en") -> list[str]:
    """The lines of the listing in ``lang``: a chapter heading, then one line per scene."""
    language = glossary()[lang].table
    lines, chapter = [], None
    for entry in registry.LECTURE:
        if entry.chapter != chapter:
            chapter = entry.chapter
            heading = language["chapter"].format(n=chapter)
            lines.append(f"{heading}: {language['chapters'][chapter - 1]}")
        words = load_words(entry.words_path)
        text = words.get(lang) or words["en"]
        lines.append(f"  {entry.name:<20} {text['title']}: {text['description']}")
    return lines


@click.command("list")
@click.option(
    "--lang",
    type=click.Choice(list(glossary())),
    default="en",
    show_default=True,
    help="Language of titles and descriptions.",
)
def list_command(lang: str) -> None:
    """Scene names in lecture order, with one-line descriptions."""
    for line in listing(lang):
        click.echo(line)
