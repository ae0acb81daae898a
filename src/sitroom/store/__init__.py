"""Storage: the only part of sitroom that writes to the database (SQLAlchemy Core)."""

from sitroom.store.db import DatabaseError, open_db
from sitroom.store.read import counts, get_record, iter_records, list_articles
from sitroom.store.write import Check, check_article, save

__all__ = [
    "Check",
    "DatabaseError",
    "check_article",
    "counts",
    "get_record",
    "iter_records",
    "list_articles",
    "open_db",
    "save",
]
