"""No lost updates: two sessions race on one action on PostgreSQL, each on its own connection."""

import threading

import pytest
from django.db import connection, transaction

from improvement.models import Action, ProgressUpdate
from improvement.services.actions import ActionConflict, action_record_update
from tests.actions.conftest import ensure_role_groups
from tests.factories import ActionFactory, AuthorityFactory, OwnerFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def setting():
    ensure_role_groups()
    authority = AuthorityFactory(name="Raceshire Council")
    lead = UserFactory(authority=authority, role="Improvement lead")
    manager = UserFactory(authority=authority, role="Manager")
    owner = OwnerFactory(authority=authority, user=manager)
    return ActionFactory(authority=authority, owner=owner, progress=10), manager, lead


def _run(fn, results, key):
    try:
        results[key] = fn()
    except Exception as error:  # noqa: BLE001 - the outcome is what the test compares
        results[key] = error
    finally:
        connection.close()


def test_two_sessions_saving_at_once_one_wins_the_other_is_told(setting):
    action, manager, lead = setting
    assert connection.vendor == "postgresql"
    barrier = threading.Barrier(2)
    results = {}

    def save(by, progress, note):
        def go():
            mine = Action.objects.get(pk=action.pk)  # both forms were loaded at version 1
            barrier.wait()
            return action_record_update(
                action=mine, by=by, status="on_track", progress=progress, note=note, expected_version=mine.version
            )

        return go

    threads = [
        threading.Thread(target=_run, args=(save(manager, 40, "manager's note"), results, "manager")),
        threading.Thread(target=_run, args=(save(lead, 70, "lead's note"), results, "lead")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    outcomes = sorted(type(r).__name__ for r in results.values())
    assert outcomes == ["ActionConflict", "UpdateResult"], results
    saved = Action.objects.get(pk=action.pk)
    assert saved.version == 2
    assert ProgressUpdate.objects.filter(action=action).count() == 1
    winner = next(r for r in results.values() if not isinstance(r, Exception))
    assert saved.progress == winner.action.progress


def _backend_pid() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _blocked_by(pid: int) -> list[int]:
    """The backends whose locks `pid` is waiting for (PostgreSQL's own answer, not a stopwatch)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_blocking_pids(%s)", [pid])
        return list(cursor.fetchone()[0])


def test_the_second_writer_waits_for_the_first_commit_and_then_conflicts(setting):
    """The first transaction holds the row lock; the second UPDATE blocks on it (PostgreSQL reports the
    second backend as blocked by the first), then re-reads the row and finds the new version."""
    action, manager, lead = setting
    first_wrote, second_started = threading.Event(), threading.Event()
    results = {}

    def first():
        with transaction.atomic():
            result = action_record_update(
                action=Action.objects.get(pk=action.pk),
                by=lead,
                status="at_risk",
                progress=20,
                note="first",
                expected_version=1,
            )
            first_wrote.set()
            second_started.wait(10)
            me = _backend_pid()
            # Hold the lock until the second writer is seen waiting on it (give up after 10 s).
            for _ in range(200):
                if me in _blocked_by(results["second_pid"]):
                    results["second_waited_on_first"] = True
                    break
                threading.Event().wait(0.05)
        return result

    def second():
        first_wrote.wait(10)
        mine = Action.objects.get(pk=action.pk)
        results["second_pid"] = _backend_pid()
        second_started.set()
        return action_record_update(
            action=mine, by=manager, status="on_track", progress=90, note="second", expected_version=1
        )

    threads = [
        threading.Thread(target=_run, args=(first, results, "first")),
        threading.Thread(target=_run, args=(second, results, "second")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results.get("second_waited_on_first") is True, results  # blocked by the first writer's row lock
    assert isinstance(results["second"], ActionConflict), results
    assert results["second"].action.version == 2
    saved = Action.objects.get(pk=action.pk)
    assert (saved.status, saved.progress, saved.version) == ("at_risk", 20, 2)
    assert list(ProgressUpdate.objects.filter(action=action).values_list("note", flat=True)) == ["first"]
