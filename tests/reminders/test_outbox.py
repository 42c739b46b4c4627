"""The two-step SMTP handover: the server gets what Django's SMTP backend would give it, and a message
it refuses at the end of DATA leaves its digest queued with nothing marked sent."""

import re
import smtplib

import pytest
from django.core.mail import EmailMultiAlternatives, get_connection
from django.test import override_settings

from improvement.models import Digest, Reminder
from improvement.services.reminders import digests_send, reminders_sweep
from improvement.services.reminders.outbox import Outbox, _as_bytes
from tests.factories import ActionFactory, AuthorityFactory, OwnerFactory
from tests.reminders.conftest import DUE, ensure_role_groups
from tests.reminders.live import SMTPServer


class RecordingServer(SMTPServer):
    """The test SMTP server, keeping each envelope as it arrived; ``refuse`` answers DATA with a 554."""

    refuse = False

    def start(self):
        self.envelopes = []

        async def handle_data(server, session, envelope):
            if self.refuse:
                return "554 Message refused"
            self.envelopes.append(
                (envelope.mail_from, list(envelope.mail_options), list(envelope.rcpt_tos), envelope.original_content)
            )
            return "250 OK"

        self.mailbox.handle_DATA = handle_data
        return super().start()


@pytest.fixture
def smtp():
    server = RecordingServer().start()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=server.port,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    ):
        yield server
    server.stop()


def message():
    text = "Dear Sam,\n\n.A line that starts with a full stop\n- Review the front door – by June\n"
    email = EmailMultiAlternatives(
        subject="Improvement plan: 2 actions need your attention – Northshire",
        body=text,
        from_email="Improvement tracker <tracker@example.gov.uk>",
        to=["Sam Patel <sam@example.gov.uk>"],
        headers={"Message-ID": "<1.reminders@example.gov.uk>", "Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative("<p>.Review the front door &ndash; by June</p>\n" * 3, "text/html")
    return email


def unvarying(data: bytes) -> bytes:
    """The message without what differs from one build to the next: its Date and its MIME boundary."""
    data = re.sub(rb"(?m)^Date: .*\r\n", b"", data)
    boundary = re.search(rb'boundary="([^"]+)"', data).group(1)
    return data.replace(boundary, b"BOUNDARY")


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Dear Sam,\n\nThree lines\nand a last one without a line feed", None),
        ("Windows line ends\r\nand an old Mac one\rand a line feed\n", "<p>x</p>\r\n"),
        ("Café – naïve, 11 June 2019\n" * 50, "<p>Café &ndash; naïve</p>\n"),
        ("x" * 1200 + "\nA line too long for SMTP is quoted-printable\n", "<p>" + "y" * 2000 + "</p>"),
        ("From the start of a line\n.and a full stop\n", ""),
        ("", None),
    ],
    ids=["line-feeds", "mixed-line-ends", "not-ascii", "too-long-lines", "from-and-dot", "empty"],
)
def test_a_message_is_written_out_as_the_email_package_writes_it(text, html):
    """The outbox writes each body in one piece rather than line by line: the bytes are the same."""
    email = EmailMultiAlternatives(
        subject="Résumé of 2 actions", body=text, from_email="a@example.gov.uk", to=["b@x.uk"]
    )
    if html is not None:
        email.attach_alternative(html, "text/html")
    mime = email.message()
    assert _as_bytes(mime) == mime.as_bytes(linesep="\r\n")


def test_the_server_gets_the_envelope_and_bytes_of_djangos_smtp_backend(smtp):
    with get_connection() as backend:
        backend.send_messages([message()])
    with get_connection() as backend:
        outbox = Outbox(backend)
        assert outbox.smtp is not None  # the two-step path, not a plain send
        outbox.begin(outbox.prepare(message()))
        outbox.hand_over()
        outbox.accepted()
    (django_from, django_options, django_to, django_data), (ours_from, ours_options, ours_to, ours_data) = (
        smtp.envelopes
    )
    assert (ours_from, ours_options, ours_to) == (django_from, django_options, django_to)
    assert [o.split("=")[0] for o in ours_options] == ["SIZE"]
    assert b"\r\n.A line that starts" in ours_data  # stuffed with a second dot on the way, one on arrival
    assert unvarying(ours_data) == unvarying(django_data)


def test_a_message_refused_at_the_end_of_data_leaves_its_digest_queued_and_nothing_marked(smtp, db):
    ensure_role_groups()
    authority = AuthorityFactory(name="Refusedshire")
    for i in range(2):
        owner = OwnerFactory(authority=authority, role_title=f"Head {i}", email=f"o{i}@refused.example")
        ActionFactory(authority=authority, owner=owner, title=f"Action {i}", due_date=DUE)
    ids = reminders_sweep(today=DUE).digest_ids
    smtp.refuse = True
    with pytest.raises(smtplib.SMTPDataError):
        digests_send(digest_ids=ids)
    first = Digest.objects.get(pk=min(ids))
    assert first.state == Digest.State.QUEUED and "554" in first.last_error
    assert set(Reminder.objects.values_list("state", flat=True)) == {Reminder.State.QUEUED}
    assert set(Reminder.objects.values_list("message_id", flat=True)) == {""}
    smtp.refuse = False
    assert digests_send(digest_ids=ids) == 2  # the next try sends both
    assert set(Reminder.objects.values_list("state", flat=True)) == {Reminder.State.SENT}


def test_a_digest_claimed_elsewhere_meanwhile_is_dropped_and_the_batch_goes_on(smtp, db, monkeypatch):
    """MAIL FROM is already with the server when the claim finds the digest taken by another copy of the
    task: that email is abandoned (RSET), and the next ones go over the same connection."""
    from improvement.services.reminders import digests

    ensure_role_groups()
    authority = AuthorityFactory(name="Raceshire")
    for i in range(3):
        owner = OwnerFactory(authority=authority, role_title=f"Head {i}", email=f"o{i}@race.example")
        ActionFactory(authority=authority, owner=owner, title=f"Action {i}", due_date=DUE)
    ids = sorted(reminders_sweep(today=DUE).digest_ids)
    taken = Digest.objects.get(pk=ids[1])
    claim = digests._digest_claim

    def claimed_elsewhere(*, digest_id, now):
        if digest_id == taken.pk:  # as if the other copy had sent it after this batch read its digests
            Digest.objects.filter(pk=digest_id).update(state=Digest.State.SENT)
            return False
        return claim(digest_id=digest_id, now=now)

    monkeypatch.setattr(digests, "_digest_claim", claimed_elsewhere)
    assert digests_send(digest_ids=ids) == 2
    assert sorted(to for _, _, (to,), _ in smtp.envelopes) == sorted(
        Digest.objects.exclude(pk=taken.pk).values_list("to_email", flat=True)
    )
    assert not Reminder.objects.filter(digests=taken, state=Reminder.State.SENT).exists()
