"""Exports for meetings: chart images, a PowerPoint deck, an Excel workbook and the Word report (no streamlit)."""
