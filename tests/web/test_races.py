"""Issue 13, item 5: races closed. Each test forces the dangerous interleaving with threads (one thread
pauses inside the write until the other has finished, or gives up waiting because the other is blocked by
the lock); on PostgreSQL the old code let the write land after the submission, or made two snapshots."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from paritas.web.awards import services
from paritas.web.awards.models import Answer, Criterion, Question, Score
from paritas.web.workforce import services as workforce
from paritas.web.workforce.models import Snapshot
from tests.web.test_awards_views import _complete, call  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def _race(monkeypatch, manager, writer, other):
    """Run ``writer`` in one thread and ``other`` in another; ``writer`` pauses in ``manager.get_or_create``
    (inside its transaction, after its checks) until ``other`` is done or 2 s have passed.

    Returns the errors and whether ``other`` finished while the writer was paused: with the lock, it
    cannot (it waits for the writer's transaction), so a writer that succeeded wrote before it."""
    started, done, errors, other_first = threading.Event(), threading.Event(), [], []
    original = manager.get_or_create

    def paused(*args, **kwargs):
        if threading.current_thread().name == "writer":
            started.set()
            other_first.append(done.wait(timeout=2))
        return original(*args, **kwargs)

    monkeypatch.setattr(manager, "get_or_create", paused)

    def run(target, after=None):
        try:
            target()
        except Exception as exc:
            errors.append(exc)
        finally:
            if after is not None:
                after.set()
            connection.close()

    w = threading.Thread(target=run, args=(writer,), name="writer")
    w.start()
    started.wait(timeout=5)
    o = threading.Thread(target=run, args=(other, done), name="other")
    o.start()
    w.join()
    o.join()
    # [] : the writer was refused before writing; [False]: it wrote while the other waited for its lock.
    assert other_first in ([], [False]), "the write landed after the submission had finished"
    return errors


def test_an_answer_is_saved_before_the_submission_or_refused(monkeypatch, orgs, call):  # noqa: F811
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    owner = orgs["alpha"]["owner"]
    _complete(application, owner)
    text = Question.objects.filter(criterion__area__programme=call["programme"], kind="text").first()
    answer = Answer.objects.get(application=application, question=text)

    errors = _race(monkeypatch, Answer.objects,
                   lambda: services.save_answer(application, text, "nach der Einreichung?", owner, answer.version),
                   lambda: services.submit(application))
    assert all(isinstance(e, ValidationError) for e in errors), errors
    application.refresh_from_db()
    answer.refresh_from_db()
    assert application.status == "submitted"
    assert answer.updated_at <= application.submitted_at, "the answer changed after the submission"


def test_a_score_is_saved_before_the_review_is_submitted_or_refused(monkeypatch, orgs, call):  # noqa: F811
    application = services.start_application(call["round"], orgs["alpha"]["org"])
    _complete(application, orgs["alpha"]["owner"])
    services.submit(application)
    juror = call["jurors"][0]
    assignment = services.assign(application, juror)
    criteria = list(Criterion.objects.filter(area__programme=call["programme"]))
    for criterion in criteria:
        services.save_score(assignment, criterion, 3, "solide", 0)
    first = Score.objects.get(assignment=assignment, criterion=criteria[0])

    errors = _race(monkeypatch, Score.objects,
                   lambda: services.save_score(assignment, criteria[0], 0, "nachträglich", first.version),
                   lambda: services.submit_review(assignment))
    assert all(isinstance(e, ValidationError) for e in errors), errors
    assignment.refresh_from_db()
    first.refresh_from_db()
    assert assignment.submitted_at is not None
    # Either the change came first (and was submitted with the review) or it was refused: the submitted
    # review is what the score says now, and nothing was written after the submission.
    assert (first.score, first.version) in ((3, 1), (0, 2))
    assert len(errors) == (1 if first.version == 1 else 0)


def test_two_accepts_of_one_upload_make_one_snapshot(orgs, small_csv):
    org, analyst = orgs["alpha"]["org"], orgs["alpha"]["analyst"]
    check = workforce.check_upload(org, analyst, "personal.csv", small_csv.read_bytes(), date(2023, 12, 31))
    assert check.pending is not None
    barrier, outcomes = threading.Barrier(2), []

    def accept() -> None:
        from paritas.web.workforce.models import PendingUpload

        pending = PendingUpload.objects.get(pk=check.pending.pk)
        barrier.wait()
        try:
            outcomes.append(type(workforce.accept(pending, analyst)).__name__)
        except (workforce.AlreadyDecided, workforce.SnapshotExists) as exc:
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["AlreadyDecided", "Snapshot"]
    assert Snapshot.objects.filter(organisation=org, reference_date=date(2023, 12, 31)).count() == 1
