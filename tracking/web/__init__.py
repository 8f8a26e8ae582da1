"""Plain HTTP routes served next to the Streamlit app (see serve.py)."""
