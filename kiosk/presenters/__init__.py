"""Presenters: connect the thin screens to the Qt-free services (slow calls run in a pool)."""
