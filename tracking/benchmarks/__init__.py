"""Benchmark scenarios (python -m tracking bench ...). Numbers are printed, never asserted in tests."""
