"""client/protocol.js mirrors lona.protocol exactly."""

from __future__ import annotations

import re

from lona.http.static_files import client_directory
from lona.protocol import protocol_tables


def _javascript_tables() -> dict[str, dict[str, int]]:
    source = (client_directory() / "protocol.js").read_text()
    tables: dict[str, dict[str, int]] = {}
    for name, body in re.findall(
        r"export const (\w+) = Object\.freeze\(\{(.*?)\}\);", source, re.S
    ):
        tables[name] = {key: int(value) for key, value in re.findall(r"(\w+): (\d+),", body)}
    return tables


def test_the_client_uses_the_same_codes_as_the_server() -> None:
    assert _javascript_tables() == protocol_tables()
