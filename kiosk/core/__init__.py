"""The Qt-free core shared by the kiosk and the network server.

Credential codec, entitlement rules (`decide`), verdict vocabulary, models, and the
network's calendar and time rules. Nothing in this package may import Qt.
"""
