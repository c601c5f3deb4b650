from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from paritas.analytics.problems import Problem, ProblemCollector
from paritas.reports import messages
from paritas.reports.i18n import Translator

ROOT = Path(__file__).resolve().parents[2]


def test_every_message_is_translated_into_german_and_swedish():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "messages.py"), "--check"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(("lang", "integer", "percent", "day"), [
    ("de", "2.984", "58,0\u00a0%", "31. Dezember 2024"),
    ("sv", "2\u00a0984", "58,0\u00a0%", "31 december 2024"),
    ("en", "2,984", "58.0%", "31 December 2024"),
])
def test_numbers_and_dates_follow_the_language(lang, integer, percent, day):
    t = Translator(lang)
    assert t.integer(2984) == integer
    assert t.percent(0.58) == percent
    assert t.date(date(2024, 12, 31)) == day
    assert t.percent(None) == "–"


def test_problem_sentences_name_row_column_and_value_in_each_language():
    p = Problem("error", "duplicate_id", 17, "Personalnummer", "4711", (("first_row", "3"),))
    assert messages.describe(p, Translator("de")) == (
        "Zeile 17, Spalte „Personalnummer“, Wert „4711“: die Personalnummer kommt mehrfach vor (zuerst in Zeile 3)")
    assert messages.describe(p, Translator("sv")).startswith("Rad 17, kolumn ”Personalnummer”, värde ”4711”:")
    assert messages.describe(p, Translator("en")).startswith("Row 17, column “Personalnummer”, value “4711”:")


def test_long_reports_are_summarised_per_problem_kind():
    collector = ProblemCollector()
    collector.extend((Problem("error", "unknown_gender", r, "Geschlecht", "?") for r in range(2, 102)), total=500)
    text = messages.render(collector.report(), Translator("de"), per_kind=5)
    assert "Die Datei hat 500 Fehler." in text
    assert text.count("Fehler: Zeile") == 5
    assert "… und 495 weitere Zeilen mit demselben Problem." in text


def test_every_problem_code_has_a_message():
    import re

    reader = ROOT / "src" / "paritas" / "analytics" / "io"  # the reader's package: every module of it
    source = "\n".join(path.read_text(encoding="utf-8") for path in sorted(reader.glob("*.py")))
    codes = set(re.findall(r'"([a-z_]+)",\s+\((?:\)|\()', source))
    codes |= set(re.findall(r'_Unreadable\("([a-z_]+)"', source))
    codes |= set(re.findall(r'Problem\("(?:error|warning)", "([a-z_]+)"', source))
    assert codes, "no codes found"
    assert codes <= set(messages.MESSAGES), codes - set(messages.MESSAGES)


def _extracted(source: str) -> list[tuple[str, tuple[str, ...]]]:
    import io

    from paritas.i18n_extract import extract_python

    return [(kind, messages) for _line, kind, messages, _c in extract_python(io.BytesIO(source.encode()), None, [], {})]


def test_the_extractor_takes_calls_and_never_a_subscript_that_looks_like_one():
    source = '''
data = [{"date": p["date"], "series": name} for p in points]
label = _("Women")
line = t("{n} rows", n=3)
plural = t.n("{n} row", "{n} rows", 3)
other = table.n("not", "a message", 3)
django = pgettext_lazy("month", "May")
variable = t(message)
'''
    assert _extracted(source) == [("gettext", ("Women",)), ("gettext", ("{n} rows",)),
                                  ("ngettext", ("{n} row", "{n} rows")), ("pgettext", ("month", "May"))]


def test_the_template_extractor_reads_translate_and_blocktranslate_with_plural_and_context():
    import io

    from paritas.i18n_extract import extract_django

    template = ('{% load i18n %}<h1>{% translate "Upload" %}</h1>\n  <p>{% translate "May" context "month" %}'
                '{% blocktranslate count n=rows %}{{ n }} row{% plural %}{{ n }} rows{% endblocktranslate %}</p>')
    found = [(kind, messages) for _l, kind, messages, _c in extract_django(io.BytesIO(template.encode()), None, [], {})]
    assert ("gettext", ("Upload",)) in found
    assert ("pgettext", ("month", "May")) in found
    assert ("ngettext", ("%(n)s row", "%(n)s rows")) in found
