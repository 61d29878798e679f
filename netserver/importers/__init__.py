"""Importers: members from CSV, events from iCalendar files. Parse purely, then apply in one
transaction (any error: nothing written)."""
