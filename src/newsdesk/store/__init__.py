"""Storage behind a small interface: SQLite by default, PostgreSQL by URL.

`open_store("newsdesk.db")` or `open_store("postgresql+psycopg://user@host/db")`. The SQL is
SQLAlchemy Core that both engines accept; writes happen in explicit transactions per batch,
so a killed run loses nothing it committed and the next run resumes.
"""
from __future__ import annotations

from .sql import SQLStore, open_store, store_location

Store = SQLStore

__all__ = ["Store", "SQLStore", "open_store", "store_location"]
