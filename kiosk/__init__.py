"""Coworking Network Kiosk: the check-in kiosk of a regional coworking network."""

__version__ = "0.1.0"
