"""The library's search over 5,000 entries (each in German and Swedish), in-process as plans_bench.py
measures: the search page with a query, with a query and filters, and without (the list, paged).

    python benchmarks/library_bench.py [--entries 5000] [--requests 60]

Target: p95 <= 50 ms for a search. Reference in the same run: the same texts found by a plain
``icontains`` scan of the database (no stemming, no index), which is what a library without a search index
does. Set DATABASE_URL for PostgreSQL (the suite's database is then used: run it on an empty one).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time

from _measure import p95, record, timed_get

WORDS_DE = ("Entgelt", "Vollzeit", "Führung", "Norm", "Bewerbung", "Mentoring", "Teilzeit", "Gruppe", "Übung",
            "Kriterium", "Beschäftigte", "Frauen", "Männer", "Gleichstellung", "Analyse", "Stelle", "Team")
WORDS_SV = ("lön", "heltid", "ledarskap", "norm", "rekrytering", "mentorskap", "deltid", "grupp", "övning",
            "kriterium", "medarbetare", "kvinnor", "män", "jämställdhet", "analys", "tjänst", "lag")


def prepare(entries: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from paritas.web.library.models import Entry, EntryText, Theme
    from paritas.web.library.search import index

    call_command("migrate", interactive=False, verbosity=0)
    rng = random.Random(4)
    themes = list(Theme.objects.all())
    made = Entry.objects.bulk_create([
        Entry(slug=f"entry-{i}", form=rng.choice(["exercise", "method", "checklist", "guide"]),
              audience=rng.choice(["managers", "staff", "hr"]), duration_minutes=rng.choice([30, 45, 60, 120, 240]),
              status="published") for i in range(entries)])
    through = Entry.themes.through
    through.objects.bulk_create([through(entry_id=e.pk, theme_id=rng.choice(themes).pk) for e in made])
    syllables = ("ar", "be", "ko", "li", "mu", "ne", "ta", "ri", "so", "ve", "da", "gu")
    vocabulary = sorted({"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)})
    texts = []
    for e in made:
        for language, words in (("de", WORDS_DE), ("sv", WORDS_SV)):
            # Texts of ordinary words (a Zipf-like vocabulary) where each subject word stands in a few per
            # cent of the entries, as a real library's subjects do.
            body = " ".join(rng.choice(words) if rng.random() < 0.002 else
                            vocabulary[min(int(rng.paretovariate(1.1)) - 1, len(vocabulary) - 1)]
                            for _ in range(120))
            texts.append(EntryText(entry=e, language=language, title=f"{rng.choice(words)} {rng.choice(vocabulary)}",
                                   summary=body[:300], aim=body[300:500], steps=body[500:], materials=""))
    EntryText.objects.bulk_create(texts, batch_size=2000)  # bulk_create sends no signals: index by hand
    for text in EntryText.objects.all():
        index(text)
    from django.db import connection

    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load, at once
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def naive(query: str, language: str) -> int:
    from django.db.models import Q

    from paritas.web.library.models import EntryText

    condition = Q()
    for word in query.split():
        condition &= (Q(title__icontains=word) | Q(summary__icontains=word) | Q(aim__icontains=word)
                      | Q(steps__icontains=word))
    return EntryText.objects.filter(condition, language=language, entry__status="published").count()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    os.environ.setdefault("PARITAS_DATA_DIR", tempfile.mkdtemp(prefix="paritas-library-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "paritas.web.settings"
    start = time.perf_counter()
    prepare(args.entries)
    print(f"data: {args.entries:,} entries in German and Swedish ({time.perf_counter() - start:.1f} s to create)")
    from django.test import Client

    client = Client()
    from paritas.web.library import search

    for query, language in (("löner", "sv"), ("löner heltid", "sv"), ("Entgelte", "de")):
        print(f"  '{query}' matches {len(search.matching(query, language))} texts (at most {search.LIMIT} ranked)")
    results = []
    for name, url, language in (("search sv 'löner'", "/library/?q=l%C3%B6ner", "sv"),
                                ("search sv 'löner heltid'", "/library/?q=l%C3%B6ner+heltid", "sv"),
                                ("search de 'Entgelte' + filters", "/library/?q=Entgelte&form=guide&max_minutes=120",
                                 "de"),
                                ("list de, page 3", "/library/?page=3", "de")):
        results.append((name, timed_get(client, url, args.requests, HTTP_ACCEPT_LANGUAGE=language)))
    begin = time.perf_counter()
    for _ in range(10):
        naive("lön heltid", "sv")
    reference = (time.perf_counter() - begin) / 10
    ok = True
    for name, times in results:
        verdict = "OK" if p95(times) <= 0.050 else "OVER TARGET 50 ms"
        ok = ok and p95(times) <= 0.050
        print(f"{name:<34} p50 {statistics.median(times) * 1000:6.1f} ms   p95 {p95(times) * 1000:6.1f} ms   {verdict}")
        record("library", f"{name} p95", p95(times), "s", reference, 0.050)
    print(f"reference: icontains scan of the texts (one query, no page) {reference * 1000:6.1f} ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
