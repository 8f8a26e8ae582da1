"""Bulk updates from spreadsheets: the Excel template and the reader for .xlsx / .csv files."""
