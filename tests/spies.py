"""Counting the calls of a function a test wants to see called (or not), the function still doing its work."""
from __future__ import annotations


def calls_of(monkeypatch, module, name: str) -> list:
    """The arguments of each call of module.name from now on, in a list the test reads."""
    calls = []
    real = getattr(module, name)
    monkeypatch.setattr(module, name, lambda *args: calls.append(args) or real(*args))
    return calls
