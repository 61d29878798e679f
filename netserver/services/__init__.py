"""Domain services, used by the HTTP API and the command line alike.

Every function takes an open `Session` inside a transaction (``Database.write()``) and
raises `DomainError` subclasses (stable `code`, HTTP `status`) for anything the caller did
wrong. They never commit: the caller's transaction does.
"""
