"""``handle_command_line(sys.argv)``: Lona's entry point of the ``lona`` command."""

from __future__ import annotations

from lona.cli.main import main
from lona.standalone.run_options import parse_overrides

__all__ = ["handle_command_line", "parse_overrides"]


def handle_command_line(argv: list[str]) -> None:
    """Run the command line ``argv`` (its first item is the program name)."""
    main(list(argv[1:]))
