"""What `make run` serves: the Streamlit app (app.py) plus the sign-in cookie routes, on Streamlit's ASGI entry point.

`streamlit run serve.py` finds the `app` object below and serves it with uvicorn (all `--server.*` flags apply).
"""
import streamlit as st

from tracking.web.auth_routes import ROUTES

app = st.App("app.py", routes=ROUTES)
