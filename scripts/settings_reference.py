"""The settings reference, generated from ``core/lona/default_settings.py``.

Every setting's meaning is the comment that goes with it there, so the
reference can not drift from the defaults:

* a comment block after a blank line starts a section: its first line is the
  section's title, the rest describe the setting below it;
* a comment block right above settings describes those of them that have no
  comment of their own (until one that has);
* a comment at the end of a setting's line describes that setting.

The docs site renders it into ``docs/reference/settings.md`` at build time
(``scripts/docs_hooks.py``); ``python scripts/settings_reference.py`` prints it.
"""

from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

DEFAULTS = Path(__file__).parents[1] / "core" / "lona" / "default_settings.py"


@dataclass
class Setting:
    name: str
    default: str
    meaning: str


@dataclass
class Section:
    title: str
    settings: list[Setting] = field(default_factory=list)


def _comments(source: str) -> dict[int, str]:
    """The comment of each line that has one (without ``#``), by line number."""
    found: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string.lstrip("#").strip()
    return found


def _assignments(source: str) -> list[tuple[int, str, str]]:
    """(line, name, default as written) of each top-level upper-case setting."""
    found = []
    for node in ast.parse(source).body:
        target = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        if isinstance(target, ast.Name) and target.id.isupper() and node.value is not None:
            default = ast.get_source_segment(source, node.value) or ""
            found.append((node.lineno, target.id, default))
    return found


def sections(source: str | None = None) -> list[Section]:
    source = DEFAULTS.read_text() if source is None else source
    lines = source.splitlines()
    comments = _comments(source)
    settings = {line: (name, default) for line, name, default in _assignments(source)}
    result: list[Section] = [Section("General")]
    block: list[str] = []  # the comment block being read
    note: list[str] = []  # what the last block says of the settings below it
    for number, text in enumerate(lines, start=1):
        stripped = text.strip()
        if not stripped:
            block, note = [], []
            continue
        if stripped.startswith("#"):
            if not block and (number == 1 or not lines[number - 2].strip()):
                result.append(Section(comments[number]))  # a block after a blank line
                block = ["(title)"]
                continue
            block.append(comments[number])
            note = [line for line in block if line != "(title)"]
            continue
        if number not in settings:
            continue
        block = []
        name, default = settings[number]
        own = comments.get(number)
        meaning = own if own is not None else " ".join(note)
        if own is not None:
            note = []
        result[-1].settings.append(Setting(name, default, meaning))
    return [section for section in result if section.settings]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def markdown(source: str | None = None) -> str:
    """The reference as Markdown: a table per section."""
    parts = []
    for section in sections(source):
        parts.append(f"## {section.title[:1].upper()}{section.title[1:]}\n")
        parts.append("| setting | default | meaning |\n|---|---|---|")
        for setting in section.settings:
            parts.append(
                f"| `{setting.name}` | `{_cell(setting.default)}` | {_cell(setting.meaning)} |"
            )
        parts.append("")
    return "\n".join(parts)


if __name__ == "__main__":
    print(markdown())
