"""The kiosk's Qt-free services: check-in, server client and clock, connectivity, enrollment,
staff gate, typed settings, and their composition (`composition.KioskServices`).

Nothing here imports Qt (an import-linter contract in pyproject.toml keeps it so); the GUI, the
headless `coworking-kiosk` commands and the tests use the same objects.
"""
