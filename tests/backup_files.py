"""Backup files changed on purpose: `rewrite_backup` edits lines, then seals the result with this server's key
(as if written so); `tamper` edits lines and leaves the original seal (as an attacker without the key must)."""
from __future__ import annotations

import gzip
import json

from tracking.db.backup_seal import Sealer, backup_key


def _lines(path) -> tuple[dict, list[dict], dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    return items[0], [i for i in items[1:] if "seal" not in i], next(i for i in items if "seal" in i)


def _write(path, header: dict, items: list[dict], seal: dict | None) -> None:
    with gzip.open(path, "wb") as out:
        sealer = Sealer(backup_key(create=False))
        line = (json.dumps(header, ensure_ascii=False) + "\n").encode()
        sealer.add(line)
        out.write(line)
        for item in items:
            line = (json.dumps(item, ensure_ascii=False) + "\n").encode()
            sealer.add(line, item["t"])
            out.write(line)
        out.write((json.dumps({"seal": seal if seal is not None else sealer.seal()}) + "\n").encode())


def rewrite_backup(src, dst, change) -> None:
    """`change(header, items) -> (header, items)`, written with a fresh, valid seal."""
    header, items, _ = _lines(src)
    _write(dst, *change(header, items), None)


def tamper(src, dst, change) -> None:
    """`change(header, items) -> (header, items)`, written with the original seal."""
    header, items, seal = _lines(src)
    _write(dst, *change(header, items), seal["seal"])
