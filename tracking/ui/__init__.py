"""The only part of tracking that imports streamlit: cached reads and shared widgets for the pages."""
