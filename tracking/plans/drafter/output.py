"""The draft as text: YAML (the plan file a person edits) or JSON (the same tree, for other programs)."""
from __future__ import annotations

import json
from datetime import date

import yaml

HEADER = ("# Bản nháp kế hoạch do `python -m tracking plan draft` lập từ {name}.\n"
          "# Mỗi yêu cầu ghi câu gốc (source) và các mục cần người xem lại (review): xử lý hết rồi chạy\n"
          "# `python -m tracking plan check` trước khi nạp. Draft made by the plan drafter: resolve every review.\n")


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def to_json(tree: dict) -> str:
    return json.dumps(_jsonable(tree), ensure_ascii=False, indent=1) + "\n"


class _Dumper(yaml.SafeDumper):
    """No '&id001' anchors when two fields hold the same date: a person reads and edits every value in place."""

    def ignore_aliases(self, data):
        return True


def to_yaml(tree: dict, name: str) -> str:
    body = yaml.dump(tree, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    return HEADER.format(name=name) + body


def review_count(tree: dict) -> int:
    return len(tree.get("review") or []) + sum(len(r.get("review") or []) for r in tree.get("requirements") or [])
