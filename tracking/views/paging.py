"""One page of a long list, read in SQL: a count of what matches and at most `page_size` rows (LIMIT/OFFSET), so a
national table (274,000 changes, 12,000 accounts) never comes into memory whole."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pandas as pd
from sqlalchemy import Engine, Select, func, select

PAGE_SIZE = 50


@dataclass(frozen=True)
class Page:
    rows: pd.DataFrame
    total: int       # rows matching the filters, all pages
    page: int        # 1-based, clamped to the pages there are
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def read_page(engine: Engine, stmt: Select, order_by: Sequence, columns: Sequence[str], page: int = 1,
              page_size: int = PAGE_SIZE) -> Page:
    """`stmt` filtered but unordered; `order_by` must settle ties, so a row is on exactly one page. A page past the
    end shows the last one."""
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
        page = min(max(1, page), max(1, -(-total // page_size)))
        result = conn.execute(stmt.order_by(*order_by).limit(page_size).offset((page - 1) * page_size))
        rows = pd.DataFrame(result.mappings().all(), columns=list(columns))
    return Page(rows, total, page, page_size)


def like_escaped(text: str) -> str:
    """Typed text as itself in a LIKE pattern (with ESCAPE '\\'): '_' and '%' are letters of a name, not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
