"""Shared fixtures of the awards tests come from the root conftest.py and thidua/testing.py (the cast).

Each part's own fixtures live in its test modules (or a ``fixtures_<part>.py`` it imports), so that
the parts can grow side by side.
"""
