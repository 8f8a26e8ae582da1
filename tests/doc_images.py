"""Redraw the README's pictures from the current code and the demo data: `.venv/bin/python -m tests.doc_images`.

- docs/overview.png: the Tổng quan page in Chromium (1440 px wide), the leader's view as of 31/03/2011;
- docs/slide.png: the first deadlines-against-completion slide of the deck as of 31/01/2012 (LibreOffice → PNG);
- docs/report-page.png: page 1 of the Word report to the UBND as of 31/01/2012 (LibreOffice → PNG).

Needs Debian's chromium, libreoffice-writer and poppler-utils (what .ci/run installs). Nothing here is a test: the
pictures are looked at by a person before they are committed.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from pptx import Presentation

from tests.app.test_browser import CHROMIUM, CHROMIUM_ARGS, fill_sign_in
from tests.app_server import streamlit_server
from tracking.db.engine import make_engine
from tracking.exports import service
from tracking.exports.docx_report import consolidated_report
from tracking.setup import initialise

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def overview(db_url: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with streamlit_server(db_url) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 2200})
        page.goto(f"{base}/?as_of=2011-03-31")
        fill_sign_in(page, "lanhdao")
        page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 2",
                               timeout=90_000)
        page.wait_for_timeout(2500)
        page.screenshot(path=str(out))
        browser.close()


def _pdf_pages(source: Path, first: int, last: int, out_prefix: Path) -> list[Path]:
    work = source.parent
    subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(source)], check=True, capture_output=True, timeout=300)
    subprocess.run(["pdftoppm", "-r", "96", "-png", "-f", str(first), "-l", str(last), str(source.with_suffix(".pdf")),
                    str(out_prefix)], check=True, capture_output=True, timeout=120)
    return sorted(out_prefix.parent.glob(out_prefix.name + "*.png"))


def slide(engine, work: Path, out: Path) -> None:
    data = service.load(engine, date(2012, 1, 31))
    deck = service.deck(data)
    titles = [s.shapes.title.text if s.shapes.title is not None else "" for s in Presentation(io.BytesIO(deck)).slides]
    number = next(i for i, title in enumerate(titles, 1) if title.startswith("Thời hạn và thực tế hoàn thành"))
    source = work / "trinh-chieu.pptx"
    source.write_bytes(deck)
    (png,) = _pdf_pages(source, number, number, work / "slide")
    shutil.copy(png, out)


def report_page(engine, work: Path, out: Path) -> None:
    source = work / "bao-cao.docx"
    source.write_bytes(consolidated_report(service.load(engine, date(2012, 1, 31)), issued_on=date(2012, 2, 3)))
    (png,) = _pdf_pages(source, 1, 1, work / "report")
    shutil.copy(png, out)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db_url = f"sqlite:///{work / 'demo.sqlite3'}"
        engine = make_engine(db_url)
        initialise(engine, demo=True)
        overview(db_url, DOCS / "overview.png")
        slide(engine, work, DOCS / "slide.png")
        report_page(engine, work, DOCS / "report-page.png")
        engine.dispose()
    print("docs/overview.png, docs/slide.png, docs/report-page.png redrawn: look at them before committing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
