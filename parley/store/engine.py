"""Opening the store's database: SQLite by default, PostgreSQL when a URL says so; schema kept current.

SQLite gets write-ahead logging (readers never wait for a writer), a busy timeout, enforced
foreign keys, and write transactions that take the write lock up front (BEGIN IMMEDIATE), so
two writers queue instead of failing half way. Every start upgrades the schema with Alembic,
under a lock, so several app processes starting together migrate once.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

DATABASE_URL_ENV = "PARLEY_DATABASE_URL"
DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".parley" / "parley.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def database_url(url: str | None = None) -> str:
    """The given URL, else PARLEY_DATABASE_URL, else the SQLite file in the project's .parley folder."""
    return url or os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{DEFAULT_PATH}"


def open_engine(url: str | None = None) -> Engine:
    url = make_url(database_url(url))
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("psycopg2", "default", ""):
        url = url.set(drivername="postgresql+psycopg")
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # transactions begin in _sqlite_begin, not in the driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    writing = connection.get_execution_options().get("parley_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head() -> str:
    return ScriptDirectory.from_config(_config()).get_current_head()


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, to: str = "head") -> None:
    """Bring the schema to `to` (the newest by default); a store of an older version is upgraded."""
    with engine.connect().execution_options(parley_write=True) as connection, connection.begin():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(20251201)"))
        config = _config()
        config.attributes["connection"] = connection
        command.upgrade(config, to)
