"""Before `make test`: are PostgreSQL and Redis up? One clear line if not, exit 1."""

import os
import socket
import sys
from urllib.parse import urlparse

SERVICES = [
    (
        "PostgreSQL",
        os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tracker"),
        5432,
        "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    ),
    (
        "Redis",
        os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
        6379,
        'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    ),
]


def main() -> int:
    failed = False
    for name, url, default_port, how in SERVICES:
        parsed = urlparse(url)
        host, port = parsed.hostname or "127.0.0.1", parsed.port or default_port
        try:
            socket.create_connection((host, port), timeout=3).close()
        except OSError:
            print(f"{name} is not reachable at {host}:{port}; start it with: {how}", file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
