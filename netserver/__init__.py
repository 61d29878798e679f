"""The network server: FastAPI + SQLAlchemy 2 + Alembic. Command `coworking-netserver`."""
