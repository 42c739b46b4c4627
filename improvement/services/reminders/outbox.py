"""Handing a batch's emails to the email backend one at a time, in two steps over SMTP.

Django's SMTP backend gives the server a message and waits for its answer in one call. Here the
two are apart: ``hand_over`` gives the server the whole message and returns at once, ``accepted``
reads its answer. Between the two the sender writes to the database while the server reads the
message (a local relay takes a couple of milliseconds over a digest of a hundred actions), rather
than one waiting for the other.

Only Django's own SMTP backend is driven in two steps, through ``smtplib``'s public commands, as
its ``send_messages`` would (the same envelope, the same bytes, SIZE when the server offers it).
Any other backend (the console, the test outbox, a subclass of the SMTP backend that does more)
sends the whole message in ``hand_over``, and ``accepted`` has nothing left to do.
"""

from __future__ import annotations

import re
import smtplib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

if TYPE_CHECKING:
    from django.core.mail import EmailMessage
    from django.core.mail.backends.base import BaseEmailBackend

_LINE_START_DOT = re.compile(rb"(?m)^\.")  # a line starting with "." gets a second one, as RFC 5321 4.5.2 asks


def _reset(smtp: smtplib.SMTP) -> None:
    """Abandon the message begun, so the connection can carry the next; a server already gone is no matter."""
    try:
        smtp.rset()
    except smtplib.SMTPServerDisconnected:
        pass


class Outbox:
    """One backend's connection, kept open by the caller (``with get_connection() as backend``)."""

    def __init__(self, backend: BaseEmailBackend) -> None:
        self.backend = backend
        self.smtp: smtplib.SMTP | None = backend.connection if type(backend) is SMTPBackend else None
        self.waiting = False  # the server has a whole message and its answer is still to be read
        self.senders: dict[tuple[str, str], str] = {}  # each From address as the envelope gives it, worked out once

    def hand_over(self, message: EmailMessage) -> None:
        """Give the server the whole message; raises if it refuses the sender, the recipients or the data."""
        if self.smtp is None:
            self.backend.send_messages([message])
            return
        smtp = self.smtp
        encoding = message.encoding or settings.DEFAULT_CHARSET
        sender = self.senders.get((message.from_email, encoding))
        if sender is None:
            sender = self.senders[message.from_email, encoding] = sanitize_address(message.from_email, encoding)
        recipients = [sanitize_address(address, encoding) for address in message.recipients()]
        data = message.message().as_bytes(linesep="\r\n")
        smtp.ehlo_or_helo_if_needed()
        options = [f"size={len(data)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
        code, reply = smtp.mail(sender, options)
        if code != 250:
            _reset(smtp)
            raise smtplib.SMTPSenderRefused(code, reply, sender)
        refused = {}
        for address in recipients:
            code, reply = smtp.rcpt(address)
            if code not in (250, 251):
                refused[address] = (code, reply)
        if len(refused) == len(recipients):
            _reset(smtp)
            raise smtplib.SMTPRecipientsRefused(refused)
        code, reply = smtp.docmd("data")
        if code != 354:
            _reset(smtp)
            raise smtplib.SMTPDataError(code, reply)
        data = _LINE_START_DOT.sub(b"..", data)
        smtp.send(data + (b".\r\n" if data.endswith(b"\r\n") else b"\r\n.\r\n"))
        self.waiting = True

    def accepted(self) -> None:
        """Wait for the server's answer to the message handed over; raises unless it took it."""
        if not self.waiting:
            return
        self.waiting = False
        code, reply = self.smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
