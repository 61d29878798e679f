"""The HTTP API (`/api/v1`): see docs/api.md; `create_app(settings)` in app.py."""
