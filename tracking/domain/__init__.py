"""The domain: plain dataclasses and the status rules. Imports only the standard library."""
