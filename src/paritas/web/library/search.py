"""Full-text search of the library in the reader's language, with each language's stemming ("löner" finds
"lön", "Entgelte" finds "Entgelt"). PostgreSQL: a tsvector column of each text, made with the language's
text-search configuration (german, swedish, english) and a GIN index. SQLite, the embedded default: an
FTS5 table holding each text's words stemmed by the same Snowball algorithms (snowballstemmer), which
PostgreSQL's configurations use too, so both databases find the same texts. The index follows every save
and deletion of a text (signals). Hand-written where no library does it: Django's search is PostgreSQL
only, and SQLite's FTS5 stems English only."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django.db import connection
from django.db.models.signals import post_delete, post_save

#: The reader's language → PostgreSQL's text-search configuration and Snowball's algorithm (the same).
DICTIONARIES = {"de": "german", "sv": "swedish", "en": "english"}
#: At most this many matches are ranked and shown.
LIMIT = 500


@lru_cache(maxsize=4)
def _stemmer(language: str) -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer(DICTIONARIES.get(language, "english"))


def stems(text: str, language: str) -> list[str]:
    """The words of ``text``, lower-cased and stemmed in ``language``."""
    return _stemmer(language).stemWords(re.findall(r"\w+", text.lower()))


def _document(text: Any) -> tuple[str, str]:
    """A text's title, and the rest of it, as searched."""
    return text.title, " ".join((text.summary, text.aim, text.materials, text.steps))


def index(text: Any) -> None:
    """Put one text into the index (again)."""
    title, body = _document(text)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            config = DICTIONARIES.get(text.language, "simple")
            cursor.execute("UPDATE library_entrytext SET search = setweight(to_tsvector(%s::regconfig, %s), 'A') "
                           "|| to_tsvector(%s::regconfig, %s) WHERE id = %s", [config, title, config, body, text.pk])
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM library_search WHERE rowid = %s", [text.pk])
            cursor.execute("INSERT INTO library_search (rowid, language, title, body) VALUES (%s, %s, %s, %s)",
                           [text.pk, text.language, " ".join(stems(title, text.language)),
                            " ".join(stems(body, text.language))])


def remove(text_id: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM library_search WHERE rowid = %s", [text_id])


def matching(query: str, language: str) -> list[int]:
    """Ids of the texts in ``language`` holding every word of ``query`` (stemmed), best first (title
    matches weigh more)."""
    words = stems(query, language)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            config = DICTIONARIES.get(language, "simple")
            cursor.execute("SELECT id FROM library_entrytext, plainto_tsquery(%s::regconfig, %s) query "
                           "WHERE language = %s AND search @@ query ORDER BY ts_rank(search, query) DESC, id "
                           "LIMIT %s", [config, query, language, LIMIT])
        else:
            expression = " ".join(f'"{word}"' for word in words)  # \w+ words: no quote can end the string
            cursor.execute("SELECT rowid FROM library_search WHERE library_search MATCH %s AND language = %s "
                           "ORDER BY bm25(library_search, 0, 5.0, 1.0), rowid LIMIT %s",
                           [expression, language, LIMIT])
        return [row[0] for row in cursor.fetchall()]


def create(schema_editor: Any) -> None:
    """The index's table (SQLite) or column and GIN index (PostgreSQL): from the migration."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE library_entrytext ADD COLUMN search tsvector")
        schema_editor.execute("CREATE INDEX library_entrytext_search ON library_entrytext USING GIN (search)")
    elif vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE library_search USING fts5(language UNINDEXED, title, body)")


def drop(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS library_entrytext_search")
        schema_editor.execute("ALTER TABLE library_entrytext DROP COLUMN IF EXISTS search")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS library_search")


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index(instance)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    remove(instance.pk)


def connect() -> None:
    from paritas.web.library.models import EntryText

    post_save.connect(_saved, sender=EntryText, dispatch_uid="library-index")
    post_delete.connect(_deleted, sender=EntryText, dispatch_uid="library-unindex")
