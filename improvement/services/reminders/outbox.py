"""Handing a batch's emails to the email backend one at a time, in two steps over SMTP.

Django's SMTP backend writes a message out, gives it to the server and waits for the server's
answer in one call. Here the steps are apart: ``prepare`` writes the message out (no network, no
database), ``begin`` says who it is from, ``hand_over`` reads the answer to that and gives the
server the recipient and the whole message, returning at once, and ``accepted`` reads the answer
to the message. Between the steps the sender gets on with its own work (claiming the digest while
the server takes in MAIL FROM; writing out the next digest and marking this one's reminders while
the server reads the message, which takes a local relay a couple of milliseconds over a digest of
a hundred actions) rather than one waiting for the other.

Only Django's own SMTP backend is driven in two steps, through ``smtplib``'s public commands, as
its ``send_messages`` would (the same envelope, the same bytes, SIZE when the server offers it).
Any other backend (the console, the test outbox, a subclass of the SMTP backend that does more)
sends the whole message in ``hand_over``; the other steps have nothing to do.
"""

from __future__ import annotations

import re
import secrets
import smtplib
import sys
from dataclasses import dataclass
from email.generator import NLCRE, BytesGenerator
from io import BytesIO
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address

if TYPE_CHECKING:
    from email.message import Message

    from django.core.mail.backends.base import BaseEmailBackend

_LINE_START_DOT = re.compile(rb"(?m)^\.")  # a line starting with "." gets a second one, as RFC 5321 4.5.2 asks


def _boundaries_choose(mime: Message) -> None:
    """Give each multipart of a message its MIME boundary, in the form Python's email package gives it
    (fifteen "=", nineteen digits, "=="), checked against the parts' text with a plain search.

    Left to itself the email package finds each boundary as it writes the message out, compiling a
    regular expression for each random boundary to search the written text with: over a digest of a
    hundred actions that took nearly as long as writing out the rest of the message.
    """
    payloads = [part.get_payload() for part in mime.walk() if not part.is_multipart()]
    texts = [payload for payload in payloads if isinstance(payload, str)]
    for part in mime.walk():
        if part.is_multipart() and part.get_boundary() is None:
            boundary = ""
            while not boundary or any(boundary in text for text in texts):
                boundary = f"{'=' * 15}{secrets.randbelow(sys.maxsize):019d}=="
            part.set_boundary(boundary)


class _WholeBodyGenerator(BytesGenerator):
    """The standard library's writer of a message as bytes, giving each body to the file in one piece.

    Its own ``_write_lines`` splits a body into lines and writes each line, then the line ending, one
    at a time: two writes per line, some two thousand for a digest of a hundred actions. Putting the
    line ending in place of each line break with one substitution writes the same bytes (the last
    piece, after the last break, is written as it is, as there), which ``tests/reminders/test_outbox.py``
    checks against ``as_bytes`` for every kind of body Django writes.
    """

    def _write_lines(self, lines: str) -> None:
        if "\r" not in lines:  # Django's bodies: line feeds only
            self.write(lines.replace("\n", self._NL))
        elif lines:
            self.write(NLCRE.sub(self._NL, lines))


def _as_bytes(mime: Message) -> bytes:
    """``mime.as_bytes(linesep="\r\n")`` as Django's message writes it (no "From " mangled), only faster."""
    out = BytesIO()
    _WholeBodyGenerator(out, mangle_from_=False).flatten(mime, unixfrom=False, linesep="\r\n")
    return out.getvalue()


def _reset(smtp: smtplib.SMTP) -> None:
    """Abandon the message begun, so the connection can carry the next; a server already gone is no matter."""
    try:
        smtp.rset()
    except smtplib.SMTPServerDisconnected:
        pass


@dataclass(frozen=True)
class Letter:
    """One email made ready for the server: over SMTP its envelope and its bytes, else the message alone."""

    message: EmailMessage
    sender: str = ""
    recipients: tuple[str, ...] = ()
    size: int = 0  # of the message as written out, before any dot is doubled (what SIZE= announces)
    data: bytes = b""  # what goes after DATA, dots doubled and the closing "." line added


class Outbox:
    """One backend's connection, kept open by the caller (``with get_connection() as backend``)."""

    def __init__(self, backend: BaseEmailBackend) -> None:
        self.backend = backend
        self.smtp: smtplib.SMTP | None = backend.connection if type(backend) is SMTPBackend else None
        self.letter: Letter | None = None  # the message begun and not yet handed over
        self.waiting = False  # the server has a whole message and its answer is still to be read
        self.senders: dict[tuple[str, str], str] = {}  # each From address as the envelope gives it, worked out once

    def prepare(self, message: EmailMessage) -> Letter:
        """Write the message out for the server (no network, no database: it can be done at any moment)."""
        if self.smtp is None:
            return Letter(message)
        encoding = message.encoding or settings.DEFAULT_CHARSET
        sender = self.senders.get((message.from_email, encoding))
        if sender is None:
            sender = self.senders[message.from_email, encoding] = sanitize_address(message.from_email, encoding)
        recipients = tuple(sanitize_address(address, encoding) for address in message.recipients())
        mime = message.message()
        _boundaries_choose(mime)
        data = _as_bytes(mime)
        stuffed = _LINE_START_DOT.sub(b"..", data) if data.startswith(b".") or b"\n." in data else data
        ending = b".\r\n" if stuffed.endswith(b"\r\n") else b"\r\n.\r\n"
        return Letter(message, sender, recipients, len(data), stuffed + ending)

    def begin(self, letter: Letter) -> None:
        """Start on the message: over SMTP, say who it is from (MAIL FROM) without waiting for the answer,
        which `hand_over` reads. The caller claims the digest in the meantime, or calls `abandon`."""
        self.letter = letter
        if self.smtp is None:
            return
        smtp = self.smtp
        smtp.ehlo_or_helo_if_needed()
        options = f" size={letter.size}" if smtp.does_esmtp and smtp.has_extn("size") else ""
        smtp.putcmd("mail", f"FROM:{smtplib.quoteaddr(letter.sender)}{options}")

    def abandon(self) -> None:
        """Drop the message begun (another copy of the task has its digest): the server forgets it."""
        self.letter = None
        if self.smtp is not None:
            self.smtp.getreply()  # the answer to MAIL FROM, whatever it was
            _reset(self.smtp)

    def hand_over(self) -> None:
        """Give the server the whole message begun; raises if it refuses the sender, the recipients or the data."""
        letter, self.letter = self.letter, None
        if self.smtp is None:
            self.backend.send_messages([letter.message])
            return
        smtp = self.smtp
        code, reply = smtp.getreply()
        if code != 250:
            _reset(smtp)
            raise smtplib.SMTPSenderRefused(code, reply, letter.sender)
        refused = {}
        for address in letter.recipients:
            code, reply = smtp.rcpt(address)
            if code not in (250, 251):
                refused[address] = (code, reply)
        if len(refused) == len(letter.recipients):
            _reset(smtp)
            raise smtplib.SMTPRecipientsRefused(refused)
        code, reply = smtp.docmd("data")
        if code != 354:
            _reset(smtp)
            raise smtplib.SMTPDataError(code, reply)
        smtp.send(letter.data)
        self.waiting = True

    def accepted(self) -> None:
        """Wait for the server's answer to the message handed over; raises unless it took it."""
        if not self.waiting:
            return
        self.waiting = False
        code, reply = self.smtp.getreply()
        if code != 250:
            raise smtplib.SMTPDataError(code, reply)
