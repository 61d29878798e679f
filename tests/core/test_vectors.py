"""docs/credentials.md and the code agree on the test vectors; the hash is as documented."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from kiosk.core.credentials import parse
from kiosk.core.vectors import VECTORS, render_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "credentials.md"


def test_document_embeds_current_vectors() -> None:
    text = DOC.read_text(encoding="utf-8")
    embedded = re.search(r"<!-- vectors:start -->\n(.*?)<!-- vectors:end -->", text, re.S)
    assert embedded, "vector markers missing in docs/credentials.md"
    assert embedded.group(1) == render_markdown()


def test_vectors_parse_back_and_hash_as_specified() -> None:
    rows = [line for line in render_markdown().splitlines()[2:]]
    assert len(rows) == len(VECTORS)
    for row, credential in zip(rows, VECTORS, strict=True):
        cells = [c.strip().strip("`") for c in row.strip("|").split("|")]
        text, digest = cells[3], cells[4]
        assert parse(text) == credential
        assert int(cells[2], 16) == credential.secret
        body = text[:-1].encode("ascii")
        assert hashlib.sha256(b"coworking-kiosk/credential-secret/v1\x00" + body).hexdigest() == digest
