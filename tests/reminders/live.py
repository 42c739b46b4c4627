"""Real parts for the reminder tests: a Celery worker process, Redis, and an SMTP server on loopback.

Nothing here is a mock. Each run uses its own Redis database number and its own queue name,
so two test runs on one machine (or the rest of the suite) never take each other's tasks.
"""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import redis
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[2]
REDIS_HOST = "127.0.0.1:6379"
# A database number of its own (override with TEST_REMINDERS_REDIS_DB); the queue name is unique per run too.
REDIS_DB = int(os.environ.get("TEST_REMINDERS_REDIS_DB", "5"))
BROKER_URL = f"redis://{REDIS_HOST}/{REDIS_DB}"
QUEUE = f"reminders-test-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


# --------------------------------------------------------------------------- SMTP


@dataclass
class Received:
    to: tuple[str, ...]
    message_id: str
    subject: str
    at: float


@dataclass
class Mailbox:
    """What the SMTP server accepted. ``delay`` slows each DATA down (seconds)."""

    messages: list[Received] = field(default_factory=list)
    delay: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        parsed = email.message_from_bytes(envelope.content)
        with self.lock:
            self.messages.append(
                Received(
                    tuple(envelope.rcpt_tos),
                    parsed["Message-ID"],
                    parsed["Subject"],
                    time.monotonic(),
                )
            )
        return "250 Message accepted for delivery"

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.messages)

    def by_recipient(self) -> dict[str, list[Received]]:
        found: dict[str, list[Received]] = {}
        for m in self.snapshot():
            for to in m.to:
                found.setdefault(to, []).append(m)
        return found


class SMTPServer:
    """aiosmtpd on 127.0.0.1; ``stop()`` and ``start()`` again on the same port to simulate an outage."""

    def __init__(self):
        self.port = free_port()
        self.mailbox = Mailbox()
        self.controller = None

    def start(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def url(self):
        return f"smtp://127.0.0.1:{self.port}"


# --------------------------------------------------------------------------- broker


def flush_queue(queue: str = QUEUE):
    """Remove this run's queue (never the whole database: another run may be using it)."""
    client = redis.Redis.from_url(BROKER_URL)
    client.delete(queue)
    client.close()


@contextmanager
def broker(url: str = BROKER_URL, queue: str = QUEUE):
    """Point this process's Celery producer at ``url`` and route reminder tasks to ``queue``."""
    from tracker.celery import app

    # broker_write_url: the producer's URL (broker_url itself yields to the CELERY_BROKER_URL variable).
    saved = (app.conf.get("broker_write_url"), app.conf.task_routes)

    def reset():
        app._pool = None
        app.amqp._producer_pool = None
        app.amqp.__dict__.pop("router", None)
        app.amqp.flush_routes()

    app.conf.broker_write_url = url
    app.conf.task_routes = {"improvement.tasks.*": {"queue": queue}}
    reset()
    try:
        yield app
    finally:
        app.conf.broker_write_url, app.conf.task_routes = saved
        reset()


# --------------------------------------------------------------------------- worker


def database_url(settings_dict) -> str:
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


class Worker:
    """``celery -A tracker worker --pool=solo`` as a process of its own, on the test database."""

    def __init__(self, *, database_url: str, email_url: str, name: str = "w", queue: str = QUEUE):
        self.queue = queue
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CELERY_BROKER_URL": BROKER_URL,
            "EMAIL_URL": email_url,
            "EMAIL_TIMEOUT": "5",
            "CONN_MAX_AGE": "0",
            "LOG_LEVEL": "INFO",
        }
        self.env.pop("TEST_DB_NAME", None)
        self.name = f"{name}-{uuid.uuid4().hex[:6]}"
        self.proc = None
        self.log: list[str] = []
        self.ready = threading.Event()

    def start(self, timeout: float = 30):
        self.ready.clear()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tracker",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "-Q",
                self.queue,
                "-n",
                f"{self.name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._drain, args=(self.proc,), daemon=True).start()
        if not self.ready.wait(timeout):
            self.stop()
            raise AssertionError("worker did not start:\n" + "\n".join(self.log[-40:]))
        return self

    def _drain(self, proc):
        for line in proc.stdout:
            self.log.append(line.rstrip())
            if " ready." in line:
                self.ready.set()

    def kill(self):
        """SIGKILL: no cleanup, no acknowledgement; what a crash or an OOM kill looks like."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
